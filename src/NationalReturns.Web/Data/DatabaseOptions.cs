using System.ComponentModel.DataAnnotations;

namespace NationalReturns.Web.Data;

/// <summary>The database: where it is (<c>ConnectionStrings:Default</c>) and whether start-up prepares it (<c>Database:*</c>).</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Database";

    /// <summary>The connection string's name under <c>ConnectionStrings</c>.</summary>
    public const string ConnectionName = "Default";

    /// <summary>Apply migrations and load reference data at start-up; off where a DBA applies <c>db/schema.sql</c>.</summary>
    public bool PrepareOnStartup { get; set; } = true;

    /// <summary>Npgsql connection string, from <c>ConnectionStrings:Default</c> (not this section).</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Bound here so the builder can use it before the container exists (Quartz's store, the DbContext).</summary>
    public static DatabaseOptions From(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<DatabaseOptions>() ?? new();
        AddConnectionString(options, configuration);
        return options;
    }

    public static void AddConnectionString(DatabaseOptions options, IConfiguration configuration) =>
        options.ConnectionString = configuration.GetConnectionString(ConnectionName);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new("No database is configured. Set ConnectionStrings__Default (see README.md), or start the service with .dev/run, which starts a local PostgreSQL.",
                [nameof(ConnectionString)]);
        }
    }
}

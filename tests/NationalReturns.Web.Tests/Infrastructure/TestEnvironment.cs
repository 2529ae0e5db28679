using Npgsql;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>Where the tests find their PostgreSQL server and the repository's files.</summary>
public static class TestEnvironment
{
    /// <summary>
    /// A connection string for the server (no database): .dev/test sets it to a throwaway cluster,
    /// or to the server NR_TEST_PG names.
    /// </summary>
    public static string ConnectionStringFor(string database)
    {
        var server = Environment.GetEnvironmentVariable("NR_TEST_PG");
        if (string.IsNullOrWhiteSpace(server))
        {
            throw new InvalidOperationException(
                "NR_TEST_PG is not set. Run the tests with .dev/test, which starts a throwaway PostgreSQL, " +
                "or set NR_TEST_PG to a server connection string such as Host=127.0.0.1;Port=5432;Username=postgres.");
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = database, IncludeErrorDetail = true }.ConnectionString;
    }

    /// <summary>Runs a statement on the server's maintenance database: making and dropping the tests' own databases.</summary>
    public static async Task ExecuteOnServerAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Drops a database a test made for itself, whatever is still connected to it (pooled connections included).</summary>
    public static Task DropDatabaseAsync(string database)
    {
        NpgsqlConnection.ClearAllPools();
        return ExecuteOnServerAsync($"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    }

    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    public static string PathInRepository(params string[] parts) => Path.Combine([RepositoryRoot, .. parts]);

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "NationalReturns.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find NationalReturns.sln above the test binaries.");
    }
}

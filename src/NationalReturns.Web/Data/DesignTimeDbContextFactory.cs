using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace NationalReturns.Web.Data;

/// <summary>
/// Lets `dotnet ef migrations add` build the model without starting the app or reaching a server.
/// `dotnet ef database update` and `migrations script` honour ConnectionStrings__Default when set.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<NationalReturnsDbContext>
{
    public NationalReturnsDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Default") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Database=national_returns;Username=postgres";
        var options = new DbContextOptionsBuilder<NationalReturnsDbContext>()
            .UseNpgsql(connectionString)
            .UseSnakeCaseNamingConvention()
            .Options;
        return new NationalReturnsDbContext(options);
    }
}

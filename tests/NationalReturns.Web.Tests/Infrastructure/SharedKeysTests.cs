using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Web.Data;
using NationalReturns.Web.Infrastructure;
using Npgsql;

namespace NationalReturns.Web.Tests.Infrastructure;

/// <summary>The key ring's first key, made once however many instances start together on a new database.</summary>
public sealed class SharedKeysTests : IAsyncLifetime
{
    private readonly string _database = $"nr_keys_{Guid.NewGuid():N}";

    private string ConnectionString => TestEnvironment.ConnectionStringFor(_database);

    /// <summary>What one instance's start-up uses of data protection: the app's own registration, nothing else.</summary>
    private ServiceProvider InstanceServices()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<NationalReturnsDbContext>(o => o.UseNpgsql(ConnectionString).UseSnakeCaseNamingConvention());
        services.AddDataProtection().SetApplicationName(SharedKeys.ApplicationName).PersistKeysToDbContext<NationalReturnsDbContext>();
        return services.BuildServiceProvider();
    }

    public async Task InitializeAsync()
    {
        await TestEnvironment.ExecuteOnServerAsync($"CREATE DATABASE {_database}");
        await using var services = InstanceServices();
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>().Database.MigrateAsync();
    }

    public Task DisposeAsync() => TestEnvironment.DropDatabaseAsync(_database);

    [Fact]
    public async Task LoadKeyRing_FourInstancesAtOnceOnANewDatabase_MakeOneKeyTheyAllSealWith()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => InstanceServices()).ToList();
        try
        {
            await Task.WhenAll(instances.Select(i => Task.Run(async () =>
            {
                await using var scope = i.CreateAsyncScope();
                await SharedKeys.LoadKeyRingAsync(scope.ServiceProvider, scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>(), CancellationToken.None);
            })));

            // Each instance seals with its ring's default key; every one must be able to open what every other sealed.
            var sealedByEach = instances.Select(i => i.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect([42])).ToList();
            var keys = await CountKeysAsync();

            Assert.Equal(1, keys);
            Assert.All(instances, i => Assert.All(sealedByEach, s => Assert.Equal([42], i.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(s))));
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }

    private async Task<int> CountKeysAsync()
    {
        await using var services = InstanceServices();
        await using var scope = services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<NationalReturnsDbContext>().DataProtectionKeys.CountAsync();
    }
}

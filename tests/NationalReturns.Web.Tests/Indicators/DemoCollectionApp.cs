using Microsoft.Extensions.DependencyInjection;
using NationalReturns.Domain.Periods;
using NationalReturns.Web.Features.Returns;
using NationalReturns.Web.Tests.Infrastructure;

namespace NationalReturns.Web.Tests.Indicators;

/// <summary>
/// The app over a database of its own holding the demo collection: every authority's return for
/// 2022-23 Q1 to 2025-26 Q1, made as .xlsx and put through the real upload path and workflow, the last
/// quarter left in progress, and three years of self-assessments. Seeded once for the tests that read it; a database already seeded is reused.
/// </summary>
public sealed class DemoCollectionApp() : WebApp("nr_demo_collection_tests")
{
    public static readonly ReturnPeriod Last = new(2025, 1);

    public SeedDemoQuarters.Outcome Seeded { get; private set; } = null!;

    public Features.SelfAssessments.SeedDemoAssessments.Outcome Assessments { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var scope = Services.CreateAsyncScope();
        // Family rows are not what these tests check, and a fixed small number keeps seeding quick.
        Seeded = await scope.ServiceProvider.GetRequiredService<SeedDemoQuarters.Handler>()
            .HandleAsync(new SeedDemoQuarters.Command(SeedDemoQuarters.First, Last, FamilyRows: 25), CancellationToken.None);
        Assessments = await scope.ServiceProvider.GetRequiredService<Features.SelfAssessments.SeedDemoAssessments.Handler>().HandleAsync(CancellationToken.None);
    }
}

/// <summary>
/// Runs on its own, after the other collections: seeding two thousand returns takes both cores for a
/// minute or more, which would otherwise slow other tests' browser pages past their timeouts.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DemoQuarters : ICollectionFixture<DemoCollectionApp>
{
    public const string Name = "demo collection";
}

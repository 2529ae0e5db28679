using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace NationalReturns.Web.Data;

public class NationalReturnsDbContext(DbContextOptions<NationalReturnsDbContext> options) : IdentityDbContext<UserAccount>(options), IDataProtectionKeyContext
{
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<LocalAuthority> LocalAuthorities => Set<LocalAuthority>();
    public DbSet<AuthoritySuccession> AuthoritySuccessions => Set<AuthoritySuccession>();
    public DbSet<StatisticalNeighbour> StatisticalNeighbours => Set<StatisticalNeighbour>();
    public DbSet<PopulationEstimate> PopulationEstimates => Set<PopulationEstimate>();
    public DbSet<HouseholdEstimate> HouseholdEstimates => Set<HouseholdEstimate>();
    public DbSet<LowerTierAuthority> LowerTierAuthorities => Set<LowerTierAuthority>();
    public DbSet<ReferenceDataImport> ReferenceDataImports => Set<ReferenceDataImport>();
    public DbSet<AuthorityReturn> AuthorityReturns => Set<AuthorityReturn>();
    public DbSet<UploadedFile> UploadedFiles => Set<UploadedFile>();
    public DbSet<ReturnVersion> ReturnVersions => Set<ReturnVersion>();
    public DbSet<ReturnIssueRecord> ReturnIssues => Set<ReturnIssueRecord>();
    public DbSet<QueryExplanation> QueryExplanations => Set<QueryExplanation>();
    public DbSet<MarkedWorkbookRecord> MarkedWorkbooks => Set<MarkedWorkbookRecord>();
    public DbSet<VersionRow> VersionRows => Set<VersionRow>();
    public DbSet<ReturnReminder> ReturnReminders => Set<ReturnReminder>();
    public DbSet<SignInSession> SignInSessions => Set<SignInSession>();
    public DbSet<ReturnTransition> ReturnTransitions => Set<ReturnTransition>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<CollectionWindowSetting> CollectionWindowSettings => Set<CollectionWindowSetting>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();
    public DbSet<IndicatorValueRecord> IndicatorValues => Set<IndicatorValueRecord>();
    public DbSet<SavedComparisonGroup> SavedComparisonGroups => Set<SavedComparisonGroup>();
    public DbSet<StoredPack> StoredPacks => Set<StoredPack>();
    public DbSet<FrameworkVersion> FrameworkVersions => Set<FrameworkVersion>();
    public DbSet<SelfAssessmentRecord> SelfAssessments => Set<SelfAssessmentRecord>();
    public DbSet<SelfAssessmentRating> SelfAssessmentRatings => Set<SelfAssessmentRating>();

    /// <summary>The data protection key ring every instance shares (<see cref="Infrastructure.SharedKeys"/>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Tables a test reset must keep: loaded once from db/reference-data, read by everything.</summary>
    public static readonly string[] ReferenceTables =
    [
        "regions", "local_authorities", "authority_successions", "statistical_neighbours",
        "population_estimates", "household_estimates", "lower_tier_authorities", "reference_data_imports", "framework_versions",
    ];

    /// <summary>
    /// The data protection key ring: a test reset must keep it. The running app holds the ring in memory, so emptying
    /// the table under it changes nothing there, but the next instance started on the database would make a new key
    /// and refuse every cookie and token the running one issued, which is what the key table exists to prevent.
    /// </summary>
    public const string KeyTable = "data_protection_keys";

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(NationalReturnsDbContext).Assembly);
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NationalReturns.Web.Data.Configurations;

internal sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.HasKey(r => r.Code);
        builder.Property(r => r.Code).HasMaxLength(9);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.ParentCode).HasMaxLength(9);
        builder.HasOne<Region>().WithMany().HasForeignKey(r => r.ParentCode);
    }
}

internal sealed class LocalAuthorityConfiguration : IEntityTypeConfiguration<LocalAuthority>
{
    public void Configure(EntityTypeBuilder<LocalAuthority> builder)
    {
        builder.HasKey(a => a.OnsCode);
        builder.Property(a => a.OnsCode).HasMaxLength(9);
        builder.Property(a => a.DfeCode).HasMaxLength(3).IsFixedLength();
        builder.Property(a => a.Name).HasMaxLength(100);
        builder.Property(a => a.Type).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(a => a.Region).WithMany().HasForeignKey(a => a.RegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.SubRegion).WithMany().HasForeignKey(a => a.SubRegionCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Neighbours).WithOne().HasForeignKey(n => n.AuthorityCode);
        builder.Ignore(a => a.IsCurrent);

        // A DfE code names one authority at a time; the recoded ones share it across history.
        builder.HasIndex(a => a.DfeCode).IsUnique().HasFilter("valid_to IS NULL");
    }
}

internal sealed class AuthoritySuccessionConfiguration : IEntityTypeConfiguration<AuthoritySuccession>
{
    public void Configure(EntityTypeBuilder<AuthoritySuccession> builder)
    {
        builder.HasKey(s => new { s.PredecessorCode, s.SuccessorCode });
        builder.Property(s => s.Change).HasMaxLength(100);
        builder.HasOne(s => s.Predecessor).WithMany().HasForeignKey(s => s.PredecessorCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Successor).WithMany().HasForeignKey(s => s.SuccessorCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class StatisticalNeighbourConfiguration : IEntityTypeConfiguration<StatisticalNeighbour>
{
    public void Configure(EntityTypeBuilder<StatisticalNeighbour> builder)
    {
        builder.HasKey(n => new { n.AuthorityCode, n.Rank });
        builder.HasIndex(n => new { n.AuthorityCode, n.NeighbourCode }).IsUnique();
        builder.HasOne(n => n.Neighbour).WithMany().HasForeignKey(n => n.NeighbourCode).OnDelete(DeleteBehavior.Restrict);
        builder.Property(n => n.Closeness).HasConversion<string>().HasMaxLength(20);
        builder.ToTable(t => t.HasCheckConstraint("ck_statistical_neighbour_rank", "rank BETWEEN 1 AND 10"));
    }
}

internal sealed class PopulationEstimateConfiguration : IEntityTypeConfiguration<PopulationEstimate>
{
    public void Configure(EntityTypeBuilder<PopulationEstimate> builder)
    {
        builder.HasKey(p => new { p.AuthorityCode, p.MidYear, p.AgeBand, p.Series });
        builder.Property(p => p.AgeBand).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Series).HasConversion<string>().HasMaxLength(20);
        builder.Property(p => p.Source).HasMaxLength(500);
        builder.HasOne<LocalAuthority>().WithMany().HasForeignKey(p => p.AuthorityCode);
        builder.ToTable(t => t.HasCheckConstraint("ck_population_estimate_population", "population >= 0"));
    }
}

internal sealed class HouseholdEstimateConfiguration : IEntityTypeConfiguration<HouseholdEstimate>
{
    public void Configure(EntityTypeBuilder<HouseholdEstimate> builder)
    {
        builder.HasKey(h => new { h.AuthorityCode, h.Year, h.Basis });
        builder.Property(h => h.Basis).HasConversion<string>().HasMaxLength(30);
        builder.Property(h => h.Source).HasMaxLength(500);
        builder.HasOne<LocalAuthority>().WithMany().HasForeignKey(h => h.AuthorityCode);
        builder.ToTable(t => t.HasCheckConstraint("ck_household_estimate_households", "households >= 0"));
    }
}

internal sealed class LowerTierAuthorityConfiguration : IEntityTypeConfiguration<LowerTierAuthority>
{
    public void Configure(EntityTypeBuilder<LowerTierAuthority> builder)
    {
        builder.HasKey(l => l.OnsCode);
        builder.Property(l => l.OnsCode).HasMaxLength(9);
        builder.Property(l => l.Name).HasMaxLength(100);
        builder.HasOne(l => l.UpperTier).WithMany().HasForeignKey(l => l.UpperTierCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReferenceDataImportConfiguration : IEntityTypeConfiguration<ReferenceDataImport>
{
    public void Configure(EntityTypeBuilder<ReferenceDataImport> builder)
    {
        builder.Property(i => i.ContentHash).HasMaxLength(64);
        builder.Property(i => i.Summary).HasMaxLength(1000);
    }
}

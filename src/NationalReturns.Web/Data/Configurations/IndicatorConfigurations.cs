using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NationalReturns.Web.Data.Configurations;

internal sealed class IndicatorValueRecordConfiguration : IEntityTypeConfiguration<IndicatorValueRecord>
{
    public void Configure(EntityTypeBuilder<IndicatorValueRecord> builder)
    {
        builder.ToTable("indicator_values");
        builder.HasKey(v => new { v.IndicatorId, v.Level, v.AreaCode, v.Period });
        builder.Property(v => v.IndicatorId).HasMaxLength(20);
        builder.Property(v => v.Level).HasConversion<string>().HasMaxLength(10);
        builder.Property(v => v.AreaCode).HasMaxLength(9);
        builder.Property(v => v.Period).HasMaxLength(10);
        builder.Property(v => v.Symbol).HasConversion<string>().HasMaxLength(15);
        builder.Property(v => v.ComparedWithEngland).HasConversion<string>().HasMaxLength(15);
        builder.Property(v => v.ComparedWithRegion).HasConversion<string>().HasMaxLength(15);
        builder.Property(v => v.ChangeSincePreviousSignificance).HasConversion<string>().HasMaxLength(15);
        builder.Property(v => v.ChangeSinceYearEarlierSignificance).HasConversion<string>().HasMaxLength(15);
        builder.Property(v => v.Trend).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.TrendReason).HasMaxLength(200);

        // The pages read one indicator for one period at a level, or one area across periods.
        builder.HasIndex(v => new { v.IndicatorId, v.Period, v.Level });
        builder.HasIndex(v => new { v.AreaCode, v.PeriodStart });
        builder.HasIndex(v => v.PeriodStart);
    }
}

internal sealed class SavedComparisonGroupConfiguration : IEntityTypeConfiguration<SavedComparisonGroup>
{
    public void Configure(EntityTypeBuilder<SavedComparisonGroup> builder)
    {
        builder.ToTable("saved_comparison_groups");
        builder.Property(g => g.UserId).HasMaxLength(450);
        builder.Property(g => g.Name).HasMaxLength(Features.ComparisonGroups.SaveComparisonGroup.LongestName);
        builder.HasIndex(g => new { g.UserId, g.Name }).IsUnique();
        builder.HasOne<UserAccount>().WithMany().HasForeignKey(g => g.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StoredPackConfiguration : IEntityTypeConfiguration<StoredPack>
{
    public void Configure(EntityTypeBuilder<StoredPack> builder)
    {
        builder.ToTable("stored_packs");
        builder.Property(p => p.Kind).HasMaxLength(12);
        builder.Property(p => p.Code).HasMaxLength(9);
        builder.Property(p => p.Period).HasMaxLength(10);
        builder.Property(p => p.Source).HasMaxLength(200);
        builder.HasIndex(p => new { p.Kind, p.Code, p.Period }).IsUnique();
    }
}

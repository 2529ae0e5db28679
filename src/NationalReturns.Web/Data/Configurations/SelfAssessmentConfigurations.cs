using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NationalReturns.Web.Data.Configurations;

internal sealed class FrameworkVersionConfiguration : IEntityTypeConfiguration<FrameworkVersion>
{
    public void Configure(EntityTypeBuilder<FrameworkVersion> builder)
    {
        builder.ToTable("framework_versions");
        builder.Property(f => f.Code).HasMaxLength(Domain.SelfAssessments.FrameworkDefinition.MaxCode);
        builder.Property(f => f.Name).HasMaxLength(Domain.SelfAssessments.FrameworkDefinition.MaxName);
        builder.Property(f => f.ContentHash).HasMaxLength(64);
        builder.Property(f => f.PublishedBy).HasMaxLength(256);
        builder.HasIndex(f => new { f.Code, f.Version }).IsUnique();
    }
}

internal sealed class SelfAssessmentConfiguration : IEntityTypeConfiguration<SelfAssessmentRecord>
{
    public void Configure(EntityTypeBuilder<SelfAssessmentRecord> builder)
    {
        builder.ToTable("self_assessments");
        builder.Property(a => a.AuthorityCode).HasMaxLength(9);
        builder.Property(a => a.FrameworkCode).HasMaxLength(Domain.SelfAssessments.FrameworkDefinition.MaxCode);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(12);
        builder.Property(a => a.StartedBy).HasMaxLength(256);
        builder.Property(a => a.SubmittedBy).HasMaxLength(256);
        builder.Property(a => a.SignedOffBy).HasMaxLength(256);
        builder.Property(a => a.ModeratedBy).HasMaxLength(256);
        builder.Property(a => a.RowVersion).IsRowVersion();

        // One assessment per authority per framework per year.
        builder.HasIndex(a => new { a.AuthorityCode, a.FrameworkCode, a.Year }).IsUnique();
        builder.HasIndex(a => new { a.FrameworkCode, a.Year, a.Status });
        builder.HasOne<LocalAuthority>().WithMany().HasForeignKey(a => a.AuthorityCode).HasPrincipalKey(a => a.OnsCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.FrameworkVersion).WithMany().HasForeignKey(a => a.FrameworkVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Ratings).WithOne().HasForeignKey(r => r.AssessmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SelfAssessmentRatingConfiguration : IEntityTypeConfiguration<SelfAssessmentRating>
{
    public void Configure(EntityTypeBuilder<SelfAssessmentRating> builder)
    {
        builder.ToTable("self_assessment_ratings");
        builder.Property(r => r.DescriptorCode).HasMaxLength(Domain.SelfAssessments.FrameworkDefinition.MaxCode);
        builder.Property(r => r.Evidence).HasMaxLength(Domain.SelfAssessments.AnswerRules.MaxText);
        builder.Property(r => r.PlannedActions).HasMaxLength(Domain.SelfAssessments.AnswerRules.MaxText);
        builder.Property(r => r.ModerationReason).HasMaxLength(Domain.SelfAssessments.AnswerRules.MaxText);
        builder.HasIndex(r => new { r.AssessmentId, r.DescriptorCode }).IsUnique();
    }
}

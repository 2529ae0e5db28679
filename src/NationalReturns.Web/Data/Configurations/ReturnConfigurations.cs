using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NationalReturns.Web.Data.Configurations;

internal sealed class AuthorityReturnConfiguration : IEntityTypeConfiguration<AuthorityReturn>
{
    public void Configure(EntityTypeBuilder<AuthorityReturn> builder)
    {
        builder.Property(r => r.AuthorityCode).HasMaxLength(9);
        builder.Property(r => r.Period).HasMaxLength(10);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasOne(r => r.Authority).WithMany().HasForeignKey(r => r.AuthorityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => new { r.AuthorityCode, r.Period }).IsUnique();
        builder.HasIndex(r => r.Period);
        builder.HasMany(r => r.Versions).WithOne(v => v.AuthorityReturn).HasForeignKey(v => v.AuthorityReturnId);
        builder.HasMany(r => r.Transitions).WithOne().HasForeignKey(t => t.AuthorityReturnId);
        builder.HasOne<ReturnVersion>().WithMany().HasForeignKey(r => r.PublishedVersionId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReturnTransitionConfiguration : IEntityTypeConfiguration<ReturnTransition>
{
    public void Configure(EntityTypeBuilder<ReturnTransition> builder)
    {
        builder.Property(t => t.Action).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.From).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.To).HasConversion<string>().HasMaxLength(20);
        builder.Property(t => t.Comment).HasMaxLength(4000);
        builder.Property(t => t.By).HasMaxLength(256);
        builder.HasIndex(t => new { t.AuthorityReturnId, t.At });
    }
}

internal sealed class UploadedFileConfiguration : IEntityTypeConfiguration<UploadedFile>
{
    public void Configure(EntityTypeBuilder<UploadedFile> builder)
    {
        builder.Property(f => f.FileName).HasMaxLength(260);
        builder.Property(f => f.ContentType).HasMaxLength(200);
        builder.Property(f => f.Sha256).HasMaxLength(64).IsFixedLength();
        builder.Property(f => f.UploadedBy).HasMaxLength(256);
        builder.Property(f => f.UploadedFrom).HasMaxLength(64);
        builder.Property(f => f.AuthorityCode).HasMaxLength(9);
        builder.Property(f => f.Period).HasMaxLength(10);
        builder.Property(f => f.RejectionKind).HasMaxLength(40);
        builder.HasIndex(f => new { f.AuthorityCode, f.Period });
    }
}

internal sealed class ReturnVersionConfiguration : IEntityTypeConfiguration<ReturnVersion>
{
    public void Configure(EntityTypeBuilder<ReturnVersion> builder)
    {
        builder.HasIndex(v => new { v.AuthorityReturnId, v.Number }).IsUnique();
        builder.HasOne(v => v.UploadedFile).WithMany().HasForeignKey(v => v.UploadedFileId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(v => v.Outcome).HasConversion<string>().HasMaxLength(20);
        builder.Property(v => v.TemplateVersion).HasMaxLength(20);
        builder.Property(v => v.RejectionKind).HasMaxLength(40);
        builder.Property(v => v.CreatedBy).HasMaxLength(256);
        builder.Property(v => v.Figures).HasColumnType("jsonb");
        builder.Property(v => v.FormValues).HasColumnType("jsonb").HasDefaultValueSql("'{}'::jsonb");
        builder.HasMany(v => v.Issues).WithOne().HasForeignKey(i => i.ReturnVersionId);
        builder.HasMany(v => v.Explanations).WithOne().HasForeignKey(e => e.ReturnVersionId);
    }
}

internal sealed class ReturnIssueRecordConfiguration : IEntityTypeConfiguration<ReturnIssueRecord>
{
    public void Configure(EntityTypeBuilder<ReturnIssueRecord> builder)
    {
        builder.ToTable("return_issues");
        builder.Property(i => i.Code).HasMaxLength(20);
        builder.Property(i => i.Severity).HasConversion<string>().HasMaxLength(10);
        builder.Property(i => i.Sheet).HasMaxLength(40);
        // A condensed issue covers a range: two references and a colon.
        builder.Property(i => i.Cell).HasMaxLength(24);
        builder.Property(i => i.Count).HasDefaultValue(1);
        builder.HasIndex(i => new { i.ReturnVersionId, i.Sequence }).IsUnique();
    }
}

internal sealed class MarkedWorkbookRecordConfiguration : IEntityTypeConfiguration<MarkedWorkbookRecord>
{
    public void Configure(EntityTypeBuilder<MarkedWorkbookRecord> builder)
    {
        builder.ToTable("marked_workbooks");
        builder.HasKey(m => m.ReturnVersionId);
        builder.HasOne<ReturnVersion>().WithOne().HasForeignKey<MarkedWorkbookRecord>(m => m.ReturnVersionId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(m => m.Failure).HasMaxLength(2000);
    }
}

internal sealed class QueryExplanationConfiguration : IEntityTypeConfiguration<QueryExplanation>
{
    public void Configure(EntityTypeBuilder<QueryExplanation> builder)
    {
        builder.Property(e => e.RuleCode).HasMaxLength(20);
        builder.Property(e => e.Text).HasMaxLength(4000);
        builder.Property(e => e.ExplainedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.ReturnVersionId, e.RuleCode }).IsUnique();
    }
}

internal sealed class CollectionWindowSettingConfiguration : IEntityTypeConfiguration<CollectionWindowSetting>
{
    public void Configure(EntityTypeBuilder<CollectionWindowSetting> builder)
    {
        builder.ToTable("collection_windows");
        builder.HasKey(w => w.Period);
        builder.Property(w => w.Period).HasMaxLength(10);
        builder.Property(w => w.ChangedBy).HasMaxLength(256);
    }
}

internal sealed class VersionRowConfiguration : IEntityTypeConfiguration<VersionRow>
{
    public void Configure(EntityTypeBuilder<VersionRow> builder)
    {
        builder.ToTable("version_rows");
        builder.HasKey(r => new { r.ReturnVersionId, r.Sheet, r.RowNumber });
        builder.Property(r => r.Sheet).HasMaxLength(40);
        builder.HasOne<ReturnVersion>().WithMany().HasForeignKey(r => r.ReturnVersionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReturnReminderConfiguration : IEntityTypeConfiguration<ReturnReminder>
{
    public void Configure(EntityTypeBuilder<ReturnReminder> builder)
    {
        builder.ToTable("return_reminders");
        builder.Property(r => r.AuthorityCode).HasMaxLength(9);
        builder.Property(r => r.Period).HasMaxLength(10);
        builder.Property(r => r.SentBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.Period, r.AuthorityCode, r.SentAt });
    }
}

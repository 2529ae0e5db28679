using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NationalReturns.Web.Data.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.Property(e => e.Actor).HasMaxLength(256);
        builder.Property(e => e.Action).HasMaxLength(40);
        builder.Property(e => e.AuthorityCode).HasMaxLength(9);
        builder.Property(e => e.Period).HasMaxLength(10);
        builder.Property(e => e.Detail).HasMaxLength(2000);
        builder.Property(e => e.From).HasMaxLength(64);
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.AuthorityCode, e.At });
        builder.HasIndex(e => new { e.Actor, e.At });
    }
}

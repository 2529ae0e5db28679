using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace NationalReturns.Web.Data.Configurations;

internal sealed class UserAccountConfiguration : IEntityTypeConfiguration<UserAccount>
{
    public void Configure(EntityTypeBuilder<UserAccount> builder)
    {
        builder.ToTable("user_accounts");
        builder.Property(u => u.DisplayName).HasMaxLength(200);
        builder.Property(u => u.AuthorityCode).HasMaxLength(9);
        builder.HasOne(u => u.Authority).WithMany().HasForeignKey(u => u.AuthorityCode).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SignInSessionConfiguration : IEntityTypeConfiguration<SignInSession>
{
    public void Configure(EntityTypeBuilder<SignInSession> builder)
    {
        builder.ToTable("sign_in_sessions");
        builder.Property(s => s.Id).HasMaxLength(64);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.HasIndex(s => s.UserId);
        builder.HasIndex(s => s.ExpiresAt);
    }
}

/// <summary>The shared data protection key ring: one row a key, its XML as data protection writes it.</summary>
internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> builder) =>
        builder.ToTable(NationalReturnsDbContext.KeyTable);
}

/// <summary>Identity names its tables AspNetUsers and so on; here they follow the snake_case of the rest.</summary>
internal sealed class IdentityTableNames :
    IEntityTypeConfiguration<IdentityRole>,
    IEntityTypeConfiguration<IdentityUserRole<string>>,
    IEntityTypeConfiguration<IdentityUserClaim<string>>,
    IEntityTypeConfiguration<IdentityUserLogin<string>>,
    IEntityTypeConfiguration<IdentityUserToken<string>>,
    IEntityTypeConfiguration<IdentityRoleClaim<string>>
{
    public void Configure(EntityTypeBuilder<IdentityRole> builder) => builder.ToTable("roles");

    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> builder) => builder.ToTable("user_roles");

    public void Configure(EntityTypeBuilder<IdentityUserClaim<string>> builder) => builder.ToTable("user_claims");

    public void Configure(EntityTypeBuilder<IdentityUserLogin<string>> builder) => builder.ToTable("user_logins");

    public void Configure(EntityTypeBuilder<IdentityUserToken<string>> builder) => builder.ToTable("user_tokens");

    public void Configure(EntityTypeBuilder<IdentityRoleClaim<string>> builder) => builder.ToTable("role_claims");
}

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.Property(c => c.AuthorityCode).HasMaxLength(9);
        builder.Property(c => c.Name).HasMaxLength(200);
        builder.Property(c => c.TokenHash).HasMaxLength(64).IsFixedLength();
        builder.HasIndex(c => c.TokenHash).IsUnique();
        builder.Property(c => c.TokenPrefix).HasMaxLength(12);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasOne(c => c.Authority).WithMany().HasForeignKey(c => c.AuthorityCode).OnDelete(DeleteBehavior.Restrict);
    }
}

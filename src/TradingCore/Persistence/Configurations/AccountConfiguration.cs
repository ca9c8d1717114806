using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class AccountConfiguration : IEntityTypeConfiguration<AccountEntity>
{
    public void Configure(EntityTypeBuilder<AccountEntity> builder)
    {
        builder.ToTable("accounts");
        builder.HasKey(account => account.AccountId);
        builder.Property(account => account.AccountId).ValueGeneratedNever();
        builder.Property(account => account.Name).HasMaxLength(128).IsRequired();
        builder.Property(account => account.Currency).HasMaxLength(8).IsRequired();
        builder.Property(account => account.Balance).IsRequired();
        builder.Property(account => account.Credit).IsRequired();
        builder.Property(account => account.Commissions).IsRequired();
    }
}

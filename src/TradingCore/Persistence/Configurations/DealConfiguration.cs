using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class DealConfiguration : IEntityTypeConfiguration<DealEntity>
{
    public void Configure(EntityTypeBuilder<DealEntity> builder)
    {
        builder.ToTable("deals");
        builder.HasKey(deal => deal.Ticket);
        builder.Property(deal => deal.Ticket).ValueGeneratedNever();
        builder.Property(deal => deal.Symbol).HasMaxLength(32).IsRequired();
        builder.Property(deal => deal.Comment).HasMaxLength(64).IsRequired();
        builder.Property(deal => deal.ClientOrderId).HasMaxLength(64).IsRequired();
        builder.Property(deal => deal.Volume).IsRequired();
        builder.Property(deal => deal.Price).IsRequired();
        builder.Property(deal => deal.Profit).IsRequired();
        builder.HasOne<AccountEntity>().WithMany().HasForeignKey(deal => deal.AccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(deal => new { deal.AccountId, deal.Ticket });
        builder.HasIndex(deal => new { deal.AccountId, deal.TimeMs });
        builder.HasIndex(deal => new { deal.AccountId, deal.Symbol, deal.Ticket }); // history pages filtered by symbol, newest first
        builder.HasIndex(deal => deal.OrderTicket);
        builder.HasIndex(deal => new { deal.AccountId, deal.PositionId });

        // MT5 deals of routed accounts, loaded at start so none is applied twice; a partial index, empty without routing.
        builder.HasIndex(deal => new { deal.AccountId, deal.Mt5DealTicket }).HasFilter("\"Mt5DealTicket\" <> 0").IsUnique();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class TradeEventConfiguration : IEntityTypeConfiguration<TradeEventEntity>
{
    public void Configure(EntityTypeBuilder<TradeEventEntity> builder)
    {
        builder.ToTable("trade_events");
        builder.HasKey(tradeEvent => tradeEvent.Sequence);
        builder.Property(tradeEvent => tradeEvent.Sequence).ValueGeneratedNever();
        builder.Property(tradeEvent => tradeEvent.Payload).IsRequired();
        // Resume reads "events of account A after sequence S".
        builder.HasIndex(tradeEvent => new { tradeEvent.AccountId, tradeEvent.Sequence });
    }
}

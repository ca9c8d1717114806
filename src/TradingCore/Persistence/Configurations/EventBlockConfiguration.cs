using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class EventBlockConfiguration : IEntityTypeConfiguration<EventBlockEntity>
{
    public void Configure(EntityTypeBuilder<EventBlockEntity> builder)
    {
        builder.ToTable("event_blocks");
        // Resume reads "blocks of account A ending after sequence S", in key order: the key is that index.
        builder.HasKey(block => new { block.AccountId, block.LastSequence });
        builder.Property(block => block.Records).IsRequired();
    }
}

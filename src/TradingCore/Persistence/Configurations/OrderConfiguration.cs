using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class OrderConfiguration : IEntityTypeConfiguration<OrderEntity>
{
    public void Configure(EntityTypeBuilder<OrderEntity> builder)
    {
        builder.ToTable("orders");
        builder.HasKey(order => order.Ticket);
        builder.Property(order => order.Ticket).ValueGeneratedNever();
        builder.Property(order => order.ClientOrderId).HasMaxLength(64).IsRequired();
        builder.Property(order => order.Symbol).HasMaxLength(32).IsRequired();
        builder.Property(order => order.Comment).HasMaxLength(64).IsRequired();
        builder.Property(order => order.RetcodeMessage).HasMaxLength(512).IsRequired();
        builder.Property(order => order.RequestFingerprint).HasMaxLength(512).IsRequired();
        builder.Property(order => order.VolumeInitial).IsRequired();
        builder.Property(order => order.VolumeCurrent).IsRequired();
        builder.HasOne<AccountEntity>().WithMany().HasForeignKey(order => order.AccountId).OnDelete(DeleteBehavior.Restrict);
        // The idempotency key: a client order id is unique per account, enforced by the database too.
        builder.HasIndex(order => new { order.AccountId, order.ClientOrderId }).IsUnique();
        builder.HasIndex(order => new { order.AccountId, order.Ticket });
        builder.HasIndex(order => new { order.AccountId, order.TimeSetupMs });
        builder.HasIndex(order => new { order.AccountId, order.Symbol, order.Ticket }); // history pages filtered by symbol, newest first
        // Only the working orders: a restart reads them without walking the history (StateLoader).
        builder.HasIndex(order => order.Ticket, "IX_orders_working").HasFilter(StateLoader.WorkingStatesSql);
    }
}

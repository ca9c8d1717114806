using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class EngineStateConfiguration : IEntityTypeConfiguration<EngineStateEntity>
{
    public void Configure(EntityTypeBuilder<EngineStateEntity> builder)
    {
        builder.ToTable("engine_state");
        builder.HasKey(state => state.Id);
        builder.Property(state => state.Id).ValueGeneratedNever();
        builder.HasData(new EngineStateEntity());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using TradingCore.Persistence.Entities;

namespace TradingCore.Persistence.Configurations;

internal sealed class BridgeResumeConfiguration : IEntityTypeConfiguration<BridgeResumeEntity>
{
    public void Configure(EntityTypeBuilder<BridgeResumeEntity> builder)
    {
        builder.ToTable("bridge_resume");
        builder.HasKey(resume => new { resume.Login, resume.Symbol });
        builder.Property(resume => resume.Symbol).HasMaxLength(32);
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EventBlocks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "event_blocks",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    FirstSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    LastTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Records = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_event_blocks", x => new { x.AccountId, x.LastSequence });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "event_blocks");
        }
    }
}

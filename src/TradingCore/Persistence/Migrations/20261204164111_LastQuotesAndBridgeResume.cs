using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class LastQuotesAndBridgeResume : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bridge_resume",
                columns: table => new
                {
                    Login = table.Column<long>(type: "INTEGER", nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TimeMsc = table.Column<long>(type: "INTEGER", nullable: false),
                    Bid = table.Column<decimal>(type: "TEXT", nullable: false),
                    Ask = table.Column<decimal>(type: "TEXT", nullable: false),
                    Last = table.Column<decimal>(type: "TEXT", nullable: false),
                    Volume = table.Column<decimal>(type: "TEXT", nullable: false),
                    Flags = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bridge_resume", x => new { x.Login, x.Symbol });
                });

            migrationBuilder.CreateTable(
                name: "last_quotes",
                columns: table => new
                {
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    TimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Bid = table.Column<decimal>(type: "TEXT", nullable: false),
                    Ask = table.Column<decimal>(type: "TEXT", nullable: false),
                    Last = table.Column<decimal>(type: "TEXT", nullable: false),
                    Volume = table.Column<decimal>(type: "TEXT", nullable: false),
                    Flags = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_last_quotes", x => x.Symbol);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "bridge_resume");

            migrationBuilder.DropTable(
                name: "last_quotes");
        }
    }
}

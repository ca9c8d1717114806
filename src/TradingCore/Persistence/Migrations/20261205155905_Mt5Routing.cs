using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Mt5Routing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "Mt5PositionId",
                table: "positions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Mt5OrderTicket",
                table: "orders",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Mt5DealTicket",
                table: "deals",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<long>(
                name: "Mt5Login",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "Venue",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_Mt5DealTicket",
                table: "deals",
                columns: new[] { "AccountId", "Mt5DealTicket" },
                unique: true,
                filter: "\"Mt5DealTicket\" <> 0");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_deals_AccountId_Mt5DealTicket",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "Mt5PositionId",
                table: "positions");

            migrationBuilder.DropColumn(
                name: "Mt5OrderTicket",
                table: "orders");

            migrationBuilder.DropColumn(
                name: "Mt5DealTicket",
                table: "deals");

            migrationBuilder.DropColumn(
                name: "Mt5Login",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "Venue",
                table: "accounts");
        }
    }
}

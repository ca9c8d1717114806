using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class HistorySymbolIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_orders_AccountId_Symbol_Ticket",
                table: "orders",
                columns: new[] { "AccountId", "Symbol", "Ticket" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_Symbol_Ticket",
                table: "deals",
                columns: new[] { "AccountId", "Symbol", "Ticket" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_AccountId_Symbol_Ticket",
                table: "orders");

            migrationBuilder.DropIndex(
                name: "IX_deals_AccountId_Symbol_Ticket",
                table: "deals");
        }
    }
}

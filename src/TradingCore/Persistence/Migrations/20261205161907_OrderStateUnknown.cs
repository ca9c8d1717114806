using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OrderStateUnknown : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_working",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "IX_orders_working",
                table: "orders",
                column: "Ticket",
                filter: "\"State\" IN (1, 2, 4, 8, 9, 10, 11)");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_orders_working",
                table: "orders");

            migrationBuilder.CreateIndex(
                name: "IX_orders_working",
                table: "orders",
                column: "Ticket",
                filter: "\"State\" IN (1, 2, 4, 8, 9, 10)");
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AccountLimits : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MaxOpenOrders",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "MaxOrderVolume",
                table: "accounts",
                type: "TEXT",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<int>(
                name: "MaxOrdersPerSecond",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<decimal>(
                name: "MaxPositionVolume",
                table: "accounts",
                type: "TEXT",
                nullable: false,
                defaultValue: 0m);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MaxOpenOrders",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "MaxOrderVolume",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "MaxOrdersPerSecond",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "MaxPositionVolume",
                table: "accounts");
        }
    }
}

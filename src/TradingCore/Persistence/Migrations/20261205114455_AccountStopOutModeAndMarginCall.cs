using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class AccountStopOutModeAndMarginCall : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "MarginCall",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Accounts stored before this column had percent levels (StopOutMode.Percent = 1).
            migrationBuilder.AddColumn<int>(
                name: "StopOutMode",
                table: "accounts",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MarginCall",
                table: "accounts");

            migrationBuilder.DropColumn(
                name: "StopOutMode",
                table: "accounts");
        }
    }
}

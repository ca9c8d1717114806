using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeaseRenewal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "RenewedAtMs",
                table: "core_lease",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<int>(
                name: "SessionPid",
                table: "core_lease",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.UpdateData(
                table: "core_lease",
                keyColumn: "Id",
                keyValue: 1,
                columns: new[] { "RenewedAtMs", "SessionPid" },
                values: new object[] { 0L, 0 });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "RenewedAtMs",
                table: "core_lease");

            migrationBuilder.DropColumn(
                name: "SessionPid",
                table: "core_lease");
        }
    }
}

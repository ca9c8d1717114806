using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TradingCore.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "accounts",
                columns: table => new
                {
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    CurrencyDigits = table.Column<int>(type: "INTEGER", nullable: false),
                    Leverage = table.Column<int>(type: "INTEGER", nullable: false),
                    MarginMode = table.Column<int>(type: "INTEGER", nullable: false),
                    TradingState = table.Column<int>(type: "INTEGER", nullable: false),
                    Balance = table.Column<decimal>(type: "TEXT", nullable: false),
                    Credit = table.Column<decimal>(type: "TEXT", nullable: false),
                    MarginCallLevel = table.Column<decimal>(type: "TEXT", nullable: false),
                    StopOutLevel = table.Column<decimal>(type: "TEXT", nullable: false),
                    TimeCreatedMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.AccountId);
                });

            migrationBuilder.CreateTable(
                name: "engine_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    LastOrderTicket = table.Column<long>(type: "INTEGER", nullable: false),
                    LastDealTicket = table.Column<long>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engine_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "trade_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Payload = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trade_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    Ticket = table.Column<long>(type: "INTEGER", nullable: false),
                    OrderTicket = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Entry = table.Column<int>(type: "INTEGER", nullable: false),
                    Volume = table.Column<decimal>(type: "TEXT", nullable: false),
                    Price = table.Column<decimal>(type: "TEXT", nullable: false),
                    Profit = table.Column<decimal>(type: "TEXT", nullable: false),
                    Commission = table.Column<decimal>(type: "TEXT", nullable: false),
                    Swap = table.Column<decimal>(type: "TEXT", nullable: false),
                    Fee = table.Column<decimal>(type: "TEXT", nullable: false),
                    PositionId = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Magic = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StopLoss = table.Column<decimal>(type: "TEXT", nullable: true),
                    TakeProfit = table.Column<decimal>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_deals", x => x.Ticket);
                    table.ForeignKey(
                        name: "FK_deals_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "AccountId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "orders",
                columns: table => new
                {
                    Ticket = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    ClientOrderId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    VolumeInitial = table.Column<decimal>(type: "TEXT", nullable: false),
                    VolumeCurrent = table.Column<decimal>(type: "TEXT", nullable: false),
                    PriceOpen = table.Column<decimal>(type: "TEXT", nullable: true),
                    StopLimitPrice = table.Column<decimal>(type: "TEXT", nullable: true),
                    StopLoss = table.Column<decimal>(type: "TEXT", nullable: true),
                    TakeProfit = table.Column<decimal>(type: "TEXT", nullable: true),
                    Filling = table.Column<int>(type: "INTEGER", nullable: false),
                    TimeType = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpirationTimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeSetupMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeDoneMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Magic = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PositionId = table.Column<long>(type: "INTEGER", nullable: false),
                    PositionById = table.Column<long>(type: "INTEGER", nullable: false),
                    PositionTicketRequested = table.Column<long>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    Retcode = table.Column<int>(type: "INTEGER", nullable: false),
                    RetcodeMessage = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    PriceFilled = table.Column<decimal>(type: "TEXT", nullable: true),
                    DealTicket = table.Column<long>(type: "INTEGER", nullable: false),
                    RequestFingerprint = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_orders", x => x.Ticket);
                    table.ForeignKey(
                        name: "FK_orders_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "AccountId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "positions",
                columns: table => new
                {
                    Identifier = table.Column<long>(type: "INTEGER", nullable: false),
                    Ticket = table.Column<long>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<long>(type: "INTEGER", nullable: false),
                    Symbol = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Type = table.Column<int>(type: "INTEGER", nullable: false),
                    Volume = table.Column<decimal>(type: "TEXT", nullable: false),
                    PriceOpen = table.Column<decimal>(type: "TEXT", nullable: false),
                    StopLoss = table.Column<decimal>(type: "TEXT", nullable: true),
                    TakeProfit = table.Column<decimal>(type: "TEXT", nullable: true),
                    TimeMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TimeUpdateMs = table.Column<long>(type: "INTEGER", nullable: false),
                    Magic = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_positions", x => x.Identifier);
                    table.ForeignKey(
                        name: "FK_positions_accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "accounts",
                        principalColumn: "AccountId",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "engine_state",
                columns: new[] { "Id", "LastDealTicket", "LastOrderTicket", "LastSequence" },
                values: new object[] { 1, 0L, 0L, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_PositionId",
                table: "deals",
                columns: new[] { "AccountId", "PositionId" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_Ticket",
                table: "deals",
                columns: new[] { "AccountId", "Ticket" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_TimeMs",
                table: "deals",
                columns: new[] { "AccountId", "TimeMs" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_OrderTicket",
                table: "deals",
                column: "OrderTicket");

            migrationBuilder.CreateIndex(
                name: "IX_orders_AccountId_ClientOrderId",
                table: "orders",
                columns: new[] { "AccountId", "ClientOrderId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_orders_AccountId_Ticket",
                table: "orders",
                columns: new[] { "AccountId", "Ticket" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_AccountId_TimeSetupMs",
                table: "orders",
                columns: new[] { "AccountId", "TimeSetupMs" });

            migrationBuilder.CreateIndex(
                name: "IX_positions_AccountId",
                table: "positions",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_trade_events_AccountId_Sequence",
                table: "trade_events",
                columns: new[] { "AccountId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "engine_state");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "trade_events");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}

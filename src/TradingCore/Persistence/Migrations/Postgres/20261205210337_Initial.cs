using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace TradingCore.Persistence.Migrations.Postgres
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
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Currency = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    CurrencyDigits = table.Column<int>(type: "integer", nullable: false),
                    Leverage = table.Column<int>(type: "integer", nullable: false),
                    MarginMode = table.Column<int>(type: "integer", nullable: false),
                    TradingState = table.Column<int>(type: "integer", nullable: false),
                    Balance = table.Column<decimal>(type: "numeric", nullable: false),
                    Credit = table.Column<decimal>(type: "numeric", nullable: false),
                    MarginCallLevel = table.Column<decimal>(type: "numeric", nullable: false),
                    StopOutLevel = table.Column<decimal>(type: "numeric", nullable: false),
                    TimeCreatedMs = table.Column<long>(type: "bigint", nullable: false),
                    MaxOrderVolume = table.Column<decimal>(type: "numeric", nullable: false),
                    MaxPositionVolume = table.Column<decimal>(type: "numeric", nullable: false),
                    MaxOpenOrders = table.Column<int>(type: "integer", nullable: false),
                    MaxOrdersPerSecond = table.Column<int>(type: "integer", nullable: false),
                    Closed = table.Column<bool>(type: "boolean", nullable: false),
                    StopOutMode = table.Column<int>(type: "integer", nullable: false),
                    MarginCall = table.Column<bool>(type: "boolean", nullable: false),
                    Commissions = table.Column<string>(type: "text", nullable: false),
                    Venue = table.Column<int>(type: "integer", nullable: false),
                    Mt5Login = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_accounts", x => x.AccountId);
                });

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Roles = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AccountIds = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    SecretHash = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedMs = table.Column<long>(type: "bigint", nullable: false),
                    RevokedMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_api_keys", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    TimeMs = table.Column<long>(type: "bigint", nullable: false),
                    Actor = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Target = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Before = table.Column<string>(type: "text", nullable: false),
                    After = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_audit_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "bars",
                columns: table => new
                {
                    Symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Timeframe = table.Column<int>(type: "integer", nullable: false),
                    TimeMs = table.Column<long>(type: "bigint", nullable: false),
                    Open = table.Column<decimal>(type: "numeric", nullable: false),
                    High = table.Column<decimal>(type: "numeric", nullable: false),
                    Low = table.Column<decimal>(type: "numeric", nullable: false),
                    Close = table.Column<decimal>(type: "numeric", nullable: false),
                    TickVolume = table.Column<long>(type: "bigint", nullable: false),
                    RealVolume = table.Column<decimal>(type: "numeric", nullable: false),
                    Spread = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bars", x => new { x.Symbol, x.Timeframe, x.TimeMs });
                });

            migrationBuilder.CreateTable(
                name: "bridge_resume",
                columns: table => new
                {
                    Login = table.Column<long>(type: "bigint", nullable: false),
                    Symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TimeMsc = table.Column<long>(type: "bigint", nullable: false),
                    Bid = table.Column<decimal>(type: "numeric", nullable: false),
                    Ask = table.Column<decimal>(type: "numeric", nullable: false),
                    Last = table.Column<decimal>(type: "numeric", nullable: false),
                    Volume = table.Column<decimal>(type: "numeric", nullable: false),
                    Flags = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bridge_resume", x => new { x.Login, x.Symbol });
                });

            migrationBuilder.CreateTable(
                name: "engine_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    LastOrderTicket = table.Column<long>(type: "bigint", nullable: false),
                    LastDealTicket = table.Column<long>(type: "bigint", nullable: false),
                    LastSequence = table.Column<long>(type: "bigint", nullable: false),
                    JournalSeq = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_engine_state", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "journal",
                columns: table => new
                {
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Epoch = table.Column<long>(type: "bigint", nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_journal", x => x.Seq);
                });

            migrationBuilder.CreateTable(
                name: "last_quotes",
                columns: table => new
                {
                    Symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    TimeMs = table.Column<long>(type: "bigint", nullable: false),
                    Bid = table.Column<decimal>(type: "numeric", nullable: false),
                    Ask = table.Column<decimal>(type: "numeric", nullable: false),
                    Last = table.Column<decimal>(type: "numeric", nullable: false),
                    Volume = table.Column<decimal>(type: "numeric", nullable: false),
                    Flags = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_last_quotes", x => x.Symbol);
                });

            migrationBuilder.CreateTable(
                name: "symbols",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    Spec = table.Column<string>(type: "text", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Pinned = table.Column<bool>(type: "boolean", nullable: false),
                    UpdatedMs = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_symbols", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "trade_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    TimeMs = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Payload = table.Column<byte[]>(type: "bytea", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_trade_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "deals",
                columns: table => new
                {
                    Ticket = table.Column<long>(type: "bigint", nullable: false),
                    OrderTicket = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Entry = table.Column<int>(type: "integer", nullable: false),
                    Volume = table.Column<decimal>(type: "numeric", nullable: false),
                    Price = table.Column<decimal>(type: "numeric", nullable: false),
                    Profit = table.Column<decimal>(type: "numeric", nullable: false),
                    Commission = table.Column<decimal>(type: "numeric", nullable: false),
                    Swap = table.Column<decimal>(type: "numeric", nullable: false),
                    Fee = table.Column<decimal>(type: "numeric", nullable: false),
                    PositionId = table.Column<long>(type: "bigint", nullable: false),
                    TimeMs = table.Column<long>(type: "bigint", nullable: false),
                    Magic = table.Column<long>(type: "bigint", nullable: false),
                    Comment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Mt5DealTicket = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    ClientOrderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StopLoss = table.Column<decimal>(type: "numeric", nullable: true),
                    TakeProfit = table.Column<decimal>(type: "numeric", nullable: true)
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
                    Ticket = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    ClientOrderId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    VolumeInitial = table.Column<decimal>(type: "numeric", nullable: false),
                    VolumeCurrent = table.Column<decimal>(type: "numeric", nullable: false),
                    PriceOpen = table.Column<decimal>(type: "numeric", nullable: true),
                    StopLimitPrice = table.Column<decimal>(type: "numeric", nullable: true),
                    StopLoss = table.Column<decimal>(type: "numeric", nullable: true),
                    TakeProfit = table.Column<decimal>(type: "numeric", nullable: true),
                    Filling = table.Column<int>(type: "integer", nullable: false),
                    TimeType = table.Column<int>(type: "integer", nullable: false),
                    ExpirationTimeMs = table.Column<long>(type: "bigint", nullable: false),
                    TimeSetupMs = table.Column<long>(type: "bigint", nullable: false),
                    TimeDoneMs = table.Column<long>(type: "bigint", nullable: false),
                    Magic = table.Column<long>(type: "bigint", nullable: false),
                    Comment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Mt5OrderTicket = table.Column<long>(type: "bigint", nullable: false),
                    PositionId = table.Column<long>(type: "bigint", nullable: false),
                    PositionById = table.Column<long>(type: "bigint", nullable: false),
                    PositionTicketRequested = table.Column<long>(type: "bigint", nullable: false),
                    Reason = table.Column<int>(type: "integer", nullable: false),
                    Retcode = table.Column<int>(type: "integer", nullable: false),
                    RetcodeMessage = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    PriceFilled = table.Column<decimal>(type: "numeric", nullable: true),
                    DealTicket = table.Column<long>(type: "bigint", nullable: false),
                    RequestFingerprint = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false)
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
                    Identifier = table.Column<long>(type: "bigint", nullable: false),
                    Ticket = table.Column<long>(type: "bigint", nullable: false),
                    AccountId = table.Column<long>(type: "bigint", nullable: false),
                    Symbol = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Type = table.Column<int>(type: "integer", nullable: false),
                    Volume = table.Column<decimal>(type: "numeric", nullable: false),
                    PriceOpen = table.Column<decimal>(type: "numeric", nullable: false),
                    StopLoss = table.Column<decimal>(type: "numeric", nullable: true),
                    TakeProfit = table.Column<decimal>(type: "numeric", nullable: true),
                    TimeMs = table.Column<long>(type: "bigint", nullable: false),
                    TimeUpdateMs = table.Column<long>(type: "bigint", nullable: false),
                    Magic = table.Column<long>(type: "bigint", nullable: false),
                    Comment = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Mt5PositionId = table.Column<long>(type: "bigint", nullable: false),
                    Swap = table.Column<decimal>(type: "numeric", nullable: false),
                    SwapThroughMs = table.Column<long>(type: "bigint", nullable: false)
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
                columns: new[] { "Id", "JournalSeq", "LastDealTicket", "LastOrderTicket", "LastSequence" },
                values: new object[] { 1, 0L, 0L, 0L, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_audit_entries_TimeMs",
                table: "audit_entries",
                column: "TimeMs");

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_Mt5DealTicket",
                table: "deals",
                columns: new[] { "AccountId", "Mt5DealTicket" },
                unique: true,
                filter: "\"Mt5DealTicket\" <> 0");

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_PositionId",
                table: "deals",
                columns: new[] { "AccountId", "PositionId" });

            migrationBuilder.CreateIndex(
                name: "IX_deals_AccountId_Symbol_Ticket",
                table: "deals",
                columns: new[] { "AccountId", "Symbol", "Ticket" });

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
                name: "IX_orders_AccountId_Symbol_Ticket",
                table: "orders",
                columns: new[] { "AccountId", "Symbol", "Ticket" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_AccountId_Ticket",
                table: "orders",
                columns: new[] { "AccountId", "Ticket" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_AccountId_TimeSetupMs",
                table: "orders",
                columns: new[] { "AccountId", "TimeSetupMs" });

            migrationBuilder.CreateIndex(
                name: "IX_orders_working",
                table: "orders",
                column: "Ticket",
                filter: "\"State\" IN (1, 2, 4, 8, 9, 10, 11)");

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
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropTable(
                name: "bars");

            migrationBuilder.DropTable(
                name: "bridge_resume");

            migrationBuilder.DropTable(
                name: "deals");

            migrationBuilder.DropTable(
                name: "engine_state");

            migrationBuilder.DropTable(
                name: "journal");

            migrationBuilder.DropTable(
                name: "last_quotes");

            migrationBuilder.DropTable(
                name: "orders");

            migrationBuilder.DropTable(
                name: "positions");

            migrationBuilder.DropTable(
                name: "symbols");

            migrationBuilder.DropTable(
                name: "trade_events");

            migrationBuilder.DropTable(
                name: "accounts");
        }
    }
}

namespace TradingCore.Engine.Domain;

/// <summary>
/// The one set of ranges every value entering the core must satisfy, whatever the entry point (bridge frames,
/// replay files, RPC fields, admin symbol specs, bar imports, configuration). They are chosen so that every
/// computation the engine makes on admitted values (margin, profit, cross rates, bars, wire conversion) is
/// representable: a single lot of any admitted symbol is worth at most <see cref="MaxLotValue"/> at the highest
/// admitted price, an order of the largest admitted volume at most 10^23, far inside System.Decimal's 7.9 x 10^28;
/// what the engine books (balances, deal profit) stays within <see cref="MaxBookedMoney"/>, inside the wire
/// Decimal's int64 units. docs/api.md ("Value ranges") lists them for users.
/// </summary>
public static class ValueRanges
{
    /// <summary>Highest price (bid, ask, last, order prices, SL/TP, bar OHLC, tick size): 10^9.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    /// <summary>Decimal places a price, volume or amount may carry: the wire Decimal's nanos.</summary>
    public const int MaxDecimals = 9;

    /// <summary>Largest volume in lots (order volumes, symbol volume limits, account limits): 10^8.</summary>
    public const decimal MaxVolume = 100_000_000m;

    /// <summary>Largest traded volume a tick or bar may report (real volume, not lots): 10^12.</summary>
    public const decimal MaxTradedVolume = 1_000_000_000_000m;

    /// <summary>Largest units-of-underlying per lot: 10^8.</summary>
    public const decimal MaxContractSize = 100_000_000m;

    /// <summary>Largest tick value (money per tick per lot): 10^9.</summary>
    public const decimal MaxTickValue = 1_000_000_000m;

    /// <summary>Smallest tick size: one point at 8 digits.</summary>
    public const decimal MinTickSize = 0.00000001m;

    /// <summary>Largest margin rate (multiplier of the calc-mode margin): 1,000.</summary>
    public const decimal MaxMarginRate = 1_000m;

    /// <summary>
    /// Largest value of one lot: the margin of one lot at <see cref="MaxPrice"/> and the profit of one lot over a
    /// price move of <see cref="MaxPrice"/>, in the symbol's currencies: 10^15.
    /// </summary>
    public const decimal MaxLotValue = 1_000_000_000_000_000m;

    /// <summary>Largest amount an operator may deposit, withdraw or open an account with, and largest initial margin: 10^15.</summary>
    public const decimal MaxMoney = 1_000_000_000_000_000m;

    /// <summary>
    /// Largest magnitude of anything the engine books or reports (balance, deal profit, equity, margin): 10^18,
    /// inside the wire Decimal's int64 units (9.2 x 10^18). A deal beyond it is refused; figures beyond it are
    /// reported as not computable.
    /// </summary>
    public const decimal MaxBookedMoney = 1_000_000_000_000_000_000m;

    /// <summary>Largest margin-call or stop-out level, percent.</summary>
    public const decimal MaxLevelPercent = 100_000m;

    /// <summary>Largest stops or freeze level, points.</summary>
    public const int MaxLevelPoints = 100_000;

    /// <summary>Earliest time: the Unix epoch.</summary>
    public const long MinTimeMs = 0;

    /// <summary>First instant not admitted: 3000-01-01T00:00:00Z (ticks, bars, expirations).</summary>
    public const long EndTimeMs = 32_503_680_000_000;

    /// <summary>Highest account id: 2^53 - 1, so every JSON reader (JavaScript numbers too) reads it exactly.</summary>
    public const long MaxAccountId = 9_007_199_254_740_991;

    /// <summary>
    /// The highest number automatic numbering gives a live account: the ids above it are for backtest accounts
    /// (the host refuses to create live accounts there).
    /// </summary>
    public const long MaxLiveAccountId = 9_007_198_999_999_999;

    /// <summary>Highest leverage 1:N.</summary>
    public const int MaxLeverage = 10_000;

    /// <summary>A positive price of at most <see cref="MaxDecimals"/> places, up to <see cref="MaxPrice"/>.</summary>
    public static bool IsPrice(decimal value) => value > 0m && value <= MaxPrice && FitsDecimals(value);

    /// <summary>A positive lot volume of at most <see cref="MaxDecimals"/> places, up to <see cref="MaxVolume"/>.</summary>
    public static bool IsVolume(decimal value) => value > 0m && value <= MaxVolume && FitsDecimals(value);

    /// <summary>A non-negative traded volume up to <see cref="MaxTradedVolume"/>.</summary>
    public static bool IsTradedVolume(decimal value) => value >= 0m && value <= MaxTradedVolume && FitsDecimals(value);

    /// <summary>An amount of money (either sign) up to <see cref="MaxMoney"/> in magnitude.</summary>
    public static bool IsMoney(decimal value) => value >= -MaxMoney && value <= MaxMoney && FitsDecimals(value);

    /// <summary>Within <see cref="MaxBookedMoney"/> in magnitude.</summary>
    public static bool IsBookable(decimal value) => value >= -MaxBookedMoney && value <= MaxBookedMoney;

    /// <summary>A time from the Unix epoch up to (not including) 3000-01-01.</summary>
    public static bool IsTime(long timeMs) => timeMs >= MinTimeMs && timeMs < EndTimeMs;

    /// <summary>An account id from 1 to <see cref="MaxAccountId"/>.</summary>
    public static bool IsAccountId(long accountId) => accountId >= 1 && accountId <= MaxAccountId;

    /// <summary>True when the value has at most <see cref="MaxDecimals"/> significant decimal places.</summary>
    public static bool FitsDecimals(decimal value) => value.Scale <= MaxDecimals || decimal.Round(value, MaxDecimals) == value;

    /// <summary>The price range as users read it.</summary>
    public const string PriceRule = "must be a positive price of at most 1000000000 with at most 9 decimal places";

    /// <summary>The volume range as users read it.</summary>
    public const string VolumeRule = "must be a positive volume of at most 100000000 lots with at most 9 decimal places";

    /// <summary>The money range as users read it.</summary>
    public const string MoneyRule = "must be an amount of at most 1000000000000000 in magnitude with at most 9 decimal places";

    /// <summary>The time range as users read it.</summary>
    public const string TimeRule = "must be a UTC epoch millisecond time from 1970-01-01 to before 3000-01-01";

    /// <summary>The account id range as users read it.</summary>
    public const string AccountIdRule = "must be an account number from 1 to 9007199254740991";
}

using TradingCore.Engine.Domain;

namespace TradingCore.Mt5Feed.Symbols;

/// <summary>
/// The symbol specifications the core trades when configuration names none: MT5-like specs of common FX, metal
/// and index CFD symbols, quoted by the synthetic feed.
/// </summary>
public static class DefaultSymbols
{
    /// <summary>EURUSD, 5 digits, forex.</summary>
    public static SymbolSpec EurUsd { get; } = Forex("EURUSD", "Euro vs US Dollar", "EUR", "USD", 5);

    /// <summary>GBPUSD, 5 digits, forex.</summary>
    public static SymbolSpec GbpUsd { get; } = Forex("GBPUSD", "Pound Sterling vs US Dollar", "GBP", "USD", 5);

    /// <summary>USDJPY, 3 digits, forex.</summary>
    public static SymbolSpec UsdJpy { get; } = Forex("USDJPY", "US Dollar vs Japanese Yen", "USD", "JPY", 3);

    /// <summary>XAUUSD, gold against the dollar, 2 digits.</summary>
    public static SymbolSpec XauUsd { get; } = new()
    {
        Name = "XAUUSD",
        Description = "Gold vs US Dollar",
        Digits = 2,
        TickSize = 0.01m,
        ContractSize = 100m,
        VolumeMin = 0.01m,
        VolumeMax = 50m,
        VolumeStep = 0.01m,
        StopsLevel = 20,
        CalcMode = SymbolCalcMode.CfdLeverage,
        CurrencyBase = "XAU",
        CurrencyProfit = "USD",
        CurrencyMargin = "USD",
    };

    /// <summary>US500, an index CFD, 2 digits.</summary>
    public static SymbolSpec Us500 { get; } = new()
    {
        Name = "US500",
        Description = "US 500 Cash Index CFD",
        Digits = 2,
        TickSize = 0.25m,
        ContractSize = 1m,
        VolumeMin = 0.1m,
        VolumeMax = 100m,
        VolumeStep = 0.1m,
        StopsLevel = 50,
        CalcMode = SymbolCalcMode.CfdLeverage,
        CurrencyBase = "USD",
        CurrencyProfit = "USD",
        CurrencyMargin = "USD",
    };

    /// <summary>All default symbols in display order.</summary>
    public static IReadOnlyList<SymbolSpec> All { get; } = [EurUsd, GbpUsd, UsdJpy, XauUsd, Us500];

    private static SymbolSpec Forex(string name, string description, string baseCurrency, string quoteCurrency, int digits) => new()
    {
        Name = name,
        Description = description,
        Digits = digits,
        TickSize = DecimalMath.Pow10Negative(digits),
        ContractSize = 100_000m,
        VolumeMin = 0.01m,
        VolumeMax = 100m,
        VolumeStep = 0.01m,
        StopsLevel = 10,
        CalcMode = SymbolCalcMode.Forex,
        CurrencyBase = baseCurrency,
        CurrencyProfit = quoteCurrency,
        CurrencyMargin = baseCurrency,
    };
}

namespace TradingCore.Engine.Core;

/// <summary>
/// The quotes of one symbol within which an account cannot reach its stop-out level: while the bid stays at or
/// above <see cref="Low"/> and the ask at or below <see cref="High"/> there is nothing to check. <see cref="Held"/>
/// says whether the account holds the symbol (a crossing is checked at once) or only converts through it (a
/// crossing makes the account checked on its held symbols' next ticks). An unscreened account has Low =
/// decimal.MaxValue on each held symbol: every tick crosses it.
/// </summary>
internal readonly record struct ScreenBand(decimal Low, decimal High, bool Held)
{
    public static readonly ScreenBand Unscreened = new(decimal.MaxValue, decimal.MaxValue, Held: true);
}

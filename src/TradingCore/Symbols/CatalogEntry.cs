using TradingCore.Engine.Domain;

namespace TradingCore.Symbols;

/// <summary>A symbol as administered: its specification and whether it is enabled.</summary>
/// <param name="Spec">The specification as configured.</param>
/// <param name="Enabled">A disabled symbol is hidden from market data and trades as if its mode were DISABLED.</param>
internal sealed record CatalogEntry(SymbolSpec Spec, bool Enabled)
{
    /// <summary>The specification the engine applies: a disabled symbol's trade mode is DISABLED.</summary>
    public SymbolSpec Effective => Enabled ? Spec : Spec with { TradeMode = SymbolTradeMode.Disabled };
}

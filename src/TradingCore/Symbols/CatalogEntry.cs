using TradingCore.Engine.Domain;

namespace TradingCore.Symbols;

/// <summary>A symbol as administered: its specification and whether it is enabled.</summary>
/// <param name="Spec">The specification as configured.</param>
/// <param name="Enabled">A disabled symbol is hidden from market data and trades as if its mode were DISABLED.</param>
/// <param name="Pinned">
/// Set by an operator (Admin/UpsertSymbol): a feed's announcement of the symbol no longer changes it, until the
/// operator releases it (Admin/ReleaseSymbol). An operator's decision (a trade mode DISABLED or CLOSE_ONLY, a
/// changed margin) never silently goes back to what a terminal says.
/// </param>
internal sealed record CatalogEntry(SymbolSpec Spec, bool Enabled, bool Pinned = false)
{
    /// <summary>The specification the engine applies: a disabled symbol's trade mode is DISABLED.</summary>
    public SymbolSpec Effective => Enabled ? Spec : Spec with { TradeMode = SymbolTradeMode.Disabled };
}

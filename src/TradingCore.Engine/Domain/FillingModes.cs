namespace TradingCore.Engine.Domain;

/// <summary>Fill policies a symbol allows (MT5 SYMBOL_FILLING_MODE bits). RETURN has no bit: it follows the
/// execution mode (see <see cref="SymbolSpec.AllowsFilling"/>).</summary>
[Flags]
public enum FillingModes
{
    None = 0,
    Fok = 1,
    Ioc = 2,
    Boc = 4,
}

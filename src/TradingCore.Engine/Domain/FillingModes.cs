namespace TradingCore.Engine.Domain;

/// <summary>Fill policies a symbol allows (MT5 SYMBOL_FILLING_MODE bits). RETURN has no bit: it follows the
/// execution mode (see <see cref="SymbolSpec.AllowsFilling"/>).</summary>
[Flags]
public enum FillingModes
{
    /// <summary>No explicit policy bits.</summary>
    None = 0,

    /// <summary>Fill or kill allowed.</summary>
    Fok = 1,

    /// <summary>Immediate or cancel allowed.</summary>
    Ioc = 2,

    /// <summary>Book or cancel allowed.</summary>
    Boc = 4,
}

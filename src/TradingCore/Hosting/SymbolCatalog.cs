using System.Diagnostics.CodeAnalysis;
using TradingCore.Engine.Domain;
using TradingCore.Mt5Feed.Symbols;

namespace TradingCore.Hosting;

/// <summary>The symbols the core trades and their specifications (the MT5-like defaults for now). Immutable.</summary>
internal sealed class SymbolCatalog
{
    private readonly Dictionary<string, SymbolSpec> _byName;

    public SymbolCatalog()
        : this(DefaultSymbols.All)
    {
    }

    public SymbolCatalog(IReadOnlyList<SymbolSpec> symbols)
    {
        All = symbols;
        _byName = symbols.ToDictionary(symbol => symbol.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<SymbolSpec> All { get; }

    public bool TryGet(string name, [NotNullWhen(true)] out SymbolSpec? spec) => _byName.TryGetValue(name, out spec);

    public bool Contains(string name) => _byName.ContainsKey(name);
}

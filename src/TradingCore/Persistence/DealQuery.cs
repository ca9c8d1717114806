namespace TradingCore.Persistence;

/// <summary>Filter and page of a deal history read; <paramref name="TradesOnly"/> true keeps buys and sells, false the balance operations, null all.</summary>
internal sealed record DealQuery(long AccountId, string? Symbol, ulong PositionId, ulong OrderTicket, long FromTimeMs, long ToTimeMs, ulong BeforeTicket, int Limit, bool? TradesOnly = null);

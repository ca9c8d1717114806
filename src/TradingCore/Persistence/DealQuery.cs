namespace TradingCore.Persistence;

/// <summary>Filter and page of a deal history read.</summary>
internal sealed record DealQuery(long AccountId, string? Symbol, ulong PositionId, ulong OrderTicket, long FromTimeMs, long ToTimeMs, ulong BeforeTicket, int Limit);

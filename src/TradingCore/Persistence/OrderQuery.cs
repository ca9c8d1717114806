namespace TradingCore.Persistence;

/// <summary>Filter and page of an order history read.</summary>
internal sealed record OrderQuery(long AccountId, bool HistoryOnly, string? Symbol, long FromTimeMs, long ToTimeMs, ulong BeforeTicket, int Limit);

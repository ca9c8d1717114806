using TradingCore.Engine.Core;
using TradingCore.Engine.Domain;

namespace TradingCore.Engine.Tests;

/// <summary>The engine tests' MT5-routed account: account 7007 routed to login 5012345, EURUSD quoted 1.10000/1.10020.</summary>
internal static class RoutedBooks
{
    public const long Routed = 7007;
    public const long Login = 5012345;

    /// <summary>A book with the routed account (10,000 USD), its terminal connected with a matching account unless told otherwise.</summary>
    public static Book Create(MarginMode mode = MarginMode.RetailHedging, bool connect = true, IReadOnlyList<SymbolSpec>? symbols = null, EngineOptions? options = null)
    {
        var book = new Book(symbols: symbols, options: options);
        book.Run((core, now) => core.CreateAccount(Book.Account(Routed, mode, 10_000m) with { Venue = AccountVenue.Mt5, Mt5Login = Login }, now));
        book.Quote("EURUSD", 1.10000m, 1.10020m);
        if (connect)
        {
            book.Run((core, now) => { core.SetVenueLink(Login, new VenueLink(true, true, "USD", mode), now); return 0; });
        }

        return book;
    }
}

using TradingCore.Engine.Domain;
using TradingCore.Engine.Execution;

namespace TradingCore.Engine.Core;

/// <summary>
/// Resting prices of one symbol ordered by price, one sorted set per <see cref="TriggerCondition"/>, so a tick
/// finds what it reaches in O(log n + hits) however much rests. Each ticket holds up to two triggers (a position's
/// stop loss and take profit). A tick that reaches nothing costs four O(log n) bound reads and allocates nothing.
/// Engine thread only.
/// </summary>
internal sealed class TriggerIndex
{
    private readonly SortedSet<Entry>[] _byCondition =
    [
        new(EntryOrder.Instance), new(EntryOrder.Instance), new(EntryOrder.Instance), new(EntryOrder.Instance),
    ];

    private readonly Dictionary<ulong, (PriceTrigger? First, PriceTrigger? Second)> _byTicket = [];

    /// <summary>Tickets with at least one trigger.</summary>
    public int Count => _byTicket.Count;

    /// <summary>Replaces the triggers of a ticket (none removes it).</summary>
    public void Set(ulong ticket, PriceTrigger? first, PriceTrigger? second = null)
    {
        Remove(ticket);
        if (first is null && second is null)
        {
            return;
        }

        _byTicket.Add(ticket, (first, second));
        Add(ticket, first);
        Add(ticket, second);
    }

    /// <summary>Removes every trigger of a ticket.</summary>
    public void Remove(ulong ticket)
    {
        if (!_byTicket.Remove(ticket, out var triggers))
        {
            return;
        }

        Drop(ticket, triggers.First);
        Drop(ticket, triggers.Second);
    }

    /// <summary>Adds to <paramref name="reached"/> every ticket with a trigger <paramref name="quote"/> meets (a ticket once), in ticket order.</summary>
    public void Collect(in Tick quote, List<ulong> reached)
    {
        reached.Clear();
        if (_byTicket.Count == 0)
        {
            return;
        }

        CollectAtOrBelow(_byCondition[(int)TriggerCondition.AskAtOrBelow], quote.Ask, reached);
        CollectAtOrAbove(_byCondition[(int)TriggerCondition.AskAtOrAbove], quote.Ask, reached);
        CollectAtOrBelow(_byCondition[(int)TriggerCondition.BidAtOrBelow], quote.Bid, reached);
        CollectAtOrAbove(_byCondition[(int)TriggerCondition.BidAtOrAbove], quote.Bid, reached);
        if (reached.Count > 1)
        {
            reached.Sort();
            var kept = 1;
            for (var i = 1; i < reached.Count; i++)
            {
                if (reached[i] != reached[kept - 1])
                {
                    reached[kept++] = reached[i];
                }
            }

            reached.RemoveRange(kept, reached.Count - kept);
        }
    }

    /// <summary>"Fires when the quote is at or below the price": every price ≥ the quote.</summary>
    private static void CollectAtOrBelow(SortedSet<Entry> set, decimal quote, List<ulong> reached)
    {
        if (set.Count == 0 || set.Max.Price < quote)
        {
            return;
        }

        foreach (var entry in set.GetViewBetween(new Entry(quote, 0), new Entry(decimal.MaxValue, ulong.MaxValue)))
        {
            reached.Add(entry.Ticket);
        }
    }

    /// <summary>"Fires when the quote is at or above the price": every price ≤ the quote.</summary>
    private static void CollectAtOrAbove(SortedSet<Entry> set, decimal quote, List<ulong> reached)
    {
        if (set.Count == 0 || set.Min.Price > quote)
        {
            return;
        }

        foreach (var entry in set.GetViewBetween(new Entry(decimal.MinValue, 0), new Entry(quote, ulong.MaxValue)))
        {
            reached.Add(entry.Ticket);
        }
    }

    /// <summary>
    /// Whether the index holds exactly these triggers for the ticket, each in its condition's set at its price
    /// (invariant checks; null and null: the ticket is absent).
    /// </summary>
    public bool Holds(ulong ticket, PriceTrigger? first, PriceTrigger? second)
    {
        if (first is null && second is null)
        {
            return !_byTicket.ContainsKey(ticket);
        }

        return _byTicket.TryGetValue(ticket, out var held)
            && held == (first, second)
            && (first is not { } one || _byCondition[(int)one.Condition].Contains(new Entry(one.Price, ticket)))
            && (second is not { } two || _byCondition[(int)two.Condition].Contains(new Entry(two.Price, ticket)));
    }

    /// <summary>Entries in the price-ordered sets (each ticket's triggers once: equals the triggers <see cref="Holds"/> knows).</summary>
    public int Entries => _byCondition.Sum(set => set.Count);

    private void Add(ulong ticket, PriceTrigger? trigger)
    {
        if (trigger is { } added)
        {
            _byCondition[(int)added.Condition].Add(new Entry(added.Price, ticket));
        }
    }

    private void Drop(ulong ticket, PriceTrigger? trigger)
    {
        if (trigger is { } dropped)
        {
            _byCondition[(int)dropped.Condition].Remove(new Entry(dropped.Price, ticket));
        }
    }

    private readonly record struct Entry(decimal Price, ulong Ticket);

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static readonly EntryOrder Instance = new();

        public int Compare(Entry x, Entry y)
        {
            var byPrice = x.Price.CompareTo(y.Price);
            return byPrice != 0 ? byPrice : x.Ticket.CompareTo(y.Ticket);
        }
    }
}

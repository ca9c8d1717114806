using System.Globalization;
using TradingCore.Contracts.V1;

namespace TradingCore.Samples.TickRecorder;

/// <summary>
/// Writes ticks as an MT5 tick export: TAB-separated <c>&lt;DATE&gt; &lt;TIME&gt; &lt;BID&gt; &lt;ASK&gt; &lt;LAST&gt;
/// &lt;VOLUME&gt; &lt;FLAGS&gt;</c>, dates and times in trade-server time, prices with the symbol's digits. As in MT5,
/// a side that did not change on a tick (its flag bit is off) is left blank; the first row always carries both
/// sides so a reader can forward-fill from it. LAST and VOLUME are written only on trade ticks (flags 8 and 16).
/// </summary>
public sealed class Mt5TickWriter(TextWriter writer, int digits, int serverUtcOffsetSeconds)
{
    /// <summary>The header line of an MT5 tick export.</summary>
    public const string Header = "<DATE>\t<TIME>\t<BID>\t<ASK>\t<LAST>\t<VOLUME>\t<FLAGS>";

    private const uint BidFlag = 2;
    private const uint AskFlag = 4;
    private const uint LastFlag = 8;
    private const uint VolumeFlag = 16;

    private readonly string _price = "F" + digits.ToString(CultureInfo.InvariantCulture);
    private bool _started;

    /// <summary>Server time of the first and last tick written (epoch ms), for the MT5 file name.</summary>
    public (long First, long Last)? Span { get; private set; }

    /// <summary>Ticks written so far.</summary>
    public int Count { get; private set; }

    /// <summary>Writes one tick as an export line.</summary>
    public void Write(Tick tick)
    {
        ArgumentNullException.ThrowIfNull(tick);
        if (!_started)
        {
            writer.Write(Header + "\r\n");
        }

        var serverTime = DateTimeOffset.FromUnixTimeMilliseconds(tick.TimeMs).AddSeconds(serverUtcOffsetSeconds);
        var quoteFlags = tick.Flags & (BidFlag | AskFlag);
        var bid = !_started || quoteFlags == 0 || (tick.Flags & BidFlag) != 0;
        var ask = !_started || quoteFlags == 0 || (tick.Flags & AskFlag) != 0;
        writer.Write(string.Join(
            '\t',
            serverTime.ToString("yyyy.MM.dd", CultureInfo.InvariantCulture),
            serverTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture),
            bid ? Price(tick.Bid) : string.Empty,
            ask ? Price(tick.Ask) : string.Empty,
            (tick.Flags & LastFlag) != 0 ? Price(tick.Last) : string.Empty,
            (tick.Flags & VolumeFlag) != 0 && tick.Volume is { } volume ? volume.ToDecimal().ToString(CultureInfo.InvariantCulture) : string.Empty,
            tick.Flags.ToString(CultureInfo.InvariantCulture)));
        writer.Write("\r\n");
        _started = true;
        Count++;
        var at = serverTime.ToUnixTimeMilliseconds();
        Span = Span is { } span ? (span.First, at) : (at, at);
    }

    /// <summary>MT5's default export name: SYMBOL_YYYYMMDDHHMM_YYYYMMDDHHMM.csv (server time).</summary>
    public static string FileName(string symbol, long firstServerMs, long lastServerMs) =>
        $"{symbol}_{Stamp(firstServerMs)}_{Stamp(lastServerMs)}.csv";

    private static string Stamp(long serverMs) => DateTimeOffset.FromUnixTimeMilliseconds(serverMs).ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);

    private string Price(Contracts.V1.Decimal? value) => value is null ? string.Empty : value.ToDecimal().ToString(_price, CultureInfo.InvariantCulture);
}

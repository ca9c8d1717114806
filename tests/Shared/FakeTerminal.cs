using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace TradingCore.Testing;

/// <summary>A stand-in for the MQL5 Expert Advisor: speaks the bridge protocol over a real TCP socket.</summary>
internal sealed class FakeTerminal : IAsyncDisposable
{
    public const string Secret = "test-secret-0123456789";

    /// <summary>The welcome message of the handshake, when a test kept it.</summary>
    public System.Text.Json.JsonElement? LastWelcome { get; set; }
    private readonly TcpClient _client = new();
    private StreamReader? _reader;
    private Stream? _stream;

    public static async Task<FakeTerminal> ConnectAsync(IPEndPoint endpoint)
    {
        var terminal = new FakeTerminal();
        await terminal._client.ConnectAsync(endpoint);
        terminal._stream = terminal._client.GetStream();
        terminal._reader = new StreamReader(terminal._stream, Encoding.UTF8);
        return terminal;
    }

    public Task SendAsync(string line) => SendRawAsync(Encoding.UTF8.GetBytes(line + "\n"));

    public async Task SendRawAsync(byte[] bytes)
    {
        await _stream!.WriteAsync(bytes);
        await _stream.FlushAsync();
    }

    /// <summary>Writes one byte at a time with pauses, as a slow or congested terminal would.</summary>
    public async Task SendSlowlyAsync(string line)
    {
        foreach (var b in Encoding.UTF8.GetBytes(line + "\n"))
        {
            await _stream!.WriteAsync(new[] { b });
            await _stream.FlushAsync();
            await Task.Delay(1);
        }
    }

    public Task HelloAsync(long login = 5012345, string secret = Secret, int offsetSeconds = 7200) =>
        SendAsync($$"""{"type":"hello","v":1,"secret":"{{secret}}","login":{{login}},"server":"Broker-Demo","currency":"USD","margin_mode":0,"server_utc_offset_s":{{offsetSeconds}},"terminal":"fake"}""");

    /// <summary>Announces a symbol (MT5's SYMBOL_TRADE_EXEMODE <paramref name="exeMode"/>: 2 market, 3 exchange, where RETURN is allowed).</summary>
    public Task SymbolAsync(string name = "EURUSD", int digits = 5, string tickSize = "0.00001", int exeMode = 2) =>
        SendAsync($$"""{"type":"symbol","name":"{{name}}","digits":{{digits}},"tick_size":"{{tickSize}}","tick_value":"1","contract_size":"100000","volume_min":"0.01","volume_max":"100","volume_step":"0.01","volume_limit":"0","stops_level":0,"freeze_level":0,"trade_mode":4,"exe_mode":{{exeMode}},"filling_mode":3,"expiration_mode":15,"order_mode":127,"calc_mode":0,"currency_base":"EUR","currency_profit":"USD","currency_margin":"EUR","margin_initial":"0"}""");

    public static string TickLine(string symbol, long timeMsc, string bid, string ask) =>
        $$"""{"type":"tick","symbol":"{{symbol}}","time_msc":{{timeMsc}},"bid":"{{bid}}","ask":"{{ask}}","last":"0","volume":0,"flags":6}""";

    public Task TickAsync(string symbol, long timeMsc, string bid, string ask) => SendAsync(TickLine(symbol, timeMsc, bid, ask));

    /// <summary>Reads the next message from the core, or null when it closed the connection.</summary>
    public async Task<JsonElement?> ReadAsync()
    {
        var line = await _reader!.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10));
        return line is null ? null : JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>Reads the next message with no time limit (a listening loop), or null when the connection closed.</summary>
    public async Task<JsonElement?> ListenAsync(CancellationToken cancellationToken)
    {
        var line = await _reader!.ReadLineAsync(cancellationToken);
        return line is null ? null : JsonDocument.Parse(line).RootElement.Clone();
    }

    /// <summary>True once the core has closed the connection (reads hit end of stream).</summary>
    public async Task<bool> IsClosedByServerAsync()
    {
        try
        {
            while (await _reader!.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)) is not null)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true;
        }
    }

    /// <summary>Drops the connection without a bye.</summary>
    public void Abort() => _client.Client.Close(0);

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        return ValueTask.CompletedTask;
    }
}

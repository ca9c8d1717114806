using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace TradingCore.Tests;

/// <summary>
/// The HTTP/JSON routes (gRPC JSON transcoding of the same services): the same rules, the same idempotency,
/// errors as JSON with their field details, HTTP status codes mapped from the gRPC ones.
/// </summary>
public sealed class HttpJsonTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Login_ThenOrder_Duplicate_Positions_OverJson()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var http = await LoggedInAsync(server);

        var order = new { client_order_id = "http-1", symbol = "EURUSD", type = "ORDER_TYPE_BUY", volume = new { units = 0, nanos = 100_000_000 } };
        var first = await http.PostAsJsonAsync("/v1/accounts/1001/orders", order, Token);
        var again = await http.PostAsJsonAsync("/v1/accounts/1001/orders", order, Token);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var result = (await first.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("result");
        Assert.Equal("TRADE_RETCODE_DONE", result.GetProperty("retcode").GetString());
        var duplicate = (await again.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("result");
        Assert.True(duplicate.GetProperty("duplicate").GetBoolean());
        Assert.Equal(result.GetProperty("orderTicket").GetString(), duplicate.GetProperty("orderTicket").GetString());

        var positions = await http.GetFromJsonAsync<JsonElement>("/v1/accounts/1001/positions", Token);
        var position = Assert.Single(positions.GetProperty("positions").EnumerateArray());
        Assert.Equal(100_000_000, position.GetProperty("volume").GetProperty("nanos").GetInt32());
        var account = await http.GetFromJsonAsync<JsonElement>("/v1/accounts/1001", Token);
        Assert.Equal("100000", account.GetProperty("account").GetProperty("balance").GetProperty("units").GetString());
    }

    [Fact]
    public async Task SixtyFourBitIntegers_AreJsonStrings_AndReadExactly()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var http = await LoggedInAsync(server);

        // magic is uint64: its largest value is beyond a double's exact range (JavaScript would read ...552000).
        var order = new { client_order_id = "http-magic", symbol = "EURUSD", type = "ORDER_TYPE_BUY", volume = new { units = "0", nanos = 100_000_000 }, magic = "18446744073709551615" };
        var placed = await (await http.PostAsJsonAsync("/v1/accounts/1001/orders", order, Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var ticket = placed.GetProperty("result").GetProperty("orderTicket");
        var read = await http.GetFromJsonAsync<JsonElement>($"/v1/accounts/1001/orders/{ticket.GetString()}", Token);

        Assert.Equal(JsonValueKind.String, ticket.ValueKind);
        Assert.Equal("18446744073709551615", read.GetProperty("order").GetProperty("magic").GetString());
    }

    [Fact]
    public async Task Health_IsAnHttpRoute_WithoutAToken()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = server.CreateHttpClient();

        using var overall = await http.GetAsync("/v1/health", Token);
        using var orders = await http.GetAsync("/v1/health?service=trading.v1.Orders", Token);
        using var unknown = await http.GetAsync("/v1/health?service=nothing.here", Token);

        Assert.Equal(HttpStatusCode.OK, overall.StatusCode);
        Assert.Equal("SERVING", (await overall.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, orders.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Refresh_NeedsNoBody()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = await LoggedInAsync(server);

        using var refreshed = await http.PostAsync("/v1/auth/refresh", content: null, Token);

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var token = (await refreshed.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("accessToken").GetProperty("token").GetString();
        Assert.False(string.IsNullOrEmpty(token));
    }

    [Fact]
    public async Task PendingOrder_IsCancelledWithDelete_AndReadWithGet()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var http = await LoggedInAsync(server);

        var limit = new { client_order_id = "http-limit", symbol = "EURUSD", type = "ORDER_TYPE_BUY_LIMIT", volume = new { units = 1 }, price = new { units = 1, nanos = 50_000_000 } };
        var placed = await (await http.PostAsJsonAsync("/v1/accounts/1001/orders", limit, Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        var ticket = placed.GetProperty("result").GetProperty("orderTicket").GetString();
        Assert.Equal("TRADE_RETCODE_PLACED", placed.GetProperty("result").GetProperty("retcode").GetString());

        var open = await http.GetFromJsonAsync<JsonElement>("/v1/accounts/1001/orders?scope=ORDER_SCOPE_OPEN", Token);
        Assert.Equal(ticket, Assert.Single(open.GetProperty("orders").EnumerateArray()).GetProperty("ticket").GetString());
        var cancelled = await (await http.DeleteAsync($"/v1/accounts/1001/orders/{ticket}", Token)).Content.ReadFromJsonAsync<JsonElement>(Token);
        Assert.Equal("TRADE_RETCODE_DONE", cancelled.GetProperty("result").GetProperty("retcode").GetString());
        var read = await http.GetFromJsonAsync<JsonElement>($"/v1/accounts/1001/orders/{ticket}", Token);
        Assert.Equal("ORDER_STATE_CANCELED", read.GetProperty("order").GetProperty("state").GetString());
    }

    [Fact]
    public async Task Errors_MapToHttpStatus_WithJsonDetails()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var anonymous = server.CreateHttpClient();
        using var http = await LoggedInAsync(server);

        var unauthenticated = await anonymous.GetAsync("/v1/accounts/1001", Token);
        var forbidden = await http.GetAsync("/v1/accounts/2002", Token);
        var notFound = await http.GetAsync("/v1/symbols/NOPE", Token);
        var invalid = await http.PostAsJsonAsync("/v1/accounts/1001/orders", new { symbol = "EURUSD", type = "ORDER_TYPE_BUY" }, Token);
        var malformed = await http.PostAsync("/v1/accounts/1001/orders", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Token);

        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var body = await invalid.Content.ReadFromJsonAsync<JsonElement>(Token);
        var violations = body.GetProperty("details")[0].GetProperty("fieldViolations").EnumerateArray().Select(violation => violation.GetProperty("field").GetString()).ToList();
        Assert.Contains("volume", violations);
        Assert.Contains("client_order_id", violations);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
    }

    [Fact]
    public async Task WrongValues_AreFieldViolations_InProtobufTerms_WhereverTheyAre()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var http = await LoggedInAsync(server);

        var badEnum = await http.PostAsJsonAsync("/v1/accounts/1001/orders", new { client_order_id = "e", symbol = "EURUSD", type = "BUYY", volume = new { units = 1 } }, Token);
        var misspelt = await http.PostAsJsonAsync("/v1/accounts/1001/orders", new { client_order_id = "m", symbol = "EURUSD", type = "ORDER_TYPE_BUY", volume = new { units = 1 }, stoploss = new { units = 1 } }, Token);
        var notAnInteger = await http.PostAsJsonAsync("/v1/accounts/1001/orders", new { client_order_id = "i", symbol = "EURUSD", type = "ORDER_TYPE_BUY", volume = new { units = "abc" } }, Token);
        var badQuery = await http.GetAsync("/v1/accounts/1001/orders?scope=OPEN", Token);
        var unknownQuery = await http.GetAsync("/v1/accounts/1001/orders?scop=ORDER_SCOPE_OPEN", Token);
        var badRoute = await http.GetAsync("/v1/accounts/abc", Token);

        Assert.Equal("type", await FirstViolationAsync(badEnum, "\"BUYY\" is not a trading.v1.OrderType value"));
        Assert.Equal("stoploss", await FirstViolationAsync(misspelt, "is not a field of trading.v1.SubmitOrderRequest"));
        Assert.Equal("volume.units", await FirstViolationAsync(notAnInteger, "\"abc\" is not an integer"));
        Assert.Equal("scope", await FirstViolationAsync(badQuery, "\"OPEN\" is not a trading.v1.OrderScope value"));
        Assert.Equal("scop", await FirstViolationAsync(unknownQuery, "is not a field of trading.v1.ListOrdersRequest"));
        Assert.Equal("account_id", await FirstViolationAsync(badRoute, "\"abc\" is not an integer"));
        var orders = await http.GetFromJsonAsync<JsonElement>("/v1/accounts/1001/orders?scope=ORDER_SCOPE_ALL", Token);
        Assert.False(orders.TryGetProperty("orders", out var placed) && placed.GetArrayLength() > 0, "a refused request placed an order");
    }

    [Fact]
    public async Task EveryError_HasTheOneJsonShape()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        using var anonymous = server.CreateHttpClient();
        using var http = await LoggedInAsync(server);

        HttpResponseMessage[] errors =
        [
            await anonymous.GetAsync("/v1/accounts/1001", Token),
            await http.GetAsync("/v1/no/such/route", Token),
            await http.PutAsync("/v1/accounts/1001", content: null, Token),
            await http.PostAsync("/v1/accounts/1001/orders", new StringContent("{not json", System.Text.Encoding.UTF8, "application/json"), Token),
            await http.PostAsJsonAsync("/v1/accounts/1001/orders", new { symbol = "EURUSD" }, Token),
            await http.GetAsync("/v1/accounts/2002", Token),
            await http.GetAsync("/v1/health?service=nothing.here", Token),
        ];

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.Forbidden, HttpStatusCode.NotFound],
            errors.Select(error => error.StatusCode));
        foreach (var error in errors)
        {
            Assert.Equal("application/json", error.Content.Headers.ContentType?.MediaType);
            var body = await error.Content.ReadFromJsonAsync<JsonElement>(Token);
            Assert.Equal(["code", "message", "details"], body.EnumerateObject().Select(property => property.Name));
            Assert.Equal(JsonValueKind.Number, body.GetProperty("code").ValueKind);
            Assert.False(string.IsNullOrEmpty(body.GetProperty("message").GetString()));
            Assert.Equal(JsonValueKind.Array, body.GetProperty("details").ValueKind);
            error.Dispose();
        }
    }

    private static async Task<string?> FirstViolationAsync(HttpResponseMessage response, string description)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Token);
        var message = body.GetProperty("message").GetString()!;
        Assert.DoesNotContain("TradingCore.", message, StringComparison.Ordinal);
        var violation = body.GetProperty("details")[0].GetProperty("fieldViolations")[0];
        Assert.StartsWith(description, violation.GetProperty("description").GetString(), StringComparison.Ordinal);
        response.Dispose();
        return violation.GetProperty("field").GetString();
    }

    [Fact]
    public async Task TickStream_IsNewlineDelimitedJson()
    {
        using var data = new TempDirectory();
        await using var server = new CoreServer(data.Path);
        await server.QuoteAsync("EURUSD", 1.10000m, 1.10010m);
        using var http = await LoggedInAsync(server);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(Token);
        cancel.CancelAfter(TimeSpan.FromSeconds(15));

        using var response = await http.GetAsync("/v1/ticks:stream?symbols=EURUSD", HttpCompletionOption.ResponseHeadersRead, cancel.Token);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancel.Token));
        var snapshot = JsonDocument.Parse((await reader.ReadLineAsync(cancel.Token))!).RootElement;
        var complete = JsonDocument.Parse((await reader.ReadLineAsync(cancel.Token))!).RootElement;

        Assert.True(snapshot.GetProperty("tick").GetProperty("snapshot").GetBoolean());
        Assert.Equal("EURUSD", snapshot.GetProperty("tick").GetProperty("symbol").GetString());
        Assert.Equal(1, complete.GetProperty("snapshotComplete").GetProperty("tickCount").GetInt32());
    }

    internal static async Task<HttpClient> LoggedInAsync(CoreServer server)
    {
        var http = server.CreateHttpClient();
        using var login = await http.PostAsJsonAsync("/v1/auth/login", new { key_id = server.TraderKey.KeyId, secret = server.TraderKey.Secret }, Token);
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(Token)).GetProperty("accessToken").GetProperty("token").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

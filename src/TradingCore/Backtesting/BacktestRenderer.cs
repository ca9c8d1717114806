using System.Globalization;
using System.Net;
using System.Text;
using Wire = TradingCore.Contracts.V1;

namespace TradingCore.Backtesting;

/// <summary>
/// A report as CSV (the deals list) and as one self-contained HTML page (summary, an inline SVG chart of balance
/// and equity, the deals). Enum values and times read as in every human surface (<see cref="Wire.ContractNames"/>).
/// Deterministic: the same report renders to the same bytes.
/// </summary>
internal static class BacktestRenderer
{
    private const string Header = "Time,Deal,Symbol,Type,Direction,Volume,Price,Order,Commission,Fee,Swap,Profit,Balance,Comment";

    public static string Csv(Wire.BacktestReport report)
    {
        var csv = new StringBuilder().Append(Header).Append('\n');
        foreach (var deal in report.Deals)
        {
            csv.AppendJoin(',', Cells(deal).Select(Quote)).Append('\n');
        }

        return csv.ToString();
    }

    /// <summary>The page; <paramref name="equity"/> is the equity after every step (the chart's second line).</summary>
    public static string Html(Wire.BacktestReport report, IReadOnlyList<decimal> equity)
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Backtest ")
            .Append(Text(report.Name.Length > 0 ? report.Name : report.RunId))
            .Append("</title>\n<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse;margin:12px 0}")
            .Append("td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}td:first-child,th:first-child{text-align:left}")
            .Append("svg{border:1px solid #ccc;background:#fff}.balance{stroke:#1f5fbf}.equity{stroke:#2e9d4f}</style></head><body>\n");
        html.Append("<h1>Backtest ").Append(Text(report.Name)).Append("</h1>\n<p id=\"run\">")
            .Append(Text($"{report.RunId}, {report.Symbol}, {Wire.ContractNames.Time(report.FromTimeMs)} to {Wire.ContractNames.Time(report.ToTimeMs)}, {report.Steps} steps, {Wire.ContractNames.Short(report.State)}"))
            .Append("</p>\n");
        html.Append("<table id=\"summary\">\n");
        foreach (var (label, value) in SummaryRows(report.Summary))
        {
            html.Append("<tr><th>").Append(Text(label)).Append("</th><td>").Append(Text(value)).Append("</td></tr>\n");
        }

        html.Append("</table>\n");
        html.Append(Chart([.. report.Deals.Select(deal => deal.Balance.ToDecimal())], equity));
        html.Append("<table id=\"deals\">\n<tr>");
        foreach (var column in Header.Split(','))
        {
            html.Append("<th>").Append(column).Append("</th>");
        }

        html.Append("</tr>\n");
        foreach (var deal in report.Deals)
        {
            html.Append("<tr>");
            foreach (var cell in Cells(deal))
            {
                html.Append("<td>").Append(Text(cell)).Append("</td>");
            }

            html.Append("</tr>\n");
        }

        return html.Append("</table>\n</body></html>\n").ToString();
    }

    /// <summary>A deal's cells; a balance operation (no trade) leaves direction, volume and price empty, as MT5 does.</summary>
    private static IEnumerable<string> Cells(Wire.BacktestDeal deal)
    {
        var trade = deal.Type is Wire.DealType.Buy or Wire.DealType.Sell;
        return Row(deal, trade);
    }

    private static IEnumerable<string> Row(Wire.BacktestDeal deal, bool trade) =>
    [
        Wire.ContractNames.Time(deal.TimeMs),
        Number(deal.Deal),
        deal.Symbol,
        Wire.ContractNames.Short(deal.Type),
        trade ? Wire.ContractNames.Short(deal.Direction) : "",
        trade ? Money(deal.Volume) : "",
        trade ? Money(deal.Price) : "",
        deal.Order == 0 ? "" : Number(deal.Order),
        Money(deal.Commission),
        Money(deal.Fee),
        Money(deal.Swap),
        Money(deal.Profit),
        Money(deal.Balance),
        deal.Comment,
    ];

    private static IEnumerable<(string Label, string Value)> SummaryRows(Wire.BacktestSummary s) =>
    [
        ("Initial deposit", Money(s.InitialDeposit)),
        ("Total net profit", Money(s.TotalNetProfit)),
        ("Gross profit", Money(s.GrossProfit)),
        ("Gross loss", Money(s.GrossLoss)),
        ("Profit factor", s.ProfitFactor is null ? "" : Money(s.ProfitFactor)),
        ("Expected payoff", Money(s.ExpectedPayoff)),
        ("Balance drawdown absolute", Money(s.BalanceDrawdownAbsolute)),
        ("Balance drawdown maximal", $"{Money(s.BalanceDrawdownMaximal)} ({Money(s.BalanceDrawdownMaximalPercent)}%)"),
        ("Balance drawdown relative", $"{Money(s.BalanceDrawdownRelativePercent)}% ({Money(s.BalanceDrawdownRelative)})"),
        ("Equity drawdown absolute", Money(s.EquityDrawdownAbsolute)),
        ("Equity drawdown maximal", $"{Money(s.EquityDrawdownMaximal)} ({Money(s.EquityDrawdownMaximalPercent)}%)"),
        ("Equity drawdown relative", $"{Money(s.EquityDrawdownRelativePercent)}% ({Money(s.EquityDrawdownRelative)})"),
        ("Total trades", Number(s.TotalTrades)),
        ("Short trades (won)", $"{s.ShortTrades} ({s.ShortTradesWon})"),
        ("Long trades (won)", $"{s.LongTrades} ({s.LongTradesWon})"),
        ("Profit trades", Number(s.ProfitTrades)),
        ("Loss trades", Number(s.LossTrades)),
        ("Largest profit trade", Money(s.LargestProfitTrade)),
        ("Largest loss trade", Money(s.LargestLossTrade)),
        ("Average profit trade", Money(s.AverageProfitTrade)),
        ("Average loss trade", Money(s.AverageLossTrade)),
        ("Maximum consecutive wins ($)", $"{s.MaxConsecutiveWins} ({Money(s.MaxConsecutiveWinsMoney)})"),
        ("Maximum consecutive losses ($)", $"{s.MaxConsecutiveLosses} ({Money(s.MaxConsecutiveLossesMoney)})"),
        ("Maximal consecutive profit (count)", $"{Money(s.MaximalConsecutiveProfit)} ({s.MaximalConsecutiveProfitCount})"),
        ("Maximal consecutive loss (count)", $"{Money(s.MaximalConsecutiveLoss)} ({s.MaximalConsecutiveLossCount})"),
        ("Total commission", Money(s.TotalCommission)),
        ("Total swap", Money(s.TotalSwap)),
        ("Final balance", Money(s.FinalBalance)),
        ("Final equity", Money(s.FinalEquity)),
    ];

    /// <summary>Balance (per deal) and equity (per step, at most 2,000 points) as two polylines on one scale.</summary>
    private static string Chart(IReadOnlyList<decimal> balance, IReadOnlyList<decimal> equity)
    {
        const int Width = 900, Height = 300;
        var sampled = equity.Count <= 2000 ? equity : [.. Enumerable.Range(0, 2000).Select(index => equity[(int)((long)index * (equity.Count - 1) / 1999)])];
        var all = balance.Concat(sampled).DefaultIfEmpty(0m).ToList();
        var (low, high) = (all.Min(), all.Max());
        var span = high == low ? 1m : high - low;
        string Points(IReadOnlyList<decimal> values) => string.Join(' ', values.Select((value, index) =>
            string.Create(CultureInfo.InvariantCulture, $"{(values.Count == 1 ? 0 : index * Width / (decimal)(values.Count - 1)):0.#},{Height - ((value - low) * Height / span):0.#}")));
        return new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-label=\"balance and equity\">\n")
            .Append("<polyline class=\"equity\" fill=\"none\" stroke-width=\"1\" points=\"").Append(Points(sampled)).Append("\"/>\n")
            .Append("<polyline class=\"balance\" fill=\"none\" stroke-width=\"2\" points=\"").Append(Points(balance)).Append("\"/>\n")
            .Append(CultureInfo.InvariantCulture, $"<text x=\"4\" y=\"14\">{Text(Money(high))}</text><text x=\"4\" y=\"{Height - 4}\">{Text(Money(low))}</text>\n")
            .Append("</svg>\n<p>Blue: balance after each deal. Green: equity after each step.</p>\n")
            .ToString();
    }

    private static string Money(Wire.Decimal? value) => value is null ? "" : Money(value.ToDecimal());

    private static string Money(decimal value) => value.ToString("0.00###########", CultureInfo.InvariantCulture);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Number(ulong value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(string value) => WebUtility.HtmlEncode(value);

    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}

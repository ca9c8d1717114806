#!/usr/bin/env python3
"""A small Trading Core bot in Python (grpcio): log in, read the account and a price, buy 0.01 lot with a
client order id (and show that resending it is harmless), read a refused request's field errors, and stream a
few ticks. With --backtest it instead backtests the moving-average crossover of the C# MaCrossover sample on an
MT5 bar export, in lockstep with the server (docs/backtesting.md): the same file and settings give the same report.

    ./generate.sh            # once: generates ./gen from protos/
    python3 bot.py           # against the README's local server
    python3 bot.py --backtest EURUSD_H1.csv [--symbol EURUSD --timeframe H1 --fast 5 --slow 20 --volume 0.10]

Settings come from the environment: TRADINGCORE_PYTHON_GEN (where generate.sh wrote, default ./gen), TRADINGCORE_ADDRESS (default http://127.0.0.1:50051), TRADINGCORE_KEY_ID
and TRADINGCORE_KEY_SECRET (default: the trader key in src/TradingCore/data/bootstrap-credentials.json).
"""

import argparse
import collections
import datetime
import json
import os
import pathlib
import queue
import sys
import uuid
from decimal import ROUND_HALF_UP, Decimal, localcontext

sys.path.insert(0, os.environ.get("TRADINGCORE_PYTHON_GEN") or str(pathlib.Path(__file__).resolve().parent / "gen"))

import grpc  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from trading.v1 import (  # noqa: E402
    accounts_pb2, accounts_pb2_grpc, admin_pb2, auth_pb2, auth_pb2_grpc, backtests_pb2, backtests_pb2_grpc,
    market_data_pb2, market_data_pb2_grpc, orders_pb2, orders_pb2_grpc, types_pb2)

NANOS = Decimal(1_000_000_000)


def to_decimal(value):
    """trading.v1.Decimal -> decimal.Decimal (money is never a float)."""
    return Decimal(value.units) + Decimal(value.nanos) / NANOS


def to_wire(value):
    """decimal.Decimal -> trading.v1.Decimal (units and nanos carry the same sign)."""
    value = Decimal(value)
    units = int(value)
    return types_pb2.Decimal(units=units, nanos=int((value - units) * NANOS))


def credentials():
    key_id, secret = os.environ.get("TRADINGCORE_KEY_ID"), os.environ.get("TRADINGCORE_KEY_SECRET")
    if key_id and secret:
        return key_id, secret
    for directory in [pathlib.Path.cwd(), *pathlib.Path.cwd().parents]:
        bootstrap = directory / "src" / "TradingCore" / "data" / "bootstrap-credentials.json"
        if bootstrap.exists():
            keys = json.loads(bootstrap.read_text())
            return keys["trader_key_id"], keys["trader_secret"]
    sys.exit("no API key: set TRADINGCORE_KEY_ID and TRADINGCORE_KEY_SECRET, or start the server once")


def field_violations(error):
    """The google.rpc.BadRequest field violations a refused call carries in its trailers."""
    for key, value in error.trailing_metadata() or ():
        if key == "grpc-status-details-bin":
            status = status_pb2.Status.FromString(value)
            for detail in status.details:
                bad_request = error_details_pb2.BadRequest()
                if detail.Unpack(bad_request):
                    return [(v.field, v.description) for v in bad_request.field_violations]
    return []


class Crossover:
    """Simple moving averages of the last `fast` and `slow` closes; a signal only when their order flips (the
    first order sets the state without one), as the C# sample's CrossoverStrategy."""

    def __init__(self, fast, slow):
        self.fast, self.slow, self.side = fast, slow, 0
        self.closes = collections.deque()

    def on_close(self, close):
        self.closes.append(close)
        if len(self.closes) > self.slow:
            self.closes.popleft()
        if len(self.closes) < self.slow:
            return None
        with localcontext() as context:
            context.prec = 60
            fast = sum(list(self.closes)[-self.fast:]) / self.fast
            slow = sum(self.closes) / self.slow
        side = (fast > slow) - (fast < slow)
        if side == 0 or side == self.side:
            return None
        previous, self.side = self.side, side
        return None if previous == 0 else ("BUY" if side > 0 else "SELL")


def iso(ms):
    """UTC epoch ms -> ISO-8601 UTC with milliseconds, as every surface writes times."""
    return datetime.datetime.fromtimestamp(ms // 1000, tz=datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S") + f".{ms % 1000:03d}Z"


def money(value):
    return str(to_decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def summary_line(report):
    """The summary in one line, the same as the C# sample prints."""
    s = report.summary
    factor = money(s.profit_factor) if s.HasField("profit_factor") else "-"
    return (f"backtest {report.run_id}: {report.steps} steps {iso(report.from_time_ms)} to {iso(report.to_time_ms)}; "
            f"net profit {money(s.total_net_profit)}, trades {s.total_trades} (won {s.profit_trades}), profit factor {factor}, "
            f"balance drawdown {money(s.balance_drawdown_maximal)} ({money(s.balance_drawdown_maximal_percent)}%), "
            f"final balance {money(s.final_balance)}")


def backtest(channel, auth, options):
    """Runs the crossover on the bar export in lockstep: each step feeds the bar's close (bid) to the strategy, a
    crossing moves the netting position to +volume or -volume with one market order, then the bot advances."""
    settings = backtests_pb2.BacktestSettings(
        name=f"ma-crossover {options.fast}x{options.slow} {pathlib.Path(options.backtest).name}",
        data=backtests_pb2.BacktestData(
            symbol=options.symbol, bar_export=pathlib.Path(options.backtest).read_text(encoding="utf-8-sig"),
            timeframe=market_data_pb2.Timeframe.Value("TIMEFRAME_" + options.timeframe.upper()),
            server_utc_offset_s=options.server_utc_offset),
        step=backtests_pb2.BACKTEST_STEP_KIND_BAR,
        account=admin_pb2.CreateAccountRequest(
            name="ma-crossover backtest", currency="USD", leverage=100, margin_mode=types_pb2.MARGIN_MODE_RETAIL_NETTING,
            balance=to_wire(options.deposit)))
    outgoing = queue.Queue()
    outgoing.put(backtests_pb2.BacktestRequest(start=settings))

    def requests():
        while (request := outgoing.get()) is not None:
            yield request

    strategy, volume, signals, report = Crossover(options.fast, options.slow), Decimal(options.volume), 0, None
    for response in backtests_pb2_grpc.BacktestsStub(channel).Run(requests(), metadata=auth):
        kind = response.WhichOneof("response")
        if kind == "started":
            print(f"backtest {response.started.run_id}: {response.started.steps} steps of {options.symbol}")
        elif kind == "step":
            step = response.step
            close = to_decimal(step.bar.close if step.HasField("bar") else step.tick.bid)
            signal = strategy.on_close(close)
            if signal is not None:
                current = sum((to_decimal(p.volume) if p.type == types_pb2.POSITION_TYPE_BUY else -to_decimal(p.volume))
                              for p in step.positions)
                delta = (volume if signal == "BUY" else -volume) - current
                if delta != 0:
                    signals += 1
                    outgoing.put(backtests_pb2.BacktestRequest(request_id=signals, submit=orders_pb2.SubmitOrderRequest(
                        client_order_id=f"bt-{signals}", symbol=options.symbol,
                        type=types_pb2.ORDER_TYPE_BUY if delta > 0 else types_pb2.ORDER_TYPE_SELL, volume=to_wire(abs(delta)))))
            outgoing.put(backtests_pb2.BacktestRequest(advance=backtests_pb2.BacktestAdvance()))
        elif kind == "ack" and response.ack.retcode not in (types_pb2.TRADE_RETCODE_DONE, types_pb2.TRADE_RETCODE_PLACED):
            print(f"order {response.ack.client_order_id} refused: {types_pb2.TradeRetcode.Name(response.ack.retcode)} {response.ack.message}")
        elif kind == "finished":
            report = response.finished
    outgoing.put(None)
    print(summary_line(report))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backtest", metavar="FILE", help="backtest the moving-average crossover on this MT5 bar export")
    parser.add_argument("--symbol", default="EURUSD")
    parser.add_argument("--timeframe", default="H1", help="the export's timeframe (M1 ... MN1)")
    parser.add_argument("--server-utc-offset", type=int, default=0, help="the trade server's UTC offset in seconds")
    parser.add_argument("--fast", type=int, default=5)
    parser.add_argument("--slow", type=int, default=20)
    parser.add_argument("--volume", default="0.10", help="lots per position, e.g. 0.10")
    parser.add_argument("--deposit", default="10000", help="backtest deposit in USD")
    options = parser.parse_args()
    address = os.environ.get("TRADINGCORE_ADDRESS", "http://127.0.0.1:50051")
    target = address.split("://", 1)[-1].rstrip("/")
    with grpc.insecure_channel(target) as channel:
        key_id, secret = credentials()
        login = auth_pb2_grpc.AuthStub(channel).Login(auth_pb2.LoginRequest(key_id=key_id, secret=secret), timeout=10)
        token = login.access_token
        auth = [("authorization", "Bearer " + token.token)]
        if options.backtest:
            return backtest(channel, auth, options)
        account_id = token.account_ids[0]

        account = accounts_pb2_grpc.AccountsStub(channel).GetAccount(
            accounts_pb2.GetAccountRequest(account_id=account_id), metadata=auth, timeout=10).account
        print(f"account {account.account_id}: balance {to_decimal(account.balance)} {account.currency}, "
              f"equity {to_decimal(account.equity)}")

        market = market_data_pb2_grpc.MarketDataStub(channel)
        last = market.GetLastTicks(market_data_pb2.GetLastTicksRequest(symbols=["EURUSD"]), metadata=auth, timeout=10)
        for tick in last.ticks:
            print(f"EURUSD bid {to_decimal(tick.bid)} ask {to_decimal(tick.ask)}")

        orders = orders_pb2_grpc.OrdersStub(channel)
        order = orders_pb2.SubmitOrderRequest(
            account_id=account_id, client_order_id="py-" + uuid.uuid4().hex, symbol="EURUSD",
            type=types_pb2.ORDER_TYPE_BUY, volume=to_wire("0.01"))
        first = orders.SubmitOrder(order, metadata=auth, timeout=10).result
        print(f"buy 0.01 EURUSD: {types_pb2.TradeRetcode.Name(first.retcode)} {first.message} "
              f"(order {first.order_ticket}, price {to_decimal(first.price)})")
        again = orders.SubmitOrder(order, metadata=auth, timeout=10).result
        print(f"same client_order_id again: duplicate={again.duplicate}, order {again.order_ticket}")

        try:
            orders.SubmitOrder(orders_pb2.SubmitOrderRequest(account_id=account_id, symbol="EURUSD"),
                               metadata=auth, timeout=10)
        except grpc.RpcError as error:
            print(f"refused: {error.code().name}: {error.details()}")
            for field, description in field_violations(error):
                print(f"  field {field}: {description}")

        stream = market.StreamTicks(market_data_pb2.StreamTicksRequest(symbols=["EURUSD"]), metadata=auth)
        received = 0
        for message in stream:
            if message.WhichOneof("payload") == "tick":
                print(f"tick #{message.tick.sequence} bid {to_decimal(message.tick.bid)}"
                      f"{' (snapshot)' if message.tick.snapshot else ''}")
                received += 1
                if received == 3:
                    stream.cancel()
                    break
            elif message.WhichOneof("payload") == "gap":
                print(f"gap: {message.gap.symbol} missed {message.gap.missed}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

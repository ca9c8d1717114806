#!/usr/bin/env python3
"""A small Trading Core bot in Python (grpcio): log in, read the account and a price, buy 0.01 lot with a
client order id (and show that resending it is harmless), read a refused request's field errors, and stream a
few ticks.

    ./generate.sh            # once: generates ./gen from protos/
    python3 bot.py           # against the README's local server

Settings come from the environment: TRADINGCORE_PYTHON_GEN (where generate.sh wrote, default ./gen), TRADINGCORE_ADDRESS (default http://127.0.0.1:50051), TRADINGCORE_KEY_ID
and TRADINGCORE_KEY_SECRET (default: the trader key in src/TradingCore/data/bootstrap-credentials.json).
"""

import json
import os
import pathlib
import sys
import uuid
from decimal import Decimal

sys.path.insert(0, os.environ.get("TRADINGCORE_PYTHON_GEN") or str(pathlib.Path(__file__).resolve().parent / "gen"))

import grpc  # noqa: E402
from google.rpc import error_details_pb2, status_pb2  # noqa: E402
from trading.v1 import (  # noqa: E402
    accounts_pb2, accounts_pb2_grpc, auth_pb2, auth_pb2_grpc, market_data_pb2, market_data_pb2_grpc,
    orders_pb2, orders_pb2_grpc, types_pb2)

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


def main():
    address = os.environ.get("TRADINGCORE_ADDRESS", "http://127.0.0.1:50051")
    target = address.split("://", 1)[-1].rstrip("/")
    with grpc.insecure_channel(target) as channel:
        key_id, secret = credentials()
        login = auth_pb2_grpc.AuthStub(channel).Login(auth_pb2.LoginRequest(key_id=key_id, secret=secret), timeout=10)
        token = login.access_token
        auth = [("authorization", "Bearer " + token.token)]
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

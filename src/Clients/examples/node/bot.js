// A small Trading Core bot in Node.js (@grpc/grpc-js, protos loaded at run time with @grpc/proto-loader):
// log in, read the account and a price, buy 0.01 lot with a client order id (and show that resending it is
// harmless), see a refused request's field violations, and stream a few ticks.
//
//   npm install && node bot.js      (against the README's local server)
//
// Settings come from the environment: TRADINGCORE_ADDRESS (default http://127.0.0.1:50051),
// TRADINGCORE_KEY_ID and TRADINGCORE_KEY_SECRET (default: the trader key in
// src/TradingCore/data/bootstrap-credentials.json), GOOGLEAPIS_PROTOS (default: the Google.Api.CommonProtos
// package the .NET build restores into the NuGet cache).
'use strict';

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const grpc = require('@grpc/grpc-js');
const protoLoader = require('@grpc/proto-loader');
const protobuf = require('protobufjs');

const root = path.resolve(__dirname, '../../../..');
const googleProtos = process.env.GOOGLEAPIS_PROTOS
  || path.join(process.env.NUGET_PACKAGES || path.join(os.homedir(), '.nuget', 'packages'), 'google.api.commonprotos', '2.17.0', 'content', 'protos');

// keepCase: field names as in the .proto; longs as strings and Decimals as {units, nanos}: money is never a float.
const definition = protoLoader.loadSync(
  ['trading/v1/auth.proto', 'trading/v1/accounts.proto', 'trading/v1/market_data.proto', 'trading/v1/orders.proto'],
  { includeDirs: [path.join(root, 'protos'), googleProtos], keepCase: true, longs: String, enums: String, defaults: true, oneofs: true });
const trading = grpc.loadPackageDefinition(definition).trading.v1;

// The google.rpc error details (BadRequest's field violations, RetryInfo) that INVALID_ARGUMENT and
// RESOURCE_EXHAUSTED carry in the grpc-status-details-bin trailer, decoded with protobufjs (a dependency of
// @grpc/proto-loader).
const rpcTypes = new protobuf.Root();
rpcTypes.resolvePath = (_, target) => path.join(googleProtos, target);
rpcTypes.loadSync(['google/rpc/status.proto', 'google/rpc/error_details.proto']);
const RpcStatus = rpcTypes.lookupType('google.rpc.Status');

/** The field violations of a failed call: [{field, description}], empty when it carries none. */
function fieldViolations(error) {
  const [details] = (error.metadata && error.metadata.get('grpc-status-details-bin')) || [];
  if (!details) return [];
  const status = RpcStatus.decode(details);
  return status.details
    .filter((any) => any.type_url.endsWith('/google.rpc.BadRequest'))
    .flatMap((any) => rpcTypes.lookupType('google.rpc.BadRequest').decode(any.value).fieldViolations);
}

const NANOS = 1_000_000_000n;

/** trading.v1.Decimal -> exact decimal string. */
function decimalText({ units, nanos }) {
  const total = BigInt(units) * NANOS + BigInt(nanos);
  const sign = total < 0n ? '-' : '';
  const abs = total < 0n ? -total : total;
  const fraction = (abs % NANOS).toString().padStart(9, '0').replace(/0+$/, '');
  return `${sign}${abs / NANOS}${fraction ? '.' + fraction : ''}`;
}

/** Exact decimal string ("0.01") -> trading.v1.Decimal. */
function wireDecimal(text) {
  const [whole, fraction = ''] = text.replace('-', '').split('.');
  const sign = text.startsWith('-') ? -1n : 1n;
  const units = sign * BigInt(whole);
  const nanos = sign * BigInt((fraction + '000000000').slice(0, 9));
  return { units: units.toString(), nanos: Number(nanos) };
}

function credentials() {
  if (process.env.TRADINGCORE_KEY_ID && process.env.TRADINGCORE_KEY_SECRET) {
    return [process.env.TRADINGCORE_KEY_ID, process.env.TRADINGCORE_KEY_SECRET];
  }
  for (let directory = process.cwd(); ; directory = path.dirname(directory)) {
    const bootstrap = path.join(directory, 'src', 'TradingCore', 'data', 'bootstrap-credentials.json');
    if (fs.existsSync(bootstrap)) {
      const keys = JSON.parse(fs.readFileSync(bootstrap, 'utf8'));
      return [keys.trader_key_id, keys.trader_secret];
    }
    if (path.dirname(directory) === directory) {
      throw new Error('no API key: set TRADINGCORE_KEY_ID and TRADINGCORE_KEY_SECRET, or start the server once');
    }
  }
}

/** Promise wrapper of a unary call with a 10 s deadline. */
function call(client, method, request, metadata) {
  return new Promise((resolve, reject) => {
    client[method](request, metadata || new grpc.Metadata(), { deadline: Date.now() + 10_000 }, (error, reply) => (error ? reject(error) : resolve(reply)));
  });
}

async function main() {
  const address = (process.env.TRADINGCORE_ADDRESS || 'http://127.0.0.1:50051').replace(/^https?:\/\//, '').replace(/\/$/, '');
  const insecure = grpc.credentials.createInsecure();
  const auth = new trading.Auth(address, insecure);
  const [keyId, secret] = credentials();
  const login = await call(auth, 'Login', { key_id: keyId, secret });
  const metadata = new grpc.Metadata();
  metadata.set('authorization', `Bearer ${login.access_token.token}`);
  const accountId = login.access_token.account_ids[0];

  const accounts = new trading.Accounts(address, insecure);
  const { account } = await call(accounts, 'GetAccount', { account_id: accountId }, metadata);
  console.log(`account ${account.account_id}: balance ${decimalText(account.balance)} ${account.currency}, equity ${decimalText(account.equity)}`);

  const market = new trading.MarketData(address, insecure);
  const last = await call(market, 'GetLastTicks', { symbols: ['EURUSD'] }, metadata);
  for (const tick of last.ticks) console.log(`EURUSD bid ${decimalText(tick.bid)} ask ${decimalText(tick.ask)}`);

  const orders = new trading.Orders(address, insecure);
  const order = { account_id: accountId, client_order_id: `node-${crypto.randomUUID()}`, symbol: 'EURUSD', type: 'ORDER_TYPE_BUY', volume: wireDecimal('0.01') };
  const first = (await call(orders, 'SubmitOrder', order, metadata)).result;
  console.log(`buy 0.01 EURUSD: ${first.retcode} ${first.message} (order ${first.order_ticket}, price ${decimalText(first.price)})`);
  const again = (await call(orders, 'SubmitOrder', order, metadata)).result;
  console.log(`same client_order_id again: duplicate=${again.duplicate}, order ${again.order_ticket}`);

  try {
    await call(orders, 'SubmitOrder', { account_id: accountId, symbol: 'EURUSD' }, metadata);
  } catch (error) {
    // error.details is the message; the structured google.rpc.BadRequest names each invalid field.
    console.log(`refused: ${grpc.status[error.code]}`);
    for (const violation of fieldViolations(error)) console.log(`  field ${violation.field}: ${violation.description}`);
  }

  await new Promise((resolve, reject) => {
    const stream = market.StreamTicks({ symbols: ['EURUSD'] }, metadata);
    let received = 0;
    stream.on('data', (message) => {
      if (message.payload === 'tick') {
        console.log(`tick #${message.tick.sequence} bid ${decimalText(message.tick.bid)}${message.tick.snapshot ? ' (snapshot)' : ''}`);
        if (++received === 3) {
          stream.cancel();
          resolve();
        }
      } else if (message.payload === 'gap') {
        console.log(`gap: ${message.gap.symbol} missed ${message.gap.missed}`);
      }
    });
    stream.on('error', (error) => (error.code === grpc.status.CANCELLED ? resolve() : reject(error)));
  });
  for (const client of [auth, accounts, market, orders]) client.close();
}

main().catch((error) => {
  console.error(`node bot: ${error.message}`);
  process.exit(1);
});

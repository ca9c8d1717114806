//+------------------------------------------------------------------+
//| TradingCoreBridge.mq5                                            |
//| Streams this terminal's ticks to a Trading Core bridge listener  |
//| and, with InpRouteOrders, executes the core's orders for this    |
//| account and reports MT5's results and every deal back.           |
//| Protocol: docs/mt5-bridge-protocol.md (NDJSON over TCP, v1/v2).  |
//|                                                                  |
//| Install: copy to MQL5/Experts, compile in MetaEditor, add the    |
//| core's host to Tools > Options > Expert Advisors > "Allow        |
//| WebRequest for listed URL" (MQL5 sockets use the same list),     |
//| then attach the EA to any chart with "Allow Algo Trading".       |
//+------------------------------------------------------------------+
#property copyright "Trading Core"
#property version   "1.00"
#property strict

input string InpHost          = "127.0.0.1";   // Core bridge host, or several "host[:port]" comma-separated (an active core and its standby); each on the allowed-URL list
input uint   InpPort          = 15555;         // Core bridge port (for hosts given without one)
input string InpSecret        = "";            // Shared secret configured for this login in the core
input string InpSymbols       = "";            // Comma-separated symbols; empty = all symbols in Market Watch
input uint   InpPollMs        = 100;           // Timer period: tick pump and socket housekeeping
input uint   InpHeartbeatMs   = 1000;          // Heartbeat when no tick was sent for this long
input uint   InpMaxBackoffMs  = 30000;         // Longest wait between reconnection attempts
input bool   InpRouteOrders   = false;         // Protocol v2: execute the core's orders on this account (needs Algo Trading)

int      g_socket = INVALID_HANDLE;
string   g_symbols[];
long     g_last_msc[];                         // per symbol: time_msc of the last tick sent
ulong    g_last_send_ms = 0;
ulong    g_next_connect_ms = 0;
uint     g_backoff_ms = 1000;
string   g_inbox = "";                         // bytes received from the core, not yet a full line
uint     g_request_ids[];                      // v2: MT5 request ids of this terminal session ...
ulong    g_request_tickets[];                  // ... and the core order ticket each one carries
ulong    g_executed[1000];                     // v2: the last 1000 core tickets executed: a repeated order is never sent twice
int      g_executed_next = 0;
bool     g_trade_allowed = false;              // v2: AutoTrading as last reported
string   g_hosts[];                            // the cores to try, in order (InpHost)
uint     g_ports[];
int      g_host = 0;                           // the one connected to or tried next

//+------------------------------------------------------------------+
int OnInit()
  {
   if(StringLen(InpSecret) < 16)
     {
      Print("TradingCoreBridge: InpSecret must be the secret configured in the core (16+ characters)");
      return(INIT_PARAMETERS_INCORRECT);
     }
   if(!ParseHosts())
     {
      PrintFormat("TradingCoreBridge: InpHost must be a host or comma-separated host[:port] entries, not '%s'", InpHost);
      return(INIT_PARAMETERS_INCORRECT);
     }
   LoadSymbols();
   EventSetMillisecondTimer(InpPollMs);
   return(INIT_SUCCEEDED);
  }

void OnDeinit(const int reason)
  {
   EventKillTimer();
   if(g_socket != INVALID_HANDLE)
     {
      SendLine("{\"type\":\"bye\"}");
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
     }
  }

// OnTick fires only for the chart symbol and coalesces events, so it only triggers a pump;
// the pump itself pulls every tick since the last one sent with CopyTicks, for every symbol.
void OnTick()  { if(g_socket != INVALID_HANDLE) PumpTicks(); }

void OnTimer()
  {
   if(g_socket == INVALID_HANDLE || !SocketIsConnected(g_socket))
     {
      Reconnect();
      return;
     }
   ReadFromCore();
   PumpTicks();
   if(InpRouteOrders && TradeAllowed() != g_trade_allowed)
     {
      g_trade_allowed = TradeAllowed();
      SendLine(StringFormat("{\"type\":\"trade_state\",\"trade_allowed\":%d}", g_trade_allowed ? 1 : 0));
     }
   if(GetTickCount64() - g_last_send_ms >= InpHeartbeatMs)
      SendLine(StringFormat("{\"type\":\"heartbeat\",\"time_msc\":%I64d}", (long)TimeTradeServer() * 1000));
  }

//+------------------------------------------------------------------+
void LoadSymbols()
  {
   ArrayResize(g_symbols, 0);
   if(StringLen(InpSymbols) > 0)
      StringSplit(InpSymbols, ',', g_symbols);
   else
     {
      int total = SymbolsTotal(true);
      ArrayResize(g_symbols, total);
      for(int i = 0; i < total; i++)
         g_symbols[i] = SymbolName(i, true);
     }
   ArrayResize(g_last_msc, ArraySize(g_symbols));
   ArrayInitialize(g_last_msc, 0);
  }

// Splits InpHost into g_hosts/g_ports: "a", "a:15556", "a, b:15556" (a port-less entry takes InpPort).
bool ParseHosts()
  {
   string entries[];
   int count = StringSplit(InpHost, (ushort)',', entries);
   ArrayResize(g_hosts, 0);
   ArrayResize(g_ports, 0);
   for(int i = 0; i < count; i++)
     {
      string entry = entries[i];
      StringTrimLeft(entry);
      StringTrimRight(entry);
      if(StringLen(entry) == 0)
         continue;
      uint port = InpPort;
      int colon = StringFind(entry, ":");
      if(colon >= 0)
        {
         long parsed = StringToInteger(StringSubstr(entry, colon + 1));
         if(parsed < 1 || parsed > 65535)
            return(false);
         port = (uint)parsed;
         entry = StringSubstr(entry, 0, colon);
        }
      int n = ArraySize(g_hosts);
      ArrayResize(g_hosts, n + 1);
      ArrayResize(g_ports, n + 1);
      g_hosts[n] = entry;
      g_ports[n] = port;
     }
   g_host = 0;
   return(ArraySize(g_hosts) > 0);
  }

// After a failed connection or a refusal: the next core of the list at once (a standby does not listen; the
// active one does), and the growing backoff only once every core was tried.
void NextHost()
  {
   g_host = (g_host + 1) % ArraySize(g_hosts);
   if(g_host != 0)
     {
      g_next_connect_ms = GetTickCount64() + 200;
      return;
     }
   g_next_connect_ms = GetTickCount64() + g_backoff_ms;
   g_backoff_ms = MathMin(g_backoff_ms * 2, InpMaxBackoffMs);
  }

// Connects, authenticates, announces symbols and sets the resume point of each symbol from the welcome.
void Reconnect()
  {
   if(GetTickCount64() < g_next_connect_ms)
      return;
   if(g_socket != INVALID_HANDLE)
      SocketClose(g_socket);
   g_socket = SocketCreate();
   string host = g_hosts[g_host];
   uint port = g_ports[g_host];
   if(g_socket == INVALID_HANDLE || !SocketConnect(g_socket, host, port, 3000))
     {
      PrintFormat("TradingCoreBridge: cannot connect to %s:%u (error %d); trying the next core", host, port, GetLastError());
      if(g_socket != INVALID_HANDLE) { SocketClose(g_socket); g_socket = INVALID_HANDLE; }
      NextHost();
      return;
     }
   g_inbox = "";
   long offset = (long)(TimeTradeServer() - TimeGMT());
   g_trade_allowed = TradeAllowed();
   string hello = StringFormat("{\"type\":\"hello\",\"v\":%d,\"secret\":\"%s\",\"login\":%I64d,\"server\":\"%s\",\"currency\":\"%s\",\"margin_mode\":%d,\"server_utc_offset_s\":%I64d,\"terminal\":\"%s\",\"ea_version\":\"2.00\",\"trade_allowed\":%d}",
                               InpRouteOrders ? 2 : 1, InpSecret, AccountInfoInteger(ACCOUNT_LOGIN), Escape(AccountInfoString(ACCOUNT_SERVER)),
                               AccountInfoString(ACCOUNT_CURRENCY), (int)AccountInfoInteger(ACCOUNT_MARGIN_MODE), offset,
                               Escape(TerminalInfoString(TERMINAL_NAME)), g_trade_allowed ? 1 : 0);
   if(!SendLine(hello))
      return;
   string welcome = ReadLineBlocking(5000);
   if(StringFind(welcome, "\"type\":\"welcome\"") < 0)
     {
      PrintFormat("TradingCoreBridge: the core at %s:%u refused the connection: %s", host, port, welcome);
      SocketClose(g_socket);
      g_socket = INVALID_HANDLE;
      NextHost();
      return;
     }
   g_backoff_ms = 1000;
   for(int i = 0; i < ArraySize(g_symbols); i++)
     {
      SymbolSelect(g_symbols[i], true);
      SendLine(SymbolLine(g_symbols[i]));
      // Resume where the core stopped (it drops the duplicate last millisecond); a new symbol starts now.
      long resume = ResumePoint(welcome, g_symbols[i]);
      g_last_msc[i] = resume > 0 ? resume : (long)TimeTradeServer() * 1000;
     }
   if(InpRouteOrders && StringFind(welcome, "\"history_from_msc\":") >= 0)
      Sweep(StringToInteger(JsonRaw(welcome, "history_from_msc")));
   PrintFormat("TradingCoreBridge: connected to %s:%u, streaming %d symbols", host, port, ArraySize(g_symbols));
  }

// Sends every tick since the last one sent. CopyTicks from a time_msc includes ticks at that very millisecond;
// the core drops exact duplicates, so re-sending the last millisecond is harmless and nothing is skipped.
void PumpTicks()
  {
   MqlTick ticks[];
   for(int i = 0; i < ArraySize(g_symbols) && g_socket != INVALID_HANDLE; i++)
     {
      int count = CopyTicks(g_symbols[i], ticks, COPY_TICKS_INFO, (ulong)g_last_msc[i], 1000);
      int digits = (int)SymbolInfoInteger(g_symbols[i], SYMBOL_DIGITS);
      for(int t = 0; t < count; t++)
        {
         string line = StringFormat("{\"type\":\"tick\",\"symbol\":\"%s\",\"time_msc\":%I64d,\"bid\":\"%s\",\"ask\":\"%s\",\"last\":\"%s\",\"volume\":%I64u,\"flags\":%u}",
                                    g_symbols[i], ticks[t].time_msc, DoubleToString(ticks[t].bid, digits), DoubleToString(ticks[t].ask, digits),
                                    DoubleToString(ticks[t].last, digits), ticks[t].volume, ticks[t].flags);
         if(!SendLine(line))
            return;
         g_last_msc[i] = ticks[t].time_msc;
        }
     }
  }

// A symbol's trade (or quote) sessions as "Mon 00:05-23:55; Tue 00:05-23:55" in server time. MT5 gives each session's
// start and end as times of day (an end may be 24:00 or run past midnight: that part goes to the next day).
string Sessions(const string s, const bool trade)
  {
   string days[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
   string text = "";
   for(int day = 0; day < 7; day++)
     {
      datetime from, to;
      for(uint index = 0; trade ? SymbolInfoSessionTrade(s, (ENUM_DAY_OF_WEEK)day, index, from, to) : SymbolInfoSessionQuote(s, (ENUM_DAY_OF_WEEK)day, index, from, to); index++)
        {
         int start = (int)(from % 86400) / 60;
         int end = (int)(to - (from - from % 86400)) / 60;
         if(end > 1440)
           {
            text += StringFormat("%s%s %02d:%02d-24:00", text == "" ? "" : "; ", days[day], start / 60, start % 60);
            int next = end - 1440;
            if(next > 0)
               text += StringFormat("; %s 00:00-%02d:%02d", days[(day + 1) % 7], next / 60, next % 60);
            continue;
           }
         if(end <= start)
            continue;
         text += StringFormat("%s%s %02d:%02d-%02d:%02d", text == "" ? "" : "; ", days[day], start / 60, start % 60, end / 60, end % 60);
        }
     }
   return text;
  }

string SymbolLine(const string s)
  {
   int digits = (int)SymbolInfoInteger(s, SYMBOL_DIGITS);
   return StringFormat("{\"type\":\"symbol\",\"name\":\"%s\",\"description\":\"%s\",\"digits\":%d,\"tick_size\":\"%s\",\"tick_value\":\"%s\",\"contract_size\":\"%s\","
                       "\"volume_min\":\"%s\",\"volume_max\":\"%s\",\"volume_step\":\"%s\",\"volume_limit\":\"%s\",\"stops_level\":%d,\"freeze_level\":%d,"
                       "\"trade_mode\":%d,\"exe_mode\":%d,\"filling_mode\":%d,\"expiration_mode\":%d,\"order_mode\":%d,\"calc_mode\":%d,"
                       "\"currency_base\":\"%s\",\"currency_profit\":\"%s\",\"currency_margin\":\"%s\",\"margin_initial\":\"%s\","
                       "\"margin_hedged\":\"%s\",\"margin_hedged_use_leg\":%d,\"trade_sessions\":\"%s\",\"quote_sessions\":\"%s\","
                       "\"swap_mode\":%d,\"swap_long\":\"%s\",\"swap_short\":\"%s\",\"swap_rollover3days\":%d}",
                       s, Escape(SymbolInfoString(s, SYMBOL_DESCRIPTION)), digits,
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_TRADE_TICK_SIZE), digits),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_TRADE_TICK_VALUE), 8),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_TRADE_CONTRACT_SIZE), 8),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_VOLUME_MIN), 8),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_VOLUME_MAX), 8),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_VOLUME_STEP), 8),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_VOLUME_LIMIT), 8),
                       (int)SymbolInfoInteger(s, SYMBOL_TRADE_STOPS_LEVEL), (int)SymbolInfoInteger(s, SYMBOL_TRADE_FREEZE_LEVEL),
                       (int)SymbolInfoInteger(s, SYMBOL_TRADE_MODE), (int)SymbolInfoInteger(s, SYMBOL_TRADE_EXEMODE),
                       (int)SymbolInfoInteger(s, SYMBOL_FILLING_MODE), (int)SymbolInfoInteger(s, SYMBOL_EXPIRATION_MODE),
                       (int)SymbolInfoInteger(s, SYMBOL_ORDER_MODE), (int)SymbolInfoInteger(s, SYMBOL_TRADE_CALC_MODE),
                       SymbolInfoString(s, SYMBOL_CURRENCY_BASE), SymbolInfoString(s, SYMBOL_CURRENCY_PROFIT),
                       SymbolInfoString(s, SYMBOL_CURRENCY_MARGIN), DoubleToString(SymbolInfoDouble(s, SYMBOL_MARGIN_INITIAL), 8),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_MARGIN_HEDGED), 8), (int)SymbolInfoInteger(s, SYMBOL_MARGIN_HEDGED_USE_LEG),
                       Sessions(s, true), Sessions(s, false),
                       (int)SymbolInfoInteger(s, SYMBOL_SWAP_MODE), DoubleToString(SymbolInfoDouble(s, SYMBOL_SWAP_LONG), 8),
                       DoubleToString(SymbolInfoDouble(s, SYMBOL_SWAP_SHORT), 8), (int)SymbolInfoInteger(s, SYMBOL_SWAP_ROLLOVER3DAYS));
  }

// Writes one line, looping over partial writes; a failed write drops the connection (the timer reconnects).
bool SendLine(const string text)
  {
   uchar bytes[];
   int length = StringToCharArray(text + "\n", bytes, 0, WHOLE_ARRAY, CP_UTF8) - 1; // drop the trailing NUL
   int sent = 0;
   while(sent < length)
     {
      uchar chunk[];
      ArrayCopy(chunk, bytes, 0, sent, length - sent);
      int n = SocketSend(g_socket, chunk, length - sent);
      if(n <= 0)
        {
         PrintFormat("TradingCoreBridge: send failed (error %d); reconnecting", GetLastError());
         SocketClose(g_socket);
         g_socket = INVALID_HANDLE;
         return false;
        }
      sent += n;
     }
   g_last_send_ms = GetTickCount64();
   return true;
  }

// Reads what the core sent without blocking the EA thread (used for error messages after the handshake).
void ReadFromCore()
  {
   uint available = SocketIsReadable(g_socket);
   if(available == 0)
      return;
   uchar buffer[];
   int n = SocketRead(g_socket, buffer, available, 10);
   if(n > 0)
      g_inbox += CharArrayToString(buffer, 0, n, CP_UTF8);
   int newline = StringFind(g_inbox, "\n");
   while(newline >= 0)
     {
      string line = StringSubstr(g_inbox, 0, newline);
      g_inbox = StringSubstr(g_inbox, newline + 1);
      if(StringFind(line, "\"type\":\"error\"") >= 0)
        {
         PrintFormat("TradingCoreBridge: the core closed the session: %s", line);
         SocketClose(g_socket);
         g_socket = INVALID_HANDLE;
         return;
        }
      if(InpRouteOrders && StringFind(line, "\"type\":\"order\"") >= 0)
         ExecuteOrder(line);
      if(InpRouteOrders && StringFind(line, "\"type\":\"sync\"") >= 0)
         Sweep(StringToInteger(JsonRaw(line, "history_from_msc")));
      newline = StringFind(g_inbox, "\n");
     }
  }

string ReadLineBlocking(uint timeout_ms)
  {
   ulong deadline = GetTickCount64() + timeout_ms;
   while(GetTickCount64() < deadline)
     {
      uchar buffer[];
      int n = SocketRead(g_socket, buffer, 4096, 200);
      if(n > 0)
         g_inbox += CharArrayToString(buffer, 0, n, CP_UTF8);
      int newline = StringFind(g_inbox, "\n");
      if(newline >= 0)
        {
         string line = StringSubstr(g_inbox, 0, newline);
         g_inbox = StringSubstr(g_inbox, newline + 1);
         return line;
        }
     }
   return "";
  }

// Finds "SYMBOL":<number> inside the welcome's resume object; 0 when the core has no resume point for it.
long ResumePoint(const string welcome, const string symbol)
  {
   string key = "\"" + symbol + "\":";
   int at = StringFind(welcome, key);
   if(at < 0)
      return 0;
   return StringToInteger(StringSubstr(welcome, at + StringLen(key), 20));
  }

string Escape(string text)
  {
   StringReplace(text, "\\", "\\\\");
   StringReplace(text, "\"", "\\\"");
   return text;
  }
//+------------------------------------------------------------------+
//| Protocol v2: the core's orders out, MT5's results and deals back  |
//+------------------------------------------------------------------+
bool TradeAllowed() { return TerminalInfoInteger(TERMINAL_TRADE_ALLOWED) != 0 && MQLInfoInteger(MQL_TRADE_ALLOWED) != 0; }

// Sends one `order` frame with OrderSendAsync (deal, pending, modify, remove, sltp, close_by), tagged by its comment
// (tc:<core ticket in base 36>). An order placed before (deal, pending, close_by) is never placed again; a refusal before
// sending is reported as the request's result.
void ExecuteOrder(const string line)
  {
   ulong ticket = (ulong)StringToInteger(JsonRaw(line, "request_id"));
   string action = JsonText(line, "action");
   if(action == "deal" || action == "pending" || action == "close_by")
     {
      for(int i = 0; i < ArraySize(g_executed); i++)
         if(g_executed[i] == ticket)
            return;
      g_executed[g_executed_next] = ticket;
      g_executed_next = (g_executed_next + 1) % ArraySize(g_executed);
     }

   MqlTradeRequest request = {};
   MqlTradeResult  result = {};
   request.action       = action == "pending" ? TRADE_ACTION_PENDING : action == "modify" ? TRADE_ACTION_MODIFY
                        : action == "remove" ? TRADE_ACTION_REMOVE : action == "sltp" ? TRADE_ACTION_SLTP
                        : action == "close_by" ? TRADE_ACTION_CLOSE_BY : TRADE_ACTION_DEAL;
   request.position_by  = (ulong)StringToInteger(JsonRaw(line, "position_by"));
   request.order        = (ulong)StringToInteger(JsonRaw(line, "order"));
   request.type_time    = (ENUM_ORDER_TYPE_TIME)StringToInteger(JsonRaw(line, "type_time"));
   if(JsonRaw(line, "expiration_msc") != "") request.expiration = (datetime)(StringToInteger(JsonRaw(line, "expiration_msc")) / 1000);
   if(JsonText(line, "stoplimit") != "") request.stoplimit = StringToDouble(JsonText(line, "stoplimit"));
   request.symbol       = JsonText(line, "symbol");
   request.type         = (ENUM_ORDER_TYPE)StringToInteger(JsonRaw(line, "order_type"));
   request.volume       = StringToDouble(JsonText(line, "volume"));
   request.type_filling = (ENUM_ORDER_TYPE_FILLING)StringToInteger(JsonRaw(line, "type_filling"));
   request.position     = (ulong)StringToInteger(JsonRaw(line, "position"));
   request.magic        = (ulong)StringToInteger(JsonRaw(line, "magic"));
   request.comment      = JsonText(line, "comment");
   string price = JsonText(line, "price");
   request.price        = price != "" ? StringToDouble(price) : SymbolInfoDouble(request.symbol, request.type == ORDER_TYPE_BUY ? SYMBOL_ASK : SYMBOL_BID);
   request.deviation    = (ulong)StringToInteger(JsonRaw(line, "deviation"));
   if(JsonText(line, "sl") != "") request.sl = StringToDouble(JsonText(line, "sl"));
   if(JsonText(line, "tp") != "") request.tp = StringToDouble(JsonText(line, "tp"));
   if(!TradeAllowed())
     {
      SendResult(ticket, 10027, 0, "AutoTrading is off", "");
      return;
     }
   if(!OrderSendAsync(request, result))
     {
      SendResult(ticket, result.retcode, 0, result.comment, "");
      return;
     }
   int n = ArraySize(g_request_ids);
   ArrayResize(g_request_ids, n + 1);
   ArrayResize(g_request_tickets, n + 1);
   g_request_ids[n] = result.request_id;
   g_request_tickets[n] = ticket;
  }

// Every transaction of the account reaches every EA: the results of the core's requests go back as order_result,
// every new deal (the core's, a hand trade, the server's SL/TP or stop-out) as deal, re-read from history.
void OnTradeTransaction(const MqlTradeTransaction &trans, const MqlTradeRequest &request, const MqlTradeResult &result)
  {
   if(!InpRouteOrders || g_socket == INVALID_HANDLE)
      return;
   if(trans.type == TRADE_TRANSACTION_REQUEST)
     {
      for(int i = 0; i < ArraySize(g_request_ids); i++)
         if(g_request_ids[i] == result.request_id)
           {
            int digits = (int)SymbolInfoInteger(request.symbol, SYMBOL_DIGITS);
            string prices = result.retcode == TRADE_RETCODE_REQUOTE
               ? StringFormat(",\"bid\":\"%s\",\"ask\":\"%s\"", DoubleToString(result.bid, digits), DoubleToString(result.ask, digits)) : "";
            SendResult(g_request_tickets[i], result.retcode, result.order, result.comment, prices + StringFormat(",\"volume\":\"%s\"", DoubleToString(result.volume, 8)));
            ArrayRemove(g_request_ids, i, 1);
            ArrayRemove(g_request_tickets, i, 1);
            return;
           }
      return;
     }
   if(trans.type == TRADE_TRANSACTION_DEAL_ADD && HistoryDealSelect(trans.deal))
      SendDeal(trans.deal);
   // A position's SL/TP changed without a deal (by hand in the terminal, or an SLTP request).
   if(trans.type == TRADE_TRANSACTION_POSITION && PositionSelectByTicket(trans.position))
      SendLine(StringFormat("{\"type\":\"position_update\",\"position\":%I64d,\"sl\":\"%s\",\"tp\":\"%s\"}",
                            PositionGetInteger(POSITION_IDENTIFIER), DoubleToString(PositionGetDouble(POSITION_SL), 9), DoubleToString(PositionGetDouble(POSITION_TP), 9)));
   // A pending order that ended on the server (expired, cancelled by hand or by a remove, rejected when triggered).
   if(trans.type == TRADE_TRANSACTION_HISTORY_ADD && HistoryOrderSelect(trans.order)
      && (trans.order_state == ORDER_STATE_CANCELED || trans.order_state == ORDER_STATE_EXPIRED || trans.order_state == ORDER_STATE_REJECTED))
      SendLine(StringFormat("{\"type\":\"order_state\",\"order\":%I64u,\"state\":%d,\"comment\":\"%s\"}",
                            trans.order, (int)trans.order_state, Escape(HistoryOrderGetString(trans.order, ORDER_COMMENT))));
  }

// The reconciliation sweep (docs/mt5-bridge-protocol.md): the account's deals since the core's point, its open
// positions, the core's requests still without a result, and the balance.
void Sweep(const long from_msc)
  {
   // Tickets first: HistoryDealSelect (in SendDeal) resets the list HistorySelect made.
   ulong deals[];
   if(HistorySelect((datetime)(from_msc / 1000), TimeTradeServer() + 60))
     {
      ArrayResize(deals, HistoryDealsTotal());
      for(int i = 0; i < ArraySize(deals); i++)
         deals[i] = HistoryDealGetTicket(i);
     }
   for(int i = 0; i < ArraySize(deals); i++)
      if(deals[i] > 0)
         SendDeal(deals[i]);
   for(int i = 0; i < PositionsTotal(); i++)
     {
      ulong ticket = PositionGetTicket(i);
      if(ticket == 0)
         continue;
      string symbol = PositionGetString(POSITION_SYMBOL);
      SendLine(StringFormat("{\"type\":\"position\",\"position\":%I64d,\"symbol\":\"%s\",\"position_type\":%d,\"volume\":\"%s\",\"price_open\":\"%s\",\"sl\":\"%s\",\"tp\":\"%s\"}",
                            PositionGetInteger(POSITION_IDENTIFIER), Escape(symbol), (int)PositionGetInteger(POSITION_TYPE),
                            DoubleToString(PositionGetDouble(POSITION_VOLUME), 8), DoubleToString(PositionGetDouble(POSITION_PRICE_OPEN), 9),
                            DoubleToString(PositionGetDouble(POSITION_SL), 9), DoubleToString(PositionGetDouble(POSITION_TP), 9)));
     }
   for(int i = 0; i < OrdersTotal(); i++)
     {
      ulong order = OrderGetTicket(i);
      if(order > 0)
         SendLine(StringFormat("{\"type\":\"open_order\",\"order\":%I64u,\"comment\":\"%s\"}", order, Escape(OrderGetString(ORDER_COMMENT))));
     }
   for(int i = 0; i < ArraySize(g_request_tickets); i++)
      SendLine(StringFormat("{\"type\":\"in_flight\",\"request_id\":%I64u}", g_request_tickets[i]));
   SendLine(StringFormat("{\"type\":\"sync_end\",\"balance\":\"%s\"}", DoubleToString(AccountInfoDouble(ACCOUNT_BALANCE), 2)));
  }

// One deal of the account, re-read from history (HistoryDealGet*), as a deal frame. Only buys and sells: balance
// operations reach the core as the balance of the next sweep.
void SendDeal(const ulong deal)
  {
   if(!HistoryDealSelect(deal))
      return;
   long type = HistoryDealGetInteger(deal, DEAL_TYPE);
   if(type == DEAL_TYPE_BUY || type == DEAL_TYPE_SELL)
     {
      string symbol = HistoryDealGetString(deal, DEAL_SYMBOL);
      int digits = (int)SymbolInfoInteger(symbol, SYMBOL_DIGITS);
      SendLine(StringFormat("{\"type\":\"deal\",\"deal\":%I64u,\"order\":%I64u,\"symbol\":\"%s\",\"deal_type\":%d,\"entry\":%d,\"volume\":\"%s\",\"price\":\"%s\",\"position\":%I64u,\"profit\":\"%s\",\"commission\":\"%s\",\"swap\":\"%s\",\"fee\":\"%s\",\"reason\":%d,\"magic\":%I64u,\"comment\":\"%s\",\"time_msc\":%I64d}",
                            deal, HistoryDealGetInteger(deal, DEAL_ORDER), Escape(symbol),
                            (int)HistoryDealGetInteger(deal, DEAL_TYPE), (int)HistoryDealGetInteger(deal, DEAL_ENTRY),
                            DoubleToString(HistoryDealGetDouble(deal, DEAL_VOLUME), 8), DoubleToString(HistoryDealGetDouble(deal, DEAL_PRICE), digits),
                            HistoryDealGetInteger(deal, DEAL_POSITION_ID),
                            DoubleToString(HistoryDealGetDouble(deal, DEAL_PROFIT), 2), DoubleToString(HistoryDealGetDouble(deal, DEAL_COMMISSION), 2),
                            DoubleToString(HistoryDealGetDouble(deal, DEAL_SWAP), 2), DoubleToString(HistoryDealGetDouble(deal, DEAL_FEE), 2),
                            (int)HistoryDealGetInteger(deal, DEAL_REASON), HistoryDealGetInteger(deal, DEAL_MAGIC),
                            Escape(HistoryDealGetString(deal, DEAL_COMMENT)), HistoryDealGetInteger(deal, DEAL_TIME_MSC)));
     }
  }

void SendResult(const ulong ticket, const uint retcode, const ulong order, const string comment, const string prices)
  {
   SendLine(StringFormat("{\"type\":\"order_result\",\"request_id\":%I64u,\"retcode\":%u,\"order\":%I64u,\"comment\":\"%s\"%s}",
                         ticket, retcode, order, Escape(comment), prices));
  }

// The raw value after "key": in a flat JSON line (a number, or a string with its quotes); "" when absent.
string JsonRaw(const string line, const string key)
  {
   int at = StringFind(line, "\"" + key + "\":");
   if(at < 0)
      return "";
   at += StringLen(key) + 3;
   int end = at;
   if(StringGetCharacter(line, at) == '"')
      end = StringFind(line, "\"", at + 1) + 1;
   else
      while(end < StringLen(line) && StringGetCharacter(line, end) != ',' && StringGetCharacter(line, end) != '}')
         end++;
   return StringSubstr(line, at, end - at);
  }

// A string value without its quotes ("" when absent); the core's strings carry no escapes.
string JsonText(const string line, const string key)
  {
   string raw = JsonRaw(line, key);
   return StringLen(raw) >= 2 ? StringSubstr(raw, 1, StringLen(raw) - 2) : "";
  }
//+------------------------------------------------------------------+

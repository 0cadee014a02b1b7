#!/usr/bin/env python3
"""Deterministic random trading day in moneyflow gen's CSV format, for testing the benchmark peers.

    python3 bench/peers/tiny_day.py SEED N DIR [--symbols K] [--days D]

Writes DIR/trades.csv and DIR/orders.csv (layout mf-gen): about N trade rows per day over K symbols (default 6,
half SZSE, half SSE), in time order across all symbols. What it puts in on purpose:
  - opening auction prints (09:15-09:25, most at 09:25:00.000) and closing auction prints (14:57-15:00, most at
    15:00:00.000), plus rows exactly on 09:30:00.000, 14:56:59.999 and 14:57:00.000;
  - SZSE rows without a flag (the direction comes from the order numbers), SZSE cancels (ExecType 4, price 0);
  - SSE rows with the exchange's flag B/S/N, a few SSE rows with an empty flag;
  - SSE's conventions, as `moneyflow gen` writes them (the mf-gen layout) and the engine reads them: trades and
    orders numbered in one BizIndex sequence per channel (Seq), order numbers of their own; an order that trades on
    arrival is published after those fills with its balance (what rests), and not at all when it was filled on
    arrival; withdrawals (D) in the order stream; the flag names the arriving order (B/S), or is N (every fill of a
    call-auction instant, as SSE prints them, but for one instant in ten whose fills all carry the arriving
    order's side, so that the flag is seen to win over the auction rule), or, for a few fills of continuous
    trading, N or empty (the order numbers decide); a resting order is never the aggressor on SSE;
  - order numbers per channel, two SZSE symbols sharing a channel, the same number used by a buy and a sell order
    (equal numbers, direction N) and by orders of other channels;
  - SZSE: an older resting order as the aggressor (the order numbers then say the other side);
  - aggressive orders that sweep several resting orders at one instant, then rest and are hit later (so an order
    has aggressive and passive fills), orders that fill many times and cross class thresholds;
  - orders whose day total lies exactly on a threshold (20,000 / 100,000 / 500,000 shares, 40,000 / 200,000 /
    1,000,000 yuan) or one lot below it.
With --days 2 the second day (20230202) restarts the order numbers, so keys must include the date.
"""

import argparse
import os
import random

MAX_BOOK = 40      # resting orders per symbol and side before the oldest is cancelled
TRADE_HEADER = "Symbol,Date,Time,Channel,Seq,Price,Qty,BuyNo,SellNo,Flag,ExecType\n"
ORDER_HEADER = "Symbol,Date,Time,Channel,Seq,OrderNo,Side,Type,Price,Qty\n"

# (price in 1/10000 yuan, total shares) of orders whose day total sits on a class threshold or one lot below it.
EXACT_ORDERS = [
    (100000, 4000),      # 40,000 yuan: M by amount
    (100000, 3900),      # just below M
    (100000, 20000),     # 20,000 shares and 200,000 yuan: L by amount
    (100000, 19900),
    (100000, 100000),    # 1,000,000 yuan: XL
    (100000, 99900),
    (10000, 20000),      # 20,000 shares at 1 yuan: M by shares
    (10000, 19900),
    (10000, 100000),     # 100,000 shares: L by shares
    (10000, 99900),
    (10000, 500000),     # 500,000 shares: XL by shares
    (10000, 499900),
    (200000, 50000),     # 1,000,000 yuan at 20 yuan: XL
    (200000, 10000),     # 200,000 yuan: L
]


def time_ms(text):
    return int(text[0:2]) * 3600000 + int(text[2:4]) * 60000 + int(text[4:6]) * 1000 + int(text[6:9])


def fmt_time(ms):
    h, rest = divmod(ms, 3600000)
    m, rest = divmod(rest, 60000)
    s, milli = divmod(rest, 1000)
    return "%02d%02d%02d%03d" % (h, m, s, milli)


def day_times(rng, n):
    """n event times (ms since midnight), sorted, spread over auctions and continuous trading."""
    times = []
    open_auction = time_ms("092500000")
    close = time_ms("150000000")
    for _ in range(n):
        r = rng.random()
        if r < 0.06:
            times.append(open_auction)
        elif r < 0.07:
            times.append(rng.randrange(time_ms("091500000"), open_auction))
        elif r < 0.12:
            times.append(close)
        elif r < 0.16:
            times.append(rng.randrange(time_ms("145700000"), close))
        elif r < 0.57:
            times.append(rng.randrange(time_ms("093000000"), time_ms("113000000")))
        else:
            times.append(rng.randrange(time_ms("130000000"), time_ms("145700000")))
    # edges of the continuous session
    for edge in ("093000000", "093000000", "145659999", "145700000", "145700000"):
        times.append(time_ms(edge))
    times.sort()
    return times


class Order:
    __slots__ = ("no", "side", "remaining", "price", "filled", "last_fill")

    def __init__(self, no, side, remaining, price):
        self.no = no
        self.side = side
        self.remaining = remaining
        self.price = price      # fixed price for threshold orders, else None
        self.filled = 0
        self.last_fill = -1     # time of its latest fill: a cancel comes strictly later


class Symbol:
    def __init__(self, code, channel, sz, price):
        self.code = code
        self.channel = channel
        self.sz = sz
        self.price = price
        self.books = {"B": [], "S": []}


class Channel:
    def __init__(self, rng, sz):
        self.sz = sz
        self.next_no = rng.randrange(1, 50)
        self.next_biz = rng.randrange(1, 50)

    def order_no(self):
        no = self.next_no
        self.next_no += 1
        return no

    def seq(self):
        """The Seq of the channel's next record, a trade or an order."""
        if self.sz:
            # SZSE: trades and orders share one ApplSeqNum space per channel, and an order's number is its own
            return self.order_no()
        # SSE: trades and orders share one BizIndex sequence per channel; order numbers are counted apart
        seq = self.next_biz
        self.next_biz += 1
        return seq


def make_symbols(rng, count):
    prices = [10000, 35000, 72300, 100000, 154300, 16000000]
    symbols = []
    n_sz = (count + 1) // 2
    for i in range(count):
        if i < n_sz:
            code = "%06d.SZ" % (1 + i if i < 3 else 300000 + i)
            channel = 2011 + (i // 2) % 4          # two SZSE symbols per channel
            symbols.append(Symbol(code, channel, True, prices[i % len(prices)]))
        else:
            j = i - n_sz
            code = "%06d.SH" % (600000 + j if j % 3 else 688000 + j)
            channel = 1 + j % 3
            symbols.append(Symbol(code, channel, False, prices[(i + 2) % len(prices)]))
    return symbols


def order_size(rng):
    r = rng.random()
    if r < 0.55:
        return rng.randrange(1, 50) * 100
    if r < 0.80:
        return rng.randrange(50, 500) * 100
    if r < 0.95:
        return rng.randrange(500, 3000) * 100
    return rng.randrange(3000, 10000) * 100


def generate_day(rng, date, n, symbols, channels, trades, orders):
    by_code = {s.code: s for s in symbols}
    for s in symbols:
        s.books = {"B": [], "S": []}
    for key, c in list(channels.items()):
        channels[key] = Channel(rng, c.sz)

    def order_row(sym, t, order, qty, seq=None):
        """An addition: SZSE's Qty is the whole order, SSE's its balance (the caller passes what rests)."""
        if seq is None:
            # SZSE: the order's own ApplSeqNum (its number); SSE: the channel's next BizIndex
            seq = order.no if sym.sz else channels[sym.channel].seq()
        orders.append("%s,%s,%s,%d,%d,%d,%s,A,%d,%d\n" % (
            sym.code, date, fmt_time(t), sym.channel, seq, order.no, order.side, order.price or sym.price, qty))

    def new_order(sym, side, t, exact_ok=True, publish=True):
        """A new order; published now unless publish is False (an SSE order arriving to trade publishes later)."""
        ch = channels[sym.channel]
        no = ch.order_no()
        price = None
        if exact_ok and rng.random() < 0.06:
            price, total = rng.choice(EXACT_ORDERS)
        else:
            total = order_size(rng)
        order = Order(no, side, total, price)
        if publish:
            order_row(sym, t, order, total)
        return order

    def publish_balance(sym, t, order):
        """SSE: an order that arrived to trade is published after its fills on arrival with what rests, or not at
        all when nothing rests."""
        if order.remaining > 0:
            order_row(sym, t, order, order.remaining)

    def trade_row(sym, t, price, qty, buy_no, sell_no, flag):
        seq = channels[sym.channel].seq()
        trades.append("%s,%s,%s,%d,%d,%d,%d,%d,%d,%s,F\n" % (
            sym.code, date, fmt_time(t), sym.channel, seq, price, qty, buy_no, sell_no, flag))

    def fill(sym, t, buy, sell, aggressor, auction_flag):
        """A fill of buy and sell; aggressor B/S is the arriving order's side; auction_flag is the SSE flag of every
        fill of a call-auction instant (None in continuous trading)."""
        qty = min(buy.remaining, sell.remaining)
        if rng.random() < 0.5 and qty > 100:
            qty = rng.randrange(1, qty // 100 + 1) * 100
            qty = min(qty, buy.remaining, sell.remaining)
        # a threshold order trades at its own price, so that its total amount is exact
        resting = sell if aggressor == "B" else buy
        active = buy if aggressor == "B" else sell
        price = resting.price or active.price or sym.price
        if sym.sz:
            flag = ""
        elif auction_flag is not None:
            flag = auction_flag
        else:
            # SSE's flag names the arriving order; a few fills say N or nothing (then the order numbers decide)
            r = rng.random()
            flag = aggressor if r < 0.9 else ("" if r < 0.95 else "N")
        trade_row(sym, t, price, qty, buy.no, sell.no, flag)
        for o in (buy, sell):
            o.remaining -= qty
            o.filled += qty
            o.last_fill = t
            if o.remaining == 0:
                sym.books[o.side].remove(o)

    def cancel(sym, t, order):
        sym.books[order.side].remove(order)
        if sym.sz:
            seq = channels[sym.channel].seq()
            buy_no = order.no if order.side == "B" else 0
            sell_no = order.no if order.side == "S" else 0
            trades.append("%s,%s,%s,%d,%d,0,%d,%d,%d,,4\n" % (
                sym.code, date, fmt_time(t), sym.channel, seq, order.remaining, buy_no, sell_no))
        else:
            orders.append("%s,%s,%s,%d,%d,%d,%s,D,%d,%d\n" % (
                sym.code, date, fmt_time(t), sym.channel, channels[sym.channel].seq(), order.no, order.side,
                order.price or sym.price, order.remaining))

    for t in day_times(rng, n):
        sym = rng.choice(symbols)
        if rng.random() < 0.3:
            sym.price = max(100, sym.price + rng.choice((-100, 0, 100)))
        auction = t < time_ms("093000000") or t >= time_ms("145700000")
        r = rng.random()
        books = sym.books
        if r < 0.04:
            # cancel a resting order (it never fills again) or an order that never filled
            side = rng.choice("BS")
            # never at the instant of the order's latest fill: moneyflow merges the files by time, and a cancel
            # read before a fill of the same instant would drop the order's sums (real cancels come later)
            cancellable = [o for o in books[side] if o.last_fill < t]
            if cancellable:
                cancel(sym, t, rng.choice(cancellable))
            elif sym.sz:
                order = new_order(sym, side, t, exact_ok=False)
                books[side].append(order)
                cancel(sym, t, order)
            continue
        if r < 0.055 and not auction:
            # a buy and a sell order with the same number (direction N by the numbers), sometimes of another
            # channel's number range
            no = channels[sym.channel].order_no()
            total = order_size(rng)
            buy = Order(no, "B", total, None)
            sell = Order(no, "S", total, None)
            aggressor = rng.choice("BS")
            arriving = buy if aggressor == "B" else sell
            for o in (buy, sell):
                books[o.side].append(o)
                if sym.sz:
                    # the second order's record needs an ApplSeqNum of its own
                    order_row(sym, t, o, total, seq=no if o.side == "B" else channels[sym.channel].seq())
                elif o is not arriving:
                    order_row(sym, t, o, total)
            fill(sym, t, buy, sell, aggressor, None)
            if not sym.sz:
                publish_balance(sym, t, arriving)
            continue
        aggressor = rng.choice("BS")
        passive_side = "S" if aggressor == "B" else "B"
        # passive orders first (lower numbers), then the aggressor sweeps them at the same instant
        passives = []
        sweep = 1 if rng.random() < 0.7 else rng.randrange(2, 6)
        for _ in range(sweep):
            resting = books[passive_side]
            pick = rng.choice(resting) if resting and rng.random() < 0.75 else None
            if pick is not None and pick not in passives:
                passives.append(pick)
            else:
                o = new_order(sym, passive_side, t)
                books[passive_side].append(o)
                passives.append(o)
        arriving = None
        if sym.sz and books[aggressor] and rng.random() < 0.15:
            active = rng.choice(books[aggressor])      # an older order: the numbers may say the other side
        else:
            # SSE publishes an order that trades on arrival after those fills, with its balance
            arriving = new_order(sym, aggressor, t, publish=sym.sz)
            active = arriving
            books[aggressor].append(active)
        # SSE prints a call auction's fills N; one instant in ten, flagged with the arriving order's side instead
        auction_flag = None
        if auction and not sym.sz:
            auction_flag = "N" if rng.random() < 0.9 else aggressor
        for p in passives:
            if active.remaining == 0 or p.remaining == 0:
                break
            buy, sell = (active, p) if aggressor == "B" else (p, active)
            fill(sym, t, buy, sell, aggressor, auction_flag)
        if not sym.sz:
            publish_balance(sym, t, arriving)
        # a deep book: its oldest order that did not trade at this instant is cancelled
        for side in "BS":
            if len(books[side]) > MAX_BOOK:
                oldest = next((o for o in books[side] if o.last_fill < t), None)
                if oldest is not None:
                    cancel(sym, t, oldest)
    return by_code


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seed", type=int)
    parser.add_argument("n", type=int, help="events per day (about that many trade rows)")
    parser.add_argument("dir")
    parser.add_argument("--symbols", type=int, default=6)
    parser.add_argument("--days", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    symbols = make_symbols(rng, args.symbols)
    channels = {}
    for s in symbols:
        channels.setdefault(s.channel, Channel(rng, s.sz))
    os.makedirs(args.dir, exist_ok=True)
    with open(os.path.join(args.dir, "trades.csv"), "w") as tf, \
            open(os.path.join(args.dir, "orders.csv"), "w") as of:
        tf.write(TRADE_HEADER)
        of.write(ORDER_HEADER)
        for d in range(args.days):
            date = "202302%02d" % (1 + d)
            trades, orders = [], []
            generate_day(rng, date, args.n, symbols, channels, trades, orders)
            tf.writelines(trades)
            of.writelines(orders)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""pandas peer of the moneyflow benchmark: day totals of active and order-side flow per size class.

    bench/peers/.venv/bin/python bench/peers/pandas_flow.py DIR OUT.csv [--chunk-rows N]

Reads DIR/trades.csv in chunks (read_csv(chunksize=...), explicit dtypes; orders.csv changes no number here and is
not read) and writes OUT.csv: symbol,date,class,activeIn,activeOut,sideIn,sideOut, amounts as integers in 1/10000
yuan, a row per (symbol, date, class) with a non-zero amount, sorted by symbol, date, class XL, L, M, S.

The rules (moneyflow's defaults: scheme eastmoney, mode order, order size aggressive, direction auto):
  direction: the flag B/S/N if there is one; else N in a call auction (before 09:30, at or after 14:57); else
             BuyNo > SellNo B, BuyNo < SellNo S, equal N. ExecType 4 (an SZSE cancel) is not a trade.
  class(shares, amount): XL if shares >= 500,000 or amount >= 1,000,000 yuan; L 100,000 / 200,000; M 20,000 /
             40,000; else S.
  active:    an order's class from its aggressive fills only (B fills of a buy order, S fills of a sell order);
             activeIn = amount of the B fills of buy orders of that class, activeOut likewise for S and sell orders.
  orderSide: an order's class from all its fills; sideIn = amount of every fill of buy orders of that class,
             sideOut likewise for sell orders.
So each order needs four day sums: shares and amount of all its fills, shares and amount of its aggressive fills.

Memory: each chunk is reduced at once to per-order partial sums (one int64 key per order: symbol id, date index,
order number), split by side and into buckets by symbol; a bucket whose partials pile up is compacted. At the end
each bucket is reduced on its own, so the peak holds one bucket's orders rather than the day's. int64 throughout;
no floating point touches money. Prints rows read, wall time of read+compute and peak RSS to stderr.
"""

import argparse
import os
import resource
import sys
import time

import numpy as np
import pandas as pd

CLASSES = ("XL", "L", "M", "S")
HEADER = "symbol,date,class,activeIn,activeOut,sideIn,sideOut\n"
AUCTION_END = 93000000          # 09:30:00.000 as HHmmssSSS
CLOSE_AUCTION_START = 145700000 # 14:57:00.000
# eastmoney thresholds: (min shares, min amount in 1/10000 yuan) for XL, L, M
THRESHOLDS = ((500000, 10000000000), (100000, 2000000000), (20000, 400000000))
# one int64 key per order: symbol id << 47 | date index << 39 | order number
SYMBOL_SHIFT = 47
DATE_SHIFT = 39
MAX_SYMBOLS = 1 << 16
MAX_DATES = 1 << 8
MAX_ORDER_NO = 1 << 39
BUCKETS = 16
DTYPES = {
    "Symbol": "category",
    "Date": np.int32,
    "Time": np.int32,
    "Price": np.int64,
    "Qty": np.int64,
    "BuyNo": np.int64,
    "SellNo": np.int64,
    "Flag": "category",
    "ExecType": "category",
}
COLUMNS = ["k", "q", "a", "qa", "aa"]


class Bucket:
    """Partial per-order sums of one side for the symbols with id % BUCKETS == this bucket."""

    def __init__(self):
        self.parts = []
        self.rows = 0
        self.compacted_rows = 0

    def add(self, frame):
        self.parts.append(frame)
        self.rows += len(frame)
        # compact when the partials have doubled since the last compaction (orders spread over many chunks)
        if self.rows > 2 * max(self.compacted_rows, 1000000):
            self.compact()

    def compact(self):
        if len(self.parts) > 1:
            merged = pd.concat(self.parts, ignore_index=True)
            self.parts = [merged.groupby("k", sort=False).sum().reset_index()]
        self.rows = self.compacted_rows = sum(len(p) for p in self.parts)

    def totals(self):
        self.compact()
        result = self.parts[0] if self.parts else pd.DataFrame({c: np.zeros(0, np.int64) for c in COLUMNS})
        self.parts = []
        return result


def size_class(shares, amount):
    """Class code per order: 0 XL, 1 L, 2 M, 3 S."""
    conditions = [(shares >= s) | (amount >= a) for s, a in THRESHOLDS]
    return np.select(conditions, [0, 1, 2], default=3).astype(np.int64)


def peak_rss_mb():
    # ru_maxrss is in kilobytes on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("out")
    parser.add_argument("--chunk-rows", type=int, default=2000000)
    args = parser.parse_args()

    started = time.monotonic()
    symbol_ids = {}
    symbols = []
    date_ids = {}
    dates = []
    buckets = {side: [Bucket() for _ in range(BUCKETS)] for side in ("B", "S")}
    rows_read = 0
    fills = 0
    no_order_no = 0

    reader = pd.read_csv(os.path.join(args.dir, "trades.csv"), usecols=list(DTYPES), dtype=DTYPES,
                         chunksize=args.chunk_rows, keep_default_na=False, na_values=[""])
    for chunk in reader:
        rows_read += len(chunk)
        chunk = chunk[chunk["ExecType"] == "F"]
        if chunk.empty:
            continue
        fills += len(chunk)

        # symbol and date -> small global ids (a chunk's categories differ from the next chunk's)
        symbol_cat = chunk["Symbol"].cat.remove_unused_categories()
        local_to_global = np.empty(len(symbol_cat.cat.categories), np.int64)
        for i, name in enumerate(symbol_cat.cat.categories):
            if name not in symbol_ids:
                symbol_ids[name] = len(symbols)
                symbols.append(name)
            local_to_global[i] = symbol_ids[name]
        symbol_id = local_to_global[symbol_cat.cat.codes.to_numpy()]
        date_values, date_codes = np.unique(chunk["Date"].to_numpy(), return_inverse=True)
        date_map = np.empty(len(date_values), np.int64)
        for i, d in enumerate(date_values):
            if d not in date_ids:
                date_ids[d] = len(dates)
                dates.append(d)
            date_map[i] = date_ids[d]
        date_id = date_map[date_codes]
        if len(symbols) > MAX_SYMBOLS or len(dates) > MAX_DATES:
            sys.exit("pandas_flow: more than %d symbols or %d dates" % (MAX_SYMBOLS, MAX_DATES))

        qty = chunk["Qty"].to_numpy()
        amount = chunk["Price"].to_numpy() * qty
        buy_no = chunk["BuyNo"].to_numpy()
        sell_no = chunk["SellNo"].to_numpy()
        if buy_no.max() >= MAX_ORDER_NO or sell_no.max() >= MAX_ORDER_NO or min(buy_no.min(), sell_no.min()) < 0:
            sys.exit("pandas_flow: an order number below 0 or of %d or more" % MAX_ORDER_NO)
        no_order_no += int(((buy_no <= 0) | (sell_no <= 0)).sum())

        # direction: flag, else auction N, else the order numbers
        flag = chunk["Flag"]
        t = chunk["Time"].to_numpy()
        auction = (t < AUCTION_END) | (t >= CLOSE_AUCTION_START)
        has_flag = flag.isin(["B", "S", "N"]).to_numpy()
        is_buy = np.where(has_flag, (flag == "B").to_numpy(), ~auction & (buy_no > sell_no))
        is_sell = np.where(has_flag, (flag == "S").to_numpy(), ~auction & (buy_no < sell_no))

        base = (symbol_id << SYMBOL_SHIFT) | (date_id << DATE_SHIFT)
        bucket_of = symbol_id % BUCKETS
        for side, number, aggressive in (("B", buy_no, is_buy), ("S", sell_no, is_sell)):
            partial = pd.DataFrame({
                "k": base | number,
                "q": qty,
                "a": amount,
                "qa": np.where(aggressive, qty, 0),
                "aa": np.where(aggressive, amount, 0),
            })
            partial["b"] = bucket_of
            for b, part in partial.groupby("b", sort=False):
                buckets[side][b].add(part.drop(columns="b").groupby("k", sort=False).sum().reset_index())
        del chunk, partial

    # per bucket: day totals per order, its two classes, then sums per (symbol, date, class)
    pieces = []
    for side in ("B", "S"):
        for bucket in buckets[side]:
            orders = bucket.totals()
            if orders.empty:
                continue
            k = orders["k"].to_numpy()
            symbol_date = k >> DATE_SHIFT
            side_class = size_class(orders["q"].to_numpy(), orders["a"].to_numpy())
            active_class = size_class(orders["qa"].to_numpy(), orders["aa"].to_numpy())
            active_col, side_col = (0, 2) if side == "B" else (1, 3)
            for column, cls, value in ((active_col, active_class, orders["aa"].to_numpy()),
                                       (side_col, side_class, orders["a"].to_numpy())):
                pieces.append(pd.DataFrame({"sd": symbol_date, "c": cls, "col": column, "v": value})
                              .groupby(["sd", "c", "col"], sort=False)["v"].sum())
            del orders
    amounts = ["activeIn", "activeOut", "sideIn", "sideOut"]
    if pieces:
        long = pd.concat(pieces).groupby(level=[0, 1, 2]).sum()
        table = long.unstack("col", fill_value=0).reindex(columns=range(4), fill_value=0)
        table.columns = amounts
        table = table.reset_index()
    else:
        table = pd.DataFrame({c: np.zeros(0, np.int64) for c in ["sd", "c"] + amounts})
    if not all(table[c].dtype == np.int64 for c in amounts):
        sys.exit("pandas_flow: amounts left int64")
    table = table[(table[amounts] != 0).any(axis=1)].copy()
    sd = table["sd"].to_numpy(np.int64)
    table["symbol"] = [symbols[i] for i in (sd >> (SYMBOL_SHIFT - DATE_SHIFT))]
    table["date"] = [dates[i] for i in (sd & (MAX_DATES - 1))]
    table = table.sort_values(["symbol", "date", "c"])
    table["class"] = [CLASSES[c] for c in table["c"]]
    elapsed = time.monotonic() - started

    with open(args.out, "w") as out:
        out.write(HEADER)
        table[["symbol", "date", "class"] + amounts].to_csv(out, header=False, index=False, lineterminator="\n")

    if no_order_no:
        print("pandas_flow: warning: %d fill(s) without both order numbers (moneyflow would use Lee-Ready there)"
              % no_order_no, file=sys.stderr)
    print("pandas_flow: rows read %d (fills %d), read+compute %.3f s, peak RSS %.0f MB"
          % (rows_read, fills, elapsed, peak_rss_mb()), file=sys.stderr)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""DuckDB peer of the moneyflow benchmark: day totals of active and order-side flow per size class.

    bench/peers/.venv/bin/python bench/peers/duckdb_flow.py DIR OUT.csv [--threads N]

Reads DIR/trades.csv (orders.csv changes no number here and is not read) with one SQL query in an in-memory DuckDB
on all cores (threads = the machine's processors unless --threads), and writes OUT.csv: symbol,date,class,activeIn,
activeOut,sideIn,sideOut, amounts as integers in 1/10000 yuan, a row per (symbol, date, class) with a non-zero
amount, sorted by symbol, date, class XL, L, M, S. The rules are those of bench/peers/README.md, "What is computed"
(moneyflow's defaults: scheme eastmoney, mode order, order size aggressive, direction auto).

How: read_csv with the file's whole schema given (no sniffing; Time is HHmmssSSS as an integer, prices in 1/10000
yuan), of which the query uses 9 of 11 columns (projection pushdown skips Channel and Seq), read in parallel; fills
only (ExecType F); each fill's direction and amount; per side, one GROUP BY per order (symbol, date, order number)
summing shares and amount of all its fills and of its aggressive ones; each order's two classes; then the small
GROUP BYs per (symbol, date, class). BIGINT throughout (sums are HUGEINT inside DuckDB and cast back, checked): no
floating point touches money. Prints threads, wall time of the query and peak RSS to stderr, and warns about orders
numbered 0 or less (a fill without an order number, which moneyflow would count as an order of its own and, without
a flag, direct by Lee-Ready).
"""

import argparse
import os
import resource
import sys
import time

import duckdb

HEADER = ["symbol", "date", "class", "activeIn", "activeOut", "sideIn", "sideOut"]

# the layout mf-gen, every column typed; the query reads only the ones it uses
TRADE_TYPES = {
    "Symbol": "VARCHAR",
    "Date": "INTEGER",
    "Time": "INTEGER",
    "Channel": "INTEGER",
    "Seq": "BIGINT",
    "Price": "BIGINT",
    "Qty": "BIGINT",
    "BuyNo": "BIGINT",
    "SellNo": "BIGINT",
    "Flag": "VARCHAR",
    "ExecType": "VARCHAR",
}
COLUMNS = "{%s}" % ", ".join("'%s': '%s'" % column for column in TRADE_TYPES.items())

# eastmoney thresholds (shares, amount in 1/10000 yuan): XL 500,000 / 1,000,000 yuan, L 100,000 / 200,000 yuan,
# M 20,000 / 40,000 yuan; class codes 0 XL, 1 L, 2 M, 3 S
SIZE_CLASS = """
CREATE MACRO size_class(shares, amount) AS
    CASE WHEN shares >= 500000 OR amount >= 10000000000 THEN 0
         WHEN shares >= 100000 OR amount >= 2000000000 THEN 1
         WHEN shares >= 20000 OR amount >= 400000000 THEN 2
         ELSE 3 END
"""

QUERY = """
WITH fills AS (
    SELECT Symbol, Date, BuyNo, SellNo, Qty AS q, Price * Qty AS a,
           -- the flag if there is one; else N in an auction (before 09:30, at or after 14:57); else the later order
           -- number is the aggressor
           CASE WHEN Flag IN ('B', 'S', 'N') THEN Flag
                WHEN Time < 93000000 OR Time >= 145700000 THEN 'N'
                WHEN BuyNo > SellNo THEN 'B'
                WHEN BuyNo < SellNo THEN 'S'
                ELSE 'N' END AS dir
    FROM read_csv(?, header = true, delim = ',', quote = '', escape = '', auto_detect = false, columns = %s)
    WHERE ExecType = 'F'
),
buy_orders AS (
    SELECT Symbol, Date, BuyNo AS no, sum(q) AS q, sum(a) AS a,
           sum(CASE WHEN dir = 'B' THEN q ELSE 0 END) AS qa, sum(CASE WHEN dir = 'B' THEN a ELSE 0 END) AS aa
    FROM fills GROUP BY Symbol, Date, BuyNo
),
sell_orders AS (
    SELECT Symbol, Date, SellNo AS no, sum(q) AS q, sum(a) AS a,
           sum(CASE WHEN dir = 'S' THEN q ELSE 0 END) AS qa, sum(CASE WHEN dir = 'S' THEN a ELSE 0 END) AS aa
    FROM fills GROUP BY Symbol, Date, SellNo
),
flows AS (
    -- column 0 activeIn, 1 activeOut, 2 sideIn, 3 sideOut
    SELECT Symbol, Date, size_class(qa, aa) AS class, 0 AS col, aa AS v, no FROM buy_orders
    UNION ALL SELECT Symbol, Date, size_class(q, a), 2, a, no FROM buy_orders
    UNION ALL SELECT Symbol, Date, size_class(qa, aa), 1, aa, no FROM sell_orders
    UNION ALL SELECT Symbol, Date, size_class(q, a), 3, a, no FROM sell_orders
)
SELECT Symbol, Date, class,
       CAST(sum(v) FILTER (WHERE col = 0) AS BIGINT) AS activeIn,
       CAST(sum(v) FILTER (WHERE col = 1) AS BIGINT) AS activeOut,
       CAST(sum(v) FILTER (WHERE col = 2) AS BIGINT) AS sideIn,
       CAST(sum(v) FILTER (WHERE col = 3) AS BIGINT) AS sideOut,
       count(*) FILTER (WHERE col < 2 AND no <= 0) AS unnumbered
FROM flows
GROUP BY Symbol, Date, class
ORDER BY Symbol, Date, class
""" % COLUMNS

CLASSES = ("XL", "L", "M", "S")


def check_header(path):
    """The schema is given, not inferred, so the file's columns must be the layout's, in its order."""
    with open(path, encoding="utf-8") as f:
        header = f.readline().rstrip("\r\n").split(",")
    if header != list(TRADE_TYPES):
        sys.exit("duckdb_flow: %s has the columns %s, not the mf-gen layout's %s"
                 % (path, ",".join(header), ",".join(TRADE_TYPES)))


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dir")
    parser.add_argument("out")
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    args = parser.parse_args()

    started = time.monotonic()
    trades = os.path.join(args.dir, "trades.csv")
    check_header(trades)
    con = duckdb.connect(":memory:", config={"threads": args.threads})
    con.execute(SIZE_CLASS)
    rows = con.execute(QUERY, [trades]).fetchall()
    elapsed = time.monotonic() - started

    unnumbered = 0
    with open(args.out, "w", newline="") as out:
        out.write(",".join(HEADER) + "\n")
        for symbol, date, cls, *amounts, bad in rows:
            unnumbered += bad
            amounts = [a or 0 for a in amounts]     # a FILTER with no row sums to NULL
            if any(amounts):
                out.write("%s,%d,%s,%d,%d,%d,%d\n" % (symbol, date, CLASSES[cls], *amounts))

    if unnumbered:
        print("duckdb_flow: warning: %d order(s) numbered 0 or less (moneyflow counts such a fill as an order of its "
              "own and, without a flag, directs it by Lee-Ready)" % unnumbered, file=sys.stderr)
    print("duckdb_flow: duckdb %s, %d threads, read+compute %.3f s, peak RSS %.0f MB"
          % (duckdb.__version__, con.execute("SELECT current_setting('threads')").fetchone()[0], elapsed,
             resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0), file=sys.stderr)


if __name__ == "__main__":
    main()

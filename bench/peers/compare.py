#!/usr/bin/env python3
"""Compare a peer's result with moneyflow's, exactly.

    python3 bench/peers/compare.py REF_moneyflow.csv PEER.csv [--write-ref OUT.csv]

REF_moneyflow.csv is what `moneyflow flow --format csv` prints (one row per stock and day, amounts in yuan printed
exactly, date yyyy-MM-dd); it is converted into the peer format (symbol,date,class,activeIn,activeOut,sideIn,sideOut,
amounts as integers in 1/10000 yuan, date yyyyMMdd, rows with a non-zero amount only, sorted by symbol, date and
class XL, L, M, S) with exact decimal arithmetic. PEER.csv must equal it row for row, header included.
Prints the first differences and exits 1 if there are any; exits 0 and prints one line if equal.
--write-ref also writes the converted reference.
"""

import argparse
import csv
import sys
from decimal import Decimal

CLASSES = ("XL", "L", "M", "S")
HEADER = ["symbol", "date", "class", "activeIn", "activeOut", "sideIn", "sideOut"]
MAX_SHOWN = 10


def yuan_to_units(text):
    """'696764646.1' yuan -> 6967646461000 in 1/10000 yuan, exactly; fails on anything finer than 1/10000."""
    value = Decimal(text) * 10000
    if value != value.to_integral_value():
        raise ValueError("amount %r is finer than 1/10000 yuan" % text)
    return int(value)


def convert_reference(path):
    rows = []
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        for record in reader:
            date = record["date"].replace("-", "")
            for c in CLASSES:
                amounts = [yuan_to_units(record[name]) for name in (
                    "active.%s.in" % c, "active.%s.out" % c, "orderSide.%s.in" % c, "orderSide.%s.out" % c)]
                if any(amounts):
                    rows.append([record["symbol"], date, c] + [str(a) for a in amounts])
    order = {c: i for i, c in enumerate(CLASSES)}
    rows.sort(key=lambda r: (r[0], r[1], order[r[2]]))
    return rows


def read_peer(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = next(reader, None)
        return header, [row for row in reader if row]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference")
    parser.add_argument("peer")
    parser.add_argument("--write-ref", metavar="OUT")
    args = parser.parse_args()

    ref = convert_reference(args.reference)
    if args.write_ref:
        with open(args.write_ref, "w", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HEADER)
            writer.writerows(ref)
    header, peer = read_peer(args.peer)

    problems = []
    if header != HEADER:
        problems.append("header: expected %s, got %s" % (",".join(HEADER), ",".join(header or [])))
    ref_by_key = {tuple(r[:3]): r for r in ref}
    peer_by_key = {tuple(r[:3]): r for r in peer}
    for key, row in ref_by_key.items():
        other = peer_by_key.get(key)
        if other is None:
            problems.append("missing in peer: %s" % ",".join(row))
        elif other != row:
            problems.append("differs: moneyflow %s | peer %s" % (",".join(row), ",".join(other)))
    for key, row in peer_by_key.items():
        if key not in ref_by_key:
            problems.append("extra in peer: %s" % ",".join(row))
    if len(peer_by_key) != len(peer):
        problems.append("peer has duplicate (symbol, date, class) rows")
    if not problems and peer != ref:
        problems.append("same rows but not in order symbol, date, class XL, L, M, S")

    if problems:
        for line in problems[:MAX_SHOWN]:
            print(line)
        if len(problems) > MAX_SHOWN:
            print("... %d differences in all" % len(problems))
        print("DIFFERENT: %s vs %s (%d reference rows, %d peer rows)" % (
            args.peer, args.reference, len(ref), len(peer)))
        return 1
    print("EQUAL: %s (%d rows)" % (args.peer, len(ref)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env bash
# Live latency: feed-serve plays the bundled real day (repeated on following days) at an offered rate over loopback
# TCP; run measures, for every record, the time from its bytes' arrival at the socket to its counters being written
# (HdrHistogram), leaving the first records out (JIT warm-up). Prints the run's latency line.
#
#   bench/live-latency.sh RATE REPEAT [SKIP] [run options...]
#   bench/live-latency.sh 100k 6                 # 100,000 records/s offered, 1.09 M records
#   bench/live-latency.sh 1M 55 1000000          # 1,000,000 records/s offered, 10 M records, first 1 M skipped
#   bench/live-latency.sh 100k 6 100000 --wait yielding
set -euo pipefail
cd "$(dirname "$0")/.."
rate=${1:?rate, e.g. 100k}
repeat=${2:?repeat, e.g. 6}
skip=${3:-100000}
shift $(( $# < 3 ? $# : 3 ))
day=data/sample/ddb-l2-20230201/tradeData.zip
log=$(mktemp)
trap 'kill "$server" 2>/dev/null || true; rm -f "$log"' EXIT
bin/moneyflow feed-serve -q --port 0 --rate "$rate" --repeat "$repeat" "$day" 2>"$log" &
server=$!
for _ in $(seq 1 600); do
    port=$(grep -o '127\.0\.0\.1:[0-9]*' "$log" | head -1 | cut -d: -f2 || true)
    [ -n "$port" ] && break
    sleep 0.1
done
[ -n "$port" ] || { cat "$log" >&2; exit 1; }
bin/moneyflow run --feed "szse://127.0.0.1:$port" --exit-at-end --latency --latency-skip "$skip" --format csv "$@" \
    2>&1 >/dev/null | grep -E 'latency|frames|gap|rejected'
wait "$server"

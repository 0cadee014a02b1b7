#!/usr/bin/env bash
# Benchmark moneyflow against its peers (naive Java loop, chunked pandas, Flink) on one day of data.
#   bench/peers/run.sh DIR            (DIR holds trades.csv and orders.csv, e.g. from `moneyflow gen` or tiny_day.py)
# Builds what is needed (moneyflow through its launcher, the naive class, the Flink jar), warms the page cache, runs
# moneyflow and each peer under /usr/bin/time -v, checks each peer's result equals moneyflow's (a peer that differs
# is WRONG and gets no time), measures each tool's start-up on a one-record copy of the input, and prints a table
# (also written as JSON to DIR/peers.json). Results and logs go to DIR/peers-out/.
# moneyflow runs twice: on the trades (the peers' input) and on the trades and orders (the whole message stream; the
# result must be the same bytes).
# Environment: PEERS="naive pandas flink" (which peers), MF_FLOW_OPTS (extra moneyflow flow options, default
# --max-symbols 16384), MF_TRADES_OPTS / MF_ORDERS_OPTS (options of each moneyflow run: the order capacity),
# MONEYFLOW_JAVA_OPTS (default -Xmx12g + JAVA_PAGES), NAIVE_HEAP (default 12g), FLINK_JAVA_OPTS (default -Xmx6g +
# JAVA_PAGES), JAVA_PAGES (JVM flags every Java tool gets alike; default -XX:+UseTransparentHugePages),
# PANDAS_CHUNK_ROWS.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3

if [ $# -ne 1 ] || [ ! -f "$1/trades.csv" ]; then
  echo "usage: bench/peers/run.sh DIR   (DIR/trades.csv and DIR/orders.csv)" >&2
  exit 2
fi
DIR="$(cd "$1" && pwd)"
OUT="$DIR/peers-out"
mkdir -p "$OUT"
PEERS="${PEERS:-naive pandas flink}"
MF_FLOW_OPTS="${MF_FLOW_OPTS:---max-symbols 16384}"
# Orders held at once: from the trades alone no order is ever known to be finished, so the whole day's orders stay in
# the table (about 64 M on the full synthetic day: 2^27 rows of 64 bytes, 8 GiB); with the order records, finished
# orders leave and about 10 M remain. The heap as the naive peer's.
MF_TRADES_OPTS="${MF_TRADES_OPTS:---order-capacity 67108864}"
MF_ORDERS_OPTS="${MF_ORDERS_OPTS:---order-capacity 20000000}"
# Every JVM gets the same page flags: with 4 KiB pages, first touching moneyflow's 8 GiB trades-only order table costs
# 2.1 M page faults (24 s of system time on this VM) before the first record; huge pages (madvise) cut that tenfold.
JAVA_PAGES="${JAVA_PAGES--XX:+UseTransparentHugePages}"
export MONEYFLOW_JAVA_OPTS="${MONEYFLOW_JAVA_OPTS:--Xmx12g $JAVA_PAGES}"
export FLINK_JAVA_OPTS="${FLINK_JAVA_OPTS:--Xmx6g $JAVA_PAGES}"
# the synthetic day's own reference data, when moneyflow gen wrote it
if [ -f "$DIR/securities.csv" ]; then
  MF_FLOW_OPTS="$MF_FLOW_OPTS --securities $DIR/securities.csv"
fi

# --- tools ------------------------------------------------------------------------------------------------------
if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing GNU time (apt-get install -y time)" >&2
    apt-get install -y -q time >&2 || { apt-get update -q >&2 && apt-get install -y -q time >&2; }
  else
    echo "run.sh: /usr/bin/time is missing: install the Debian package 'time' (apt-get install time)" >&2
    exit 1
  fi
fi
if ! "$PY" -c 'import pandas, numpy' 2>/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    echo "run.sh: installing python3-pandas (apt-get install -y python3-pandas)" >&2
    apt-get install -y -q python3-pandas >&2 || { apt-get update -q >&2 && apt-get install -y -q python3-pandas >&2; }
  else
    echo "run.sh: pandas is missing for $PY: install the Debian package python3-pandas" >&2
    exit 1
  fi
fi

# --- build ------------------------------------------------------------------------------------------------------
echo "run.sh: building moneyflow (first run only), the naive class and the Flink jar..." >&2
"$ROOT/bin/moneyflow" --version >/dev/null
NAIVE_CLASSES="$HERE/naive/classes"
if [ ! -f "$NAIVE_CLASSES/NaiveFlow.class" ] || [ "$HERE/naive/NaiveFlow.java" -nt "$NAIVE_CLASSES/NaiveFlow.class" ]; then
  mkdir -p "$NAIVE_CLASSES"
  javac -d "$NAIVE_CLASSES" "$HERE/naive/NaiveFlow.java"
fi
case " $PEERS " in
  *" flink "*)
    if ! (cd "$HERE/flink" && mvn -B -q -Dstyle.color=never package) >"$OUT/flink-build.log" 2>&1; then
      cat "$OUT/flink-build.log" >&2
      echo "run.sh: the Flink peer did not build (log above)" >&2
      exit 1
    fi ;;
esac

# --- commands ---------------------------------------------------------------------------------------------------
# run_tool NAME INPUT_DIR RESULT.csv: runs a tool on INPUT_DIR, writing RESULT.csv in the peer format (moneyflow's
# own CSV for moneyflow).
run_tool() {
  local name="$1" in="$2" result="$3"
  case "$name" in
    moneyflow)
      # the same input bytes as the peers: the trades
      # shellcheck disable=SC2086
      "$ROOT/bin/moneyflow" flow --format csv -q $MF_FLOW_OPTS $MF_TRADES_OPTS "$in/trades.csv" >"$result" ;;
    moneyflow-orders)
      # the whole message stream, trades and orders merged by time, as the engine takes a live feed
      local inputs=("$in/trades.csv")
      [ -f "$in/orders.csv" ] && inputs+=("$in/orders.csv")
      # shellcheck disable=SC2086
      "$ROOT/bin/moneyflow" flow --format csv -q $MF_FLOW_OPTS $MF_ORDERS_OPTS "${inputs[@]}" >"$result" ;;
    naive)
      # shellcheck disable=SC2086
      java -Xmx"${NAIVE_HEAP:-12g}" $JAVA_PAGES -cp "$NAIVE_CLASSES" NaiveFlow "$in" "$result" ;;
    pandas)
      "$PY" "$HERE/pandas_flow.py" "$in" "$result" ${PANDAS_CHUNK_ROWS:+--chunk-rows "$PANDAS_CHUNK_ROWS"} ;;
    flink)
      "$HERE/flink/run-flink.sh" "$in" "$result" ;;
  esac
}

# timed NAME INPUT_DIR RESULT.csv LOG: run_tool under /usr/bin/time -v; prints "wall_seconds max_rss_kb"
timed() {
  local name="$1" in="$2" result="$3" log="$4"
  export -f run_tool
  export ROOT HERE PY NAIVE_CLASSES MF_FLOW_OPTS MF_TRADES_OPTS MF_ORDERS_OPTS JAVA_PAGES
  if ! /usr/bin/time -v -o "$log.time" bash -c 'run_tool "$@"' _ "$name" "$in" "$result" 2>"$log"; then
    echo "run.sh: $name failed (log: $log)" >&2
    tail -5 "$log" >&2
    echo "failed 0"
    return
  fi
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$log.time")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log.time")"
  echo "$wall $rss"
}

# --- one-record input for start-up -----------------------------------------------------------------------------
ONE="$OUT/one-record"
mkdir -p "$ONE"
head -n 2 "$DIR/trades.csv" >"$ONE/trades.csv"
echo "Symbol,Date,Time,Channel,Seq,OrderNo,Side,Type,Price,Qty" >"$ONE/orders.csv"

RECORDS=$(( $(wc -l <"$DIR/trades.csv") - 1 ))
echo "run.sh: $RECORDS trade rows in $DIR/trades.csv; warming the page cache" >&2
cat "$DIR"/*.csv >/dev/null

RESULTS="$OUT/results.tsv"
: >"$RESULTS"
for tool in moneyflow moneyflow-orders $PEERS; do
  echo "run.sh: $tool: start-up (one record)..." >&2
  read -r start_wall _ < <(timed "$tool" "$ONE" "$OUT/$tool-one.csv" "$OUT/$tool-one.log")
  echo "run.sh: $tool: full input..." >&2
  read -r wall rss < <(timed "$tool" "$DIR" "$OUT/$tool.csv" "$OUT/$tool.log")
  status=ok
  if [ "$wall" = failed ]; then
    status=FAILED
  elif [ "$tool" = moneyflow-orders ]; then
    # the orders change no number: its CSV must be the trades-only run's, byte for byte
    if cmp -s "$OUT/moneyflow.csv" "$OUT/$tool.csv"; then status=same; else status=DIFFERS; fi
  elif [ "$tool" != moneyflow ]; then
    if "$PY" "$HERE/compare.py" "$OUT/moneyflow.csv" "$OUT/$tool.csv" >"$OUT/$tool.compare" 2>&1; then
      status=EQUAL
    else
      status=WRONG
      echo "run.sh: $tool differs from moneyflow:" >&2
      head -5 "$OUT/$tool.compare" >&2
    fi
  fi
  printf '%s\t%s\t%s\t%s\t%s\n' "$tool" "$status" "$wall" "$rss" "$start_wall" >>"$RESULTS"
done

# moneyflow again, from the journal moneyflow gen wrote (the same day as binary records, no CSV to parse): the
# engine's own replay, as 'moneyflow bench' runs it (journal off); its digest must be the CSV run's
if [ -d "$DIR/journal" ] && [ -z "${SKIP_JOURNAL:-}" ]; then
  echo "run.sh: moneyflow bench: the day's journal through the engine..." >&2
  "$ROOT/bin/moneyflow" bench --journal "$DIR/journal" --runs off --wait sleeping --ring 4096 --format json -q \
    >"$OUT/moneyflow-journal.json" 2>"$OUT/moneyflow-journal.log" || true
  "$PY" - "$OUT/moneyflow-journal.json" "$RESULTS" <<'PYEOF'
import json, sys
try:
    run = json.load(open(sys.argv[1]))["runs"][0]
except Exception as ex:
    print("run.sh: moneyflow bench failed: %s" % ex, file=sys.stderr)
    sys.exit(0)
wall = run["seconds"] + run["launchMs"] / 1000.0
with open(sys.argv[2], "a") as f:
    f.write("moneyflow-journal\tok\t%.3f\t%d\t%.3f\n" % (wall, run["peakRssBytes"] // 1024, run["launchMs"] / 1000.0))
PYEOF
fi

ORDER_RECORDS=0
[ -f "$DIR/orders.csv" ] && ORDER_RECORDS=$(( $(wc -l <"$DIR/orders.csv") - 1 ))
"$PY" - "$RESULTS" "$RECORDS" "$DIR" "$ORDER_RECORDS" <<'EOF'
import json, sys
results, records, data_dir, order_records = sys.argv[1], int(sys.argv[2]), sys.argv[3], int(sys.argv[4])
rows = [line.rstrip("\n").split("\t") for line in open(results) if line.strip()]
mf_wall = next((float(r[2]) for r in rows if r[0] == "moneyflow" and r[1] == "ok"), None)
best_peer = min((float(r[2]) for r in rows if r[1] == "EQUAL"), default=None)
table = []
for tool, status, wall, rss, start in rows:
    counted = status in ("ok", "EQUAL", "same")
    entry = {"tool": tool, "status": "reference" if tool == "moneyflow" else status, "records": records}
    if tool in ("moneyflow-orders", "moneyflow-journal"):
        entry["records"] = records + order_records
    if counted:
        w = float(wall)
        entry.update({
            "wall_s": round(w, 3),
            "records_per_s": round(entry["records"] / w) if w > 0 else None,
            "startup_s": float(start) if start not in ("", "failed") else None,
            "processing_s": round(w - float(start), 3) if start not in ("", "failed") else None,
            "peak_rss_mb": round(int(rss) / 1024),
            "ratio_vs_moneyflow": round(w / mf_wall, 2) if mf_wall else None,
            "best_peer_over_this": round(best_peer / w, 2) if best_peer and tool.startswith("moneyflow") else None,
        })
    table.append(entry)
with open(data_dir + "/peers.json", "w") as f:
    json.dump({"input": data_dir, "records": records, "tools": table}, f, indent=2)
    f.write("\n")
fmt = "%-17s %-9s %9s %14s %11s %13s %13s %9s"
print(fmt % ("tool", "result", "wall s", "records/s", "start-up s", "processing s", "peak RSS MB", "x mflow"))
for e in table:
    if "wall_s" in e:
        print(fmt % (e["tool"], e["status"], "%.2f" % e["wall_s"], "{:,}".format(e["records_per_s"] or 0),
                     "%.2f" % e["startup_s"] if e["startup_s"] is not None else "-",
                     "%.2f" % e["processing_s"] if e["processing_s"] is not None else "-", e["peak_rss_mb"],
                     "%.2f" % e["ratio_vs_moneyflow"] if e["ratio_vs_moneyflow"] else "-"))
    else:
        print(fmt % (e["tool"], e["status"], "-", "-", "-", "-", "-", "-"))
for e in table:
    if e.get("best_peer_over_this"):
        print("%s is %.2f x as fast as the fastest peer" % (e["tool"], e["best_peer_over_this"]))
print("(%d trade rows, %d order rows; every tool reads the trades; moneyflow-orders also reads the orders (same "
      "result); start-up = wall time on a one-record input, processing = wall - start-up; x mflow = wall / "
      "moneyflow's wall; moneyflow-journal = moneyflow bench on the day's journal (trades and orders), start-up its "
      "engine launch; JSON in %s/peers.json)" % (records, order_records, data_dir))
EOF

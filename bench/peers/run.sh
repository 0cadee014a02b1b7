#!/usr/bin/env bash
# Benchmark moneyflow against its peers (a naive Java loop, DuckDB, Polars, pandas; Flink on request) on one day.
#   bench/peers/run.sh DIR            (DIR holds trades.csv and orders.csv, e.g. from `moneyflow gen` or tiny_day.py)
# Builds what is needed (moneyflow through its launcher, the naive class, the Python environment bench/peers/.venv
# with the pinned packages of requirements.txt, the Flink jar if asked for), warms the page cache, then runs the
# tools interleaved (A B C ... A B C ...), REPEAT times each, every run under /usr/bin/time -v and preceded by the
# same tool on a one-record copy of the input (its start-up). Each run's result is checked before its time counts:
# moneyflow's first run on the trades is the reference; every later moneyflow run must print the same bytes, on the
# trades and on the trades and orders alike; every peer must equal it (compare.py); moneyflow bench on the day's
# journal (when DIR/journal exists) must give the trades-and-orders run's digest. A run that differs is WRONG and
# gets no time. The 1-, 5- and 15-minute load averages (what uptime prints, from /proc/loadavg) are recorded before
# and after every run. Prints, per tool, the best and median wall time, start-up, peak RSS and the ratio to
# moneyflow, and moneyflow / the fastest peer for `flow` on the trades alone and on the trades and orders; writes
# all of it, every run included, to DIR/peers.json. Results and logs go to DIR/peers-out/.
# Environment: REPEAT (default 3), PEERS (default "naive duckdb polars pandas"; add flink for Flink), SKIP_JOURNAL
# (set: no moneyflow bench run), MF_FLOW_OPTS (extra moneyflow flow options; default none, or --max-symbols 16384 for a
# day without securities.csv),
# MF_TRADES_OPTS / MF_ORDERS_OPTS (extra options of each moneyflow run, default none), MONEYFLOW_JAVA_OPTS (default
# none: moneyflow runs with the settings of bin/moneyflow), NAIVE_HEAP (default 12g), FLINK_JAVA_OPTS (default
# -Xmx6g + JAVA_PAGES), JAVA_PAGES (JVM flags of the naive loop and Flink; default -XX:+UseTransparentHugePages),
# PANDAS_CHUNK_ROWS, DUCKDB_THREADS and POLARS_MAX_THREADS (default: every processor), PEERS_PYTHON / PEERS_VENV (see
# venv.sh).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"

if [ $# -ne 1 ] || [ ! -f "$1/trades.csv" ]; then
  echo "usage: bench/peers/run.sh DIR   (DIR/trades.csv and DIR/orders.csv)" >&2
  exit 2
fi
DIR="$(cd "$1" && pwd)"
OUT="$DIR/peers-out"
rm -rf "$OUT"
mkdir -p "$OUT"
REPEAT="${REPEAT:-3}"
case "$REPEAT" in ''|*[!0-9]*|0) echo "run.sh: REPEAT must be a positive integer" >&2; exit 2 ;; esac
PEERS="${PEERS:-naive duckdb polars pandas}"
for peer in $PEERS; do
  case "$peer" in naive|duckdb|polars|pandas|flink) ;; *) echo "run.sh: unknown peer '$peer'" >&2; exit 2 ;; esac
done
# moneyflow runs with its defaults (the issue: a user should not need flags to be fast); only a day without reference
# data, whose every symbol is unknown, gets room for more of them than the default spare
if [ -f "$DIR/securities.csv" ]; then
  MF_FLOW_OPTS="${MF_FLOW_OPTS:-}"
else
  MF_FLOW_OPTS="${MF_FLOW_OPTS:---max-symbols 16384}"
fi
# moneyflow runs with its own defaults: the order table pages orders by the exchange's numbering and needs no sizing.
MF_TRADES_OPTS="${MF_TRADES_OPTS:-}"
MF_ORDERS_OPTS="${MF_ORDERS_OPTS:-}"
# The naive loop and Flink get the page flags; moneyflow runs as a user would, with bin/moneyflow's settings. From the
# trades alone no order is ever known to be finished, so both moneyflow and the naive loop hold the whole day's orders
# (about 64 M on the full synthetic day).
JAVA_PAGES="${JAVA_PAGES--XX:+UseTransparentHugePages}"
export MONEYFLOW_JAVA_OPTS="${MONEYFLOW_JAVA_OPTS:-}"
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
PY="$("$HERE/venv.sh")"

# --- build ------------------------------------------------------------------------------------------------------
echo "run.sh: building moneyflow (first run only), the naive class and, if asked for, the Flink jar..." >&2
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

TOOLS=(moneyflow moneyflow-orders)
if [ -d "$DIR/journal" ] && [ -z "${SKIP_JOURNAL:-}" ]; then
  TOOLS+=(moneyflow-journal)
fi
# shellcheck disable=SC2206
TOOLS+=($PEERS)

# --- commands ---------------------------------------------------------------------------------------------------
# run_tool NAME INPUT_DIR RESULT: runs a tool on INPUT_DIR, writing RESULT: the peer format, moneyflow's own CSV for
# moneyflow, moneyflow bench's JSON for moneyflow-journal.
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
    moneyflow-journal)
      # the engine's own replay of the day's journal (binary records, no CSV to parse), as 'moneyflow bench' runs it
      "$ROOT/bin/moneyflow" bench --journal "$in/journal" --runs off --wait sleeping --ring 4096 --format json -q \
        >"$result" ;;
    naive)
      # shellcheck disable=SC2086
      java -Xmx"${NAIVE_HEAP:-12g}" $JAVA_PAGES -cp "$NAIVE_CLASSES" NaiveFlow "$in" "$result" ;;
    duckdb)
      "$PY" "$HERE/duckdb_flow.py" "$in" "$result" ${DUCKDB_THREADS:+--threads "$DUCKDB_THREADS"} ;;
    polars)
      "$PY" "$HERE/polars_flow.py" "$in" "$result" ;;
    pandas)
      "$PY" "$HERE/pandas_flow.py" "$in" "$result" ${PANDAS_CHUNK_ROWS:+--chunk-rows "$PANDAS_CHUNK_ROWS"} ;;
    flink)
      "$HERE/flink/run-flink.sh" "$in" "$result" ;;
  esac
}

load_average() {
  cut -d' ' -f1-3 /proc/loadavg
}

# timed NAME INPUT_DIR RESULT LOG: run_tool under /usr/bin/time -v; prints "wall_seconds max_rss_kb", or "failed 0"
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

digest_of() {
  sed -n 's/^moneyflow: digest //p' "$1" | tail -1
}

# check NAME REP RESULT: the result's status; the first moneyflow run becomes the reference
REF="$OUT/reference.csv"
# the digest of moneyflow's first run on the trades and orders, which the journal's replay must give
REF_DIGEST=""
check() {
  local name="$1" rep="$2" result="$3"
  case "$name" in
    moneyflow)
      if [ "$rep" = 1 ]; then cp "$result" "$REF"; echo reference
      elif cmp -s "$REF" "$result"; then echo same
      else echo DIFFERS; fi ;;
    moneyflow-orders)
      # the orders change no number: its CSV must be the trades-only run's, byte for byte
      if cmp -s "$REF" "$result"; then echo same; else echo DIFFERS; fi ;;
    moneyflow-journal)
      local digest
      digest="$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["runs"][0]["digest"])' "$result" \
        2>/dev/null || true)"
      if [ -n "$digest" ] && [ "$digest" = "$REF_DIGEST" ]; then echo same; else echo DIFFERS; fi ;;
    *)
      if "$PY" "$HERE/compare.py" "$REF" "$result" >"$result.compare" 2>&1; then
        echo EQUAL
      else
        echo "run.sh: $name differs from moneyflow:" >&2
        head -5 "$result.compare" >&2
        echo WRONG
      fi ;;
  esac
}

# --- one-record input for start-up -----------------------------------------------------------------------------
ONE="$OUT/one-record"
mkdir -p "$ONE"
head -n 2 "$DIR/trades.csv" >"$ONE/trades.csv"
# one order record too: moneyflow refuses an input with no record (a header alone)
if [ -f "$DIR/orders.csv" ]; then
  head -n 2 "$DIR/orders.csv" >"$ONE/orders.csv"
fi

RECORDS=$(( $(wc -l <"$DIR/trades.csv") - 1 ))
ORDER_RECORDS=0
[ -f "$DIR/orders.csv" ] && ORDER_RECORDS=$(( $(wc -l <"$DIR/orders.csv") - 1 ))
echo "run.sh: $RECORDS trade rows, $ORDER_RECORDS order rows in $DIR; warming the page cache" >&2
cat "$DIR"/*.csv >/dev/null

# the digest the journal's replay must give: that of moneyflow on the trades and orders, from one untimed run that
# prints it (the timed runs are quiet, and a quiet flow in CSV computes no digest)
if [[ " ${TOOLS[*]} " == *" moneyflow-journal "* ]]; then
  echo "run.sh: the reference digest (moneyflow on the trades and orders, untimed)" >&2
  ref_inputs=("$DIR/trades.csv")
  [ -f "$DIR/orders.csv" ] && ref_inputs+=("$DIR/orders.csv")
  "$ROOT/bin/moneyflow" flow --format csv $MF_FLOW_OPTS $MF_ORDERS_OPTS "${ref_inputs[@]}" \
    >/dev/null 2>"$OUT/reference-digest.log" || true
  REF_DIGEST="$(digest_of "$OUT/reference-digest.log")"
  if [ -z "$REF_DIGEST" ]; then
    echo "run.sh: moneyflow printed no digest (log: $OUT/reference-digest.log); the journal's runs will show DIFFERS" >&2
  fi
fi

RUNS="$OUT/runs.tsv"
printf 'rep\ttool\tstatus\twall_s\trss_kb\tstartup_s\tload_before\tload_after\n' >"$RUNS"
for rep in $(seq 1 "$REPEAT"); do
  for tool in "${TOOLS[@]}"; do
    echo "run.sh: run $rep of $REPEAT: $tool" >&2
    start=""
    if [ "$tool" != moneyflow-journal ]; then
      read -r start _ < <(timed "$tool" "$ONE" "$OUT/$tool-one.out" "$OUT/$tool-one.log")
    fi
    before="$(load_average)"
    read -r wall rss < <(timed "$tool" "$DIR" "$OUT/$tool.$rep.out" "$OUT/$tool.$rep.log")
    after="$(load_average)"
    if [ "$wall" = failed ]; then
      if [ "$tool" = moneyflow ] && [ "$rep" = 1 ]; then
        echo "run.sh: moneyflow failed: no reference to check the others against" >&2
        exit 1
      fi
      status=FAILED
    else
      status="$(check "$tool" "$rep" "$OUT/$tool.$rep.out")"
    fi
    if [ "$tool" = moneyflow-journal ] && [ "$wall" != failed ]; then
      # its start-up: the engine's launch, as moneyflow bench measures it
      start="$("$PY" -c 'import json, sys; print(json.load(open(sys.argv[1]))["runs"][0]["launchMs"] / 1000)' \
        "$OUT/$tool.$rep.out" 2>/dev/null || true)"
    fi
    [ "$start" != failed ] || start=""
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$rep" "$tool" "$status" "$wall" "$rss" "$start" "$before" "$after" \
      >>"$RUNS"
  done
done

# what the run was, for DIR/peers.json
export PEERS REPEAT MF_FLOW_OPTS MF_TRADES_OPTS MF_ORDERS_OPTS JAVA_PAGES NAIVE_HEAP PANDAS_CHUNK_ROWS DUCKDB_THREADS \
  POLARS_MAX_THREADS SKIP_JOURNAL
"$PY" "$HERE/report.py" "$RUNS" "$DIR" "$RECORDS" "$ORDER_RECORDS" "$REPEAT"

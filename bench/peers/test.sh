#!/usr/bin/env bash
# Checks that every peer (naive Java, DuckDB, Polars, pandas, Flink) computes exactly what moneyflow computes, on the
# brief's tiny example and on random days from tiny_day.py (several seeds, one of them two days long), with moneyflow
# run on the trades alone (the peers' input) and on the trades and orders (the whole message stream).
#   bench/peers/test.sh [SEED...]          (default seeds: 1 2 3 4 5 6 7; seed 2 is the two-day one)
# Per input: moneyflow on the trades and orders prints the same bytes as on the trades alone; every peer equals
# moneyflow's result on the trades alone and on the trades and orders (compare.py); on the example, moneyflow also
# equals the brief's figures. Exits 1 if any check fails or any tool fails; ends with the line 'N passed, N failed'.
# Environment: PEERS (default "naive duckdb polars pandas flink"; mvn verify runs PeersAgreementTest without flink),
# EVENTS (tiny_day.py events per day, default 4000), and venv.sh's (the Python environment: bench/peers/.venv).
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PEERS="${PEERS:-naive duckdb polars pandas flink}"
EVENTS="${EVENTS:-4000}"
SEEDS=("$@")
[ ${#SEEDS[@]} -gt 0 ] || SEEDS=(1 2 3 4 5 6 7)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/peers-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

for peer in $PEERS; do
  case "$peer" in naive|duckdb|polars|pandas|flink) ;; *) echo "test.sh: unknown peer '$peer'" >&2; exit 1 ;; esac
done
PY="$("$HERE/venv.sh")" || { echo "test.sh: no Python environment for the peers (venv.sh above)" >&2; exit 1; }
"$ROOT/bin/moneyflow" --version >/dev/null || { echo "test.sh: moneyflow does not run" >&2; exit 1; }
mkdir -p "$WORK/classes"
javac -d "$WORK/classes" "$HERE/naive/NaiveFlow.java" || exit 1
case " $PEERS " in
  *" flink "*)
    (cd "$HERE/flink" && mvn -B -q -Dstyle.color=never package) >"$WORK/flink-build.log" 2>&1 \
      || { cat "$WORK/flink-build.log"; echo "test.sh: the Flink peer did not build"; exit 1; } ;;
esac

# the brief's tiny example
mkdir -p "$WORK/example"
cat >"$WORK/example/trades.csv" <<'EOF'
Symbol,Date,Time,Channel,Seq,Price,Qty,BuyNo,SellNo,Flag,ExecType
000001.SZ,20230201,092500000,2011,3,100000,300,1,2,,F
000001.SZ,20230201,093000100,2011,5,100100,30000,4,1,,F
000001.SZ,20230201,093000100,2011,6,100100,80000,4,2,,F
600000.SH,20230201,093001000,1,1,72000,5000,9,3,S,F
000001.SZ,20230201,093002000,2011,8,100000,5000,5,7,,F
000001.SZ,20230201,093005000,2011,9,0,200,0,7,,4
600000.SH,20230201,150000000,1,2,72100,1000,11,12,N,F
EOF
# the example has no orders file: moneyflow exits 1 on an input that gives no record, so only its trades are run
# by hand from the rules of README.md "What is computed" (amounts in 1/10000 yuan): 000001.SZ: the 09:25 print is N;
# buy order 4 takes 30,000 + 80,000 shares at 10.01 as the aggressor (1,101,100 yuan: XL), from sell orders 1 and 2
# (300,300 and 3,000 + 800,800 yuan: L on the order side); sell order 7 sells 5,000 at 10.00 to buy order 5 as the
# aggressor (50,000 yuan: M) and is then cancelled; 600000.SH: sell order 3 sells 5,000 at 7.20 by the flag (36,000
# yuan: S), the 15:00 print is N
cat >"$WORK/example/expected.csv" <<'EOF'
symbol,date,class,activeIn,activeOut,sideIn,sideOut
000001.SZ,20230201,XL,11011000000,0,11011000000,0
000001.SZ,20230201,L,0,0,0,11041000000
000001.SZ,20230201,M,0,500000000,500000000,500000000
000001.SZ,20230201,S,0,0,30000000,0
600000.SH,20230201,S,0,360000000,432100000,432100000
EOF

INPUTS=(example)
for seed in "${SEEDS[@]}"; do
  if [ "$seed" = 2 ]; then
    extra=(--days 2 --symbols 9)      # a second day restarts the order numbers
  else
    extra=(--symbols $(( 4 + seed % 5 )))
  fi
  "$PY" "$HERE/tiny_day.py" "$seed" "$EVENTS" "$WORK/seed$seed" "${extra[@]}" || exit 1
  INPUTS+=("seed$seed")
done

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok    $1"; }
fail() { failed=$((failed + 1)); echo "FAIL  $1"; }
check() {
  local label="$1" ref="$2" peer="$3"
  if "$PY" "$HERE/compare.py" "$ref" "$peer" >"$peer.compare" 2>&1; then
    pass "$label"
  else
    fail "$label"
    sed 's/^/      /' "$peer.compare" | head -12
  fi
}

for input in "${INPUTS[@]}"; do
  d="$WORK/$input"
  if ! "$ROOT/bin/moneyflow" flow --format csv -q "$d/trades.csv" >"$d/mf-trades.csv" 2>"$d/mf-trades.log"; then
    fail "$input: moneyflow on the trades failed"; cat "$d/mf-trades.log"; continue
  fi
  if [ -f "$d/orders.csv" ]; then                       # without an orders file the trades-alone run is the only one
    if ! "$ROOT/bin/moneyflow" flow --format csv -q "$d/trades.csv" "$d/orders.csv" >"$d/mf-orders.csv" \
        2>"$d/mf-orders.log"; then
      fail "$input: moneyflow on the trades and orders failed"; cat "$d/mf-orders.log"; continue
    fi
    if cmp -s "$d/mf-trades.csv" "$d/mf-orders.csv"; then
      pass "$input: moneyflow on the trades and orders = on the trades alone"
    else
      fail "$input: moneyflow on the trades and orders differs from moneyflow on the trades alone"
      "$PY" "$HERE/compare.py" "$d/mf-orders.csv" "$d/mf-trades.csv" --write-ref "$d/mf-orders.peer.csv" >/dev/null 2>&1
      "$PY" "$HERE/compare.py" "$d/mf-trades.csv" "$d/mf-orders.peer.csv" 2>&1 | sed 's/^/      /' | head -12
    fi
  fi
  if [ "$input" = example ]; then
    check "example: moneyflow = the brief's figures" "$d/mf-trades.csv" "$d/expected.csv"
  fi
  for peer in $PEERS; do
    case "$peer" in
      naive) java -cp "$WORK/classes" NaiveFlow "$d" "$d/naive.csv" 2>"$d/naive.log" ;;
      duckdb) "$PY" "$HERE/duckdb_flow.py" "$d" "$d/duckdb.csv" 2>"$d/duckdb.log" ;;
      polars) "$PY" "$HERE/polars_flow.py" "$d" "$d/polars.csv" 2>"$d/polars.log" ;;
      pandas) "$PY" "$HERE/pandas_flow.py" "$d" "$d/pandas.csv" --chunk-rows 1000 2>"$d/pandas.log" ;;
      flink) "$HERE/flink/run-flink.sh" "$d" "$d/flink.csv" 2>"$d/flink.log" ;;
    esac
    if [ $? -ne 0 ]; then
      fail "$input: $peer failed"; tail -5 "$d/$peer.log"; continue
    fi
    check "$input: $peer = moneyflow on the trades" "$d/mf-trades.csv" "$d/$peer.csv"
    if [ -f "$d/orders.csv" ]; then
      check "$input: $peer = moneyflow on the trades and orders" "$d/mf-orders.csv" "$d/$peer.csv"
    fi
  done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

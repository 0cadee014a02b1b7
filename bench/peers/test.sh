#!/usr/bin/env bash
# Checks that every peer (naive Java, pandas, Flink) computes exactly what moneyflow computes, on the brief's tiny
# example and on random days from tiny_day.py (several seeds, one of them two days long).
#   bench/peers/test.sh [SEED...]          (default seeds: 1 2 3 4 5 6 7)
# Exits 1 if any peer differs on any input; ends with the line 'N passed, N failed'. PEERS="naive pandas" skips Flink.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
PY=/usr/bin/python3
PEERS="${PEERS:-naive pandas flink}"
SEEDS=("$@")
[ ${#SEEDS[@]} -gt 0 ] || SEEDS=(1 2 3 4 5 6 7)
WORK="$(mktemp -d "${TMPDIR:-/tmp}/peers-test.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT

"$PY" -c 'import pandas' || { echo "test.sh: pandas is missing for $PY (Debian: python3-pandas)" >&2; exit 1; }
"$ROOT/bin/moneyflow" --version >/dev/null || exit 1
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
echo "Symbol,Date,Time,Channel,Seq,OrderNo,Side,Type,Price,Qty" >"$WORK/example/orders.csv"
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
  "$PY" "$HERE/tiny_day.py" "$seed" 4000 "$WORK/seed$seed" "${extra[@]}" || exit 1
  INPUTS+=("seed$seed")
done

passed=0
failed=0
check() {
  local label="$1" ref="$2" peer="$3"
  if "$PY" "$HERE/compare.py" "$ref" "$peer" >"$peer.compare" 2>&1; then
    passed=$((passed + 1))
    echo "ok    $label"
  else
    failed=$((failed + 1))
    echo "FAIL  $label"
    sed 's/^/      /' "$peer.compare" | head -12
  fi
}

for input in "${INPUTS[@]}"; do
  d="$WORK/$input"
  if ! "$ROOT/bin/moneyflow" flow --format csv -q "$d/trades.csv" "$d/orders.csv" >"$d/moneyflow.csv" 2>"$d/moneyflow.log"; then
    failed=$((failed + 1)); echo "FAIL  $input: moneyflow failed"; cat "$d/moneyflow.log"; continue
  fi
  if [ "$input" = example ]; then
    # moneyflow itself against the figures in the brief
    "$PY" "$HERE/compare.py" "$d/moneyflow.csv" "$d/expected.csv" >/dev/null 2>&1 \
      && { passed=$((passed + 1)); echo "ok    example: moneyflow = brief's figures"; } \
      || { failed=$((failed + 1)); echo "FAIL  example: moneyflow differs from the brief's figures"; }
  fi
  for peer in $PEERS; do
    case "$peer" in
      naive) java -cp "$WORK/classes" NaiveFlow "$d" "$d/naive.csv" 2>"$d/naive.log" ;;
      pandas) "$PY" "$HERE/pandas_flow.py" "$d" "$d/pandas.csv" --chunk-rows 1000 2>"$d/pandas.log" ;;
      flink) "$HERE/flink/run-flink.sh" "$d" "$d/flink.csv" 2>"$d/flink.log" ;;
    esac
    if [ $? -ne 0 ]; then
      failed=$((failed + 1)); echo "FAIL  $input: $peer failed"; tail -5 "$d/$peer.log"; continue
    fi
    check "$input: $peer = moneyflow" "$d/moneyflow.csv" "$d/$peer.csv"
  done
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

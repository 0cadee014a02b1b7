#!/usr/bin/env bash
# Runs `moneyflow flow` on a day's trades through bin/moneyflow (the launcher's JVM settings) and prints the wall
# time and the CPU seconds of each busy thread (from /proc, read every 0.3 s until the run ends): the feed thread
# ("java", the main thread), the stage thread ("moneyflow-stage"), the compilers, the collector.
#
#   bench/thread-cpu.sh DAY        # DAY holds trades.csv and securities.csv (moneyflow gen --out DAY)
#   MONEYFLOW_JAVA_OPTS="-Xlog:gc" bench/thread-cpu.sh DAY
#
# To compare two commits, A B A B on the same day, run the script of each from its own worktree
# (git worktree add ../before COMMIT; ../before/bench/thread-cpu.sh DAY; bench/thread-cpu.sh DAY; ...).
set -euo pipefail
cd "$(dirname "$0")/.."
DAY=${1:?usage: bench/thread-cpu.sh DAY}
[ -f "$DAY/trades.csv" ] || { echo "thread-cpu.sh: $DAY/trades.csv not found" >&2; exit 2; }
bin/moneyflow flow --format csv -q --securities "$DAY/securities.csv" "$DAY/trades.csv" \
  > /dev/null &
pid=$!
start=$(date +%s.%N)
declare -A cpu
while kill -0 "$pid" 2>/dev/null; do
  for t in /proc/"$pid"/task/*; do
    name=$(cat "$t/comm" 2>/dev/null) || continue
    stat=$(cut -d')' -f2 "$t/stat" 2>/dev/null) || continue
    # fields 14 and 15 of stat (12 and 13 after the name): user and system time in clock ticks
    read -r -a f <<< "$stat"
    cpu["$name:${t##*/}"]=$(( ${f[11]} + ${f[12]} ))
  done
  sleep 0.3
done
wait "$pid"
end=$(date +%s.%N)
hz=$(getconf CLK_TCK)
echo "wall $(echo "$end - $start" | bc) s"
for k in "${!cpu[@]}"; do
  v=${cpu[$k]}
  [ "$v" -gt $((hz / 4)) ] && echo "$k $(echo "scale=2; $v / $hz" | bc) s"
done | sort -k2 -nr | head -12

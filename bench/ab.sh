#!/usr/bin/env bash
# A against B on one day, as this 2-core machine allows: N interleaved pairs (A B A B ...) of `moneyflow flow` on the
# day's trades, each run under /usr/bin/time, every output checked equal to the first run's (a run that differs is
# WRONG and stops the script), then the best and median wall time and CPU (user + system) of each side and the paired
# differences (B - A, each pair run back to back): their median and mean, and in how many pairs B was faster. Whole runs
# here vary by 10-20 % within minutes; a difference smaller than that needs the pairs, not two runs.
#
#   bench/ab.sh DAY DIR_A DIR_B [PAIRS]      # two checkouts, e.g. git worktree add ../before HEAD~1
#   OPTS_A="" OPTS_B="-XX:+UseSerialGC" bench/ab.sh DAY . . 8     # one build, two sets of JVM options
#
# DAY holds trades.csv and securities.csv (moneyflow gen --out DAY). Each side runs through its own bin/moneyflow
# (the launcher's JVM settings), with MONEYFLOW_JAVA_OPTS set to OPTS_A or OPTS_B; FLOW_OPTS adds flow options to both.
# Prints one line a run, then the summary; the load average is printed before and after.
set -euo pipefail
DAY=${1:?usage: bench/ab.sh DAY DIR_A DIR_B [PAIRS]}
A=${2:?usage: bench/ab.sh DAY DIR_A DIR_B [PAIRS]}
B=${3:?usage: bench/ab.sh DAY DIR_A DIR_B [PAIRS]}
PAIRS=${4:-6}
case "$PAIRS" in ''|*[!0-9]*|0) echo "ab.sh: PAIRS must be a positive integer" >&2; exit 2 ;; esac
[ -f "$DAY/trades.csv" ] || { echo "ab.sh: $DAY/trades.csv not found" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "ab.sh: /usr/bin/time is missing: install the Debian package 'time'" >&2; exit 1; }
for dir in "$A" "$B"; do
  [ -x "$dir/bin/moneyflow" ] || { echo "ab.sh: $dir/bin/moneyflow not found" >&2; exit 2; }
done
SECURITIES=()
[ -f "$DAY/securities.csv" ] && SECURITIES=(--securities "$DAY/securities.csv")
WORK=$(mktemp -d "${TMPDIR:-/tmp}/moneyflow-ab.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# builds (if sources changed) outside the timed runs
"$A/bin/moneyflow" --version > /dev/null
"$B/bin/moneyflow" --version > /dev/null

run() { # side dir opts
  local side=$1 dir=$2 opts=$3
  MONEYFLOW_JAVA_OPTS="$opts" /usr/bin/time -f "%e %U %S %M" -o "$WORK/time" \
    "$dir/bin/moneyflow" flow --format csv -q ${FLOW_OPTS:-} "${SECURITIES[@]}" "$DAY/trades.csv" \
    > "$WORK/out" 2> "$WORK/err" || { cat "$WORK/err" >&2; echo "ab.sh: $side failed" >&2; exit 1; }
  if [ ! -f "$WORK/reference" ]; then
    cp "$WORK/out" "$WORK/reference"
  elif ! cmp -s "$WORK/out" "$WORK/reference"; then
    echo "ab.sh: WRONG: $side printed other bytes than the first run" >&2
    exit 1
  fi
  read -r wall user sys rss < "$WORK/time"
  printf '%s wall %6.2f s  cpu %6.2f s (user %6.2f, system %5.2f)  peak RSS %5d MB\n' \
    "$side" "$wall" "$(echo "$user + $sys" | bc)" "$user" "$sys" $((rss / 1024)) | tee -a "$WORK/runs"
}

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$PAIRS"); do
  run A "$A" "${OPTS_A:-}"
  run B "$B" "${OPTS_B:-}"
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"

awk '
  function median(v, n,   i, j, t, s) {
    for (i = 1; i <= n; i++) s[i] = v[i]
    for (i = 2; i <= n; i++) { t = s[i]; for (j = i - 1; j >= 1 && s[j] > t; j--) s[j + 1] = s[j]; s[j + 1] = t }
    return n % 2 ? s[(n + 1) / 2] : (s[n / 2] + s[n / 2 + 1]) / 2
  }
  $1 == "A" { na++; aw[na] = $3; ac[na] = $6 }
  $1 == "B" { nb++; bw[nb] = $3; bc[nb] = $6 }
  END {
    for (k = 0; k < 2; k++) {
      name = k ? "cpu " : "wall"
      n = na < nb ? na : nb; bestA = 1e9; bestB = 1e9; sum = 0; faster = 0
      for (i = 1; i <= n; i++) {
        x = k ? ac[i] : aw[i]; y = k ? bc[i] : bw[i]
        va[i] = x; vb[i] = y; d[i] = y - x; sum += d[i]; if (d[i] < 0) faster++
        if (x < bestA) bestA = x; if (y < bestB) bestB = y
      }
      printf "%s: A best %.2f s, median %.2f s | B best %.2f s, median %.2f s | B - A by pair: median %+.2f s, mean %+.2f s; B faster in %d of %d pairs\n",
        name, bestA, median(va, n), bestB, median(vb, n), median(d, n), sum / n, faster, n
    }
  }' "$WORK/runs"

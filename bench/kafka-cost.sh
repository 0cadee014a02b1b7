#!/usr/bin/env bash
# The cost of the distributed path against the single engine, on this machine:
#
#   bench/kafka-cost.sh INPUT...        (files or directories, as flow takes them; OPTS for both, e.g. --securities F)
#
# Starts a real Kafka broker (KRaft, broker and controller in one JVM, from the kafka_2.13 artifacts of tools' test
# class path, on loopback, its log in a temporary folder), then REPEATS (default 3) times, interleaved:
#   flow        flow -q on the inputs (the single engine)
#   publish     publish onto a new topic of PARTITIONS (default 4) partitions (files -> topic)
#   consume     run --kafka --exit-at-end on every partition of that topic, already full (topic -> counters)
#   journaled   the same with --journal DIR (the exactly-once path)
#   pipelined   run --kafka --latency started first, waiting, then publish: wall time from publish's start to the
#               consumer's end, and the latency from publishing (the producer's timestamp, ms) to consumption
# Every consume's digest is checked equal to flow's. Wall times include each JVM's start (as flow's does).
#
#   PACED=100k bench/kafka-cost.sh [REPEAT]   (latency at an offered rate, the live path through Kafka)
#
# With PACED=RATE: feed-serve plays the bundled real day's trades (REPEAT times, default 3, on following days) at RATE
# records/s; publish --feed puts them onto a topic, run --kafka --latency consumes it: the latency from publishing
# (the producer's timestamp, ms) to consumption and from the consumer's hand-over to the counters; then run --feed
# --latency on the same offered feed, the single engine's socket-to-counters latency, for comparison.
# Needs tools/target/moneyflow.jar built (mvn -B -DskipTests package) and the broker's artifacts in ~/.m2 (any
# build of the tools' tests fetched them).
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REPEATS="${REPEATS:-3}"
PARTITIONS="${PARTITIONS:-4}"
OPTS="${OPTS:-}"
if [ $# -eq 0 ] && [ -z "${PACED:-}" ]; then
  echo "usage: bench/kafka-cost.sh INPUT...   or   PACED=RATE bench/kafka-cost.sh [REPEAT]" >&2
  exit 2
fi
INPUTS=("$@")
MF=("$ROOT/bin/moneyflow")
WORK="$(mktemp -d)"
BROKER_PID=""
cleanup() {
  if [ -n "$BROKER_PID" ]; then kill -9 "$BROKER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

(cd "$ROOT" && mvn -B -q -o -pl tools dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
CP="$(cat "$WORK/cp.txt")"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
BPORT="$(free_port)"
CPORT="$(free_port)"
cat > "$WORK/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$CPORT
listeners=PLAINTEXT://127.0.0.1:$BPORT,CONTROLLER://127.0.0.1:$CPORT
advertised.listeners=PLAINTEXT://127.0.0.1:$BPORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$WORK/kafka-logs
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
EOF
java -cp "$CP" kafka.tools.StorageTool format -t "$(python3 -c 'import uuid,base64;print(base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("="))')" \
  -c "$WORK/server.properties" >"$WORK/format.txt" 2>&1
java -Xmx1g -cp "$CP" kafka.Kafka "$WORK/server.properties" >"$WORK/broker.txt" 2>&1 &
BROKER_PID=$!
BROKERS="127.0.0.1:$BPORT"
for _ in $(seq 1 600); do
  if (exec 3<>"/dev/tcp/127.0.0.1/$BPORT") 2>/dev/null; then break; fi
  sleep 0.2
done
sleep 2

now() { date +%s.%N; }
digest() { python3 -c 'import json,sys; print(json.load(sys.stdin)["digest"])'; }
declare -A T
record() { T[$1]="${T[$1]:-} $2"; printf '%-10s run %d: %6.2f s\n' "$1" "$3" "$2"; }

echo "machine: $(nproc) cores, $(uname -srm); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

serve() {
  "${MF[@]}" feed-serve -q --port 0 --rate "$PACED" --repeat "$1" "$ROOT/data/sample/ddb-l2-20230201/tradeData.zip" \
    2>"$WORK/serve.txt" &
  SERVER=$!
  PORT=""
  for _ in $(seq 1 600); do
    PORT=$(grep -o '127\.0\.0\.1:[0-9]*' "$WORK/serve.txt" | head -1 | cut -d: -f2 || true)
    [ -n "$PORT" ] && break
    sleep 0.1
  done
}
if [ -n "${PACED:-}" ]; then
  repeat="${1:-3}"
  serve "$repeat"
  "${MF[@]}" run --kafka "$BROKERS" --topic "paced" --exit-at-end --latency --latency-skip 50000 --format csv \
    >/dev/null 2>"$WORK/consumer.txt" &
  consumer=$!
  sleep 3
  "${MF[@]}" publish -q --kafka "$BROKERS" --topic "paced" --partitions "$PARTITIONS" --feed "szse://127.0.0.1:$PORT" \
    --exit-at-end
  wait "$consumer"
  wait "$SERVER" || true
  echo "through Kafka, $PACED offered:"
  grep -E 'latency|records consumed' "$WORK/consumer.txt" | sed 's/^/  /'
  serve "$repeat"
  echo "the single engine on the same feed:"
  "${MF[@]}" run --feed "szse://127.0.0.1:$PORT" --exit-at-end --latency --latency-skip 50000 --format csv \
    2>&1 >/dev/null | grep -E 'latency' | sed 's/^/  /'
  wait "$SERVER" || true
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  exit 0
fi
for r in $(seq 1 "$REPEATS"); do
  s=$(now); "${MF[@]}" flow -q --format json $OPTS "${INPUTS[@]}" >"$WORK/flow.json"; e=$(now)
  record flow "$(echo "$e - $s" | bc)" "$r"
  want="$(digest <"$WORK/flow.json")"

  s=$(now); "${MF[@]}" publish -q --kafka "$BROKERS" --topic "bench-$r" --partitions "$PARTITIONS" $OPTS "${INPUTS[@]}"; e=$(now)
  record publish "$(echo "$e - $s" | bc)" "$r"

  s=$(now); "${MF[@]}" run -q --kafka "$BROKERS" --topic "bench-$r" --exit-at-end --format json $OPTS >"$WORK/run.json"; e=$(now)
  record consume "$(echo "$e - $s" | bc)" "$r"
  [ "$(digest <"$WORK/run.json")" = "$want" ] || { echo "consume: digest differs from flow's" >&2; exit 1; }

  rm -rf "$WORK/journal"
  s=$(now); "${MF[@]}" run -q --kafka "$BROKERS" --topic "bench-$r" --exit-at-end --format json --journal "$WORK/journal" $OPTS >"$WORK/run.json"; e=$(now)
  record journaled "$(echo "$e - $s" | bc)" "$r"
  [ "$(digest <"$WORK/run.json")" = "$want" ] || { echo "journaled: digest differs from flow's" >&2; exit 1; }

  # the consumer waits for the topic, which publish creates
  "${MF[@]}" run --kafka "$BROKERS" --topic "pipe-$r" --exit-at-end --latency --format json $OPTS \
    >"$WORK/pipe.json" 2>"$WORK/pipe.txt" &
  consumer=$!
  sleep 3
  s=$(now); "${MF[@]}" publish -q --kafka "$BROKERS" --topic "pipe-$r" --partitions "$PARTITIONS" $OPTS "${INPUTS[@]}"
  wait "$consumer"; e=$(now)
  record pipelined "$(echo "$e - $s" | bc)" "$r"
  [ "$(digest <"$WORK/pipe.json")" = "$want" ] || { echo "pipelined: digest differs from flow's" >&2; exit 1; }
  grep -E 'latency|records consumed' "$WORK/pipe.txt" | sed 's/^/           /'
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
for k in flow publish consume journaled pipelined; do
  python3 - "$k" ${T[$k]} <<'EOF'
import statistics, sys
k, xs = sys.argv[1], sorted(float(x) for x in sys.argv[2:])
print(f"{k:10s} best {xs[0]:.2f} s, median {statistics.median(xs):.2f} s")
EOF
done

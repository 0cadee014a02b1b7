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
# Needs tools/target/moneyflow.jar built (mvn -B -DskipTests package), which it runs from a copy as a release (never
# building), and the broker's artifacts in ~/.m2 (any build of the tools' tests fetched them).
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
WORK="$(mktemp -d)"
# the built jar, run as an unpacked release would run it (the launcher's JVM settings, its class-data archive), from a
# copy: the launcher of a source tree rebuilds (and installs) when a source is newer than the jar, which a benchmark
# must never do behind its back
if [ ! -f "$ROOT/tools/target/moneyflow.jar" ]; then
  echo "bench/kafka-cost.sh: build the jar first: mvn -B -DskipTests package" >&2
  exit 2
fi
mkdir -p "$WORK/mf/bin" "$WORK/mf/lib"
cp "$ROOT/bin/moneyflow" "$WORK/mf/bin/moneyflow"
cp "$ROOT/tools/target/moneyflow.jar" "$WORK/mf/lib/moneyflow.jar"
ln -s "$ROOT/config" "$WORK/mf/config"
ln -s "$ROOT/data" "$WORK/mf/data"
MF=("$WORK/mf/bin/moneyflow")
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
export MF_BIN="${MF[0]}" BROKERS BROKER_PID REPEATS PARTITIONS OPTS WORK
python3 - "${INPUTS[@]}" <<'PY'
import json, os, resource, statistics, subprocess, sys, time

mf, brokers, broker = os.environ["MF_BIN"], os.environ["BROKERS"], os.environ["BROKER_PID"]
repeats, partitions = int(os.environ["REPEATS"]), os.environ["PARTITIONS"]
opts, work, inputs = os.environ["OPTS"].split(), os.environ["WORK"], sys.argv[1:]
ticks = os.sysconf("SC_CLK_TCK")

def broker_cpu():
    fields = open(f"/proc/{broker}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / ticks

def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime

def run(args, out=None, err=None, background=False):
    stdout = open(out, "wb") if out else subprocess.DEVNULL
    stderr = open(err, "wb") if err else None
    p = subprocess.Popen([mf] + args, stdout=stdout, stderr=stderr)
    if background:
        return p
    if p.wait() != 0:
        sys.exit(f"{args[0]} failed")

def measure(name, r, body):
    c0, b0, t0 = children_cpu(), broker_cpu(), time.time()
    body()
    wall, cpu, bcpu = time.time() - t0, children_cpu() - c0, broker_cpu() - b0
    results.setdefault(name, []).append((wall, cpu, bcpu))
    print(f"{name:10s} run {r}: {wall:6.2f} s wall, {cpu:6.2f} s CPU, broker {bcpu:5.2f} s CPU", flush=True)

def digest(path):
    return json.load(open(path))["digest"]

results = {}
flow_json, run_json = f"{work}/flow.json", f"{work}/run.json"
for r in range(1, repeats + 1):
    measure("flow", r, lambda: run(["flow", "-q", "--format", "json"] + opts + inputs, flow_json))
    want = digest(flow_json)
    measure("publish", r, lambda: run(["publish", "-q", "--kafka", brokers, "--topic", f"bench-{r}",
        "--partitions", partitions] + opts + inputs))
    consume = ["run", "-q", "--kafka", brokers, "--topic", f"bench-{r}", "--exit-at-end", "--format", "json"] + opts
    measure("consume", r, lambda: run(consume, run_json))
    assert digest(run_json) == want, "consume: digest differs from flow's"
    subprocess.call(["rm", "-rf", f"{work}/journal"])
    measure("journaled", r, lambda: run(consume + ["--journal", f"{work}/journal"], run_json))
    assert digest(run_json) == want, "journaled: digest differs from flow's"
    def pipelined():
        # the consumer waits for the topic, which publish creates; timed from publish's start
        consumer = run(["run", "--kafka", brokers, "--topic", f"pipe-{r}", "--exit-at-end", "--latency",
            "--format", "json"] + opts, f"{work}/pipe.json", f"{work}/pipe.txt", background=True)
        time.sleep(3)
        global pipe_start
        pipe_start = time.time()
        run(["publish", "-q", "--kafka", brokers, "--topic", f"pipe-{r}", "--partitions", partitions] + opts + inputs)
        if consumer.wait() != 0:
            sys.exit("pipelined consumer failed")
    measure("pipelined", r, pipelined)
    # wall from publish's start, not the consumer's
    wall, cpu, bcpu = results["pipelined"][-1]
    results["pipelined"][-1] = (time.time() - pipe_start, cpu, bcpu)
    print(f"           from publish's start: {results['pipelined'][-1][0]:.2f} s")
    assert digest(f"{work}/pipe.json") == want, "pipelined: digest differs from flow's"
    for line in open(f"{work}/pipe.txt"):
        if "latency" in line:
            print("           " + line.rstrip())
print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
for name, xs in results.items():
    walls, cpus, bcpus = [x[0] for x in xs], [x[1] for x in xs], [x[2] for x in xs]
    print(f"{name:10s} wall best {min(walls):.2f} s, median {statistics.median(walls):.2f} s; "
          f"CPU best {min(cpus):.2f} s, median {statistics.median(cpus):.2f} s; "
          f"broker CPU median {statistics.median(bcpus):.2f} s")
PY

#!/usr/bin/env bash
# Runs the Flink peer (FlinkFlow, a BATCH job on a local MiniCluster) on DIR/trades.csv and writes OUT.csv.
#   bench/peers/flink/run-flink.sh DIR OUT.csv
# Builds the jar first if it is missing (mvn package in this folder). FLINK_JAVA_OPTS adds JVM options (default
# -Xmx6g); -Dflow.parallelism=N and -Dflow.managed=SIZE tune the job (see FlinkFlow.java).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$HERE/target/flink-flow-peer-1.0-SNAPSHOT.jar"

if [ ! -f "$JAR" ] || [ -n "$(find "$HERE/pom.xml" "$HERE/src" -newer "$JAR" -print -quit)" ]; then
  echo "flink peer: building (mvn package)..." >&2
  BUILD_LOG="$(mktemp "${TMPDIR:-/tmp}/flink-peer-build.XXXXXX")"
  if ! (cd "$HERE" && mvn -B -q -Dstyle.color=never package) >"$BUILD_LOG" 2>&1; then
    cat "$BUILD_LOG" >&2
    echo "flink peer: build failed (log above, also in $BUILD_LOG)" >&2
    exit 1
  fi
  rm -f "$BUILD_LOG"
fi

# The flags Flink's own launcher passes on Java 17 (env.java.opts.all in flink-dist's config.yaml): Flink 2.x
# reflects into these JDK packages (serializers of java.util/java.time types through Kryo, the network stack, RPC).
# The job here runs without them too (its types are POJOs, Tuples and long[]: no Kryo), but a Flink user runs with them.
FLINK_JVM_FLAGS=(
  --add-exports=java.base/sun.net.util=ALL-UNNAMED
  --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.api=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.parser=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.tree=ALL-UNNAMED
  --add-exports=jdk.compiler/com.sun.tools.javac.util=ALL-UNNAMED
  --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED
  --add-opens=java.base/java.time=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED
)

# shellcheck disable=SC2086
exec java "${FLINK_JVM_FLAGS[@]}" ${FLINK_JAVA_OPTS:--Xmx6g} \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dorg.slf4j.simpleLogger.logFile=System.err \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.security.token.DefaultDelegationTokenManager=error \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.webmonitor.WebMonitorUtils=error \
  -Dorg.slf4j.simpleLogger.log.org.apache.flink.runtime.jobmaster.JobMaster=error \
  -cp "$JAR:$HERE/target/lib/*" moneyflow.peers.FlinkFlow "$@"

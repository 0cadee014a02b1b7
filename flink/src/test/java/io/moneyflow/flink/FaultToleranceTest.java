package io.moneyflow.flink;

import io.moneyflow.tools.Cli;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.InjectMiniCluster;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A task manager killed in the middle of the job, with checkpointing on (streaming execution, the bounded input):
 * the job restarts from its last checkpoint on a task manager started in its place, and its output is the single
 * engine's, digest for digest: no stock-day lost, none written twice (the assembly refuses a stock-day found twice,
 * and the lines are counted here).
 */
class FaultToleranceTest
{
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .setConfiguration(FlowJobTest.config())
            .build());

    @TempDir
    Path dir;

    @Test
    void shouldGiveTheSameOutputWhenATaskManagerIsKilledMidJob(@InjectMiniCluster final MiniCluster cluster)
        throws Exception
    {
        final Path a = gen(dir, "a", "2023-02-01", 21);
        final Path b = gen(dir, "b", "2023-02-02", 22);
        final String securities = a.resolve("securities.csv").toString();
        final String[] inputs = {a.resolve("trades.csv").toString(), a.resolve("orders.csv").toString(),
            b.resolve("trades.csv").toString(), b.resolve("orders.csv").toString()};
        final Cli flow = Cli.run(Stream.concat(Stream.of("flow", "--format", "csv", "-q", "--securities", securities),
            Stream.of(inputs)).toArray(String[]::new));
        assertThat(flow.exit).as(flow.err).isZero();
        final String expected = Cli.run(Stream.concat(Stream.of("flow", "--format", "csv", "--securities",
            securities), Stream.of(inputs)).toArray(String[]::new)).digest();

        final JobSettings settings = new JobSettings();
        settings.inputs.addAll(List.of(inputs));
        settings.securities = securities;
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
        env.setParallelism(2);
        env.enableCheckpointing(100);
        final Path out = dir.resolve("out");
        FlowJob.build(env, settings, out);
        final JobClient job = env.executeAsync("moneyflow flow, a task manager killed");
        final JobID id = job.getJobID();

        // once a checkpoint is complete and the job still runs: kill a task manager, start another in its place
        final long deadline = System.nanoTime() + 120_000_000_000L;
        while (completedCheckpoints(cluster, id) < 1)
        {
            assertThat(System.nanoTime()).as("a checkpoint in time").isLessThan(deadline);
            Thread.sleep(10);
        }
        assertThat(cluster.getJobStatus(id).get()).isEqualTo(JobStatus.RUNNING);
        final long killedAfter = completedCheckpoints(cluster, id);
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();

        job.getJobExecutionResult().get();
        final AccessExecutionGraph graph = cluster.getArchivedExecutionGraph(id).get();
        assertThat(graph.getState()).isEqualTo(JobStatus.FINISHED);
        assertThat(graph.getStatusTimestamp(JobStatus.RESTARTING)).as("the job restarted").isGreaterThan(0);
        final var restored = graph.getCheckpointStatsSnapshot().getLatestRestoredCheckpoint();
        assertThat(restored).as("restored from a checkpoint").isNotNull();
        System.out.printf("killed a task manager after %d checkpoint(s); restored checkpoint %d (%,d bytes of " +
            "state)%n", killedAfter, restored.getCheckpointId(), restored.getStateSize());

        final Assembly.Result result = Assembly.assemble(out.resolve(FlowJob.LINES), settings,
            out.resolve(FlowJob.COUNTERS));
        assertThat(result.digest()).isEqualTo(expected);
        assertThat(stockDayLines(out.resolve(FlowJob.LINES))).isEqualTo(result.stockDays());
        final Cli counters = Cli.run("counters", result.counters().toString(), "--format", "csv", "--securities",
            securities);
        assertThat(counters.out).isEqualTo(flow.out);
    }

    private static long completedCheckpoints(final MiniCluster cluster, final JobID id) throws Exception
    {
        final var stats = cluster.getExecutionGraph(id).get().getCheckpointStatsSnapshot();
        return stats == null ? 0 : stats.getCounts().getNumberOfCompletedCheckpoints();
    }

    static long stockDayLines(final Path lines) throws Exception
    {
        try (Stream<Path> files = Files.walk(lines))
        {
            long count = 0;
            for (final Path file : files.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith(".")).toList())
            {
                count += Files.readAllLines(file).stream().filter(l -> l.startsWith("D,")).count();
            }
            return count;
        }
    }

    static Path gen(final Path dir, final String name, final String date, final long seed)
    {
        final Path out = dir.resolve(name);
        final Cli cli = Cli.run("gen", "--symbols", "40", "--trades", "60000", "--orders", "80000", "--seed",
            Long.toString(seed), "--date", date, "--no-journal", "--out", out.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        return out;
    }
}

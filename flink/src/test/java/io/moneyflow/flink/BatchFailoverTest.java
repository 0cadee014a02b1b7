package io.moneyflow.flink;

import io.moneyflow.tools.Cli;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
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

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Batch execution (the job's default, no checkpoints): a task manager killed while a task is in the middle of writing
 * its stock-days (held there, after some of its lines reached the sink, until the kill), another started; Flink runs
 * the lost tasks again, and the output is still {@code flow}'s, digest and CSV, each stock-day once: the lines the
 * killed attempt wrote are never committed.
 */
class BatchFailoverTest
{
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .setConfiguration(FlowJobTest.config())
            .build());

    /** Counted down when a first attempt has sent some lines on and waits. */
    static final CountDownLatch HOLDING = new CountDownLatch(1);

    @TempDir
    Path dir;

    /** Lets lines through; the first attempt of every task waits for ever after its tenth, until it is killed. */
    static final class HoldMidOutput extends RichMapFunction<String, String>
    {
        private static final long serialVersionUID = 1L;
        private transient int seen;
        private transient boolean first;

        @Override
        public void open(final OpenContext context)
        {
            first = getRuntimeContext().getTaskInfo().getAttemptNumber() == 0;
        }

        @Override
        public String map(final String line) throws Exception
        {
            if (first && ++seen == 10)
            {
                HOLDING.countDown();
                Thread.sleep(Long.MAX_VALUE);
            }
            return line;
        }
    }

    @Test
    void shouldGiveTheSameOutputWhenATaskManagerIsKilledMidOutput(@InjectMiniCluster final MiniCluster cluster)
        throws Exception
    {
        final Path a = FaultToleranceTest.gen(dir, "a", "2023-02-01", 31);
        final Path b = FaultToleranceTest.gen(dir, "b", "2023-02-02", 32);
        final String securities = a.resolve("securities.csv").toString();
        final String[] inputs = {a.resolve("trades.csv").toString(), a.resolve("orders.csv").toString(),
            b.resolve("trades.csv").toString(), b.resolve("orders.csv").toString()};
        final Cli flow = Cli.run(Stream.concat(Stream.of("flow", "--format", "csv", "--securities", securities),
            Stream.of(inputs)).toArray(String[]::new));
        assertThat(flow.exit).as(flow.err).isZero();

        final JobSettings settings = new JobSettings();
        settings.inputs.addAll(List.of(inputs));
        settings.securities = securities;
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        final Path out = dir.resolve("out");
        FlowJob.build(env, settings, out, lines -> lines.map(new HoldMidOutput()).name("hold mid-output"));
        final JobClient job = env.executeAsync("moneyflow flow, batch, a task manager killed");
        final JobID id = job.getJobID();

        assertThat(HOLDING.await(120, TimeUnit.SECONDS)).as("a task mid-output").isTrue();
        assertThat(cluster.getJobStatus(id).get()).isEqualTo(JobStatus.RUNNING);
        cluster.terminateTaskManager(0).get();
        cluster.startTaskManager();

        job.getJobExecutionResult().get();
        final AccessExecutionGraph graph = cluster.getArchivedExecutionGraph(id).get();
        assertThat(graph.getState()).isEqualTo(JobStatus.FINISHED);
        assertThat(graph.getStatusTimestamp(JobStatus.RESTARTING)).as("the job restarted").isGreaterThan(0);

        final Assembly.Result result = Assembly.assemble(out.resolve(FlowJob.LINES), settings,
            out.resolve(FlowJob.COUNTERS));
        assertThat(result.digest()).isEqualTo(flow.digest());
        assertThat(FaultToleranceTest.stockDayLines(out.resolve(FlowJob.LINES))).isEqualTo(result.stockDays());
        final Cli counters = Cli.run("counters", result.counters().toString(), "--format", "csv", "--securities",
            securities);
        assertThat(counters.out).isEqualTo(flow.out);
    }
}

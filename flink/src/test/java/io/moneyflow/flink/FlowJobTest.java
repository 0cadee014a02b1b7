package io.moneyflow.flink;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Flink job on a local MiniCluster of two task managers (one slot each), parallelism 2, against the single-machine
 * engine run in the same test on the same inputs: the digest {@code flow} prints equals the digest of the job's
 * assembled counters file, and {@code flow --format csv --sectors --markets} prints the same bytes as
 * {@code counters FILE} on the job's file: every stock-day's row, the sector and market rows. On the bundled real days
 * (several inputs, archives, a single input sorted by stock across two days) and on two {@code gen} days (both
 * exchanges, order streams with SSE balances and withdrawals).
 */
class FlowJobTest
{
    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
        new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(2)
            .setNumberSlotsPerTaskManager(1)
            .setConfiguration(config())
            .build());

    @TempDir
    static Path dir;

    static Path genA;
    static Path genB;

    static Configuration config()
    {
        final Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse("64m"));
        config.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 5);
        config.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        return config;
    }

    @BeforeAll
    static void generate()
    {
        genA = gen("gen-a", "2023-02-01", 11, 30, 30_000, 40_000);
        genB = gen("gen-b", "2023-02-02", 12, 30, 30_000, 40_000);
    }

    static Path gen(final String name, final String date, final long seed, final int symbols, final int trades,
        final int orders)
    {
        final Path out = dir.resolve(name);
        final Cli cli = Cli.run("gen", "--symbols", Integer.toString(symbols), "--trades", Integer.toString(trades),
            "--orders", Integer.toString(orders), "--seed", Long.toString(seed), "--date", date, "--no-journal",
            "--out", out.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        return out;
    }

    static String sample(final String relative)
    {
        return Cli.root().resolve("data/sample").resolve(relative).toString();
    }

    @Test
    void shouldEqualTheEngineOnTheBundledDays() throws Exception
    {
        final String securities = Cli.root().resolve("config/securities.csv").toString();
        // several inputs: archives (DolphinDB's trades, SSE's raw trade/entrust/snapshot files), a gzip, a file sorted
        // by stock over two days
        compare("bundled", securities, sample("ddb-l2-20230201"), sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"),
            sample("tdx-level1-201902/trans.csv.gz"));
        // one input alone, sorted by stock: taken in its own order, as flow takes it
        compare("one-input", securities, sample("tdx-level1-201902/trans.csv.gz"));
    }

    @Test
    void shouldEqualTheEngineOnGenDays() throws Exception
    {
        // two days, trades and orders of each, both exchanges; one securities file serves both (same seed shape)
        compare("gen", genA.resolve("securities.csv").toString(), genA.resolve("trades.csv").toString(),
            genA.resolve("orders.csv").toString(), genB.resolve("trades.csv").toString(),
            genB.resolve("orders.csv").toString());
    }

    /**
     * Runs flow and the job on the same inputs, and compares the digests and the CSV.
     */
    static void compare(final String name, final String securities, final String... inputs) throws Exception
    {
        final List<String> flowArgs = new ArrayList<>(List.of("flow", "--format", "csv", "--sectors", "--markets",
            "--securities", securities));
        flowArgs.addAll(List.of(inputs));
        final Cli flow = Cli.run(flowArgs.toArray(new String[0]));
        assertThat(flow.exit).as(flow.err).isZero();

        final JobSettings settings = new JobSettings();
        settings.inputs.addAll(List.of(inputs));
        settings.securities = securities;
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        final long start = System.nanoTime();
        final Assembly.Result result = FlowJob.run(env, settings, dir.resolve("out-" + name));
        System.out.printf("%s: %d stock-days, job and assembly %.1f s%n", name, result.stockDays(),
            (System.nanoTime() - start) / 1e9);

        assertThat(result.stockDays()).isGreaterThan(0);
        assertThat(result.fails()).isFalse();
        assertThat(result.digest()).as(name + ": digest").isEqualTo(flow.digest());
        final Cli counters = Cli.run("counters", result.counters().toString(), "--format", "csv", "--sectors",
            "--markets", "--securities", securities);
        assertThat(counters.exit).as(counters.err).isZero();
        assertThat(counters.out).as(name + ": flow's CSV").isEqualTo(flow.out);
    }
}

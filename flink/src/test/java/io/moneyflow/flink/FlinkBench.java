package io.moneyflow.flink;

import io.moneyflow.tools.Cli;
import io.moneyflow.Engine;
import io.moneyflow.counters.CountersDigest;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.util.TestStreamEnvironment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark of docs/BENCHMARKS.md ("The Flink job"): records/s of the single engine and of the job at parallelism
 * 1 and 2 on one local MiniCluster of two task managers (one slot each), on a {@code gen} day, interleaved (engine,
 * p1, p2, then again), each result's digest checked equal to the engine's. Runs only when asked:
 * The day is made first when DIR has none ({@code gen --symbols 1000 --trades 1000000 --orders 1300000 --seed 1}):
 * <pre>
 *   mvn -B -q -pl flink -am test -Dtest=FlinkBench -Dsurefire.failIfNoSpecifiedTests=false \
 *       -Dmoneyflow.flink.bench=/tmp/flink-day -Dmoneyflow.flink.repeat=3
 * </pre>
 */
class FlinkBench
{
    @Test
    @EnabledIfSystemProperty(named = "moneyflow.flink.bench", matches = ".+")
    void bench() throws Exception
    {
        final Path day = Path.of(System.getProperty("moneyflow.flink.bench"));
        final int repeat = Integer.getInteger("moneyflow.flink.repeat", 3);
        if (!Files.exists(day.resolve("trades.csv")))
        {
            // the day of docs/BENCHMARKS.md, made once
            final Cli gen = Cli.run("gen", "--out", day.toString(), "--symbols", "1000", "--trades", "1000000",
                "--orders", "1300000", "--seed", "1", "--no-journal");
            assertThat(gen.exit).as(gen.err).isZero();
        }
        final JobSettings settings = new JobSettings();
        settings.inputs.add(day.resolve("trades.csv").toString());
        settings.inputs.add(day.resolve("orders.csv").toString());
        settings.securities = day.resolve("securities.csv").toString();
        final long records = Files.lines(day.resolve("trades.csv")).count() - 1 +
            Files.lines(day.resolve("orders.csv")).count() - 1;

        final Configuration config = new Configuration();
        config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.parse(System.getProperty("moneyflow.flink.managed", "256m")));
        final MiniCluster cluster = new MiniCluster(new MiniClusterConfiguration.Builder()
            .setNumTaskManagers(2).setNumSlotsPerTaskManager(1).setConfiguration(config).build());
        cluster.start();
        final Map<String, List<Double>> times = new LinkedHashMap<>();
        String expected = null;
        try
        {
            for (int r = 0; r < repeat; r++)
            {
                final double load = load();
                long start = System.nanoTime();
                final String digest;
                try (Engine engine = Engine.launch(settings.context()))
                {
                    engine.ingest(List.of(day.resolve("trades.csv"), day.resolve("orders.csv")));
                    digest = CountersDigest.sha256(engine.counters());
                }
                add(times, "engine", start, records, load);
                expected = digest;
                phases(settings, times, records);
                for (final int p : new int[] {1, 2})
                {
                    final double before = load();
                    start = System.nanoTime();
                    final TestStreamEnvironment env = new TestStreamEnvironment(cluster, p);
                    env.setRuntimeMode(RuntimeExecutionMode.BATCH);
                    env.setParallelism(p);
                    final Path out = Files.createTempDirectory("moneyflow-flink-bench");
                    FlowJob.build(env, settings, out);
                    env.execute("bench p" + p);
                    add(times, "job p" + p, start, records, before);
                    final long assemble = System.nanoTime();
                    final Assembly.Result result = Assembly.assemble(out.resolve(FlowJob.LINES), settings,
                        out.resolve(FlowJob.COUNTERS));
                    add(times, "assembly p" + p, assemble, records, before);
                    assertThat(result.digest()).isEqualTo(expected);
                    try (var walk = Files.walk(out.resolve(FlowJob.LINES)))
                    {
                        System.out.printf("lines: %,d bytes for %,d stock-days; counters file %,d bytes%n",
                            walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum(),
                            result.stockDays(), Files.size(result.counters()));
                    }
                    try (var walk = Files.walk(out))
                    {
                        walk.sorted(Collections.reverseOrder()).forEach(f -> f.toFile().delete());
                    }
                }
            }
        }
        finally
        {
            cluster.close();
        }
        System.out.printf("%,d records (%s), %d repeats, %d processors%n", records, day, repeat,
            Runtime.getRuntime().availableProcessors());
        for (final Map.Entry<String, List<Double>> e : times.entrySet())
        {
            final List<Double> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            final double best = sorted.get(0);
            final double median = sorted.get(sorted.size() / 2);
            System.out.printf("%-12s best %7.2f s (%,.0f records/s)  median %7.2f s (%,.0f records/s)  all %s%n",
                e.getKey(), best, records / best, median, records / median, e.getValue());
        }
    }

    /**
     * The job's own work without Flink, on this thread: every input read and encoded as the job's source does it
     * (moneyflow's decoding), then each stock-day's records decoded, put in order and run through one engine as the
     * job's keyed function does. What is left of the job's time is Flink's: serialisation, the sort by key, the
     * hand-over between tasks, start-up.
     */
    private static void phases(final JobSettings settings, final Map<String, List<Double>> times, final long records)
    {
        final double load = load();
        long start = System.nanoTime();
        final Map<Long, List<Tick>> byKey = new java.util.HashMap<>();
        final ReadInput read = new ReadInput(settings);
        read.open(null);
        final int inputs = settings.expandInputs().size();
        for (long i = 0; i < inputs; i++)
        {
            read.flatMap(i, new org.apache.flink.util.Collector<>()
            {
                @Override
                public void collect(final Tick tick)
                {
                    byKey.computeIfAbsent(tick.key, k -> new ArrayList<>()).add(tick);
                }

                @Override
                public void close()
                {
                }
            });
        }
        add(times, "read (source)", start, records, load);
        start = System.nanoTime();
        try (Engine engine = Engine.launch(settings.context()))
        {
            for (final Map.Entry<Long, List<Tick>> e : byKey.entrySet())
            {
                if (e.getKey() != 0L)
                {
                    final List<Tick> ordered = StockDayFunction.inExchangeOrder(e.getValue(), inputs == 1);
                    engine.ingest("bench", feed -> ordered.forEach(t ->
                        feed.record(t.record, 0, t.record.length, t.position + 1)), m -> { });
                }
            }
        }
        add(times, "per key (engine)", start, records, load);
    }

    private static void add(final Map<String, List<Double>> times, final String name, final long start,
        final long records, final double load)
    {
        final double seconds = (System.nanoTime() - start) / 1e9;
        times.computeIfAbsent(name, k -> new ArrayList<>()).add(Math.round(seconds * 100) / 100.0);
        System.out.printf("%-12s %7.2f s  %,12.0f records/s  load %.2f%n", name, seconds, records / seconds, load);
    }

    private static double load()
    {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}

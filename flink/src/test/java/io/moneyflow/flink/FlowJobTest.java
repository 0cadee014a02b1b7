package io.moneyflow.flink;

import io.moneyflow.tools.Cli;
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
 * (several inputs, archives, a single input sorted by stock across two days) and on three {@code gen} days (both
 * exchanges, order streams with SSE balances and withdrawals), the third through the job's {@code main}.
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
    static Path genC;

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
        genC = gen("gen-c", "2023-02-03", 13, 60, 40_000, 50_000);
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
        // one input alone, sorted by stock: taken in its own order, as flow takes it; each task's engine holding
        // three stock-days, so replaced by a new one every third
        compare("one-input", securities, 3, sample("tdx-level1-201902/trans.csv.gz"));
    }

    @Test
    void shouldKeepASingleInputsInstantsAsFlowFormsThemAcrossStocks() throws Exception
    {
        // one input, not in time order as a whole: 000002.SZ's fill at 10:00:00.500 lies between two fills of
        // 000001.SZ at 10:00:01.000 numbered 5 then 4. flow's merge forms its instants over the whole input (runs of
        // one date and millisecond), so those two are two instants and go in the input's order (5, then 4: the day
        // closes at 10.01); ordered within one instant by sequence, they would close it at 10.02
        final Path input = dir.resolve("instants-across-stocks.csv");
        java.nio.file.Files.write(input, List.of(
            "Symbol,Date,Time,Channel,Seq,Price,Qty,BuyNo,SellNo,Flag,ExecType",
            "000001.SZ,20230201,100000000,2011,1,100000,100,10,1,,F",
            "000001.SZ,20230201,100001000,2011,5,100200,300,11,2,,F",
            "000002.SZ,20230201,100000500,2011,3,200000,100,12,3,,F",
            "000001.SZ,20230201,100001000,2011,4,100100,200,13,4,,F"));
        final String securities = Cli.root().resolve("config/securities.csv").toString();
        final Cli flow = Cli.run("flow", "--format", "csv", "--securities", securities, input.toString());
        assertThat(flow.exit).as(flow.err).isZero();
        final JobSettings settings = new JobSettings();
        settings.inputs.add(input.toString());
        settings.securities = securities;
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        final Assembly.Result result = FlowJob.run(env, settings, dir.resolve("out-instants"));
        assertThat(result.stockDays()).isEqualTo(2);
        assertThat(result.fails()).isFalse();
        assertThat(result.digest()).isEqualTo(flow.digest());
        final Cli counters = Cli.run("counters", result.counters().toString(), "--format", "csv", "--securities",
            securities);
        assertThat(counters.exit).as(counters.err).isZero();
        assertThat(counters.out).isEqualTo(flow.out);
    }

    @Test
    void shouldSayWhatFlowSaysOfAFileNoLayoutRecognises() throws Exception
    {
        // DolphinDB's 600000.SH directory also holds its published minute flows, which no layout reads: flow skips
        // the file, says so, and exits 1; the job passes the note on and fails likewise, with the same numbers
        final String securities = Cli.root().resolve("config/securities.csv").toString();
        final String directory = sample("ddb-sse-600000-20200102");
        final Cli flow = Cli.run("flow", "--format", "csv", "--securities", securities, directory);
        assertThat(flow.exit).isEqualTo(1);
        assertThat(flow.err).contains("skipped").contains("published_dolphindb_minute_flow_600000.csv");
        final JobSettings settings = new JobSettings();
        settings.inputs.add(directory);
        settings.securities = securities;
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        final Assembly.Result result = FlowJob.run(env, settings, dir.resolve("out-skipped"));
        assertThat(result.fails()).isTrue();
        assertThat(result.notes()).anySatisfy(note -> assertThat(note)
            .contains("published_dolphindb_minute_flow_600000.csv").contains("skipped"));
        assertThat(result.digest()).isEqualTo(flow.digest());
    }

    @Test
    void shouldEqualTheEngineOnGenDays() throws Exception
    {
        // two days, trades and orders of each, both exchanges; one securities file serves both (same seed shape)
        final String securities = genA.resolve("securities.csv").toString();
        compare("gen", securities, genA.resolve("trades.csv").toString(),
            genA.resolve("orders.csv").toString(), genB.resolve("trades.csv").toString(),
            genB.resolve("orders.csv").toString());

        // a run too large for one counters file is written one file per day: each holds the stock-days the engine
        // computes from that day's inputs alone
        final JobSettings settings = new JobSettings();
        settings.securities = securities;
        final Path out = dir.resolve("out-gen");
        final Assembly.Result perDay = Assembly.assemble(out.resolve(FlowJob.LINES), settings,
            out.resolve(FlowJob.COUNTERS), 1);
        assertThat(perDay.digest()).isNull();
        assertThat(perDay.files()).extracting(f -> f.getFileName().toString())
            .containsExactly("20230201.counters", "20230202.counters");
        for (int i = 0; i < 2; i++)
        {
            final Path day = i == 0 ? genA : genB;
            try (io.moneyflow.Engine engine = io.moneyflow.Engine.launch(settings.context());
                io.moneyflow.counters.FlowCounters file =
                    io.moneyflow.counters.FlowCounters.openReadOnly(perDay.files().get(i)))
            {
                engine.ingest(List.of(day.resolve("trades.csv"), day.resolve("orders.csv")));
                assertThat(io.moneyflow.counters.CountersDigest.slotsSha256(file)).as(day.toString())
                    .isEqualTo(io.moneyflow.counters.CountersDigest.slotsSha256(engine.counters()));
            }
        }
    }

    @Test
    void shouldPrintFlowsDigestFromTheCommandLine() throws Exception
    {
        // a third gen day, through the job's main as flink run calls it
        final String securities = genC.resolve("securities.csv").toString();
        final Cli flow = Cli.run("flow", "--format", "csv", "--securities", securities,
            genC.resolve("trades.csv").toString(), genC.resolve("orders.csv").toString());
        assertThat(flow.exit).as(flow.err).isZero();
        final java.io.PrintStream old = System.out;
        final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        final Path dirOut = dir.resolve("out-main");
        try
        {
            System.setOut(new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8));
            FlowJob.main(new String[] {"--input", genC.resolve("trades.csv").toString(), "--input",
                genC.resolve("orders.csv").toString(), "--out", dirOut.toString(), "--securities", securities,
                "--parallelism", "2"});
        }
        finally
        {
            System.setOut(old);
        }
        final String printed = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(printed).contains("stock-days in " + dirOut.resolve(FlowJob.COUNTERS))
            .contains("digest " + flow.digest());
        final Cli counters = Cli.run("counters", dirOut.resolve(FlowJob.COUNTERS).toString(), "--format", "csv",
            "--securities", securities);
        assertThat(counters.out).isEqualTo(flow.out);
    }

    /**
     * Runs flow and the job on the same inputs, and compares the digests and the CSV.
     */
    static void compare(final String name, final String securities, final String... inputs) throws Exception
    {
        compare(name, securities, 0, inputs);
    }

    static void compare(final String name, final String securities, final int maxSlots, final String... inputs)
        throws Exception
    {
        final List<String> flowArgs = new ArrayList<>(List.of("flow", "--format", "csv", "--sectors", "--markets",
            "--securities", securities));
        flowArgs.addAll(List.of(inputs));
        final Cli flow = Cli.run(flowArgs.toArray(new String[0]));
        assertThat(flow.exit).as(flow.err).isZero();

        final JobSettings settings = new JobSettings();
        settings.inputs.addAll(List.of(inputs));
        settings.securities = securities;
        settings.maxSlots = maxSlots;
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

        // close-day: the history store of the inputs, and of the job's counters file, table by table
        final List<String> closeArgs = new ArrayList<>(List.of("close-day", "-q", "--securities", securities,
            "--data-dir", dir.resolve("history-" + name + "-engine").toString()));
        closeArgs.addAll(List.of(inputs));
        final Cli engineClose = Cli.run(closeArgs.toArray(new String[0]));
        assertThat(engineClose.exit).as(engineClose.err).isZero();
        final Cli jobClose = Cli.run("close-day", "-q", "--securities", securities, "--data-dir",
            dir.resolve("history-" + name + "-job").toString(), "--from-counters", result.counters().toString());
        assertThat(jobClose.exit).as(jobClose.err).isZero();
        for (final String table : List.of("stock_day", "stock_day_class", "sector_day", "market_day"))
        {
            final List<String> fromEngine = table(dir.resolve("history-" + name + "-engine"), table);
            assertThat(fromEngine).as(table).isNotEmpty();
            assertThat(table(dir.resolve("history-" + name + "-job"), table)).as(name + ": history " + table)
                .isEqualTo(fromEngine);
        }

        // minutes: every bar of two stocks, from the inputs and from the job's counters file
        final List<String> symbols = csvSymbols(flow.out);
        for (final String symbol : List.of(symbols.get(0), symbols.get(symbols.size() - 1)))
        {
            final List<String> minutesArgs = new ArrayList<>(List.of("minutes", "--symbol", symbol, "--format", "csv",
                "--all-bars", "--securities", securities));
            minutesArgs.addAll(List.of(inputs));
            final Cli engineMinutes = Cli.run(minutesArgs.toArray(new String[0]));
            assertThat(engineMinutes.exit).as(engineMinutes.err).isZero();
            final Cli jobMinutes = Cli.run("minutes", "--symbol", symbol, "--format", "csv", "--all-bars",
                "--securities", securities, "--from-counters", result.counters().toString());
            assertThat(jobMinutes.exit).as(jobMinutes.err).isZero();
            assertThat(jobMinutes.out).as(name + ": minutes of " + symbol).isEqualTo(engineMinutes.out)
                .contains("09:30");
            assertThat(jobMinutes.digest()).isEqualTo(flow.digest());
        }
    }

    /** @return the stock symbols of flow's CSV (not the sector and market rows), in its order. */
    static List<String> csvSymbols(final String csv)
    {
        final List<String> symbols = new ArrayList<>();
        for (final String line : csv.split("\n"))
        {
            final String first = line.split(",", 2)[0];
            if (first.matches("\\d{6}\\.(SH|SZ|BJ)") && !symbols.contains(first))
            {
                symbols.add(first);
            }
        }
        return symbols;
    }

    /** @return a history table's rows, every column but when each was stored, in one order. */
    static List<String> table(final Path dataDir, final String table) throws Exception
    {
        final List<String> rows = new ArrayList<>();
        try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:" +
            dataDir.resolve("history.duckdb"));
            java.sql.Statement s = c.createStatement();
            java.sql.ResultSet r = s.executeQuery("select * " +
                (table.equals("stock_day") ? "exclude (stored_at) " : "") + "from " + table + " order by all"))
        {
            final int columns = r.getMetaData().getColumnCount();
            while (r.next())
            {
                final StringBuilder sb = new StringBuilder();
                for (int i = 1; i <= columns; i++)
                {
                    sb.append(r.getString(i)).append('|');
                }
                rows.add(sb.toString());
            }
        }
        return rows;
    }
}

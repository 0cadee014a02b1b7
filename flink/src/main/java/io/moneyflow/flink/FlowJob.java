package io.moneyflow.flink;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.serialization.SimpleStringEncoder;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.connector.file.sink.FileSink;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.filesystem.rollingpolicies.OnCheckpointRollingPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Flink job: what {@code moneyflow flow} computes for a run of many days, on a cluster. The run's inputs are read
 * in parallel (one input per element, moneyflow's own decoding), each record is sent to its stock-day's task (keyed
 * by stock and day), where the stock-day's records go through moneyflow's own feed checks, classify and aggregate in
 * the task's engine; each stock-day's record is written once (a file sink, committed with the checkpoints). Then, on
 * the client, the records are put into one counters file ({@link Assembly}), which every moneyflow reader reads as
 * the file of one run: the same rows, the same history, the same digest.
 * <pre>
 *   flink run -c io.moneyflow.flink.FlowJob moneyflow-flink.jar --input DIR... --out DIR [options]
 * </pre>
 * Options: {@code --input PATH} (repeatable; files, archives, directories as {@code flow} takes them, readable at the
 * same path on every task manager), {@code --out DIR} (a directory every task manager and the client can write and
 * read), {@code --securities FILE}, {@code --scheme NAME|FILE}, {@code --mode trade|order|order-bar}, {@code --bar N}
 * (minutes), {@code --layout NAME|FILE}, {@code --max-backwards-ms MS}, {@code --max-slots N} (stock-days one task's
 * engine holds), {@code --parallelism N}, {@code --execution batch|streaming} (batch by default),
 * {@code --checkpoint-ms MS} (streaming; 10 s by default there: the sink commits its files with the checkpoints).
 */
public final class FlowJob
{
    /** The sub-directory of the output directory the sink writes the stock-day lines into. */
    public static final String LINES = "stock-days";
    /** The counters file the assembly writes into the output directory. */
    public static final String COUNTERS = "moneyflow.counters";

    private FlowJob()
    {
    }

    /** Keys a record by its stock and day. */
    public static final class StockDayKey implements KeySelector<Tick, Long>
    {
        private static final long serialVersionUID = 1L;

        @Override
        public Long getKey(final Tick tick)
        {
            return tick.key;
        }
    }

    /**
     * Adds the job to an environment: source, per-stock-day engines, sink.
     *
     * @param env      the environment (its execution mode, parallelism and checkpointing are the caller's).
     * @param settings the run's settings.
     * @param out      the output directory; its {@link #LINES} sub-directory receives the lines.
     */
    public static void build(final StreamExecutionEnvironment env, final JobSettings settings, final Path out)
    {
        build(env, settings, out, lines -> lines);
    }

    /**
     * As {@link #build(StreamExecutionEnvironment, JobSettings, Path)}, with a step between the stock-days and the
     * sink (for the tests: one that holds a task mid-output while a task manager is killed).
     */
    static void build(final StreamExecutionEnvironment env, final JobSettings settings, final Path out,
        final java.util.function.UnaryOperator<org.apache.flink.streaming.api.datastream.DataStream<String>> between)
    {
        final int inputs = settings.expandInputs().size();
        if (inputs == 0)
        {
            throw new IllegalArgumentException("no input: " + settings.inputs);
        }
        final FileSink<String> sink = FileSink
            .forRowFormat(new org.apache.flink.core.fs.Path(out.resolve(LINES).toUri()),
                new SimpleStringEncoder<String>("UTF-8"))
            .withRollingPolicy(OnCheckpointRollingPolicy.build())
            .build();
        between.apply(env.fromSequence(0, inputs - 1).name("inputs")
            .flatMap(new ReadInput(settings), TickType.INFO).name("read input")
            .keyBy(new StockDayKey())
            .process(new StockDayFunction(settings, inputs == 1)).name("classify and aggregate per stock-day"))
            .sinkTo(sink).name("stock-day lines");
    }

    /**
     * Runs the job and assembles its output.
     *
     * @param env      the environment.
     * @param settings the run's settings.
     * @param out      the output directory; emptied of an earlier run's lines and counters first.
     * @return what the assembly made.
     * @throws Exception when the job fails.
     */
    public static Assembly.Result run(final StreamExecutionEnvironment env, final JobSettings settings, final Path out)
        throws Exception
    {
        delete(out.resolve(LINES));
        delete(out.resolve("days"));
        Files.deleteIfExists(out.resolve(COUNTERS));
        Files.createDirectories(out);
        build(env, settings, out);
        env.execute("moneyflow flow " + String.join(" ", settings.inputs));
        return Assembly.assemble(out.resolve(LINES), settings, out.resolve(COUNTERS));
    }

    private static void delete(final Path dir)
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir))
        {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param args see the class comment.
     * @throws Exception when the job fails.
     */
    public static void main(final String[] args) throws Exception
    {
        final JobSettings settings = new JobSettings();
        Path out = null;
        int parallelism = 0;
        String execution = "batch";
        long checkpointMs = 0;
        final List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++)
        {
            final String arg = args[i];
            switch (arg)
            {
                case "--input" -> settings.inputs.add(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--securities" -> settings.securities = value(args, ++i, arg);
                case "--scheme" -> settings.scheme = value(args, ++i, arg);
                case "--mode" -> settings.mode = value(args, ++i, arg);
                case "--bar" -> settings.barMinutes = Integer.parseInt(value(args, ++i, arg).replace("m", ""));
                case "--layout" -> settings.layout = value(args, ++i, arg);
                case "--max-backwards-ms" -> settings.maxBackwardsMs = Integer.parseInt(value(args, ++i, arg));
                case "--max-slots" -> settings.maxSlots = Integer.parseInt(value(args, ++i, arg));
                case "--parallelism" -> parallelism = Integer.parseInt(value(args, ++i, arg));
                case "--execution" -> execution = value(args, ++i, arg);
                case "--checkpoint-ms" -> checkpointMs = Long.parseLong(value(args, ++i, arg));
                case "-h", "--help" ->
                {
                    System.out.println("flink run -c io.moneyflow.flink.FlowJob moneyflow-flink.jar --input PATH... " +
                        "--out DIR [--securities FILE] [--scheme S] [--mode trade|order|order-bar] [--bar N] " +
                        "[--layout L] [--max-backwards-ms MS] [--max-slots N] [--parallelism N] " +
                        "[--execution batch|streaming] [--checkpoint-ms MS]");
                    return;
                }
                default ->
                {
                    if (arg.startsWith("-"))
                    {
                        throw new IllegalArgumentException("unknown option " + arg + " (--help lists them)");
                    }
                    positional.add(arg);
                }
            }
        }
        settings.inputs.addAll(positional);
        if (out == null || settings.inputs.isEmpty())
        {
            throw new IllegalArgumentException("give --input PATH... and --out DIR (--help)");
        }
        settings.inputs.replaceAll(p -> Path.of(p).toAbsolutePath().toString());
        if (settings.securities != null)
        {
            settings.securities = Path.of(settings.securities).toAbsolutePath().toString();
        }
        final StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(execution.equals("streaming") ? RuntimeExecutionMode.STREAMING : RuntimeExecutionMode.BATCH);
        if (parallelism > 0)
        {
            env.setParallelism(parallelism);
        }
        if (execution.equals("streaming") && checkpointMs <= 0)
        {
            // the sink commits its files with the checkpoints: without them, a streaming run would commit nothing
            checkpointMs = 10_000;
        }
        if (checkpointMs > 0)
        {
            env.enableCheckpointing(checkpointMs);
        }
        final long start = System.nanoTime();
        final Assembly.Result result = run(env, settings, out.toAbsolutePath());
        final double seconds = (System.nanoTime() - start) / 1e9;
        for (final String note : result.notes())
        {
            System.err.println("moneyflow: " + note);
        }
        if (result.digest() != null)
        {
            System.out.printf("%d stock-days in %s (%.1f s)%n", result.stockDays(), result.counters(), seconds);
            System.out.println("digest " + result.digest());
        }
        else
        {
            // more stock-days than one counters file holds (2 GiB): one file per day
            System.out.printf("%d stock-days in %d files, one per day, in %s (%.1f s)%n", result.stockDays(),
                result.files().size(), result.files().get(0).getParent(), seconds);
            final io.moneyflow.ring.RejectReason[] reasons = io.moneyflow.ring.RejectReason.values();
            for (int i = 0; i < reasons.length && i < result.rejected().length; i++)
            {
                if (result.rejected()[i] > 0)
                {
                    System.out.println("rejected " + reasons[i] + ": " + result.rejected()[i]);
                }
            }
        }
        if (result.fails())
        {
            System.err.println("moneyflow: error: an input was skipped or gave nothing, as above (flow exits 1 too)");
            System.exit(1);
        }
    }

    private static String value(final String[] args, final int i, final String option)
    {
        if (i >= args.length)
        {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }
}

package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.feed.SzseSession;
import io.moneyflow.reference.ReferenceData;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code moneyflow run}: the engine on a live SZSE Binary feed.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Run the engine on a live SZSE Binary market-data feed (TCP): log on, read trades, orders and " +
        "snapshots as they come, check each channel's sequence (gaps reported with the symbols on the channel, " +
        "duplicates and broken frames dropped and counted), reconnect with backoff when the link drops. Runs until " +
        "Ctrl-C (or, with --exit-at-end, until every channel has ended), then prints what 'flow' prints. The " +
        "counters can be watched meanwhile with 'moneyflow counters FILE' when --counters FILE is given. " +
        "With --kafka BROKERS --topic T instead of --feed: consume some or all partitions of a topic that " +
        "'moneyflow publish' writes; with --journal DIR a restart resumes each partition exactly after the records " +
        "the journal holds (--exit-at-end: stop at every partition's end mark).")
final class RunCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--feed", paramLabel = "szse://HOST:PORT",
        description = "The gateway, e.g. szse://127.0.0.1:9129.")
    String feed;

    @Option(names = "--kafka", paramLabel = "BROKERS",
        description = "Instead of --feed: consume a topic that 'moneyflow publish' writes, from these Kafka " +
            "bootstrap servers, e.g. 127.0.0.1:9092.")
    String kafka;

    @Option(names = "--topic", paramLabel = "TOPIC", description = "With --kafka: the topic.")
    String topic;

    @Option(names = "--partitions", paramLabel = "P", split = ",",
        description = "With --kafka: the partitions this engine consumes, e.g. 0,1 (default: all). Each stock is " +
            "in one partition, so engines given disjoint partitions share a market.")
    List<Integer> partitions;

    @Option(names = "--group", paramLabel = "ID", defaultValue = "moneyflow",
        description = "With --kafka: the consumer group the processed offsets are committed to, for Kafka's tools " +
            "to show the lag (default moneyflow); a restart resumes from the journal, not from these. Give each " +
            "engine on the same partitions (a hot standby) a group of its own, or their commits overwrite each other.")
    String group;

    @Option(names = "--sender", paramLabel = "ID", defaultValue = "moneyflow",
        description = "SenderCompID of the logon (default moneyflow).")
    String sender;

    @Option(names = "--target", paramLabel = "ID", defaultValue = "gateway",
        description = "TargetCompID of the logon (default gateway).")
    String target;

    @Option(names = "--password", paramLabel = "PW", defaultValue = "",
        description = "Password of the logon (default empty).")
    String password;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "5",
        description = "Heartbeat interval asked for at logon (default 5 s); a gateway silent for twice that is " +
            "declared lost and the session reconnects.")
    int heartbeat;

    @Option(names = "--exit-at-end",
        description = "Stop once every channel seen has sent its end-of-channel heartbeat (with --kafka: once " +
            "every partition consumed has given the end mark of a publish).")
    boolean exitAtEnd;

    @Option(names = "--latency",
        description = "Record each record's latency from its frame's arrival at the socket to its counters being " +
            "visible (HdrHistogram), and print p50, p99, p99.9 and max.")
    boolean latency;

    @Option(names = "--latency-skip", paramLabel = "N", defaultValue = "0",
        description = "With --latency, leave the first N records out of the histogram (the JIT's warm-up).")
    long latencySkip;

    @Mixin
    EngineOptions engine;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL",
        description = "Only these symbols in the output, e.g. 000001.SZ,600519.SH.")
    List<String> symbols;

    @Mixin
    OutputOptions output;

    @Mixin
    HttpOption http;

    @Override
    public Integer call() throws InterruptedException
    {
        FileOutput.check(output.file, output.format, spec);
        FileOutput.checkColumns(output.file, engine.scheme, false, spec);
        if ((feed == null) == (kafka == null))
        {
            throw new ParameterException(spec.commandLine(), "give either --feed szse://HOST:PORT or --kafka BROKERS " +
                "--topic T");
        }
        if (kafka != null && topic == null)
        {
            throw new ParameterException(spec.commandLine(), "--kafka needs --topic");
        }
        if (kafka == null && (topic != null || partitions != null))
        {
            throw new ParameterException(spec.commandLine(), "--topic and --partitions are for --kafka");
        }
        if (partitions != null && partitions.stream().anyMatch(p -> p < 0))
        {
            throw new ParameterException(spec.commandLine(), "--partitions are numbers from 0");
        }
        final SzseSession.Config config = kafka != null ? null : config();
        final Set<Long> filter = EngineOptions.symbols(symbols, spec);
        if (latencySkip < 0)
        {
            throw new ParameterException(spec.commandLine(), "--latency-skip must not be negative");
        }
        final EngineContext context = engine.context().latency(latency).latencySkip(latencySkip);
        final ReferenceData reference = engine.reference();
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final AtomicReference<SzseSession> session = new AtomicReference<>();
        final KafkaRun consumer = kafka == null ? null : new KafkaRun(kafka, topic,
            partitions == null ? List.of() : partitions, group, exitAtEnd, Messages.printer(err),
            output.quiet ? m -> { } : Messages.printer(err), latency ? new Histogram(3_600_000_000L, 3) : null);
        final CountDownLatch done = new CountDownLatch(1);
        // Ctrl-C (or a TERM) stops the session; the run then finishes its records and prints before the JVM exits.
        final Thread hook = new Thread(() ->
        {
            final SzseSession live = session.get();
            if (live != null)
            {
                err.println("moneyflow: stopping: logging out and finishing the records received");
                live.stop();
            }
            if (consumer != null)
            {
                err.println("moneyflow: stopping: finishing the records consumed");
                consumer.stop();
            }
            try
            {
                done.await(60, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "moneyflow-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try
        {
            return consumer != null ? kafka(consumer, context, reference, filter, out, err) :
                live(config, context, reference, filter, out, err, session);
        }
        finally
        {
            done.countDown();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ex)
            {
                // the JVM is already shutting down: the hook is running and is released by the count-down
            }
        }
    }

    private int live(
        final SzseSession.Config config,
        final EngineContext context,
        final ReferenceData reference,
        final Set<Long> filter,
        final PrintStream out,
        final PrintStream err,
        final AtomicReference<SzseSession> session)
    {
        http.dataDir = output.dataDir;
        try (Engine e = Engine.launch(context); FlowServer server = http.start(e, err))
        {
            final MinuteAlerts minuteAlerts = output.alerts ?
                MinuteAlerts.start(e.reader(), reference, output, err) : null;
            final Engine.LiveRun live;
            try
            {
                live = e.runLive(config, Messages.printer(err), session::set);
            }
            finally
            {
                if (minuteAlerts != null)
                {
                    minuteAlerts.stop();
                }
            }
            final Run run = new Run(e, live.log(), err);
            final FlowReport report = FlowReport.read(e.reader(), reference, filter)
                .groups(output.sectors, output.markets);
            final Map<String, Object> extra = new LinkedHashMap<>();
            if (latency)
            {
                extra.put("latency", latency(e.latency(), "from arrival at the socket", err));
            }
            try
            {
                output.close(report, e.reader(), reference, err);
            }
            finally
            {
                // a live session's results are printed even when the store cannot be written (the run then fails)
                FlowCommand.print(report, run, output.format, output.file, out, err, extra);
            }
            err.println("moneyflow: " + feed + ": " + live.frames() + " frames, " + live.unknownFrames() +
                " of unknown types skipped, " + live.reconnects() + " reconnection(s); session " +
                describe(live.outcome()));
            final boolean clean = run.finish();
            return live.outcome() == SzseSession.Outcome.LOGON_REFUSED || !clean ? 1 : 0;
        }
    }

    private int kafka(
        final KafkaRun consumer,
        final EngineContext context,
        final ReferenceData reference,
        final Set<Long> filter,
        final PrintStream out,
        final PrintStream err)
    {
        http.dataDir = output.dataDir;
        try (Engine e = Engine.launch(context); FlowServer server = http.start(e, err))
        {
            final MinuteAlerts minuteAlerts = output.alerts ?
                MinuteAlerts.start(e.reader(), reference, output, err) : null;
            final KafkaRun.Outcome outcome;
            final long startNs = System.nanoTime();
            try
            {
                outcome = consumer.run(e, context.journalDir());
            }
            finally
            {
                if (minuteAlerts != null)
                {
                    minuteAlerts.stop();
                }
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            final Run run = new Run(e, outcome.log(), err);
            run.quiet = output.quiet;
            final FlowReport report = FlowReport.read(e.reader(), reference, filter)
                .groups(output.sectors, output.markets);
            final Map<String, Object> extra = new LinkedHashMap<>();
            if (latency)
            {
                extra.put("latency", latency(e.latency(), "from the consumer's handing each record to the engine",
                    err));
                extra.put("publishLatency", publishLatency(consumer.latency(), err));
            }
            try
            {
                output.close(report, e.reader(), reference, err);
            }
            finally
            {
                FlowCommand.print(report, run, output.format, output.file, out, err, extra);
            }
            if (!output.quiet)
            {
                err.printf(java.util.Locale.ROOT, "moneyflow: %s: %,d records consumed from partitions %s in %.2f s " +
                    "(%,.0f records/s)%s%n", topic, outcome.consumed(), outcome.partitions(), seconds,
                    outcome.consumed() / Math.max(seconds, 1e-9),
                    outcome.allEnded() ? ", every partition at its end mark" : "");
            }
            return run.finish() ? 0 : 1;
        }
    }

    private static Map<String, Object> publishLatency(final Histogram histogram, final PrintStream err)
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("unit", "us");
        fields.put("records", histogram.getTotalCount());
        fields.put("p50", histogram.getValueAtPercentile(50));
        fields.put("p99", histogram.getValueAtPercentile(99));
        fields.put("max", histogram.getMaxValue());
        err.printf(java.util.Locale.ROOT, "moneyflow: latency from publishing (the producer's timestamp, ms) to " +
            "consumption, %d records: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", histogram.getTotalCount(),
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
            histogram.getMaxValue() / 1e3);
        return fields;
    }

    private static Map<String, Object> latency(final Histogram histogram, final String from, final PrintStream err)
    {
        final Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("unit", "ns");
        fields.put("records", histogram.getTotalCount());
        fields.put("p50", histogram.getValueAtPercentile(50));
        fields.put("p99", histogram.getValueAtPercentile(99));
        fields.put("p999", histogram.getValueAtPercentile(99.9));
        fields.put("max", histogram.getMaxValue());
        err.printf(java.util.Locale.ROOT, "moneyflow: latency %s to the counters, %d " +
            "records: p50 %.1f us, p99 %.1f us, p99.9 %.1f us, max %.1f us%n", from, histogram.getTotalCount(),
            histogram.getValueAtPercentile(50) / 1e3, histogram.getValueAtPercentile(99) / 1e3,
            histogram.getValueAtPercentile(99.9) / 1e3, histogram.getMaxValue() / 1e3);
        return fields;
    }

    private static String describe(final SzseSession.Outcome outcome)
    {
        return switch (outcome)
        {
            case STOPPED -> "stopped";
            case CHANNELS_ENDED -> "ended: every channel has ended";
            case LOGON_REFUSED -> "refused: the gateway refused the logon";
        };
    }

    private SzseSession.Config config()
    {
        return sessionConfig(spec, feed, sender, target, password, heartbeat, exitAtEnd);
    }

    /**
     * @return the session's settings from the command line's, or a usage error naming what is wrong.
     */
    static SzseSession.Config sessionConfig(
        final CommandSpec spec, final String feed, final String sender, final String target, final String password,
        final int heartbeat, final boolean exitAtEnd)
    {
        final String prefix = "szse://";
        if (!feed.startsWith(prefix))
        {
            throw new ParameterException(spec.commandLine(), "--feed '" + feed +
                "' is not a feed such as szse://127.0.0.1:9129");
        }
        final String address = feed.substring(prefix.length());
        final int colon = address.lastIndexOf(':');
        final int port;
        try
        {
            port = colon > 0 ? Integer.parseInt(address.substring(colon + 1)) : -1;
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "--feed '" + feed + "' has no port number");
        }
        if (port <= 0 || port > 65_535)
        {
            throw new ParameterException(spec.commandLine(), "--feed '" + feed + "' needs a port, 1 to 65535");
        }
        if (heartbeat <= 0)
        {
            throw new ParameterException(spec.commandLine(), "--heartbeat must be at least 1 second");
        }
        return new SzseSession.Config(address.substring(0, colon), port, sender, target, password, heartbeat,
            exitAtEnd);
    }
}

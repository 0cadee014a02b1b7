package io.moneyflow.tools;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.JournalHeaders;
import io.moneyflow.journal.JournalInput;
import io.moneyflow.feed.RunLog;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalHeader;
import io.moneyflow.ring.Pipeline;
import io.moneyflow.ring.RingWait;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code moneyflow bench}: runs a journaled day (from {@code moneyflow gen}, or any journal) through the whole engine,
 * with its journal off and on, and reports throughput, the per-record latency distribution, peak memory and GC.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "Run a journaled day through the whole engine (feed checks, ring, classify, aggregate, and the " +
        "journal stage when on) and report records/s, the latency of every record from its hand-over to the feed " +
        "to its counters (p50, p99, p99.9, max), peak heap and off-heap memory, and GC pauses. The day comes from " +
        "--journal DIR (e.g. OUT/journal of 'moneyflow gen') or is generated first with --generate.")
final class BenchCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--journal", paramLabel = "DIR", description = "The journal to run, e.g. OUT/journal of 'moneyflow gen'.")
    Path journal;

    @Option(names = "--generate", description = "Generate the day first (moneyflow gen with --symbols, --trades, " +
        "--orders, --seed into --out) and run its journal.")
    boolean generate;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "5000", description = "With --generate (default 5000).")
    int symbols;

    @Option(names = "--trades", paramLabel = "N", defaultValue = "60000000", description = "With --generate.")
    long trades;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "80000000", description = "With --generate.")
    long orders;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "With --generate.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "With --generate: where the day goes (default: a " +
        "temporary directory, deleted afterwards).")
    Path out;

    @Option(names = "--runs", paramLabel = "RUN", split = ",", defaultValue = "off,on",
        description = "Which runs: off (no journal), on (journal every record, batches of --journal-batch), or " +
            "both (default off,on).")
    List<String> runs;

    @Option(names = "--rate", paramLabel = "N/s|max", defaultValue = "max",
        description = "Records per second to offer (e.g. 1M/s), or max (default).")
    String rate;

    @Option(names = "--wait", paramLabel = "STRATEGY", defaultValue = "yielding",
        description = "Ring wait strategy: yielding (default here), blocking, sleeping, busy-spin.")
    String wait;

    @Option(names = "--order-capacity", paramLabel = "N",
        defaultValue = "" + io.moneyflow.EngineContext.ORDER_CAPACITY_DEFAULT,
        description = "Starting rows of the order table's hash part, for orders without a channel and number " +
            "(default ${DEFAULT-VALUE}); orders with both live in pages that need no sizing.")
    int orderCapacity;

    @Option(names = "--pipeline", paramLabel = "KIND", defaultValue = "auto",
        description = "split, fused or auto (default: fused below 4 processors), as for flow.")
    String pipeline;

    @Option(names = "--ring", paramLabel = "N", defaultValue = "0",
        description = "Ring entries, a power of two (default: the engine's).")
    int ring;

    @Option(names = "--journal-batch", paramLabel = "N", defaultValue = "1024",
        description = "Most records per journal excerpt in the 'on' run (default 1024).")
    int journalBatch;

    @Option(names = "--latency-skip", paramLabel = "N", defaultValue = "0",
        description = "Leave the first N records out of the latency histogram (JIT warm-up). At --rate max, " +
            "every 64th record is timed; paced, every record.")
    long latencySkip;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table (default) or json.")
    Format format;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws IOException
    {
        if (format == Format.parquet)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--format is table or json here");
        }
        final PrintStream err = System.err;
        if ((journal == null) == !generate)
        {
            throw new ParameterException(spec.commandLine(), "give either --journal DIR or --generate");
        }
        final long perSecond = FeedServeCommand.rate(rate, spec);
        final RingWait waiting;
        final Pipeline stages;
        try
        {
            waiting = RingWait.parse(wait);
            stages = Pipeline.parse(pipeline);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        for (final String run : runs)
        {
            if (!run.equals("off") && !run.equals("on"))
            {
                throw new ParameterException(spec.commandLine(), "--runs takes off and on, not '" + run + "'");
            }
        }
        Path day = journal;
        Path generated = null;
        final Map<String, Object> report = new LinkedHashMap<>();
        if (generate)
        {
            generated = out != null ? out : Files.createTempDirectory("moneyflow-bench-day");
            final String[] args = {"gen", "--symbols", Integer.toString(symbols), "--trades", Long.toString(trades),
                "--orders", Long.toString(orders), "--seed", Long.toString(seed), "--out", generated.toString(),
                "--order-capacity", Integer.toString(orderCapacity)};
            final int status = MoneyflowCli.commandLine(args).execute(quiet ? append(args, "-q") : args);
            if (status != 0)
            {
                return status;
            }
            day = generated.resolve("journal");
            report.put("generated", generated.toString());
        }
        if (!Journal.exists(day))
        {
            throw new ParameterException(spec.commandLine(), "--journal " + day + " holds no moneyflow journal");
        }
        final JournalHeader header = readHeader(day);
        report.put("journal", day.toString());
        report.put("journalBytes", size(day));
        report.put("rate", perSecond == 0 ? "max" : perSecond + "/s");
        report.put("wait", waiting.label());
        report.put("machine", Runtime.getRuntime().availableProcessors() + " processors, max heap " +
            Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB, " + System.getProperty("java.vm.name") + " " +
            System.getProperty("java.version"));
        final List<Map<String, Object>> results = new ArrayList<>();
        String firstDigest = null;
        int status = 0;
        for (final String run : runs)
        {
            final Map<String, Object> result = runOnce(day, header, run.equals("on"), perSecond, waiting, stages, err);
            results.add(result);
            final String digest = (String)result.get("digest");
            if (firstDigest == null)
            {
                firstDigest = digest;
            }
            else if (!firstDigest.equals(digest))
            {
                err.println("moneyflow: bench: the runs computed different counters (" + firstDigest + " and " +
                    digest + ")");
                status = 1;
            }
        }
        report.put("runs", results);
        print(report, results);
        if (generated != null && out == null)
        {
            deleteTree(generated);
        }
        return status;
    }

    private Map<String, Object> runOnce(final Path day, final JournalHeader header, final boolean journalOn,
        final long perSecond, final RingWait waiting, final Pipeline stages, final PrintStream err) throws IOException
    {
        final Path work = Files.createTempDirectory("moneyflow-bench");
        final EngineContext context = JournalHeaders.context(header)
            .waitStrategy(waiting)
            .latency(true)
            // the stage skips timed records
            .latencySkip(JournalInput.timedAmong(latencySkip, perSecond))
            .orderCapacity(orderCapacity);
        // the counters file where the engine keeps its own by default (/dev/shm on Linux), as a live run's: one in
        // the bench's directory on a disk file system met a file system's write fault (ext4's page_mkwrite) at each
        // page's first write and after each write-back, 0.37 ms at every minute's first fill (docs/BENCHMARKS.md)
        if (journalOn)
        {
            context.journalDir(work.resolve("journal")).journalBatchRecords(journalBatch);
        }
        if (ring > 0)
        {
            context.ringSize(ring);
        }
        context.pipeline(stages);
        final RunMemory memory = new RunMemory();
        System.gc();
        memory.start();
        final Map<String, Object> result = new LinkedHashMap<>();
        result.put("run", journalOn ? "journal on" : "journal off");
        try (Journal source = Journal.open(day))
        {
            final long launchStart = System.nanoTime();
            try (Engine engine = Engine.launch(context))
            {
                final long start = System.nanoTime();
                final RunLog log = engine.ingestJournal(source, perSecond, line -> { });
                final long end = System.nanoTime();
                memory.sample();
                final double seconds = (end - start) / 1e9;
                final long records = engine.counters().stat(
                    io.moneyflow.counters.CountersDescriptor.Stat.EVENTS_APPLIED.ordinal());
                result.put("launchMs", Math.round((start - launchStart) / 1e6));
                result.put("records", records);
                result.put("rejected", log.rejectedTotal());
                result.put("seconds", Math.round(seconds * 1000) / 1000.0);
                result.put("recordsPerSecond", Math.round(records / seconds));
                final Histogram latency = engine.latency();
                final Map<String, Object> lat = new LinkedHashMap<>();
                lat.put("count", latency.getTotalCount());
                lat.put("p50Ns", latency.getValueAtPercentile(50));
                lat.put("p99Ns", latency.getValueAtPercentile(99));
                lat.put("p999Ns", latency.getValueAtPercentile(99.9));
                lat.put("maxNs", latency.getMaxValue());
                result.put("latency", lat);
                result.put("ordersHeldAtEnd", engine.ordersTracked());
                result.put("orderTableRows", engine.orderTableCapacity());
                result.put("orderTableResizes", engine.orderTableResizes());
                result.put("orderTable", engine.orderTableSummary());
                result.put("countersFileBytes", Files.size(engine.counters().path()));
                result.put("digest", CountersDigest.sha256(engine.counters()));
                if (!quiet)
                {
                    err.printf(Locale.ROOT, "moneyflow: bench %s: %,d records in %.2f s = %,.0f records/s%n",
                        result.get("run"), records, seconds, records / seconds);
                }
            }
        }
        finally
        {
            memory.stop();
            deleteTree(work);
        }
        result.putAll(memory.report());
        return result;
    }

    private static JournalHeader readHeader(final Path dir)
    {
        final JournalHeader header;
        try (Journal j = Journal.open(dir))
        {
            header = j.readHeader().header();
        }
        if (header == null)
        {
            throw new IllegalArgumentException("journal " + dir + " has no header");
        }
        return header;
    }

    private void print(final Map<String, Object> report, final List<Map<String, Object>> results)
    {
        final PrintStream out = System.out;
        if (format == Format.json)
        {
            out.println(toJson(report));
            return;
        }
        out.printf(Locale.ROOT, "journal %s (%,d MiB), rate %s, wait %s; %s%n", report.get("journal"),
            (long)report.get("journalBytes") >> 20, report.get("rate"), report.get("wait"), report.get("machine"));
        out.printf(Locale.ROOT, "%-12s %12s %9s %12s %10s %10s %10s %10s %9s %9s %9s %6s %9s%n", "run", "records",
            "seconds", "records/s", "p50 us", "p99 us", "p99.9 us", "max us", "heap MiB", "off MiB", "RSS MiB", "GCs",
            "GC max ms");
        for (final Map<String, Object> r : results)
        {
            @SuppressWarnings("unchecked")
            final Map<String, Object> lat = (Map<String, Object>)r.get("latency");
            out.printf(Locale.ROOT, "%-12s %,12d %9.2f %,12d %10.1f %10.1f %10.1f %10.1f %9d %9d %9d %6d %9.1f%n",
                r.get("run"), (long)r.get("records"), (double)r.get("seconds"), (long)r.get("recordsPerSecond"),
                (long)lat.get("p50Ns") / 1e3, (long)lat.get("p99Ns") / 1e3, (long)lat.get("p999Ns") / 1e3,
                (long)lat.get("maxNs") / 1e3, (long)r.get("peakHeapBytes") >> 20,
                (long)r.get("peakOffHeapBytes") >> 20, (long)r.get("peakRssBytes") >> 20, (long)r.get("gcCount"),
                (double)r.get("gcMaxPauseMs"));
        }
        out.println("digest " + results.get(0).get("digest") + (results.size() > 1 ? " (every run)" : ""));
    }

    private static String toJson(final Object value)
    {
        if (value instanceof Map<?, ?> map)
        {
            final StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (final Map.Entry<?, ?> e : map.entrySet())
            {
                sb.append(first ? "" : ",").append('"').append(e.getKey()).append("\":").append(toJson(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (value instanceof List<?> list)
        {
            final StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < list.size(); i++)
            {
                sb.append(i == 0 ? "" : ",").append(toJson(list.get(i)));
            }
            return sb.append(']').toString();
        }
        if (value instanceof Number)
        {
            return value.toString();
        }
        return "\"" + String.valueOf(value).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String[] append(final String[] args, final String extra)
    {
        final String[] more = java.util.Arrays.copyOf(args, args.length + 1);
        more[args.length] = extra;
        return more;
    }

    private static long size(final Path dir) throws IOException
    {
        try (var files = Files.walk(dir))
        {
            return files.filter(Files::isRegularFile).mapToLong(p ->
            {
                try
                {
                    return Files.size(p);
                }
                catch (final IOException ex)
                {
                    return 0;
                }
            }).sum();
        }
    }

    private static void deleteTree(final Path dir) throws IOException
    {
        if (!Files.exists(dir))
        {
            return;
        }
        try (var files = Files.walk(dir))
        {
            for (final Path p : files.sorted(java.util.Comparator.reverseOrder()).toList())
            {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * A run's memory and collections, without a thread of its own: the peaks come from the high-water marks the JVM and
     * the kernel keep. Peak heap in use is the largest of the heap's use just before each collection (use only grows
     * between collections) and at the run's end; peak direct and mapped buffers the largest at the start, at each
     * collection and at the run's end with the engine still open (it maps its files when it starts); peak resident
     * set the kernel's own (VmHWM, reset at the start through {@code /proc/self/clear_refs}; where that cannot be
     * done, the resident set at the end).
     * <p>
     * It sampled every 20 ms on a thread of its own before: each sample took 0.3-0.6 ms of a core (the management
     * beans, {@code /proc}), and on a 2-core machine whose feed and stage threads both spin, each took that core from
     * one of them, 50 times a second, in the latency it was measuring (docs/BENCHMARKS.md).
     */
    private static final class RunMemory
    {
        private final AtomicLong peakHeap = new AtomicLong();
        private final AtomicLong peakOffHeap = new AtomicLong();
        private final AtomicLong gcCount = new AtomicLong();
        private final AtomicLong gcTotalMs = new AtomicLong();
        private final AtomicLong gcMaxMs = new AtomicLong();
        private final List<NotificationEmitter> emitters = new ArrayList<>();
        /** Each collector's collections before the run, whose notifications may still arrive after start(). */
        private final Map<String, Long> collectionsBefore = new java.util.concurrent.ConcurrentHashMap<>();
        private final NotificationListener listener = (notification, handback) ->
        {
            if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType()))
            {
                final GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from((CompositeData)notification.getUserData());
                if (info.getGcInfo().getId() <= collectionsBefore.getOrDefault(info.getGcName(), 0L))
                {
                    // a collection from before the run (the System.gc() just before start() is announced later)
                    return;
                }
                long before = 0;
                for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
                {
                    final var usage = info.getGcInfo().getMemoryUsageBeforeGc().get(pool.getName());
                    if (pool.getType() == MemoryType.HEAP && usage != null)
                    {
                        before += usage.getUsed();
                    }
                }
                peakHeap.accumulateAndGet(before, Math::max);
                peakOffHeap.accumulateAndGet(offHeap(), Math::max);
                // concurrent cycles do not stop the application; pauses do
                if (!info.getGcCause().contains("No GC") && !info.getGcName().contains("Concurrent"))
                {
                    final long ms = info.getGcInfo().getDuration();
                    gcCount.incrementAndGet();
                    gcTotalMs.addAndGet(ms);
                    gcMaxMs.accumulateAndGet(ms, Math::max);
                }
            }
        };
        /** True when the kernel's peak resident set was reset at the start, so VmHWM is this run's. */
        private boolean rssPeakReset;
        private long peakRss;

        void start()
        {
            for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            {
                pool.resetPeakUsage();
            }
            for (final GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            {
                collectionsBefore.put(gc.getName(), gc.getCollectionCount());
                if (gc instanceof NotificationEmitter emitter)
                {
                    emitter.addNotificationListener(listener, null, null);
                    emitters.add(emitter);
                }
            }
            sample();
            try
            {
                // 5: reset the peak resident set size to the present one (Linux 4.0 and later)
                Files.writeString(Path.of("/proc/self/clear_refs"), "5");
                rssPeakReset = true;
            }
            catch (final IOException | RuntimeException ex)
            {
                rssPeakReset = false;
            }
        }

        /**
         * Takes the heap in use and the direct and mapped buffers now into the peaks: at the start, at the run's end
         * with the engine still open (its mapped files, the counters and the journal, counted too), and at the stop.
         */
        void sample()
        {
            peakHeap.accumulateAndGet(heapUsed(), Math::max);
            peakOffHeap.accumulateAndGet(offHeap(), Math::max);
        }

        void stop()
        {
            for (final NotificationEmitter emitter : emitters)
            {
                try
                {
                    emitter.removeNotificationListener(listener);
                }
                catch (final javax.management.ListenerNotFoundException ignored)
                {
                    // already gone
                }
            }
            sample();
            peakRss = status(rssPeakReset ? "VmHWM:" : "VmRSS:");
        }

        private static long heapUsed()
        {
            long heap = 0;
            for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            {
                if (pool.getType() == MemoryType.HEAP)
                {
                    heap += pool.getUsage().getUsed();
                }
            }
            return heap;
        }

        private static long offHeap()
        {
            long offHeap = 0;
            for (final BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class))
            {
                offHeap += pool.getTotalCapacity();
            }
            return offHeap;
        }

        /** A size line of /proc/self/status in bytes, or 0 (not Linux). */
        private static long status(final String key)
        {
            try
            {
                for (final String line : Files.readAllLines(Path.of("/proc/self/status")))
                {
                    if (line.startsWith(key))
                    {
                        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                    }
                }
            }
            catch (final IOException | RuntimeException ex)
            {
                // not Linux: no resident set figure
            }
            return 0;
        }

        Map<String, Object> report()
        {
            final Map<String, Object> r = new LinkedHashMap<>();
            // each pool's own peak since the start; their sum bounds the heap's peak from above (pools peak at
            // different times)
            long poolPeaks = 0;
            for (final MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            {
                if (pool.getType() == MemoryType.HEAP)
                {
                    poolPeaks += pool.getPeakUsage().getUsed();
                }
            }
            r.put("peakHeapBytes", peakHeap.get());
            r.put("heapPoolPeaksBytes", poolPeaks);
            r.put("peakOffHeapBytes", peakOffHeap.get());
            r.put("peakRssBytes", peakRss);
            r.put("gcCount", gcCount.get());
            r.put("gcTotalMs", (double)gcTotalMs.get());
            r.put("gcMaxPauseMs", (double)gcMaxMs.get());
            return r;
        }
    }
}

package io.moneyflow;

import io.moneyflow.classify.DirectionRule;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.OrderSizeBasis;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.journal.JournalInput;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.Pipeline;
import io.moneyflow.ring.RingWait;
import org.agrona.concurrent.EpochClock;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemEpochClock;
import org.agrona.concurrent.SystemNanoClock;

import java.nio.file.Path;

/**
 * Everything an {@link Engine} is built from, with defaults, in the fluent style: {@code new EngineContext()
 * .mode(FlowMode.TRADE).barMinutes(5)}. {@link #conclude()} validates the whole and fills what depends on other
 * settings; {@link Engine#launch(EngineContext)} calls it. Not thread-safe: configure on one thread, then launch.
 */
public final class EngineContext
{
    /** Default ring size: a power of two. */
    public static final int RING_SIZE_DEFAULT = 1 << 10;
    /** Default allowance for a stream's time to step back before records are rejected. */
    public static final int MAX_BACKWARDS_MS_DEFAULT = 1_000;
    /** Most records sorted at once in memory: the sort key keeps a record's place in its run in 19 bits. */
    public static final int SORT_RUN_RECORDS_MAX = 1 << 19;
    /** Default spare symbols beyond the reference data. */
    public static final int SPARE_SYMBOLS_DEFAULT = 1_024;
    /**
     * Default initial size of the order table's hash part: small, since orders with a channel and a number live in
     * pages and the hash part doubles as it fills (32 MB allocated and filled at every start took 23 ms).
     */
    public static final int ORDER_CAPACITY_DEFAULT = 1 << 14;
    /** Default most records per journal excerpt. */
    public static final int JOURNAL_BATCH_DEFAULT = 1_024;

    private SizeScheme scheme;
    private FlowMode mode = FlowMode.ORDER;
    private OrderSizeBasis basis = OrderSizeBasis.AGGRESSIVE;
    private DirectionRule direction = DirectionRule.AUTO;
    private DirectionRule measuredRule;
    private int barMinutes = 1;
    private ReferenceData reference = ReferenceData.empty();
    private Layouts layouts;
    private Layout forcedLayout;
    private int maxSymbols;
    private int maxSlots;
    private int orderCapacity = ORDER_CAPACITY_DEFAULT;
    private int ringSize = RING_SIZE_DEFAULT;
    private RingWait waitStrategy = RingWait.BLOCKING;
    private Pipeline pipeline = Pipeline.AUTO;
    private boolean fused;
    private int maxBackwardsMs = MAX_BACKWARDS_MS_DEFAULT;
    private int sortRunRecords = SORT_RUN_RECORDS_MAX;
    private Path sortDir;
    private Path countersFile;
    private boolean deleteCountersOnClose = true;
    private Path journalDir;
    private int journalBatchRecords = JOURNAL_BATCH_DEFAULT;
    private long journalSyncMs;
    private boolean szseSequences;
    private boolean latency;
    private long latencySkip;
    private NanoClock nanoClock = SystemNanoClock.INSTANCE;
    private EpochClock epochClock = SystemEpochClock.INSTANCE;
    private boolean concluded;

    /**
     * Validates the settings and fills defaults that depend on others. Idempotent.
     *
     * @return this.
     * @throws IllegalArgumentException naming the setting that is wrong.
     */
    public EngineContext conclude()
    {
        if (concluded)
        {
            return this;
        }
        if (scheme == null)
        {
            scheme = SizeScheme.resolve(SizeScheme.DEFAULT);
        }
        if (layouts == null)
        {
            layouts = Layouts.bundled();
        }
        new TradingSession(barMinutes);
        if (Integer.bitCount(ringSize) != 1 || ringSize < 2)
        {
            throw new IllegalArgumentException("ring size must be a power of two, got " + ringSize);
        }
        if (measuredRule == DirectionRule.AUTO || measuredRule == DirectionRule.FLAG)
        {
            throw new IllegalArgumentException("the measured rule must be order-no, tick, quote or lee-ready");
        }
        if (maxBackwardsMs < 0)
        {
            throw new IllegalArgumentException("max backwards must not be negative");
        }
        if (sortRunRecords < 1 || sortRunRecords > SORT_RUN_RECORDS_MAX)
        {
            throw new IllegalArgumentException("records per sorted run must be 1 to " + SORT_RUN_RECORDS_MAX +
                ", got " + sortRunRecords);
        }
        if (sortDir == null)
        {
            sortDir = Path.of(System.getProperty("java.io.tmpdir"));
        }
        if (maxSymbols == 0)
        {
            maxSymbols = reference.securities().size() + SPARE_SYMBOLS_DEFAULT;
        }
        if (maxSymbols < reference.securities().size())
        {
            throw new IllegalArgumentException("max symbols " + maxSymbols + " is below the " +
                reference.securities().size() + " securities in the reference data");
        }
        if (maxSlots == 0)
        {
            maxSlots = maxSymbols;
        }
        if (maxSlots >= 1 << 22)
        {
            throw new IllegalArgumentException("at most " + ((1 << 22) - 1) + " symbol-days per run");
        }
        if (journalBatchRecords < 1)
        {
            throw new IllegalArgumentException("journal batch must be at least 1 record, got " + journalBatchRecords);
        }
        if (journalSyncMs < 0)
        {
            throw new IllegalArgumentException("journal sync interval must not be negative");
        }
        fused = pipeline.fused(Runtime.getRuntime().availableProcessors());
        if (orderCapacity < 16)
        {
            orderCapacity = 16;
        }
        if (orderCapacity > 1 << 26)
        {
            throw new IllegalArgumentException("order capacity " + orderCapacity + " is above the most the order " +
                "table holds, " + (1 << 26));
        }
        if (countersFile == null)
        {
            final long length = io.moneyflow.counters.CountersDescriptor.fileLength(
                maxSlots, scheme.classCount(), new TradingSession(barMinutes).barCount());
            final Path directory = countersDirectory(length);
            removeOrphans(directory);
            countersFile = directory.resolve(
                "moneyflow-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + ".counters");
            deleteCountersOnClose = true;
        }
        concluded = true;
        return this;
    }

    /**
     * Where a run's own counters file goes when none is named: the directory of the system property
     * {@value #COUNTERS_DIR_PROPERTY} when set; else {@code /dev/shm} when it is a writable directory with room for
     * the whole file, as Aeron keeps its files there: memory that the kernel never writes back to a disk, so the
     * writer never stalls on write-back of the mapped pages (a tmpfs the file could outgrow would kill the process
     * with SIGBUS instead, so a small one is passed over); else the JVM's temporary directory.
     *
     * @param length the file's length in bytes.
     * @return the directory.
     */
    static Path countersDirectory(final long length)
    {
        final String named = System.getProperty(COUNTERS_DIR_PROPERTY);
        if (named != null && !named.isBlank())
        {
            return Path.of(named);
        }
        final Path shm = Path.of("/dev/shm");
        try
        {
            if (java.nio.file.Files.isDirectory(shm) && java.nio.file.Files.isWritable(shm) &&
                java.nio.file.Files.getFileStore(shm).getUsableSpace() > 2 * length)
            {
                return shm;
            }
        }
        catch (final java.io.IOException | SecurityException ex)
        {
            // no usable /dev/shm: the temporary directory serves
        }
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    private static final java.util.regex.Pattern OWN_FILE =
        java.util.regex.Pattern.compile("moneyflow-(\\d+)-\\d+\\.counters");

    /**
     * Deletes the counters files that runs left in this directory when they were killed before they could delete
     * their own (a run deletes its own file when it ends): those named for a process that is no longer alive. In
     * {@code /dev/shm} each would otherwise hold its memory until the machine restarts.
     *
     * @param directory where runs keep their own counters files.
     * @return how many were deleted.
     */
    static int removeOrphans(final Path directory)
    {
        int removed = 0;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.list(directory))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                final java.util.regex.Matcher name = OWN_FILE.matcher(file.getFileName().toString());
                if (name.matches() && !FlowCounters.isRunning(Long.parseLong(name.group(1))) &&
                    java.nio.file.Files.deleteIfExists(file))
                {
                    removed++;
                }
            }
        }
        catch (final java.io.IOException | NumberFormatException | SecurityException ex)
        {
            // an unreadable directory, or a file another run removed first: nothing to clear up here
        }
        return removed;
    }

    /** The system property naming the directory of a run's own counters file. */
    public static final String COUNTERS_DIR_PROPERTY = "moneyflow.counters.dir";

    /**
     * @return the size classes.
     */
    public SizeScheme scheme()
    {
        return scheme;
    }

    /**
     * @param scheme size classes.
     * @return this.
     */
    public EngineContext scheme(final SizeScheme scheme)
    {
        this.scheme = scheme;
        return this;
    }

    /**
     * @return what a size class is measured on.
     */
    public FlowMode mode()
    {
        return mode;
    }

    /**
     * @param mode trade, order (default) or order-bar.
     * @return this.
     */
    public EngineContext mode(final FlowMode mode)
    {
        this.mode = mode;
        return this;
    }

    /**
     * @return which fills size an aggressive order in the order modes.
     */
    public OrderSizeBasis basis()
    {
        return basis;
    }

    /**
     * @param basis which fills size an aggressive order in the order modes; default aggressive.
     * @return this.
     */
    public EngineContext basis(final OrderSizeBasis basis)
    {
        this.basis = basis;
        return this;
    }

    /**
     * @return how the aggressor is decided.
     */
    public DirectionRule direction()
    {
        return direction;
    }

    /**
     * @param direction how the aggressor is decided; default auto.
     * @return this.
     */
    public EngineContext direction(final DirectionRule direction)
    {
        this.direction = direction;
        return this;
    }

    /**
     * @return the rule measured against the exchange flag, or null.
     */
    public DirectionRule measuredRule()
    {
        return measuredRule;
    }

    /**
     * @param rule a rule to measure against the exchange flag (order-no, tick, quote, lee-ready), or null.
     * @return this.
     */
    public EngineContext measuredRule(final DirectionRule rule)
    {
        this.measuredRule = rule;
        return this;
    }

    /**
     * @return bar length in minutes.
     */
    public int barMinutes()
    {
        return barMinutes;
    }

    /**
     * @param barMinutes bar length in minutes, dividing 120; default 1.
     * @return this.
     */
    public EngineContext barMinutes(final int barMinutes)
    {
        this.barMinutes = barMinutes;
        return this;
    }

    /**
     * @return the securities known by name.
     */
    public ReferenceData reference()
    {
        return reference;
    }

    /**
     * @param reference the securities known by name.
     * @return this.
     */
    public EngineContext reference(final ReferenceData reference)
    {
        this.reference = reference;
        return this;
    }

    /**
     * @return the layouts inputs are recognised against.
     */
    public Layouts layouts()
    {
        return layouts;
    }

    /**
     * @param layouts the layouts inputs are recognised against; default the bundled ones.
     * @return this.
     */
    public EngineContext layouts(final Layouts layouts)
    {
        this.layouts = layouts;
        return this;
    }

    /**
     * @return the layout every input must use, or null.
     */
    public Layout forcedLayout()
    {
        return forcedLayout;
    }

    /**
     * @param layout the layout every input must use, or null to recognise each input from its header.
     * @return this.
     */
    public EngineContext forcedLayout(final Layout layout)
    {
        this.forcedLayout = layout;
        return this;
    }

    /**
     * @return most distinct symbols per run (after {@link #conclude()}).
     */
    public int maxSymbols()
    {
        return maxSymbols;
    }

    /**
     * @param maxSymbols most distinct symbols per run; default the reference data plus 1,024.
     * @return this.
     */
    public EngineContext maxSymbols(final int maxSymbols)
    {
        this.maxSymbols = maxSymbols;
        return this;
    }

    /**
     * @return most symbol-days per run (after {@link #conclude()}).
     */
    public int maxSlots()
    {
        return maxSlots;
    }

    /**
     * @param maxSlots most symbol-days per run; default {@link #maxSymbols()}.
     * @return this.
     */
    public EngineContext maxSlots(final int maxSlots)
    {
        this.maxSlots = maxSlots;
        return this;
    }

    /**
     * @return the order table's initial size.
     */
    public int orderCapacity()
    {
        return orderCapacity;
    }

    /**
     * @param orderCapacity orders the order modes expect to hold at once (open orders, and orders whose quantity no
     *                      record gives); the order table starts large enough for them and grows only beyond.
     * @return this.
     */
    public EngineContext orderCapacity(final int orderCapacity)
    {
        this.orderCapacity = orderCapacity;
        return this;
    }

    /**
     * @return ring entries.
     */
    public int ringSize()
    {
        return ringSize;
    }

    /**
     * @param ringSize ring entries, a power of two.
     * @return this.
     */
    public EngineContext ringSize(final int ringSize)
    {
        this.ringSize = ringSize;
        return this;
    }

    /**
     * @return the ring stages' wait strategy.
     */
    public RingWait waitStrategy()
    {
        return waitStrategy;
    }

    /**
     * @param waitStrategy {@link RingWait#BLOCKING} (default), sleeping, yielding or busy-spin.
     * @return this.
     */
    public EngineContext waitStrategy(final RingWait waitStrategy)
    {
        this.waitStrategy = java.util.Objects.requireNonNull(waitStrategy, "waitStrategy");
        return this;
    }

    /**
     * @return true when classify and aggregate run one after the other on one ring thread (decided by
     * {@link #conclude()} from {@link #pipeline()}).
     */
    public boolean fused()
    {
        return fused;
    }

    /**
     * @return how the stages share the ring's threads.
     */
    public Pipeline pipeline()
    {
        return pipeline;
    }

    /**
     * @param pipeline {@link Pipeline#SPLIT}: classify and aggregate each on its own ring thread; {@link
     *                 Pipeline#FUSED}: both on one thread, for machines with fewer cores than the split pipeline has
     *                 busy threads; {@link Pipeline#AUTO} (default): fused below 4 processors. The numbers are the
     *                 same.
     * @return this.
     */
    public EngineContext pipeline(final Pipeline pipeline)
    {
        this.pipeline = java.util.Objects.requireNonNull(pipeline, "pipeline");
        return this;
    }

    /**
     * @return most records an input that is not in time order is sorted in at once, in memory.
     */
    public int sortRunRecords()
    {
        return sortRunRecords;
    }

    /**
     * @param records most records an input that is not in time order (a file sorted by stock, say) is sorted in at
     *                once, in memory; a longer input is sorted in runs of this many, written to {@link #sortDir()}
     *                and merged. Default and most: {@value #SORT_RUN_RECORDS_MAX} (about 46 MiB of trades and
     *                orders).
     * @return this.
     */
    public EngineContext sortRunRecords(final int records)
    {
        this.sortRunRecords = records;
        return this;
    }

    /**
     * @return where sorted runs are written (after {@link #conclude()}).
     */
    public Path sortDir()
    {
        return sortDir;
    }

    /**
     * @param dir where the sorted runs of an input that is not in time order are written while it is merged; the
     *            system's temporary directory by default. They are deleted at the end of the input.
     * @return this.
     */
    public EngineContext sortDir(final Path dir)
    {
        this.sortDir = dir;
        return this;
    }

    /**
     * @return how far a stream's time may step back before a record is rejected.
     */
    public int maxBackwardsMs()
    {
        return maxBackwardsMs;
    }

    /**
     * @param maxBackwardsMs how far a stream's time may step back before a record is rejected; default 1,000.
     * @return this.
     */
    public EngineContext maxBackwardsMs(final int maxBackwardsMs)
    {
        this.maxBackwardsMs = maxBackwardsMs;
        return this;
    }

    /**
     * @return where the counters live (after {@link #conclude()}).
     */
    public Path countersFile()
    {
        return countersFile;
    }

    /**
     * @param countersFile where the off-heap counters live; kept after the engine closes. Default: a temporary
     *                     file, deleted on close.
     * @return this.
     */
    public EngineContext countersFile(final Path countersFile)
    {
        this.countersFile = countersFile;
        this.deleteCountersOnClose = false;
        return this;
    }

    /**
     * @return whether the engine deletes the counters file when it closes.
     */
    public boolean deleteCountersOnClose()
    {
        return deleteCountersOnClose;
    }

    /**
     * @return the journal directory, or null when the input is not journaled.
     */
    public Path journalDir()
    {
        return journalDir;
    }

    /**
     * @param journalDir journal the input into this directory (a Chronicle Queue); a journal already there is
     *                   resumed: replayed into the engine, and its records skipped in the input.
     * @return this.
     */
    public EngineContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /**
     * @return most records per journal excerpt.
     */
    public int journalBatchRecords()
    {
        return journalBatchRecords;
    }

    /**
     * @param records most records per journal excerpt; 1 appends one excerpt per record. Default 1,024.
     * @return this.
     */
    public EngineContext journalBatchRecords(final int records)
    {
        this.journalBatchRecords = records;
        return this;
    }

    /**
     * @return the longest time between journal msyncs, or 0 for none.
     */
    public long journalSyncMs()
    {
        return journalSyncMs;
    }

    /**
     * @param syncMs msync the journal at most this often (durable against a machine crash up to then); 0, the
     *               default, never syncs (durable against a crash of the process).
     * @return this.
     */
    public EngineContext journalSyncMs(final long syncMs)
    {
        this.journalSyncMs = syncMs;
        return this;
    }

    /**
     * @return true when channel sequences follow SZSE's rule: trades and orders of a channel share one dense
     * sequence, numbered from 1 each day (a live SZSE feed, or the replay of its journal).
     */
    public boolean szseSequences()
    {
        return szseSequences;
    }

    /**
     * @param szse true for a live SZSE feed or its journal.
     * @return this.
     */
    public EngineContext szseSequences(final boolean szse)
    {
        this.szseSequences = szse;
        return this;
    }

    /**
     * @return true when the aggregate stage records each live record's latency, from its bytes' arrival to its
     * counters being written.
     */
    public boolean latency()
    {
        return latency;
    }

    /**
     * @param latency record the latency of live records in a histogram ({@link Engine#latency()}).
     * @return this.
     */
    public EngineContext latency(final boolean latency)
    {
        this.latency = latency;
        return this;
    }

    /**
     * @return timed records left out of the latency histogram at the start (the JIT's warm-up): every live record,
     *         but one in {@link JournalInput#UNPACED_TIMING_INTERVAL} of a journal replayed at full speed.
     */
    public long latencySkip()
    {
        return latencySkip;
    }

    /**
     * @param records leave the first this many timed records out of the latency histogram (see {@link
     *                #latencySkip()}).
     * @return this.
     */
    public EngineContext latencySkip(final long records)
    {
        if (records < 0)
        {
            throw new IllegalArgumentException("latency skip " + records + " is negative");
        }
        this.latencySkip = records;
        return this;
    }

    /**
     * @return the clock of intervals: pacing, heartbeats, journal syncs, progress, latency.
     */
    public NanoClock nanoClock()
    {
        return nanoClock;
    }

    /**
     * @param clock the clock of intervals; default the system's ({@link System#nanoTime()}).
     * @return this.
     */
    public EngineContext nanoClock(final NanoClock clock)
    {
        this.nanoClock = java.util.Objects.requireNonNull(clock, "nano clock");
        return this;
    }

    /**
     * @return the clock of the wall time: the counters file's start and close times.
     */
    public EpochClock epochClock()
    {
        return epochClock;
    }

    /**
     * @param clock the clock of the wall time, in milliseconds since the epoch; default the system's.
     * @return this.
     */
    public EngineContext epochClock(final EpochClock clock)
    {
        this.epochClock = java.util.Objects.requireNonNull(clock, "epoch clock");
        return this;
    }
}

package io.moneyflow;

import io.moneyflow.aggregate.AggregateHandler;
import io.moneyflow.classify.ClassifyHandler;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.feed.Feed;
import io.moneyflow.feed.InputFiles;
import io.moneyflow.feed.ProgressSink;
import io.moneyflow.feed.RunLog;
import io.moneyflow.feed.SymbolTable;
import io.moneyflow.feed.SzseFeed;
import io.moneyflow.feed.SzseSession;
import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalException;
import io.moneyflow.journal.JournalHandler;
import io.moneyflow.journal.JournalHeader;
import io.moneyflow.journal.JournalInput;
import io.moneyflow.journal.JournalReplay;
import io.moneyflow.journal.JournalResume;
import io.moneyflow.journal.ReplayFilter;
import io.moneyflow.ring.CountingExceptionHandler;
import io.moneyflow.ring.Joins;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * The money-flow engine: feed, ring, classify and aggregate stages, and the off-heap counters they write.
 * <pre>
 *   inputs -&gt; Feed (caller's thread) -&gt; ring -&gt; ClassifyHandler -&gt; AggregateHandler -&gt; counters file
 * </pre>
 * {@link #launch(EngineContext)} maps the counters file and starts the two stage threads; {@link #ingest(List)}
 * reads inputs on the calling thread and returns once every record is in the counters; {@link #reader()} reads
 * them, as can any other thread or process that maps the file. {@link #close()} stops the stages, unmaps the file
 * and deletes it if it was temporary. One ingesting thread at a time.
 */
public final class Engine implements AutoCloseable
{
    static
    {
        // before Chronicle builds a queue: moneyflow never phones home
        io.moneyflow.journal.ChronicleAnalytics.disable();
    }

    private final EngineContext context;
    private final FlowCounters counters;
    private final Stages stages;
    private final ClassifyHandler classify;
    private final AggregateHandler aggregate;
    private final org.HdrHistogram.Histogram latency;
    private final HealthSampler healthSampler;
    private final CountingExceptionHandler exceptions;
    private final SymbolTable symbols;
    private final TradingSession session;
    private final Journal journal;
    private final JournalHandler journalHandler;
    private final io.moneyflow.feed.RecordSink sink;
    private boolean ingested;
    private boolean closed;
    private boolean ingestionEnded;
    /** Gives the order table's memory back after {@link #endIngestion()}; null before. */
    private Thread releasing;

    private Engine(final EngineContext context)
    {
        this.context = context;
        this.session = new TradingSession(context.barMinutes());
        final String[] classNames = new String[context.scheme().classCount()];
        for (int i = 0; i < classNames.length; i++)
        {
            classNames[i] = context.scheme().className(i);
        }
        this.counters = FlowCounters.create(
            context.countersFile(),
            context.maxSlots(),
            context.scheme().name(),
            classNames,
            context.scheme().mainClassCount(),
            context.barMinutes(),
            session.barCount(),
            context.mode().ordinal(),
            context.epochClock());
        this.symbols = new SymbolTable(context.reference(), context.maxSymbols(), context.maxSlots());
        this.classify = new ClassifyHandler(
            context.scheme(),
            context.mode(),
            context.basis(),
            context.direction(),
            context.measuredRule(),
            session,
            context.maxSlots(),
            context.mode() == FlowMode.TRADE ? 16 : context.orderCapacity());
        this.latency = context.latency() ? new org.HdrHistogram.Histogram(60_000_000_000L, 3) : null;
        this.aggregate = new AggregateHandler(counters, latency, context.latencySkip(), context.nanoClock());
        this.exceptions = new CountingExceptionHandler(
            n -> counters.addStat(CountersDescriptor.Stat.HANDLER_ERRORS.ordinal(), n));
        exceptions.hint(this::diskSpace);

        if (context.journalDir() != null)
        {
            journal = Journal.openForWriting(context.journalDir(), context.journalSyncMs() > 0);
            journalHandler = new JournalHandler(journal, context.journalBatchRecords(), context.journalSyncMs(), 0,
                context.nanoClock());
        }
        else
        {
            journal = null;
            journalHandler = null;
        }
        this.stages = new Stages(context, session, classify, aggregate, journalHandler, exceptions);
        // while the ring is full, the feed faults in the memory the stage is about to write: the next bar row of the
        // counters, the order table's next chunk
        sink = io.moneyflow.feed.RecordSink.of(stages.ring(), exceptions, io.moneyflow.ring.IdleWork.both(
            new io.moneyflow.aggregate.BarPrefault(counters, session), classify.chunkSupply()));
        this.healthSampler = HealthSampler.start(this, counters, context.epochClock());
    }

    /**
     * Builds and starts an engine.
     *
     * @param context settings; concluded here.
     * @return the running engine.
     */
    public static Engine launch(final EngineContext context)
    {
        return new Engine(context.conclude());
    }

    /**
     * Reads inputs through the engine and waits until every published record has reached the counters.
     *
     * @param inputs   files, archives or directories.
     * @param messages where rejections and notes go, one line each.
     * @param progress where progress lines go.
     * @return the run's log: rejections, unknown symbols, gaps.
     * @throws InputFiles.InputException when a named input cannot be read or recognised.
     */
    public RunLog ingest(final List<Path> inputs, final Consumer<String> messages, final Consumer<String> progress)
    {
        return ingest(inputs, messages, ProgressSink.lines(progress));
    }

    /**
     * Reads inputs through the engine and waits until every published record has reached the counters, telling
     * {@code progress} how far the inputs have been read: lines, records, and bytes read of the inputs' size on disk.
     *
     * @param inputs   files, archives or directories.
     * @param messages where rejections and notes go, one line each.
     * @param progress where the run's progress goes, on this thread.
     * @return the run's log: rejections, unknown symbols, gaps.
     * @throws InputFiles.InputException when a named input cannot be read or recognised.
     */
    public RunLog ingest(final List<Path> inputs, final Consumer<String> messages, final ProgressSink progress)
    {
        checkIngesting();
        final RunLog log = new RunLog(counters, messages, progress);
        final Feed feed = newFeed(log);
        final List<InputFiles.Input> expanded = InputFiles.expand(inputs);
        journalRun(feed, () -> JournalHeaders.of(context, inputs), messages, false);
        feed.run(expanded);
        awaitProcessed();
        return log;
    }

    /**
     * @return a pager faulting in the counters file's bar rows from the current one on, for a run whose ring is rarely
     *         full.
     */
    private io.moneyflow.aggregate.BarPager barPager()
    {
        return io.moneyflow.aggregate.BarPager.start(stages.ring(), counters, session);
    }

    private Feed newFeed(final RunLog log)
    {
        return newFeed(log, sink);
    }

    private Feed newFeed(final RunLog log, final io.moneyflow.feed.RecordSink sink)
    {
        final Feed feed = new Feed(
            sink,
            context.layouts(),
            context.forcedLayout(),
            symbols,
            context.maxSlots(),
            context.maxBackwardsMs(),
            log);
        feed.sorting(context.sortDir(), context.sortRunRecords());
        feed.clock(context.nanoClock());
        if (context.szseSequences())
        {
            feed.denseSequences(true, true);
        }
        return feed;
    }

    /**
     * Runs the engine on a live SZSE Binary feed until the session stops (see {@link SzseSession.Outcome}), then
     * declares any sequence holes left and waits for every record to reach the counters. With a journal, the session
     * is journaled like a file run; a journal of an earlier session of the same feed is replayed first, and what the
     * gateway sends again is dropped as duplicates.
     *
     * @param config   the gateway and logon.
     * @param messages where state changes, rejections and gaps are reported.
     * @param session  receives the session before it runs, so that another thread can stop it.
     * @return the run's log and why the session ended.
     */
    public LiveRun runLive(
        final SzseSession.Config config, final Consumer<String> messages, final Consumer<SzseSession> session)
    {
        checkIngesting();
        final RunLog log = new RunLog(counters, messages, p -> { });
        final Feed feed = newFeed(log);
        feed.denseSequences(true, true);
        feed.releaseInOrder(true);
        final String label = "szse://" + config.host() + ":" + config.port();
        journalRun(feed, () -> JournalHeaders.ofLive(context, label), messages, true);
        return live(feed, log, config, messages, session, true);
    }

    private LiveRun live(
        final Feed feed, final RunLog log, final SzseSession.Config config, final Consumer<String> messages,
        final Consumer<SzseSession> session, final boolean counting)
    {
        final String label = "szse://" + config.host() + ":" + config.port();
        final SzseFeed szse = new SzseFeed(feed, label);
        final SzseSession live = new SzseSession(config, szse, messages);
        session.accept(live);
        final SzseSession.Outcome outcome;
        // a live feed rarely fills the ring, so the feed's idle work never faults in the bar rows: a pager does
        try (io.moneyflow.aggregate.BarPager pager = counting ? barPager() : null)
        {
            outcome = live.run();
            feed.finishChannels();
            awaitProcessed();
        }
        return new LiveRun(log, outcome, live.reconnects(), szse.frames(), szse.unknownFrames());
    }

    /**
     * Reads inputs as {@link #ingest(List, Consumer, Consumer)} does (merged in exchange order, every check) but hands
     * each record to {@code records} instead of the ring, in the order it would have entered the ring: the accepted
     * records, and the control records the journal would hold (a rejection with its reason, a stream's name, a gap,
     * a channel heartbeat). For a program that sends the engine's normalised records elsewhere (a message bus) in the
     * journal's binary form ({@code TickRecordEncoder}). Nothing reaches the counters but the rejections, counted as
     * in any run. One call per engine.
     *
     * @param inputs   files, archives or directories.
     * @param records  receives each record on this thread; the event is reused after it returns.
     * @param messages where rejections and notes go.
     * @param progress where progress lines go.
     * @return the run's log.
     */
    public RunLog publish(final List<Path> inputs, final Consumer<io.moneyflow.ring.TickEvent> records,
        final Consumer<String> messages, final Consumer<String> progress)
    {
        checkPublishing();
        final RunLog log = new RunLog(counters, messages, progress);
        final Feed feed = newFeed(log, records::accept);
        feed.journaling(true);
        feed.run(InputFiles.expand(inputs));
        return log;
    }

    /**
     * Runs a live SZSE Binary feed as {@link #runLive} does, but hands each record to {@code records} instead of the
     * ring, as {@link #publish(List, Consumer, Consumer, Consumer)} does: released in each channel's sequence order,
     * gaps declared and duplicates rejected as in a live run.
     *
     * @param config   the gateway and logon.
     * @param records  receives each record on this thread; the event is reused after it returns.
     * @param messages where state changes, rejections and gaps are reported.
     * @param session  receives the session before it runs, so that another thread can stop it.
     * @return the run's log and why the session ended.
     */
    public LiveRun publishLive(final SzseSession.Config config, final Consumer<io.moneyflow.ring.TickEvent> records,
        final Consumer<String> messages, final Consumer<SzseSession> session)
    {
        checkPublishing();
        final RunLog log = new RunLog(counters, messages, p -> { });
        final Feed feed = newFeed(log, records::accept);
        feed.denseSequences(true, true);
        feed.releaseInOrder(true);
        feed.journaling(true);
        return live(feed, log, config, messages, session, false);
    }

    private void checkPublishing()
    {
        checkIngesting();
        if (journal != null || ingested)
        {
            throw new IllegalStateException("an engine that publishes its records publishes one run, unjournaled; " +
                "launch another engine without a journal");
        }
        ingested = true;
    }

    /**
     * Runs records given from code through the engine (a program with its own source: a vendor's API, a database),
     * then waits for every one to reach the counters. Each record is checked as a file's would be; a bad one is
     * rejected and counted, the rest go on. With a journal, the records are journaled as a live session's are.
     *
     * @param label    the records' name in messages (and the journal).
     * @param records  gives the records, on this thread, then returns.
     * @param messages where rejections and notes go.
     * @return the run's log (rejections, unknown symbols).
     */
    public RunLog ingest(final String label, final Consumer<io.moneyflow.feed.RecordFeed> records,
        final Consumer<String> messages)
    {
        checkIngesting();
        if (journal != null && journal.readHeader().header() != null)
        {
            // a file's or a live feed's journal resumes where it stopped (the gateway's sequence numbers tell the
            // records sent again); records from code carry none, so a second run would count them twice
            throw new IllegalStateException("records from code are journaled into a new journal; " +
                context.journalDir() + " holds one already");
        }
        final RunLog log = new RunLog(counters, messages, p -> { });
        final Feed feed = newFeed(log);
        journalRun(feed, () -> JournalHeaders.ofLive(context, label), messages, true);
        records.accept(new io.moneyflow.feed.RecordFeed(feed, label));
        feed.finishChannels();
        awaitProcessed();
        return log;
    }

    /**
     * Runs records given from code that the caller can resume, as a live feed resumes: with a journal holding a run
     * of the same settings and label (one that {@code records} was given before, interrupted), the journal is
     * replayed into the counters first; the caller then gives only what the journal does not hold, which it tells
     * from the journal itself: each record keeps its stream's name ({@link io.moneyflow.feed.RecordFeed#stream}) and
     * its line ({@link io.moneyflow.feed.RecordFeed#record}). Records from a source that numbers them (a message
     * bus's offsets) are so neither lost nor counted twice across a crash of this process. Without a journal, as
     * {@link #ingest(String, Consumer, Consumer)}.
     *
     * @param label    the run's name in the journal's header (a resumed run must give the same) and in messages.
     * @param records  gives the records, on this thread, then returns.
     * @param messages where rejections and notes go.
     * @return the run's log (rejections, unknown symbols).
     */
    public RunLog ingestResumable(final String label, final Consumer<io.moneyflow.feed.RecordFeed> records,
        final Consumer<String> messages)
    {
        checkIngesting();
        final RunLog log = new RunLog(counters, messages, p -> { });
        final Feed feed = newFeed(log);
        journalRun(feed, () -> JournalHeaders.ofLive(context, label), messages, true);
        // a source read as it comes rarely fills the ring: a pager faults in the bar rows
        try (io.moneyflow.aggregate.BarPager pager = barPager())
        {
            records.accept(new io.moneyflow.feed.RecordFeed(feed, label));
            feed.finishChannels();
            awaitProcessed();
        }
        return log;
    }

    /**
     * What a live run did.
     *
     * @param log           rejections (bad frames among them), gaps, unknown symbols.
     * @param outcome       why the session ended.
     * @param reconnects    times the session reconnected.
     * @param frames        frames read, of every type, good or bad.
     * @param unknownFrames frames of a type the engine does not know, skipped by their length.
     */
    public record LiveRun(RunLog log, SzseSession.Outcome outcome, long reconnects, long frames, long unknownFrames)
    {
    }

    /**
     * @return the latency histogram of live records (ns from arrival to counters), or null when not recorded. Read
     * it after the run.
     */
    public org.HdrHistogram.Histogram latency()
    {
        return latency;
    }

    /**
     * With a journal: checks that this engine has not ingested a run yet (an engine with a journal journals one),
     * resumes the journal for this run ({@link JournalResume}) and has the feed journal its records. Without one,
     * nothing.
     *
     * @param header the run's journal header, made only when there is a journal.
     */
    private void journalRun(
        final Feed feed, final java.util.function.Supplier<JournalHeader> header, final Consumer<String> messages,
        final boolean live)
    {
        if (journal == null)
        {
            return;
        }
        if (ingested)
        {
            throw new IllegalStateException("an engine with a journal ingests one run; launch another engine");
        }
        ingested = true;
        JournalResume.resume(journal, journalHandler, feed, header.get(), messages, live);
        feed.journaling(true);
    }

    /**
     * Rebuilds counters from a journal into this engine, which must have been launched with the journal's settings
     * ({@link JournalHeaders#context}) and without a journal of its own.
     *
     * @param source   the journal to read.
     * @param filter   which records to replay.
     * @param speed    0 for as fast as possible, else the multiple of real time to pace records by.
     * @param messages where rejections and notes go.
     * @return what was replayed.
     * @throws JournalException when the journal is damaged.
     */
    public JournalReplay replay(
        final Journal source, final ReplayFilter filter, final double speed, final Consumer<String> messages)
    {
        checkIngesting();
        final Journal.ReadResult check = source.read(null);
        if (check.damage() != null)
        {
            throw new JournalException(Journal.damaged(source.dir(), check.damage()));
        }
        for (final String note : check.notes())
        {
            messages.accept("journal " + source.dir() + ": " + note);
        }
        final RunLog log = new RunLog(counters, messages, p -> { });
        final JournalReplay replay = new JournalReplay(newFeed(log), filter, speed);
        replay.log(log);
        replay.feed().replaying(true);
        source.read(replay);
        awaitProcessed();
        return replay;
    }

    /**
     * Runs a journal's records through this engine as new input ({@link JournalInput}): checked by the feed, given
     * new input positions, and journaled again when this engine has a journal of its own. The engine's settings
     * should be the journal's ({@link JournalHeaders#context}) for the same numbers. Each excerpt's checksum is
     * checked as it is read; damage stops the run with a {@link JournalException} after the records before it.
     *
     * @param source        the journal to read.
     * @param ratePerSecond records per second to offer, or 0 for as fast as the engine takes them.
     * @param messages      where rejections and notes go.
     * @return the run's log.
     */
    public RunLog ingestJournal(final Journal source, final long ratePerSecond, final Consumer<String> messages)
    {
        checkIngesting();
        final RunLog log = new RunLog(counters, messages, p -> { });
        final Feed feed = newFeed(log);
        journalRun(feed, () -> JournalHeaders.of(context, List.of(source.dir())), messages, false);
        final JournalInput input = new JournalInput(feed, ratePerSecond);
        final Journal.ReadResult result;
        // paced, like a live feed, the ring is rarely full: a pager faults in the bar rows (none unpaced)
        try (io.moneyflow.aggregate.BarPager pager = ratePerSecond > 0 ? barPager() : null)
        {
            result = source.read(input);
            feed.finishChannels();
            awaitProcessed();
        }
        if (result.damage() != null)
        {
            throw new JournalException(Journal.damaged(source.dir(), result.damage()));
        }
        return log;
    }

    /**
     * Reads inputs quietly: messages and progress are dropped (they are still counted).
     *
     * @param inputs files, archives or directories.
     * @return the run's log.
     */
    public RunLog ingest(final List<Path> inputs)
    {
        return ingest(inputs, m -> { }, p -> { });
    }

    /**
     * Blocks until the aggregate stage has applied every record published so far.
     */
    public void awaitProcessed()
    {
        final long target = stages.ring().getCursor();
        while (stages.processed() < target)
        {
            exceptions.checkAlive();
            LockSupport.parkNanos(50_000);
        }
        exceptions.checkAlive();
        // the classify stage's checks, into the header for readers of the file (the stage has seen every record)
        counters.putStat(CountersDescriptor.Stat.ORDER_QTY_EXCEEDED.ordinal(), classify.quantityExceeded());
        counters.putStat(CountersDescriptor.Stat.FILLS_BEFORE_WHOLE_ORDER.ordinal(), classify.fillsBeforeWholeRecord());
        counters.putStat(CountersDescriptor.Stat.AGGRESSIVE_AFTER_BALANCE.ordinal(), classify.aggressiveAfterBalance());
        counters.putStat(CountersDescriptor.Stat.QUOTE_MISSING.ordinal(), classify.quoteMissing());
        counters.putStat(CountersDescriptor.Stat.MIDPOINT_MISSING.ordinal(), classify.midpointMissing());
    }

    /** What the disks of the journal and the counters file hold, for the message of a failed memory-mapped write. */
    private String diskSpace()
    {
        final StringBuilder sb = new StringBuilder();
        if (context.journalDir() != null)
        {
            sb.append(free("the journal's", context.journalDir()));
        }
        sb.append(free("the counters file's", context.countersFile().toAbsolutePath().getParent()));
        return sb.toString();
    }

    private static String free(final String what, final Path path)
    {
        try
        {
            final java.nio.file.FileStore store = Files.getFileStore(path);
            return "; " + what + " disk (" + path + ") has " + String.format("%,d", store.getUsableSpace()) +
                " bytes free of " + String.format("%,d", store.getTotalSpace());
        }
        catch (final IOException | RuntimeException ex)
        {
            return "";
        }
    }

    /**
     * Where the records are between the feed and the counters, for a view of the engine's health: read from any
     * thread, each figure a moment's value (they are not read together).
     *
     * @param ringSize      slots of the ring.
     * @param ringRemaining slots free for the feed now.
     * @param published     records published into the ring so far.
     * @param processed     records every stage has processed (in the counters).
     * @param journalLag    records published and not yet journaled, or -1 without a journal.
     */
    public record Health(int ringSize, long ringRemaining, long published, long processed, long journalLag)
    {
    }

    /**
     * @return the engine's health now.
     */
    public Health health()
    {
        final com.lmax.disruptor.RingBuffer<?> ring = stages.ring();
        final long cursor = ring.getCursor();
        final long journaled = stages.journaled();
        return new Health(ring.getBufferSize(), ring.remainingCapacity(), cursor + 1, stages.processed() + 1,
            journalHandler == null ? -1 : cursor - journaled);
    }

    /**
     * @return a reader over this engine's counters.
     */
    public FlowCountersReader reader()
    {
        return new FlowCountersReader(counters);
    }

    /**
     * @return the counters file.
     */
    public FlowCounters counters()
    {
        return counters;
    }

    /**
     * @return the settings the engine runs with.
     */
    public EngineContext context()
    {
        return context;
    }

    /**
     * @return the bar layout.
     */
    public TradingSession session()
    {
        return session;
    }

    /**
     * @return exceptions caught in the ring stages; each is a bug, reported at the end of a run.
     */
    public CountingExceptionHandler exceptions()
    {
        return exceptions;
    }

    /**
     * @return orders tracked by the classify stage (order modes).
     */
    public int ordersTracked()
    {
        return classify.ordersTracked();
    }

    /**
     * @return where the order table keeps its orders (order modes), one line: orders held, pages and their memory,
     *         the hash table's orders and rows, orders moved from old pages, sparse channels; null in trade mode,
     *         which keeps no orders.
     */
    public String orderTableSummary()
    {
        return context.mode() == FlowMode.TRADE ? null : classify.orderTableSummary();
    }

    /**
     * @return how many times the order table's hash table doubled during the run (0 when it was sized well).
     */
    public int orderTableResizes()
    {
        return classify.orderTableResizes();
    }

    /**
     * @return rows of the order table now (its size in bytes is 64 times this).
     */
    public int orderTableCapacity()
    {
        return classify.orderTableCapacity();
    }

    /**
     * Ends ingestion, for a command that ingests once and then reads the counters: stops the stages and gives the
     * order table's memory back on a thread of its own (a trades-only day holds over a gigabyte of rows, which the
     * process would otherwise give back in its exit, after the report), while the caller goes on. The engine ingests
     * nothing after this; its counters stay readable until {@link #close()}, which waits for the memory to be back.
     */
    public void endIngestion()
    {
        if (ingestionEnded)
        {
            return;
        }
        ingestionEnded = true;
        stages.stop();
        if (exceptions.failure() == null)
        {
            releasing = new Thread(classify::releaseOrders, "moneyflow-release");
            releasing.setDaemon(true);
            releasing.start();
        }
    }

    private void checkIngesting()
    {
        if (ingestionEnded)
        {
            throw new IllegalStateException("this engine's ingestion has ended; launch another engine");
        }
    }

    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        healthSampler.stop();
        stages.stop();
        // the last sample: what the stages left (nothing, unless one failed)
        healthSampler.sample();
        if (releasing != null)
        {
            Joins.uninterruptibly(releasing, 0);
        }
        try
        {
            counters.markClosed();
            counters.close();
        }
        finally
        {
            if (journal != null)
            {
                journal.close();
            }
        }
        if (context.deleteCountersOnClose())
        {
            try
            {
                Files.deleteIfExists(context.countersFile());
            }
            catch (final IOException ignored)
            {
                // a temporary file; the OS cleans its temp directory
            }
        }
    }

}

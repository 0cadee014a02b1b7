package io.moneyflow.journal;

import io.moneyflow.ring.TickEvent;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The journal on its own: appending records through the journal stage (one excerpt per 1,024 records, as the engine
 * does by default, or one per record), and reading a journal back with every check (framing, CRC-32C, positions)
 * and the decode into events, as replay, audit and verify do. Each iteration starts a fresh journal in a temporary
 * directory. Run with {@code -prof gc}.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class JournalBenchmark
{
    private static final int EVENTS = 1 << 16;

    private static TickEvent[] trades(final long seed)
    {
        final Random random = new Random(seed);
        final TickEvent[] events = new TickEvent[EVENTS];
        for (int i = 0; i < EVENTS; i++)
        {
            final TickEvent e = new TickEvent();
            e.clearInput();
            e.type = TickEvent.TRADE;
            e.symbolKey = 600000L * 4;
            e.date = 20230201;
            e.timeMs = 34_200_000 + i;
            e.price = 50_000 + random.nextInt(10_000);
            e.qty = 100L * (1 + random.nextInt(100));
            e.buyNo = 1 + random.nextInt(1_000_000);
            e.sellNo = 1 + random.nextInt(1_000_000);
            e.channel = 6;
            e.sequence = i + 1;
            e.sourceId = 0;
            e.line = i + 2;
            events[i] = e;
        }
        return events;
    }

    private static void delete(final Path dir) throws IOException
    {
        if (dir != null && Files.exists(dir))
        {
            try (var walk = Files.walk(dir))
            {
                for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
                {
                    Files.delete(p);
                }
            }
        }
    }

    /** The records to append, built once so that building them is not counted as the journal's allocation. */
    @State(Scope.Thread)
    public static class Records
    {
        final TickEvent[] events = trades(1);
    }

    /** A fresh journal per iteration and the journal stage appending to it. */
    @State(Scope.Thread)
    public static class Append
    {
        @Param({"1024", "1"})
        public int batch;

        Path dir;
        Journal journal;
        JournalHandler handler;
        long position;
        int next;

        @Setup(Level.Iteration)
        public void setUp() throws IOException
        {
            dir = Files.createTempDirectory("moneyflow-journal-bench");
            journal = Journal.openForWriting(dir, false);
            handler = new JournalHandler(journal, batch, 0, 0);
            handler.onStart();
        }

        @TearDown(Level.Iteration)
        public void tearDown() throws IOException
        {
            handler.onShutdown();
            journal.close();
            delete(dir);
        }
    }

    /**
     * @param state   the journal stage.
     * @param records what to append.
     * @return the event appended.
     */
    @Benchmark
    public TickEvent appendOneRecord(final Append state, final Records records)
    {
        final TickEvent e = records.events[state.next];
        state.next = (state.next + 1) & (EVENTS - 1);
        e.position = ++state.position;
        state.handler.onEvent(e, state.position, false);
        return e;
    }

    /** A journal of {@code RECORDS} records, written once. */
    @State(Scope.Benchmark)
    public static class Written
    {
        static final int RECORDS = 1 << 20;

        Path dir;
        Journal journal;

        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            final TickEvent[] events = trades(2);
            dir = Files.createTempDirectory("moneyflow-journal-bench");
            journal = Journal.openForWriting(dir, false);
            journal.writeHeader(new JournalHeader(java.util.Map.of("format", "1")));
            final JournalHandler handler = new JournalHandler(journal, 1024, 0, 0);
            handler.onStart();
            for (int i = 0; i < RECORDS; i++)
            {
                final TickEvent e = events[i & (EVENTS - 1)];
                e.position = i + 1;
                handler.onEvent(e, i, false);
            }
            handler.onShutdown();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            journal.close();
            delete(dir);
        }
    }

    /** Counts what a read delivers. */
    static final class Counter implements Journal.Visitor
    {
        long records;

        @Override
        public void onHeader(final JournalHeader header)
        {
        }

        @Override
        public boolean onRecord(final TickEvent record, final long excerptIndex)
        {
            records++;
            return true;
        }
    }

    /**
     * @param state a written journal.
     * @return records read.
     */
    @Benchmark
    @OperationsPerInvocation(Written.RECORDS)
    public long readAndCheckEveryRecord(final Written state)
    {
        final Counter counter = new Counter();
        final Journal.ReadResult result = state.journal.read(counter);
        if (result.damage() != null || counter.records != Written.RECORDS)
        {
            throw new IllegalStateException("journal read " + counter.records + ": " + result.damage());
        }
        return counter.records;
    }
}

package io.moneyflow.bench;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.feed.RunLog;
import io.moneyflow.reference.ReferenceData;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole engine on a real day: unzip, CSV decode, validation, merge, the ring and both stages into the counters
 * file, for the 2023-02-01 sample (tradeData.zip: 181,683 records of 000001.SZ and 600000.SH). One operation is the
 * whole file through a freshly launched engine, until the last record is in the counters; launching and closing the
 * engine (ring, threads, counters file) happen outside the measurement. Records per second = 181,683 / time per op;
 * B/op divided by 181,683 bounds the allocation per record. Run from the project root, or pass -p sample=PATH.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(1)
@State(Scope.Thread)
public class EndToEndBenchmark
{
    @Param({"data/sample/ddb-l2-20230201/tradeData.zip"})
    public String sample;

    @Param({"yielding"})
    public String wait;

    @Param({"order"})
    public String mode;

    /** off, or the most records per journal excerpt (1 = one excerpt per record). */
    @Param({"off", "1024", "1"})
    public String journal;

    private Path input;
    private Path journalDir;
    private Engine engine;

    @Setup(Level.Trial)
    public void findSample()
    {
        input = Path.of(sample).toAbsolutePath();
        if (!Files.isRegularFile(input))
        {
            throw new IllegalStateException("sample not found: " + input + " (run from the project root)");
        }
    }

    @Setup(Level.Invocation)
    public void launch() throws java.io.IOException
    {
        final EngineContext context = new EngineContext()
            .reference(ReferenceData.empty())
            .waitStrategy(io.moneyflow.ring.RingWait.parse(wait))
            .mode(io.moneyflow.classify.FlowMode.parse(mode))
            .orderCapacity(1 << 20);
        if (!journal.equals("off"))
        {
            journalDir = Files.createTempDirectory("moneyflow-e2e-journal");
            context.journalDir(journalDir).journalBatchRecords(Integer.parseInt(journal));
        }
        engine = Engine.launch(context);
    }

    @TearDown(Level.Invocation)
    public void close() throws java.io.IOException
    {
        engine.close();
        if (journalDir != null)
        {
            try (var walk = Files.walk(journalDir))
            {
                for (final Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
                {
                    Files.delete(p);
                }
            }
            journalDir = null;
        }
    }

    /**
     * Bytes the feed thread allocated per ingest, and records published: their ratio is the feed's allocation per
     * record, including the per-file set-up (streams, buffers, decoders) spread over the file. The stage threads are
     * measured separately by ClassifyAggregateBenchmark.
     */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class FeedAllocation
    {
        public long feedBytes;
        public long records;
    }

    /**
     * @param allocation where the feed thread's allocation is added up.
     * @return rejections plus slots, so that nothing is optimised away.
     */
    @Benchmark
    public long wholeDayThroughTheEngine(final FeedAllocation allocation)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)java.lang.management.ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final RunLog log = engine.ingest(List.of(input));
        allocation.feedBytes += threads.getCurrentThreadAllocatedBytes() - before;
        allocation.records += engine.counters().stat(io.moneyflow.counters.CountersDescriptor.Stat.RECORDS_PUBLISHED
            .ordinal());
        return log.rejectedTotal() + engine.counters().slotsUsed();
    }
}

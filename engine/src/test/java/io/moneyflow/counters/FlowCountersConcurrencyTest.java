package io.moneyflow.counters;

import io.moneyflow.StageHarness;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.OrderSizeBasis;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.ring.TickEvent;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readers in another thread and in another process see consistent records while the engine writes, and a reader in
 * another process sees exactly what the writer wrote.
 */
class FlowCountersConcurrencyTest
{
    private static final int OPEN_MS = (9 * 60 + 30) * 60_000;
    private static final int AFTERNOON_MS = 13 * 60 * 60_000;
    private static final int EVENTS = 400_000;

    @TempDir
    Path dir;

    private static void write(final StageHarness harness, final int events, final long seed)
    {
        final Random random = new Random(seed);
        final byte[] flags = {TickEvent.BUY, TickEvent.SELL, TickEvent.NEUTRAL, TickEvent.NONE};
        for (int i = 0; i < events; i++)
        {
            // spread over the session's 240 minutes, skipping the lunch break
            final int minute = (int)((long)i * 240 / events);
            final int time = (minute < 120 ? OPEN_MS : AFTERNOON_MS - 120 * 60_000) + minute * 60_000;
            harness.trade(0, time, 100_000 + random.nextInt(5_000), 100L * (1 + random.nextInt(3_000)),
                1 + random.nextInt(20_000), 1 + random.nextInt(20_000), flags[random.nextInt(flags.length)]);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNeverShowAReaderThreadAHalfWrittenRecord() throws Exception
    {
        try (StageHarness harness = new StageHarness(dir.resolve("thread.counters"), SizeScheme.resolve("eastmoney"),
            FlowMode.ORDER, OrderSizeBasis.AGGRESSIVE, 1))
        {
            final FlowCountersReader reader = new FlowCountersReader(harness.counters());
            final AtomicBoolean done = new AtomicBoolean();
            final AtomicLong reads = new AtomicLong();
            final AtomicLong violations = new AtomicLong();
            final Set<Long> versions = new HashSet<>();
            final Thread thread = new Thread(() ->
            {
                final SlotView view = reader.newView();
                while (!done.get())
                {
                    reader.read(0, view);
                    reads.incrementAndGet();
                    versions.add(view.version());
                    if (!CountersChild.consistent(view))
                    {
                        violations.incrementAndGet();
                    }
                }
            });
            thread.start();
            write(harness, EVENTS, 42);
            done.set(true);
            thread.join();

            assertThat(violations.get()).isZero();
            assertThat(reads.get()).isPositive();
            // The reader really did overlap the writer: it saw many different versions of the record.
            assertThat(versions.size()).isGreaterThan(1);
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void shouldNeverShowAReaderProcessAHalfWrittenRecord() throws Exception
    {
        final Path file = dir.resolve("process.counters");
        final Process child;
        try (StageHarness harness = new StageHarness(file, SizeScheme.resolve("eastmoney"), FlowMode.ORDER,
            OrderSizeBasis.AGGRESSIVE, 1))
        {
            child = ChildJvm.start(CountersChild.class, "watch", file.toString(), Integer.toString(EVENTS * 4));
            // Wait until the child has mapped the file and is reading, then write while it reads.
            final Path ready = Path.of(file + ".ready");
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!Files.exists(ready) && child.isAlive() && System.nanoTime() < deadline)
            {
                Thread.onSpinWait();
            }
            assertThat(Files.exists(ready)).as("child started reading").isTrue();
            for (int round = 0; round < 4; round++)
            {
                write(harness, EVENTS, round);
            }
            final List<String> out = ChildJvm.output(child);
            assertThat(out).hasSize(1);
            final String line = out.get(0);
            assertThat(line).contains("violations=0");
            assertThat(line).endsWith("events=" + EVENTS * 4);
            final long versions = Long.parseLong(line.replaceAll(".*versions=(\\d+).*", "$1"));
            assertThat(versions).as(line).isGreaterThan(1);
        }
    }

    @Property(tries = 3)
    void countersReadFromAnotherProcessEqualTheWriters(
        @ForAll @IntRange(min = 1, max = 4) final int slots,
        @ForAll @IntRange(min = 1, max = 3_000) final int events,
        @ForAll @LongRange(min = 0, max = 1_000_000) final long seed) throws Exception
    {
        final Path file = Files.createTempFile("moneyflow-xproc", ".counters");
        try (StageHarness harness = new StageHarness(file, SizeScheme.resolve("tushare"), FlowMode.ORDER,
            OrderSizeBasis.ALL, slots))
        {
            final Random random = new Random(seed);
            for (int i = 0; i < events; i++)
            {
                harness.trade(random.nextInt(slots), OPEN_MS + i * 1_000, 10_000 + random.nextInt(1_000_000),
                    100L * (1 + random.nextInt(10_000)), 1 + random.nextInt(500), 1 + random.nextInt(500),
                    random.nextBoolean() ? TickEvent.NONE : TickEvent.NEUTRAL);
            }
            final List<String> writer = new ArrayList<>();
            for (int slot = 0; slot < slots; slot++)
            {
                writer.add(CountersChild.describe(harness.view(slot)));
            }
            final List<String> reader = ChildJvm.output(ChildJvm.start(CountersChild.class, "dump", file.toString()));
            assertThat(reader).isEqualTo(writer);
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}

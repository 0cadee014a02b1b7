package io.moneyflow.aggregate;

import com.lmax.disruptor.RingBuffer;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.ring.TickEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BarPager}: from the time of the latest record published, every bar row to the day's last is faulted in, for
 * every slot the file has room for (not only those in use), and the pager then waits; closing it ends its thread.
 * Before the first record, it starts from the day's first bar; with nothing to do, it sleeps longer and longer.
 */
class BarPagerTest
{
    @TempDir
    Path dir;

    private static final int SLOTS = 300;
    private static final int T_1450 = (14 * 3600 + 50 * 60) * 1000;

    private final TradingSession session = new TradingSession(1);

    @Test
    void shouldFaultInEveryRowFromTheLatestRecordsBarToTheLastForEverySlot() throws InterruptedException
    {
        try (FlowCounters counters = counters())
        {
            counters.publishSlot(0, "000001.SZ", 20230201, -1);
            final RingBuffer<TickEvent> ring = RingBuffer.createSingleProducer(TickEvent::new, 8);
            final long sequence = ring.next();
            ring.get(sequence).timeMs = T_1450;
            ring.publish(sequence);
            final int current = session.barIndex(T_1450);
            final int last = session.barCount() - 1;
            assertThat(last - current).as("rows from 14:50's to the day's last").isGreaterThanOrEqualTo(3);
            // the rows of all 300 slots, though one is in use
            final long expected = pagesOfRows(counters, current, last);
            try (BarPager pager = BarPager.start(ring, counters, session))
            {
                awaitPages(pager, expected);
                // and no more: the rows before the current bar are the stage's past, and the pager waits now
                Thread.sleep(50);
                assertThat(pager.pagesTouched()).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldFaultInTheWholeDayBeforeTheFirstRecordAndThenSleepLongerAndLonger() throws InterruptedException
    {
        try (FlowCounters counters = counters())
        {
            final RingBuffer<TickEvent> ring = RingBuffer.createSingleProducer(TickEvent::new, 8);
            final long expected = pagesOfRows(counters, 0, session.barCount() - 1);
            try (BarPager pager = BarPager.start(ring, counters, session))
            {
                awaitPages(pager, expected);
                assertThat(pager.pagesTouched()).as("every row of the day, no record published yet").isEqualTo(expected);
                final long sleepsBefore = pager.sleeps();
                Thread.sleep(1_000);
                // sleeping 1, 2, 4, ... 250 ms: about 10 wake-ups in a second of nothing to do; 1 ms each, 1,000
                assertThat(pager.sleeps() - sleepsBefore).as("wake-ups in a second with nothing to do")
                    .isBetween(1L, 20L);
                assertThat(pager.pagesTouched()).isEqualTo(expected);
            }
        }
    }

    @Test
    void shouldWaitForItsThreadWhenClosedFromAnInterruptedThread()
    {
        try (FlowCounters counters = counters())
        {
            final RingBuffer<TickEvent> ring = RingBuffer.createSingleProducer(TickEvent::new, 8);
            final BarPager pager = BarPager.start(ring, counters, session);
            // a live run stopped by an interrupt closes its pager on the interrupted thread; the counters file is
            // unmapped right after, so the pager must have stopped reading it (it crashed the JVM when it had not)
            Thread.currentThread().interrupt();
            pager.close();
            final boolean alive = pager.threadAlive();
            assertThat(Thread.interrupted()).as("the caller's interrupt, kept").isTrue();
            assertThat(alive).as("the pager's thread after close").isFalse();
        }
    }

    /** A counters file of {@link #SLOTS} slots and one-minute bars, none published. */
    private FlowCounters counters()
    {
        return FlowCounters.create(dir.resolve("c"), SLOTS, "x", new String[]{"XL", "L", "M", "S"}, 2, 1,
            session.barCount(), 1);
    }

    /** The 4 KiB pages bar rows {@code from} to {@code to} span for every slot, counted from their byte ranges. */
    private static long pagesOfRows(final FlowCounters counters, final int from, final int to)
    {
        long pages = 0;
        for (int bar = from; bar <= to; bar++)
        {
            final long start = counters.barOffset(0, bar);
            final long end = counters.barOffset(SLOTS, bar);
            pages += (end - 1) / 4096 - start / 4096 + 1;
        }
        return pages;
    }

    private static void awaitPages(final BarPager pager, final long pages) throws InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        while (pager.pagesTouched() < pages && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
    }
}

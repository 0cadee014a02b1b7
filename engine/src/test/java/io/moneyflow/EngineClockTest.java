package io.moneyflow;

import io.moneyflow.counters.FlowCounters;
import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalHandler;
import io.moneyflow.ring.TickEvent;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine reads time only through the clocks its context gives it ({@link EngineContext#nanoClock},
 * {@link EngineContext#epochClock}), so that a test sets the time instead of waiting for it.
 */
class EngineClockTest
{
    /** 2020-01-02 09:30:00 in Shanghai, as milliseconds since the epoch: far from any time a test runs at. */
    private static final long OPEN_2020_01_02 = 1_577_928_600_000L;

    @TempDir
    Path dir;

    /** A clock that moves only when told. */
    private static final class ManualClock implements NanoClock
    {
        long now;

        @Override
        public long nanoTime()
        {
            return now;
        }
    }

    @Test
    void shouldStampTheCountersFileWithTheContextsWallClock()
    {
        final Path file = dir.resolve("day.counters");
        try (Engine engine = Engine.launch(new EngineContext().countersFile(file).epochClock(() -> OPEN_2020_01_02)))
        {
            engine.ingest(List.of(Samples.path("ddb-l2-20230201")));
        }
        try (FlowCounters counters = FlowCounters.openReadOnly(file))
        {
            assertThat(counters.startTimeMs()).isEqualTo(OPEN_2020_01_02);
            assertThat(counters.closeTimeMs()).isEqualTo(OPEN_2020_01_02);
        }
    }

    @Test
    void shouldSyncTheJournalWhenTheClockHasMovedOnBySyncInterval()
    {
        final ManualClock clock = new ManualClock();
        try (Journal journal = Journal.openForWriting(dir.resolve("journal"), false))
        {
            // one record an excerpt, an msync at most every 10 ms
            final JournalHandler handler = new JournalHandler(journal, 1, 10, 0, clock);
            handler.onStart();
            long position = 0;
            // 9.999 ms after the start: three excerpts, no msync yet
            clock.now = 9_999_999;
            for (int i = 0; i < 3; i++)
            {
                handler.onEvent(trade(++position), position, true);
            }
            assertThat(handler.excerpts()).isEqualTo(3);
            assertThat(handler.syncs()).isZero();
            // 10 ms: the next excerpt is synced, the one after it not (the interval starts again)
            clock.now = 10_000_000;
            handler.onEvent(trade(++position), position, true);
            handler.onEvent(trade(++position), position, true);
            assertThat(handler.syncs()).isEqualTo(1);
            clock.now = 20_000_000;
            handler.onEvent(trade(++position), position, true);
            assertThat(handler.syncs()).isEqualTo(2);
            handler.onShutdown();
        }
    }

    private static TickEvent trade(final long position)
    {
        final TickEvent e = new TickEvent();
        e.type = TickEvent.TRADE;
        e.symbolKey = 600000L * 4;
        e.date = 20230201;
        e.timeMs = 34_200_000 + (int)position;
        e.price = 50_000;
        e.qty = 100;
        e.buyNo = position;
        e.sellNo = position + 1_000;
        e.channel = 6;
        e.sequence = position;
        e.position = position;
        return e;
    }
}

package io.moneyflow.aggregate;

import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class BarPrefaultTest
{
    @TempDir
    Path dir;

    private static final int SLOTS = 1000;
    private static final int T_0931 = (9 * 3600 + 31 * 60) * 1000;
    private static final int T_0932 = (9 * 3600 + 32 * 60) * 1000;

    /** Pages (of 4 KiB) a bar row of the slots in use spans, counted by hand from its byte range. */
    private static long pagesOf(final FlowCounters counters, final int bar, final int used)
    {
        final long start = counters.barOffset(0, bar);
        final long end = counters.barOffset(used, bar);
        return (end - 1) / 4096 - start / 4096 + 1;
    }

    private final TradingSession session = new TradingSession(1);

    /** A counters file of {@link #SLOTS} slots of four classes and the session's bars, {@code used} of them in use. */
    private FlowCounters countersWith(final int used)
    {
        final FlowCounters counters = FlowCounters.create(dir.resolve("c"), SLOTS, "x",
            new String[]{"XL", "L", "M", "S"}, 2, 1, session.barCount(), 1);
        for (int slot = 0; slot < used; slot++)
        {
            counters.publishSlot(slot, String.format("%06d.SZ", slot), 20230201, -1);
        }
        return counters;
    }

    @Test
    void shouldReadEveryPageOfTheCurrentAndTheNextBarRowOfTheSlotsInUseThenStop()
    {
        try (FlowCounters counters = countersWith(600))
        {
            final BarPrefault prefault = new BarPrefault(counters, session);
            final int bar = session.barIndex(T_0931);
            assertThat(bar).isEqualTo(1);
            // a bar of 4 classes is 4 lines (256 bytes): 600 slots' bars span 153,600 bytes, 38 or 39 pages a row
            assertThat(CountersDescriptor.barLength(4)).isEqualTo(256);
            final long expected = pagesOf(counters, 1, 600) + pagesOf(counters, 2, 600);
            int slices = 0;
            while (prefault.work(T_0931))
            {
                slices++;
                assertThat(slices).as("ends").isLessThan(1000);
            }
            assertThat(prefault.pagesTouched()).isEqualTo(expected);
            assertThat(slices).isEqualTo((int)((expected + BarPrefault.SLICE_PAGES - 1) / BarPrefault.SLICE_PAGES));
            // nothing left until the records move on a bar: then only the row after the new one is new work...
            assertThat(prefault.work(T_0931)).isFalse();
            while (prefault.work(T_0932))
            {
                slices++;
            }
            assertThat(prefault.pagesTouched()).isEqualTo(expected + pagesOf(counters, 3, 600));
            // ... and a record off the session's bars asks for nothing
            assertThat(prefault.work(8 * 3600 * 1000)).isFalse();
        }
    }

    @Test
    void shouldStartAgainAtTheBarOfANewDayAndWriteNothing()
    {
        try (FlowCounters counters = countersWith(10))
        {
            final BarPrefault prefault = new BarPrefault(counters, session);
            // 14:59 is the day's last bar (239 of 240): only its row, none after it
            final int close = (14 * 3600 + 59 * 60) * 1000;
            assertThat(session.barIndex(close)).isEqualTo(session.barCount() - 1);
            while (prefault.work(close))
            {
                assertThat(prefault.pagesTouched()).isLessThan(100);
            }
            final long atClose = prefault.pagesTouched();
            assertThat(atClose).isEqualTo(pagesOf(counters, session.barCount() - 1, 10));
            // the next day's first minute: its rows again
            while (prefault.work(T_0931))
            {
                assertThat(prefault.pagesTouched()).isLessThan(200);
            }
            assertThat(prefault.pagesTouched() - atClose).isEqualTo(pagesOf(counters, 1, 10) + pagesOf(counters, 2, 10));
            // reads only: every bar of every slot is still zero
            for (int slot = 0; slot < 10; slot++)
            {
                for (int bar = 0; bar < session.barCount(); bar++)
                {
                    for (int b = 0; b < 256; b += 8)
                    {
                        assertThat(counters.buffer().getLong(counters.barOffset(slot, bar) + b)).isZero();
                    }
                }
            }
        }
    }
}

package io.moneyflow.aggregate;

import com.lmax.disruptor.RingBuffer;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.ring.Joins;
import io.moneyflow.ring.TickEvent;

import java.util.concurrent.locks.LockSupport;

/**
 * Faults in the counters file's bar rows, from the current bar to the day's last and for every slot the file has room
 * for, from a thread of its own, for runs whose ring is rarely full: a live feed, a paced replay. There the feed's idle
 * work ({@link BarPrefault} while the ring is full) never runs, and the rows were faulted in as the day reached them:
 * at 100 k records/s on 5,000 stocks the records then waited 15 to 30 ms now and then, the engine's whole p99.
 * Faulting in only the current and the next row a little ahead of the stage (even 30 rows ahead) did not remove
 * those stalls; faulting in every row before they are reached did (p99 17-19 ms -> 1.7-2.5 ms, docs/BENCHMARKS.md).
 * It takes the whole file's memory early (its size is fixed by the slots and bars it was made for: 375 MB for 6,000
 * slots of one-minute bars), which a live run would take by the day's end for the stocks that trade, and some 0.3 to
 * 1 s of this thread's time, while such a run leaves the cores mostly idle.
 * <p>
 * Where the stages are in the day comes from the latest record published to the ring, read without synchronisation
 * (a record being overwritten gives another time: rows faulted in from another bar). The pager has its own {@link
 * BarPrefault}, so it shares no state with the feed's; both only read the file, and only while its file system has
 * room (see there).
 */
public final class BarPager implements AutoCloseable
{
    /**
     * How long the pager first sleeps when every row from the current one on is faulted in (or the file system has no
     * room for more); each sleep after finding nothing to do is twice the one before, up to {@link #MAX_IDLE_NANOS}.
     */
    static final long IDLE_NANOS = 1_000_000;
    /**
     * The longest sleep: once the day's rows are all in, the pager has nothing to do until a new day's bars, and each
     * wake-up takes a core from a feed or stage thread that spins (on a 2-core machine, 1,000 wake-ups a second put
     * the stage's p99 at 1-2 ms: docs/BENCHMARKS.md).
     */
    static final long MAX_IDLE_NANOS = 250_000_000;

    private final RingBuffer<TickEvent> ring;
    private final BarPrefault prefault;
    private final Thread thread;
    /** A time in the day's first bar. */
    private final int firstBarMs;
    private volatile boolean running = true;
    /** Times the pager went to sleep with nothing to do. */
    private volatile long sleeps;

    private BarPager(final RingBuffer<TickEvent> ring, final FlowCounters counters, final TradingSession session)
    {
        this.ring = ring;
        this.prefault = new BarPrefault(counters, session, counters.barCount(), true);
        this.firstBarMs = session.barStartMs(0);
        this.thread = new Thread(this::run, "moneyflow-bar-pager");
        thread.setDaemon(true);
    }

    /**
     * Starts a pager.
     *
     * @param ring     the ring the feed publishes to.
     * @param counters the file the aggregate stage writes.
     * @param session  the bar layout.
     * @return the running pager; close it when the run ends.
     */
    public static BarPager start(
        final RingBuffer<TickEvent> ring, final FlowCounters counters, final TradingSession session)
    {
        final BarPager pager = new BarPager(ring, counters, session);
        pager.thread.start();
        return pager;
    }

    private void run()
    {
        long idleNanos = IDLE_NANOS;
        while (running)
        {
            final long cursor = ring.getCursor();
            // before the first record (a live engine started ahead of the open), from the day's first bar
            if (prefault.work(cursor >= 0 ? ring.get(cursor).timeMs : firstBarMs))
            {
                idleNanos = IDLE_NANOS;
            }
            else
            {
                sleeps++;
                LockSupport.parkNanos(idleNanos);
                idleNanos = Math.min(MAX_IDLE_NANOS, idleNanos * 2);
            }
        }
    }

    /**
     * @return pages of bar rows this pager faulted in so far.
     */
    public long pagesTouched()
    {
        return prefault.pagesTouched();
    }

    /**
     * @return times the pager went to sleep with nothing to do so far (its thread's wake-ups).
     */
    public long sleeps()
    {
        return sleeps;
    }

    /**
     * Stops the pager and waits for its thread to end, even when the calling thread is interrupted (a live run stopped
     * by an interrupt): the counters file is unmapped after this, and a pager still reading it would crash the JVM
     * (SIGSEGV, seen in SzseSessionTest). The interrupt is kept for the caller.
     */
    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(thread);
        Joins.uninterruptibly(thread, 0);
    }

    /**
     * @return true while the pager's thread runs.
     */
    boolean threadAlive()
    {
        return thread.isAlive();
    }
}

package io.moneyflow.feed;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.moneyflow.ring.CountingExceptionHandler;
import io.moneyflow.ring.IdleWork;
import io.moneyflow.ring.TickEvent;

import java.util.concurrent.locks.LockSupport;

/**
 * Where the feed puts accepted records: the engine's ring, or a test's collector. Feed thread only.
 */
public interface RecordSink
{
    /**
     * @param event a record; copied, so the caller may reuse it.
     */
    void publish(TickEvent event);

    /**
     * Makes every record put so far visible to the consumers. A sink that publishes each record at once has nothing
     * to do.
     */
    default void flush()
    {
    }

    /**
     * @param batch true to let the sink hold records back until {@link #flush()} or until it has a batch, for a
     *              reader that reads as fast as it can; false to publish each record at once (a live feed, a paced
     *              replay), after flushing what is held.
     */
    default void batching(final boolean batch)
    {
    }

    /**
     * @param ring the engine's ring.
     * @return a sink that copies each record into the ring's next slot; when batching, it makes the slots visible
     *         {@link #BATCH} at a time, so that the consumers are signalled once per batch, not once per record.
     */
    static RecordSink of(final RingBuffer<TickEvent> ring)
    {
        return of(ring, null);
    }

    /**
     * As {@link #of(RingBuffer)}, but the sink stops waiting for room when a stage has died: a full ring behind a
     * dead stage would otherwise keep the feed waiting for ever. Allocates nothing.
     *
     * @param ring       the engine's ring.
     * @param exceptions the engine's stage failures; null to wait as the ring's own {@code next()} does.
     * @return the sink; its {@code publish} throws {@link io.moneyflow.ring.StageFailedException} once a stage has
     *         died.
     */
    static RecordSink of(final RingBuffer<TickEvent> ring, final CountingExceptionHandler exceptions)
    {
        return of(ring, exceptions, IdleWork.NONE);
    }

    /**
     * As {@link #of(RingBuffer, CountingExceptionHandler)}, and while the ring is full the sink does the stages' idle
     * work (a slice at a time, checking for room between slices) before it waits.
     *
     * @param ring       the engine's ring.
     * @param exceptions the engine's stage failures; null to wait as the ring's own {@code next()} does (and do no
     *                   idle work).
     * @param idle       work for the stages, done while the ring is full.
     * @return the sink.
     */
    static RecordSink of(
        final RingBuffer<TickEvent> ring, final CountingExceptionHandler exceptions, final IdleWork idle)
    {
        return new RingSink(ring, Math.max(1, Math.min(BATCH, ring.getBufferSize() / 4)), exceptions, idle);
    }

    /** Most records held back before they are published, when batching. */
    int BATCH = 64;

    /** The ring sink: claims a slot per record, publishes ranges. */
    final class RingSink implements RecordSink
    {
        private final RingBuffer<TickEvent> ring;
        private final int batch;
        private final CountingExceptionHandler exceptions;
        private final IdleWork idle;
        /** The time of the latest record published, for the idle work. */
        private int latestTimeMs;
        private boolean batching;
        private long first = -1;
        private long last = -1;

        RingSink(
            final RingBuffer<TickEvent> ring, final int batch, final CountingExceptionHandler exceptions,
            final IdleWork idle)
        {
            this.ring = ring;
            this.batch = batch;
            this.exceptions = exceptions;
            this.idle = idle;
        }

        @Override
        public void publish(final TickEvent event)
        {
            final long sequence = exceptions == null ? ring.next() : claim();
            ring.get(sequence).copyInput(event);
            latestTimeMs = event.timeMs;
            if (!batching)
            {
                ring.publish(sequence);
                return;
            }
            if (first < 0)
            {
                first = sequence;
            }
            last = sequence;
            if (last - first + 1 >= batch)
            {
                flush();
            }
        }

        private long claim()
        {
            while (true)
            {
                try
                {
                    return ring.tryNext();
                }
                catch (final InsufficientCapacityException ex)
                {
                    // the ring is full: publish what is held (the stages may be waiting for it), then do a slice of
                    // their idle work, or wait for them as the ring's own next() would, unless one has died
                    flush();
                    exceptions.checkAlive();
                    if (!idle.work(latestTimeMs))
                    {
                        LockSupport.parkNanos(1);
                    }
                }
            }
        }

        @Override
        public void flush()
        {
            if (first >= 0)
            {
                ring.publish(first, last);
                first = -1;
                last = -1;
            }
        }

        @Override
        public void batching(final boolean batch)
        {
            if (!batch)
            {
                flush();
            }
            batching = batch;
        }
    }
}

package io.moneyflow.feed;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import io.moneyflow.ring.CountingExceptionHandler;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickTranslator;

import java.util.concurrent.locks.LockSupport;

/**
 * Where the feed puts each record it accepts (and each journal-only event): the engine's ring, or, for the feed
 * server, an encoder. Called on the feed thread; must not keep the event, which the feed reuses.
 */
public interface RecordSink
{
    /**
     * @param event a record or event; copy what is needed before returning.
     */
    void publish(TickEvent event);

    /**
     * @param ring the engine's ring.
     * @return a sink that publishes into it, through the static translator.
     */
    static RecordSink of(final RingBuffer<TickEvent> ring)
    {
        return event -> ring.publishEvent(TickTranslator.INSTANCE, event);
    }

    /**
     * A sink into the engine's ring that stops waiting for room when a stage has died: a full ring behind a dead
     * stage would otherwise keep the feed spinning for ever. While the ring has room, the same path as
     * {@link #of(RingBuffer)}; allocates nothing.
     *
     * @param ring       the engine's ring.
     * @param exceptions the engine's stage failures.
     * @return the sink.
     * @throws io.moneyflow.ring.StageFailedException from {@code publish} once a stage has died.
     */
    static RecordSink of(final RingBuffer<TickEvent> ring, final CountingExceptionHandler exceptions)
    {
        return event ->
        {
            long sequence;
            while (true)
            {
                try
                {
                    sequence = ring.tryNext();
                    break;
                }
                catch (final InsufficientCapacityException ex)
                {
                    // the ring is full: wait for the stages, as the ring's own next() would, unless one has died
                    exceptions.checkAlive();
                    LockSupport.parkNanos(1);
                }
            }
            try
            {
                TickTranslator.INSTANCE.translateTo(ring.get(sequence), sequence, event);
            }
            finally
            {
                ring.publish(sequence);
            }
        };
    }
}

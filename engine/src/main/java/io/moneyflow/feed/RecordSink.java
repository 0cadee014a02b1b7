package io.moneyflow.feed;

import com.lmax.disruptor.RingBuffer;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickTranslator;

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
}

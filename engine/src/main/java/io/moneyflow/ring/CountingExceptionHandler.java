package io.moneyflow.ring;

import com.lmax.disruptor.ExceptionHandler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Records an exception thrown by a ring stage and keeps the stage alive.
 * <p>
 * The Disruptor's default handler rethrows and halts the stage, after which the ring fills and the producer blocks
 * for ever. This one counts the error, keeps the first few with the event that caused them, and lets the stage
 * move on to the next event. Bad input never reaches here (the feed rejects it); an exception here is a bug, and the
 * engine reports it at the end of the run. Thread-safe: called from any stage thread.
 */
public final class CountingExceptionHandler implements ExceptionHandler<TickEvent>
{
    private static final int KEEP = 20;

    private final AtomicLong errors = new AtomicLong();
    private final List<String> first = Collections.synchronizedList(new ArrayList<>());
    private final LongConsumer onError;

    /**
     * @param onError called with 1 for every error, e.g. to bump a counter in the counters file.
     */
    public CountingExceptionHandler(final LongConsumer onError)
    {
        this.onError = onError;
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final TickEvent event)
    {
        errors.incrementAndGet();
        onError.accept(1);
        if (first.size() < KEEP)
        {
            final String where = event == null ? "" : " (input position " + event.position + ", slot " + event.slot + ")";
            first.add("sequence " + sequence + where + ": " + ex);
        }
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        errors.incrementAndGet();
        onError.accept(1);
        first.add("on start: " + ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        errors.incrementAndGet();
        onError.accept(1);
        first.add("on shutdown: " + ex);
    }

    /**
     * @return errors seen so far.
     */
    public long errors()
    {
        return errors.get();
    }

    /**
     * @return descriptions of the first errors.
     */
    public List<String> firstErrors()
    {
        synchronized (first)
        {
            return List.copyOf(first);
        }
    }
}

package io.moneyflow.ring;

import com.lmax.disruptor.ExceptionHandler;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Records an exception thrown by a ring stage and keeps the stage alive, unless the stage cannot go on.
 * <p>
 * The Disruptor's default handler rethrows and halts the stage, after which the ring fills and the producer blocks
 * for ever. This one counts the error, keeps the first few with the event that caused them, and lets the stage
 * move on to the next event. Bad input never reaches here (the feed rejects it); an exception here is a bug, and the
 * engine reports it at the end of the run.
 * <p>
 * An {@link Error} (a write into a full disk through a memory-mapped file surfaces as an {@link InternalError}) or a
 * {@link StageFailedException} is different: the stage cannot go on (a journal that skipped records would break the
 * audit promise). It is recorded as the run's {@link #failure()} and rethrown, which ends the stage; the feed and
 * every waiter check {@link #failure()} and stop the run with it instead of waiting on a stage that will never move.
 * A stage that dies outside an event (its thread ends on an error) is reported through {@link #stageDied}.
 * Thread-safe: called from any stage thread.
 */
public final class CountingExceptionHandler implements ExceptionHandler<TickEvent>
{
    private static final int KEEP = 20;

    private final AtomicLong errors = new AtomicLong();
    private final List<String> first = Collections.synchronizedList(new ArrayList<>());
    private final LongConsumer onError;
    private volatile String failure;
    private volatile java.util.function.Supplier<String> hint = () -> "";

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
        if (ex instanceof Error || ex instanceof StageFailedException)
        {
            stageDied(Thread.currentThread().getName(), ex);
            if (ex instanceof Error)
            {
                throw (Error)ex;
            }
            throw (StageFailedException)ex;
        }
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
        if (ex instanceof Error || ex instanceof StageFailedException)
        {
            stageDied(Thread.currentThread().getName(), ex);
        }
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        errors.incrementAndGet();
        onError.accept(1);
        first.add("on shutdown: " + ex);
    }

    /**
     * Records that a stage cannot go on; the first such failure is the run's. Never throws.
     *
     * @param stage the stage's thread name, e.g. {@code moneyflow-journal}.
     * @param ex    why.
     */
    public void stageDied(final String stage, final Throwable ex)
    {
        if (failure == null)
        {
            synchronized (this)
            {
                if (failure == null)
                {
                    final String message = ex.getMessage() == null ? "" : ex.getMessage().strip();
                    String why = ex instanceof StageFailedException ? message : ex.getClass().getName() +
                        (message.isEmpty() ? "" : ": " + message);
                    if (ex instanceof InternalError)
                    {
                        // how a write into a memory-mapped file that the disk cannot hold surfaces
                        why += " (a write into a memory-mapped file failed" + hint.get() + ")";
                    }
                    final String name = stage.replace("moneyflow-", "");
                    failure = "the " + (name.equals("stages") ? "classify and aggregate" : name) + " stage stopped: " +
                        why;
                }
            }
        }
    }

    /**
     * @param hint says, for a failed write into a memory-mapped file, what the files' disks hold, e.g.
     *             {@code "; the journal's disk (/data) has 0 bytes free"}; called once, when a stage dies.
     */
    public void hint(final java.util.function.Supplier<String> hint)
    {
        this.hint = hint;
    }

    /**
     * @return why the run cannot go on (a stage died), or null while every stage runs.
     */
    public String failure()
    {
        return failure;
    }

    /**
     * Throws when a stage has died. For the feed thread and any thread waiting on the ring.
     *
     * @throws StageFailedException saying which stage stopped and why.
     */
    public void checkAlive()
    {
        final String why = failure;
        if (why != null)
        {
            throw new StageFailedException(why + "; the run stopped");
        }
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

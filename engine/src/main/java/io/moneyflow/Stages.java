package io.moneyflow;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.moneyflow.aggregate.AggregateHandler;
import io.moneyflow.classify.ClassifyHandler;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.journal.JournalHandler;
import io.moneyflow.ring.CountingExceptionHandler;
import io.moneyflow.ring.Joins;
import io.moneyflow.ring.TickEvent;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pipeline behind the ring: the Disruptor, its stage threads and their order.
 * <pre>
 * fused, no journal:   ring -&gt; FusedStages (classify then aggregate)
 * fused, journal:      ring -&gt; JournalHandler -&gt; FusedStages
 * split, no journal:   ring -&gt; ClassifyHandler -&gt; AggregateHandler
 * split, journal:      ring -&gt; ClassifyHandler + JournalHandler (side by side) -&gt; AggregateHandler
 * </pre>
 * With a journal, the counters never hold a record the journal does not. A stage thread that dies is reported to the
 * exception handler, which stops the run rather than let the feed or a waiter wait for it.
 */
final class Stages
{
    private static final long SHUTDOWN_TIMEOUT_MS = 10_000;

    private final Disruptor<TickEvent> disruptor;
    /** The stage whose progress says a record has reached the counters: aggregate, or the fused stages. */
    private final EventHandler<TickEvent> lastStage;
    private final CountingExceptionHandler exceptions;
    /** The journal stage, or null. */
    private final JournalHandler journal;
    private final List<Thread> threads = new CopyOnWriteArrayList<>();
    private boolean stopped;

    /**
     * Wires the stages and starts their threads.
     *
     * @param context    the ring's size, wait strategy and pipeline.
     * @param session    the trading day's bars, for the aggregate stage's look-ahead.
     * @param classify   the classify stage.
     * @param aggregate  the aggregate stage.
     * @param journal    the journal stage, or null without a journal.
     * @param exceptions where the stages' failures go.
     */
    Stages(
        final EngineContext context, final TradingSession session, final ClassifyHandler classify,
        final AggregateHandler aggregate, final JournalHandler journal, final CountingExceptionHandler exceptions)
    {
        this.exceptions = exceptions;
        this.journal = journal;
        final AtomicInteger threadNumber = new AtomicInteger();
        final String[] names = context.fused() ?
            (journal != null ? new String[]{"moneyflow-journal", "moneyflow-stages"} :
                new String[]{"moneyflow-stages"}) :
            journal != null ?
            new String[]{"moneyflow-classify", "moneyflow-journal", "moneyflow-aggregate"} :
            new String[]{"moneyflow-classify", "moneyflow-aggregate"};
        disruptor = new Disruptor<>(
            TickEvent::new,
            context.ringSize(),
            runnable ->
            {
                final int n = threadNumber.getAndIncrement();
                final String name = n < names.length ? names[n] : "moneyflow-" + n;
                final Thread thread = new Thread(() ->
                {
                    try
                    {
                        runnable.run();
                    }
                    catch (final Throwable ex)
                    {
                        // the stage is gone: the feed and every waiter stop the run with this, rather than wait
                        exceptions.stageDied(name, ex);
                    }
                }, name);
                thread.setDaemon(true);
                threads.add(thread);
                return thread;
            },
            ProducerType.SINGLE,
            context.waitStrategy().newStrategy());
        disruptor.setDefaultExceptionHandler(exceptions);
        if (context.fused())
        {
            lastStage = new FusedStages(classify, aggregate);
            if (journal != null)
            {
                disruptor.handleEventsWith(journal).then(lastStage);
            }
            else
            {
                disruptor.handleEventsWith(lastStage);
            }
        }
        else
        {
            lastStage = aggregate;
            if (journal != null)
            {
                disruptor.handleEventsWith(classify, journal).then(aggregate);
            }
            else
            {
                disruptor.handleEventsWith(classify).then(aggregate);
            }
        }
        classify.ring(disruptor.getRingBuffer());
        aggregate.ring(disruptor.getRingBuffer(), session);
        disruptor.start();
    }

    /**
     * @return the ring the feed publishes to.
     */
    RingBuffer<TickEvent> ring()
    {
        return disruptor.getRingBuffer();
    }

    /**
     * @return the last record the journal stage has appended, or -1 without a journal.
     */
    long journaled()
    {
        return journal == null ? -1 : disruptor.getSequenceValueFor(journal);
    }

    /**
     * @return the last record every stage has processed, up to which the counters are written.
     */
    long processed()
    {
        return disruptor.getSequenceValueFor(lastStage);
    }

    /**
     * Stops the stages: drains the ring (or, after a stage failed, stops at once), then waits for every stage thread
     * to end, also when the caller is interrupted, since their onStart and onShutdown use the journal and the
     * counters, which are closed next. Idempotent.
     */
    void stop()
    {
        if (stopped)
        {
            return;
        }
        stopped = true;
        if (exceptions.failure() != null)
        {
            // a dead stage never drains the ring: stop the others now
            disruptor.halt();
        }
        else
        {
            try
            {
                disruptor.shutdown(SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            }
            catch (final TimeoutException ex)
            {
                disruptor.halt();
            }
        }
        for (final Thread thread : threads)
        {
            Joins.uninterruptibly(thread, SHUTDOWN_TIMEOUT_MS);
        }
    }
}

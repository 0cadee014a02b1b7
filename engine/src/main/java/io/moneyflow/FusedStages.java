package io.moneyflow;

import com.lmax.disruptor.EventHandler;
import io.moneyflow.aggregate.AggregateHandler;
import io.moneyflow.classify.ClassifyHandler;
import io.moneyflow.ring.TickEvent;

/**
 * Runs two stages one after the other on one ring thread: for each event the first, then the second. On a machine
 * with fewer cores than the pipeline has threads (two, here), the split pipeline's threads take turns on the cores
 * and hand every event from one core's cache to the other's; fused, the classify and aggregate stages keep the event
 * in one core's cache and leave the other core to the feed. Each stage is still single-threaded and sees every
 * event in ring order, as in the split pipeline; only the threads differ.
 */
final class FusedStages implements EventHandler<TickEvent>
{
    /**
     * The stages by their own classes, not as event handlers: a call through the interface goes through each one's
     * generic bridge method, which the JIT compiler compiled (with everything the stage inlines) besides the
     * stage's own method, some 70 ms of its time in the warm-up.
     */
    private final ClassifyHandler first;
    private final AggregateHandler second;

    /**
     * @param first  the upstream stage (classify).
     * @param second the downstream stage (aggregate).
     */
    FusedStages(final ClassifyHandler first, final AggregateHandler second)
    {
        this.first = first;
        this.second = second;
    }

    @Override
    public void onEvent(final TickEvent event, final long sequence, final boolean endOfBatch) throws Exception
    {
        first.onEvent(event, sequence, endOfBatch);
        second.onEvent(event, sequence, endOfBatch);
    }

    @Override
    public void onBatchStart(final long batchSize, final long queueDepth)
    {
        first.onBatchStart(batchSize, queueDepth);
        second.onBatchStart(batchSize, queueDepth);
    }

    @Override
    public void onStart()
    {
        first.onStart();
        second.onStart();
    }

    @Override
    public void onShutdown()
    {
        first.onShutdown();
        second.onShutdown();
    }
}

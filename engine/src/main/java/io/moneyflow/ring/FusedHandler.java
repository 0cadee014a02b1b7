package io.moneyflow.ring;

import com.lmax.disruptor.EventHandler;

/**
 * Runs two stages one after the other on one ring thread: for each event the first, then the second. On a machine
 * with fewer cores than the pipeline has threads (two, here), the split pipeline's threads take turns on the cores
 * and hand every event from one core's cache to the other's; fused, the classify and aggregate stages keep the event
 * in one core's cache and leave the other core to the feed. Each stage is still single-threaded and sees every
 * event in ring order, as in the split pipeline; only the threads differ.
 */
public final class FusedHandler implements EventHandler<TickEvent>
{
    private final EventHandler<TickEvent> first;
    private final EventHandler<TickEvent> second;

    /**
     * @param first  the upstream stage (classify).
     * @param second the downstream stage (aggregate).
     */
    public FusedHandler(final EventHandler<TickEvent> first, final EventHandler<TickEvent> second)
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

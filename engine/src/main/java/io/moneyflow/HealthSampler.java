package io.moneyflow;

import io.moneyflow.counters.CountersDescriptor.Stat;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.ring.Joins;
import org.agrona.concurrent.EpochClock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the engine's health into its counters file once a second: the records in the ring not yet counted, and not
 * yet journaled ({@link Engine#health()}), with the time of the sample. A reader in another process ({@code top},
 * {@code serve}) shows them as AeronStat shows Aeron's counters. Its own thread, off the hot path: it reads the ring's
 * sequences, which the stages publish anyway, and writes three statistics no one else writes.
 */
final class HealthSampler implements Runnable
{
    /** Time between two samples. */
    static final long PERIOD_MS = 1_000;

    private final Engine engine;
    private final FlowCounters counters;
    private final EpochClock clock;
    private final Thread thread;
    private volatile boolean running = true;

    private HealthSampler(final Engine engine, final FlowCounters counters, final EpochClock clock)
    {
        this.engine = engine;
        this.counters = counters;
        this.clock = clock;
        this.thread = new Thread(this, "moneyflow-health");
        thread.setDaemon(true);
    }

    /**
     * @return a sampler, running.
     */
    static HealthSampler start(final Engine engine, final FlowCounters counters, final EpochClock clock)
    {
        final HealthSampler sampler = new HealthSampler(engine, counters, clock);
        sampler.sample();
        sampler.thread.start();
        return sampler;
    }

    @Override
    public void run()
    {
        while (running)
        {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PERIOD_MS));
            if (running)
            {
                sample();
            }
        }
    }

    /** Writes the health now. */
    void sample()
    {
        final Engine.Health health = engine.health();
        counters.putStat(Stat.RING_LAG.ordinal(), Math.max(0, health.published() - health.processed()));
        counters.putStat(Stat.JOURNAL_LAG.ordinal(), health.journalLag());
        counters.putStat(Stat.HEALTH_SAMPLED_MS.ordinal(), clock.time());
    }

    /** Stops the thread and waits for it: the counters file may be unmapped after. */
    void stop()
    {
        running = false;
        LockSupport.unpark(thread);
        Joins.uninterruptibly(thread, 0);
    }
}

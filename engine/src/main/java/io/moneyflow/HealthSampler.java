package io.moneyflow;

import io.moneyflow.counters.CountersDescriptor.Health;
import io.moneyflow.counters.CountersDescriptor.Stat;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.HealthSample;
import io.moneyflow.ring.Joins;
import org.agrona.concurrent.EpochClock;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Writes the engine's health into its counters file once a second: the records in the ring not yet counted, and not
 * yet journaled ({@link Engine#health()}), the latency percentiles of {@code --latency}, the JVM's garbage collections,
 * and the time of the sample. A reader in another process ({@code top},
 * {@code serve}) shows them as AeronStat shows Aeron's counters. Its own thread, off the hot path: it reads the ring's
 * sequences, which the stages publish anyway, and writes statistics no one else writes.
 */
final class HealthSampler implements Runnable
{
    /** Time between two samples. */
    static final long PERIOD_MS = 1_000;

    private final Engine engine;
    private final FlowCounters counters;
    private final EpochClock clock;
    private final Thread thread;
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    /** The latency histogram as last copied; made at the first sample that needs it, then reused. */
    private org.HdrHistogram.Histogram snapshot;
    /** The sample's figures by {@link Health} ordinal, computed before they are written. */
    private final long[] figures = new long[Health.values().length];
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

    /**
     * Writes the health now, as one sample: everything is read and computed first, then written between the version's
     * two steps (a few stores), so that a reader rarely has to try again ({@link HealthSample#read}).
     */
    void sample()
    {
        final Engine.Health health = engine.health();
        final org.HdrHistogram.Histogram latency = engine.latency();
        if (latency != null)
        {
            // the stage's histogram, copied while it writes it: never locked, so the stage is never held up
            if (snapshot == null)
            {
                snapshot = new org.HdrHistogram.Histogram(latency.getLowestDiscernibleValue(),
                    latency.getHighestTrackableValue(), latency.getNumberOfSignificantValueDigits());
            }
            latency.copyInto(snapshot);
            percentiles(snapshot);
        }
        long collections = 0;
        long millis = 0;
        for (final GarbageCollectorMXBean gc : collectors)
        {
            collections += Math.max(0, gc.getCollectionCount());
            millis += Math.max(0, gc.getCollectionTime());
        }
        figures[Health.GC_COUNT.ordinal()] = collections;
        figures[Health.GC_MS.ordinal()] = millis;
        final long now = clock.time();

        final long version = counters.stat(Health.VERSION.index());
        counters.putStat(Health.VERSION.index(), version + 1);
        counters.putStat(Stat.RING_LAG.ordinal(), Math.max(0, health.published() - health.processed()));
        counters.putStat(Stat.JOURNAL_LAG.ordinal(), health.journalLag());
        for (final Health figure : Health.values())
        {
            if (figure != Health.VERSION)
            {
                counters.putStat(figure.index(), figures[figure.ordinal()]);
            }
        }
        counters.putStat(Stat.HEALTH_SAMPLED_MS.ordinal(), now);
        counters.putStat(Health.VERSION.index(), version + 2);
    }

    /** The percentiles asked for, in percent, in order. */
    private static final double[] PERCENTILES = {50, 90, 99, 99.9, 99.99};
    private static final Health[] PERCENTILE_FIGURES = {Health.LATENCY_P50_NS, Health.LATENCY_P90_NS,
        Health.LATENCY_P99_NS, Health.LATENCY_P999_NS, Health.LATENCY_P9999_NS};

    /**
     * Computes the count, mean, percentiles and largest of a copy of the stage's histogram, as HdrHistogram computes
     * them, from the copy's buckets alone: the copy's total, copied from the stage's, may already count a record whose
     * bucket the copy missed, so it is counted again from the buckets (such a record is in the next sample).
     */
    private void percentiles(final org.HdrHistogram.Histogram copy)
    {
        long count = 0;
        for (final org.HdrHistogram.HistogramIterationValue v : copy.allValues())
        {
            count += v.getCountAtValueIteratedTo();
        }
        final long[] targets = new long[PERCENTILES.length];
        for (int i = 0; i < targets.length; i++)
        {
            targets[i] = Math.max(1, (long)Math.ceil(Math.nextAfter(PERCENTILES[i], Double.NEGATIVE_INFINITY) *
                count / 100.0));
        }
        final long[] values = new long[PERCENTILES.length];
        long seen = 0;
        double sum = 0;
        long max = 0;
        int next = 0;
        for (final org.HdrHistogram.HistogramIterationValue v : copy.allValues())
        {
            final long n = v.getCountAtValueIteratedTo();
            if (n == 0)
            {
                continue;
            }
            seen += n;
            sum += copy.medianEquivalentValue(v.getValueIteratedTo()) * (double)n;
            max = v.getValueIteratedTo();
            while (next < targets.length && seen >= targets[next])
            {
                values[next++] = v.getValueIteratedTo();
            }
        }
        for (int i = 0; i < values.length; i++)
        {
            figures[PERCENTILE_FIGURES[i].ordinal()] = count == 0 ? 0 : values[i];
        }
        figures[Health.LATENCY_MAX_NS.ordinal()] = max;
        figures[Health.LATENCY_MEAN_NS.ordinal()] = count == 0 ? 0 : (long)(sum / count);
        figures[Health.LATENCY_COUNT.ordinal()] = count;
    }


    /** Stops the thread and waits for it: the counters file may be unmapped after. */
    void stop()
    {
        running = false;
        LockSupport.unpark(thread);
        Joins.uninterruptibly(thread, 0);
    }
}

package io.moneyflow.counters;

import io.moneyflow.counters.CountersDescriptor.Health;
import io.moneyflow.counters.CountersDescriptor.Stat;

/**
 * The engine's health as its sampler last wrote it into a counters file (once a second while the engine runs, once
 * more when it closes): taken whole, never half of one sample and half of the next.
 *
 * @param sampledAtMs     when, epoch ms; 0 when the file has no sample (a file of an engine before samples).
 * @param ringLag         records published into the ring and not yet counted.
 * @param journalLag      records published and not yet journaled; -1 without a journal.
 * @param latencyCount    records in the latency histogram ({@code --latency}); 0 without it.
 * @param latencyMeanNs   their mean latency, ns.
 * @param latencyP50Ns    the percentiles, ns: 50 ...
 * @param latencyP90Ns    ... 90 ...
 * @param latencyP99Ns    ... 99 ...
 * @param latencyP999Ns   ... 99.9 ...
 * @param latencyP9999Ns  ... 99.99.
 * @param latencyMaxNs    the largest, ns.
 * @param gcCount         garbage collections of the engine's JVM.
 * @param gcMs            the time they took, ms.
 */
public record HealthSample(long sampledAtMs, long ringLag, long journalLag, long latencyCount, long latencyMeanNs,
    long latencyP50Ns, long latencyP90Ns, long latencyP99Ns, long latencyP999Ns, long latencyP9999Ns,
    long latencyMaxNs, long gcCount, long gcMs)
{
    /**
     * @return whether the file holds a sample.
     */
    public boolean sampled()
    {
        return sampledAtMs != 0;
    }

    /** Tries at a whole sample before taking what is there (an engine killed while it wrote one leaves it odd). */
    static final int TRIES = 100_000;

    /**
     * Takes the last whole sample: retries while the sampler writes (its version odd, or changed meanwhile). A sample
     * the sampler never finished (its engine killed while writing it) is taken as it is after {@link #TRIES} tries.
     *
     * @param counters the counters file, the engine's own or another process's.
     * @return the sample.
     */
    public static HealthSample read(final FlowCounters counters)
    {
        for (int tries = 0; ; tries++)
        {
            final long before = counters.stat(Health.VERSION.index());
            if ((before & 1) == 0 || tries >= TRIES)
            {
                final HealthSample sample = new HealthSample(
                    counters.stat(Stat.HEALTH_SAMPLED_MS.ordinal()),
                    counters.stat(Stat.RING_LAG.ordinal()),
                    counters.stat(Stat.JOURNAL_LAG.ordinal()),
                    counters.stat(Health.LATENCY_COUNT.index()),
                    counters.stat(Health.LATENCY_MEAN_NS.index()),
                    counters.stat(Health.LATENCY_P50_NS.index()),
                    counters.stat(Health.LATENCY_P90_NS.index()),
                    counters.stat(Health.LATENCY_P99_NS.index()),
                    counters.stat(Health.LATENCY_P999_NS.index()),
                    counters.stat(Health.LATENCY_P9999_NS.index()),
                    counters.stat(Health.LATENCY_MAX_NS.index()),
                    counters.stat(Health.GC_COUNT.index()),
                    counters.stat(Health.GC_MS.index()));
                if (counters.stat(Health.VERSION.index()) == before || tries >= TRIES)
                {
                    return sample;
                }
            }
            Thread.onSpinWait();
        }
    }
}

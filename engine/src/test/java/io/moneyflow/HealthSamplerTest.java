package io.moneyflow;

import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDescriptor.Health;
import io.moneyflow.counters.CountersDescriptor.Stat;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.HealthSample;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's health sample in its counters file, for readers in other processes ({@code top}, {@code serve}): what
 * the run left in its ring and journal, its latency percentiles as its own histogram gives them, its JVM's
 * collections, when it was taken; and none of it in the digest.
 */
class HealthSamplerTest
{
    /** 2023-02-01 15:00:00 +08:00, the time the context's clock gives. */
    private static final long SAMPLED_AT = 1_675_234_800_000L;

    @TempDir
    Path dir;

    @Test
    void shouldLeaveTheRunsLastHealthInTheCountersFile()
    {
        final Path file = dir.resolve("day.counters");
        final Histogram latency;
        final String digest;
        try (Engine engine = Engine.launch(new EngineContext().countersFile(file).latency(true)
            .epochClock(() -> SAMPLED_AT)))
        {
            engine.ingest(List.of(Samples.path("ddb-l2-20230201/tradeData.zip")));
            // a file's records carry no arrival time (a live feed's frames do): latencies put in by hand, 1 to 1,000 us
            for (long micros = 1; micros <= 1_000; micros++)
            {
                engine.latency().recordValue(micros * 1_000);
            }
            latency = engine.latency().copy();
            digest = CountersDigest.sha256(engine.counters());
            // the sample is not a result: the digest reads it as zero, whatever it holds
            for (final Health figure : Health.values())
            {
                if (figure != Health.VERSION)
                {
                    engine.counters().putStat(figure.index(), 12_345 + figure.ordinal());
                }
            }
            engine.counters().putStat(Stat.RING_LAG.ordinal(), 7);
            engine.counters().putStat(Stat.HEALTH_SAMPLED_MS.ordinal(), 1);
            assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(digest);
        }
        try (FlowCounters counters = FlowCounters.openReadOnly(file))
        {
            // the last sample, taken after the stages stopped: nothing left in the ring, no journal
            assertThat(counters.stat(Stat.RING_LAG.ordinal())).isZero();
            assertThat(counters.stat(Stat.JOURNAL_LAG.ordinal())).isEqualTo(-1);
            assertThat(counters.stat(Stat.HEALTH_SAMPLED_MS.ordinal())).isEqualTo(SAMPLED_AT);
            // the latency as the stage's histogram holds it at the end
            assertThat(latency.getTotalCount()).isEqualTo(1_000);
            assertThat(counters.stat(Health.LATENCY_COUNT.index())).isEqualTo(latency.getTotalCount());
            assertThat(counters.stat(Health.LATENCY_MEAN_NS.index())).isEqualTo((long)latency.getMean());
            assertThat(counters.stat(Health.LATENCY_P50_NS.index())).isEqualTo(latency.getValueAtPercentile(50));
            assertThat(counters.stat(Health.LATENCY_P99_NS.index())).isEqualTo(latency.getValueAtPercentile(99));
            assertThat(counters.stat(Health.LATENCY_P9999_NS.index()))
                .isEqualTo(latency.getValueAtPercentile(99.99));
            assertThat(counters.stat(Health.LATENCY_MAX_NS.index())).isEqualTo(latency.getMaxValue());
            assertThat(counters.stat(Health.GC_COUNT.index())).isNotNegative();
            assertThat(counters.stat(Health.GC_MS.index())).isNotNegative();
            assertThat(CountersDigest.sha256(counters)).isEqualTo(digest);
            // taken whole: the sampler's version even (written at start, at least once while running, at close)
            final long version = counters.stat(Health.VERSION.index());
            assertThat(version % 2).isZero();
            assertThat(version).isGreaterThanOrEqualTo(4);
            final HealthSample sample = HealthSample.read(counters);
            assertThat(sample.sampledAtMs()).isEqualTo(SAMPLED_AT);
            assertThat(sample.ringLag()).isZero();
            assertThat(sample.journalLag()).isEqualTo(-1);
            assertThat(sample.latencyCount()).isEqualTo(1_000);
            assertThat(sample.latencyP99Ns()).isEqualTo(latency.getValueAtPercentile(99));
            assertThat(sample.gcCount()).isEqualTo(counters.stat(Health.GC_COUNT.index()));
        }
        assertThat(CountersDescriptor.HEALTH_BASE + Health.values().length).isEqualTo(CountersDescriptor.STATS_COUNT);
    }
}

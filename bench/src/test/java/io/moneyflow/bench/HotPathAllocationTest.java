package io.moneyflow.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The smoke run of the hot-path benchmarks that CI runs: each once, briefly, in a fork of its own with JMH's GC
 * profiler, and the build fails if any allocates. The figures are not kept (they are too short to mean anything);
 * what is checked is {@code gc.alloc.rate.norm}, the bytes allocated per operation, which must stay under half a
 * byte: a single object per operation is at least 16 bytes, while JMH's own bookkeeping leaves a few thousandths.
 */
class HotPathAllocationTest
{
    /** A hot-path stage allocates less than this per operation, or not at all. */
    private static final double MAX_BYTES_PER_OP = 0.5;

    /** The bundled real day the decoder benchmarks read, found from the module directory the test runs in. */
    private static java.nio.file.Path sample()
    {
        java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
        while (dir != null && !java.nio.file.Files.isDirectory(dir.resolve("data/sample")))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new IllegalStateException("data/sample not found above " + java.nio.file.Path.of("").toAbsolutePath());
        }
        return dir.resolve("data/sample/ddb-l2-20230201/tradeData.zip");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldAllocateNothingOnTheHotPath() throws RunnerException
    {
        final ChainedOptionsBuilder options = new OptionsBuilder()
            // the stages alone, the CSV and SZSE Binary decoders, the journal's append
            .include(StageBenchmark.class.getName() + "\\.")
            .include("io.moneyflow.feed.FeedDecodeBenchmark\\.")
            .include("io.moneyflow.feed.SzseFeedBenchmark\\.")
            .include("io.moneyflow.journal.JournalBenchmark\\.appendOneRecord")
            .param("events", "16384")
            .param("batch", "1024")
            .param("sample", sample().toString())
            .forks(1)
            .warmupIterations(1)
            .warmupTime(TimeValue.seconds(2))
            .measurementIterations(1)
            .measurementTime(TimeValue.seconds(1))
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true);
        final String flags = System.getProperty("moneyflow.jvm.flags", "");
        if (!flags.isBlank())
        {
            options.jvmArgsAppend(flags.trim().split("\\s+"));
        }
        final Collection<RunResult> results = new Runner(options.build()).run();
        assertThat(results).as("benchmarks run").hasSizeGreaterThanOrEqualTo(6);
        final List<String> allocating = new ArrayList<>();
        for (final RunResult run : results)
        {
            final Result<?> norm = run.getSecondaryResults().get("gc.alloc.rate.norm");
            final String name = run.getParams().getBenchmark() + " " + run.getParams();
            assertThat(norm).as("allocation measured for " + name).isNotNull();
            if (norm.getScore() >= MAX_BYTES_PER_OP)
            {
                allocating.add(name + ": " + norm.getScore() + " B/op");
            }
        }
        assertThat(allocating).as("hot-path benchmarks that allocate").isEmpty();
    }
}

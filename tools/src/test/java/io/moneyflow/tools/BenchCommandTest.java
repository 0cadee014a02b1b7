package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow bench} on a small generated day: the records it leaves out of the latency histogram are exactly the
 * first {@code --latency-skip}, paced (every record timed) and at full speed (one in 64 timed); and the memory it
 * reports comes from the run (the counters file it maps counted in the off-heap peak, a resident set on Linux, a heap
 * peak no larger than the pools' peaks summed).
 */
class BenchCommandTest
{
    @Test
    void shouldTimeEveryRecordAfterTheSkipAndReportTheRunsMemory(@TempDir final Path dir) throws Exception
    {
        final Cli gen = Cli.run("gen", "--symbols", "10", "--trades", "3000", "--orders", "4000", "--seed", "5",
            "--out", dir.toString());
        assertThat(gen.exit).as(gen.err).isZero();

        final Cli bench = Cli.run("bench", "--journal", dir.resolve("journal").toString(), "--runs", "off",
            "--latency-skip", "1000", "--rate", "100000/s", "--format", "json", "-q");
        assertThat(bench.exit).as(bench.err).isZero();
        final String json = bench.out;
        final long records = number(json, "records");
        assertThat(records).as("the day's 3,000 trades and 4,000 orders").isEqualTo(7_000);
        assertThat(number(json, "count")).as("records timed").isEqualTo(records - 1_000);
        final long counters = number(json, "countersFileBytes");
        assertThat(number(json, "peakOffHeapBytes")).as("the mapped counters file counted").isGreaterThanOrEqualTo(counters);
        assertThat(number(json, "peakHeapBytes")).isPositive().isLessThanOrEqualTo(number(json, "heapPoolPeaksBytes"));
        if (Files.exists(Path.of("/proc/self/status")))
        {
            assertThat(number(json, "peakRssBytes")).as("the kernel's peak resident set").isPositive();
        }

        // at full speed every 64th record is timed: records 0, 64, ... 6,976 (110), less those of the first 1,000
        // (0 to 960: 16)
        final Cli unpaced = Cli.run("bench", "--journal", dir.resolve("journal").toString(), "--runs", "off",
            "--latency-skip", "1000", "--format", "json", "-q");
        assertThat(unpaced.exit).as(unpaced.err).isZero();
        assertThat(number(unpaced.out, "records")).isEqualTo(7_000);
        assertThat(number(unpaced.out, "count")).as("records timed at full speed").isEqualTo(110 - 16);
    }

    private static long number(final String json, final String key)
    {
        final Matcher m = Pattern.compile("\"" + key + "\":(\\d+)").matcher(json);
        assertThat(m.find()).as(key + " in " + json).isTrue();
        return Long.parseLong(m.group(1));
    }
}

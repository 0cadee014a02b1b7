package io.moneyflow.bench;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark jar's main class answers JMH's listing options as JMH's own does: it lists and runs nothing (it once
 * ran every benchmark for {@code -l}).
 */
class BenchMainTest
{
    private static String run(final String... args) throws Exception
    {
        final PrintStream saved = System.out;
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try
        {
            BenchMain.main(args);
        }
        finally
        {
            System.setOut(saved);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void shouldListTheBenchmarksMatchingAPatternWithoutRunningThem() throws Exception
    {
        final String out = run("-l", "StageBenchmark");
        assertThat(out).contains("io.moneyflow.bench.StageBenchmark.classifyOneFill")
            .doesNotContain("FeedDecodeBenchmark")
            .doesNotContain("# Warmup");
    }

    @Test
    void shouldListTheProfilersAndShowHelp() throws Exception
    {
        assertThat(run("-lprof")).contains("gc");
        assertThat(run("-h")).contains("-prof");
    }
}

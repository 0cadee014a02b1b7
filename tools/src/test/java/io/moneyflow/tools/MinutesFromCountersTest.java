package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code minutes --from-counters FILE}: the bars of a finished run's counters file (the Flink job's too) are the bars
 * {@code minutes} prints from the run's inputs, byte for byte, with the same digest; inputs and the option together,
 * or neither, are refused.
 */
class MinutesFromCountersTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintTheInputsBarsFromACountersFile()
    {
        final String day = Cli.sample("ddb-l2-20230201");
        final Path counters = dir.resolve("run.counters");
        final Cli flow = Cli.run("flow", "-q", "--counters", counters.toString(), day);
        assertThat(flow.exit).as(flow.err).isZero();
        for (final String symbol : new String[] {"600519.SH", "000001.SZ"})
        {
            final Cli fromInputs = Cli.run("minutes", "--symbol", symbol, "--format", "csv", "--all-bars", day);
            final Cli fromFile = Cli.run("minutes", "--symbol", symbol, "--format", "csv", "--all-bars",
                "--from-counters", counters.toString());
            assertThat(fromInputs.exit).as(fromInputs.err).isZero();
            assertThat(fromFile.exit).as(fromFile.err).isZero();
            assertThat(fromFile.out).isEqualTo(fromInputs.out).contains("09:30").contains("14:59");
            assertThat(digest(fromFile.err)).isEqualTo(digest(fromInputs.err)).startsWith("sha256:");
        }
        assertThat(Cli.run("minutes", "--symbol", "600519.SH").exit).isEqualTo(2);
        assertThat(Cli.run("minutes", "--symbol", "600519.SH", "--from-counters", counters.toString(), day).exit)
            .isEqualTo(2);
    }

    private static String digest(final String err)
    {
        for (final String line : err.split("\n"))
        {
            if (line.contains("digest "))
            {
                return line.substring(line.indexOf("digest ") + 7).trim();
            }
        }
        return "";
    }
}

package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards every number the engine computes on a `gen` day (both exchanges; SSE orders with their balance after fills
 * on arrival, SZSE orders whole, cancels and withdrawals) through refactoring and optimisation: the digest of the day
 * must stay the value recorded here. `gen` writes the same bytes for the same settings (GenCommandTest), so the digest
 * moves only when the engine computes another number. The values were recorded before the hot-path work of issue 12
 * and checked equal after each change; a change of any of them must come with an issue saying which number was
 * wrong.
 */
class GenDigestGuardTest
{
    private static final Pattern DIGEST = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"");

    @TempDir
    Path dir;

    private String digest(final String... args)
    {
        final Cli cli = Cli.run(args);
        assertThat(cli.exit).as(cli.err).isZero();
        final Matcher m = DIGEST.matcher(cli.out);
        assertThat(m.find()).as(cli.out).isTrue();
        return m.group(1);
    }

    @Test
    void shouldComputeTheDigestsRecordedForAGenDay()
    {
        final Cli gen = Cli.run("gen", "--symbols", "40", "--trades", "40000", "--orders", "52000", "--seed", "11",
            "--no-journal", "--out", dir.toString());
        assertThat(gen.exit).as(gen.err).isZero();
        final String securities = dir.resolve("securities.csv").toString();
        final String trades = dir.resolve("trades.csv").toString();
        final String orders = dir.resolve("orders.csv").toString();
        assertThat(digest("flow", "--format", "json", "-q", "--securities", securities, trades, orders))
            .isEqualTo("sha256:a39320496aa7e38f7eb5920dc8c18ee4b9b80880265337128bad7f01af57da50");
        assertThat(digest("flow", "--format", "json", "-q", "--securities", securities, trades))
            .isEqualTo("sha256:eb1f8aaef9121f7fdabf200e1d98de82010ff8d8b73840b52fe7fef7e8ec81d8");
        assertThat(digest("flow", "--format", "json", "-q", "--mode", "trade", "--securities", securities, trades,
            orders)).isEqualTo("sha256:8b7688f03354513594a21cb6f42af22c97f4066654691451c11396ec73b5c543");
    }
}

package io.moneyflow.classify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Thresholds as DOMAIN.md section 3 gives them: the highest class whose share OR amount threshold is met, bounds
 * inclusive.
 */
class SizeSchemeTest
{
    private static final long YUAN = 10_000;

    @TempDir
    Path dir;

    @Test
    void shouldApplyEastMoneyThresholdsOnSharesOrAmountInclusively()
    {
        final SizeScheme s = SizeScheme.resolve("eastmoney");
        assertThat(s.classCount()).isEqualTo(4);
        assertThat(s.mainClassCount()).isEqualTo(2);
        // XL: >= 500,000 shares OR >= 1,000,000 yuan
        assertThat(s.classify(500_000, 1 * YUAN)).isZero();
        assertThat(s.classify(100, 1_000_000 * YUAN)).isZero();
        assertThat(s.classify(499_999, 999_999 * YUAN)).isEqualTo(1);
        // L: >= 100,000 shares OR >= 200,000 yuan
        assertThat(s.classify(100_000, 0)).isEqualTo(1);
        assertThat(s.classify(30_000, 300_000 * YUAN)).isEqualTo(1);
        // M: >= 20,000 shares OR >= 40,000 yuan
        assertThat(s.classify(20_000, 0)).isEqualTo(2);
        assertThat(s.classify(5_000, 50_000 * YUAN)).isEqualTo(2);
        assertThat(s.classify(19_999, 39_999 * YUAN + 9_999)).isEqualTo(3);
        assertThat(s.className(0)).isEqualTo("XL");
        assertThat(s.className(3)).isEqualTo("S");
    }

    @Test
    void shouldApplyAmountOnlySchemes()
    {
        final SizeScheme tushare = SizeScheme.resolve("tushare");
        assertThat(tushare.classify(10_000_000, 999_999 * YUAN)).isEqualTo(1);
        assertThat(tushare.classify(1, 1_000_000 * YUAN)).isZero();
        assertThat(tushare.classify(1, 50_000 * YUAN)).isEqualTo(2);
        assertThat(tushare.classify(1, 49_999 * YUAN)).isEqualTo(3);
        final SizeScheme seed = SizeScheme.resolve("seed");
        assertThat(seed.classCount()).isEqualTo(2);
        assertThat(seed.mainClassCount()).isEqualTo(1);
        assertThat(seed.classify(1, 500_000 * YUAN)).isZero();
        assertThat(seed.classify(1, 499_999 * YUAN)).isEqualTo(1);
    }

    @Test
    void shouldReadACustomSchemeFile() throws IOException
    {
        final Path file = dir.resolve("three.csv");
        Files.writeString(file, "# comment\nclass,minShares,minAmount,main\nBig,200001,,yes\nMid,20001,,no\nSmall,,,\n");
        final SizeScheme s = SizeScheme.resolve(file.toString());
        assertThat(s.name()).isEqualTo("three");
        assertThat(s.classCount()).isEqualTo(3);
        assertThat(s.mainClassCount()).isEqualTo(1);
        assertThat(s.classify(200_001, 0)).isZero();
        assertThat(s.classify(200_000, 0)).isEqualTo(1);
        assertThat(s.classify(20_000, Long.MAX_VALUE)).isEqualTo(2);
    }

    @Test
    void shouldRefuseBadSchemeFiles() throws IOException
    {
        final Path noCatchAll = dir.resolve("a.csv");
        Files.writeString(noCatchAll, "class,minShares,minAmount\nBig,100,\nSmall,10,\n");
        assertThatThrownBy(() -> SizeScheme.resolve(noCatchAll.toString())).hasMessageContaining("catch-all");
        final Path badHeader = dir.resolve("b.csv");
        Files.writeString(badHeader, "name,shares\nBig,100\n");
        assertThatThrownBy(() -> SizeScheme.resolve(badHeader.toString())).hasMessageContaining("header");
        final Path fractional = dir.resolve("c.csv");
        Files.writeString(fractional, "class,minShares,minAmount\nBig,100.5,\nSmall,,\n");
        assertThatThrownBy(() -> SizeScheme.resolve(fractional.toString())).hasMessageContaining("c.csv:2");
        assertThatThrownBy(() -> SizeScheme.resolve("nosuch")).hasMessageContaining("unknown scheme");
    }
}

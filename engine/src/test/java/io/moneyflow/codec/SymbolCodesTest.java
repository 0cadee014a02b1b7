package io.moneyflow.codec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolCodesTest
{
    @ParameterizedTest
    @CsvSource({
        "600000, 600000.SH",
        "SH600000, 600000.SH",
        "sh600000, 600000.SH",
        "600519.SH, 600519.SH",
        "600519.XSHG, 600519.SH",
        "000001, 000001.SZ",
        "SZ000001, 000001.SZ",
        "000001.XSHE, 000001.SZ",
        "300750, 300750.SZ",
        "688981, 688981.SH",
        "830799, 830799.BJ",
        "1, 000001.SZ",
        "651, 000651.SZ",
        "600, 000600.SZ"
    })
    void shouldNormaliseSymbols(final String text, final String canonical)
    {
        final long key = SymbolCodes.parse(text);
        assertThat(key).isNotEqualTo(SymbolCodes.INVALID);
        assertThat(SymbolCodes.format(key)).isEqualTo(canonical);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "ABC", "600000.NY", "SH600000.SZ", "12345678901", "60 0000", "XX600000"})
    void shouldRejectWhatIsNotASymbol(final String text)
    {
        assertThat(SymbolCodes.parse(text)).isEqualTo(SymbolCodes.INVALID);
    }

    @org.junit.jupiter.api.Test
    void shouldTakeTheExchangeFromTheRecordWhenTheCodeDoesNotSay()
    {
        final byte[] b = "000001".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(SymbolCodes.format(SymbolCodes.parse(b, 0, b.length, SymbolCodes.SH))).isEqualTo("000001.SH");
    }

    /**
     * Nine bytes with a point at the seventh, the common shape read by a shortcut: a six-digit code and a known
     * suffix give code * 4 + the suffix's exchange (whatever exchange the caller offers), wherever the field sits in a
     * line; anything else in that shape goes the general way, which refuses it.
     */
    @net.jqwik.api.Property(tries = 3000)
    void shouldReadTheCommonShapeAsItsCodeAndSuffix(
        @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = 0, max = 999999) final int code,
        @net.jqwik.api.ForAll("suffixes") final String suffix,
        @net.jqwik.api.ForAll @net.jqwik.api.constraints.IntRange(min = -1, max = 2) final int offered,
        @net.jqwik.api.ForAll final boolean atLineEnd)
    {
        final String field = String.format("%06d.%s", code, suffix);
        final byte[] line = ("x," + field + (atLineEnd ? "" : ",12,34")).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        final long key = SymbolCodes.parse(line, 2, 2 + field.length(), offered);
        final int exchange = switch (suffix.toUpperCase(java.util.Locale.ROOT))
        {
            case "SH", "SS" -> SymbolCodes.SH;
            case "SZ" -> SymbolCodes.SZ;
            case "BJ" -> SymbolCodes.BJ;
            default -> -1;
        };
        assertThat(key).isEqualTo(exchange < 0 ? SymbolCodes.INVALID : code * 4L + exchange);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> suffixes()
    {
        return net.jqwik.api.Arbitraries.of("SH", "SZ", "BJ", "sh", "sz", "bj", "Ss", "SX", "XX", "S.", "1H");
    }
}

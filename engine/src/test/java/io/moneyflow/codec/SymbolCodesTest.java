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
}

package io.moneyflow.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class CsvSplitterTest
{
    private static String field(final CsvSplitter csv, final byte[] b, final int i)
    {
        return new String(b, csv.start(i), csv.end(i) - csv.start(i), StandardCharsets.UTF_8);
    }

    @Test
    void shouldSplitPlainAndQuotedFields()
    {
        final byte[] b = "a,\"b,c\",,\"x\"\"y\",z".getBytes(StandardCharsets.UTF_8);
        final CsvSplitter csv = new CsvSplitter((byte)',', 2);
        assertThat(csv.split(b, 0, b.length)).isEqualTo(5);
        assertThat(csv.malformed()).isFalse();
        assertThat(field(csv, b, 0)).isEqualTo("a");
        assertThat(field(csv, b, 1)).isEqualTo("b,c");
        assertThat(field(csv, b, 2)).isEmpty();
        assertThat(field(csv, b, 3)).isEqualTo("x\"\"y");
        assertThat(field(csv, b, 4)).isEqualTo("z");
    }

    @Test
    void shouldFlagAnUnterminatedQuote()
    {
        final byte[] b = "a,\"b,c".getBytes(StandardCharsets.UTF_8);
        final CsvSplitter csv = new CsvSplitter((byte)',', 2);
        csv.split(b, 0, b.length);
        assertThat(csv.malformed()).isTrue();
    }
}

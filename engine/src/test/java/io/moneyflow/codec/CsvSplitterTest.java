package io.moneyflow.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * The split against the plain definition (the text between delimiters), on lines of digits, signs, letters and
     * delimiters (a tab as well, and bytes one off a delimiter), at every offset of a larger buffer. (It guarded an
     * eight-bytes-at-a-time split, tried and not kept: FeedDecodeBenchmark 5.0-5.3 M lines/s before, 3.8-3.9 after.)
     */
    @Property(tries = 2000)
    void shouldSplitAnUnquotedLineAsTheTextBetweenItsDelimiters(
        @ForAll @StringLength(max = 90) @CharRange(from = '+', to = '.') @CharRange(from = '0', to = '9')
        @CharRange(from = 'A', to = 'C') @CharRange(from = '\t', to = '\t') final String text,
        @ForAll @IntRange(max = 9) final int offset,
        @ForAll final boolean tabs)
    {
        final byte delimiter = tabs ? (byte)'\t' : (byte)',';
        final byte[] line = text.getBytes(StandardCharsets.US_ASCII);
        final byte[] buffer = new byte[offset + line.length + 11];
        java.util.Arrays.fill(buffer, (byte)',');
        System.arraycopy(line, 0, buffer, offset, line.length);
        final CsvSplitter csv = new CsvSplitter(delimiter, 2);
        final int count = csv.split(buffer, offset, offset + line.length);
        final List<String> expected = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= line.length; i++)
        {
            if (i == line.length || line[i] == delimiter)
            {
                expected.add(text.substring(from, i));
                from = i + 1;
            }
        }
        final List<String> actual = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            actual.add(field(csv, buffer, i));
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(csv.malformed()).isFalse();
    }

    @Test
    void shouldSplitAQuotedFieldPastTheFirstFields()
    {
        final byte[] b = "600000.SH,20230201,092500000,\"a,b\",1".getBytes(StandardCharsets.UTF_8);
        final CsvSplitter csv = new CsvSplitter((byte)',', 2);
        assertThat(csv.split(b, 0, b.length)).isEqualTo(5);
        assertThat(field(csv, b, 2)).isEqualTo("092500000");
        assertThat(field(csv, b, 3)).isEqualTo("a,b");
        assertThat(field(csv, b, 4)).isEqualTo("1");
    }
}

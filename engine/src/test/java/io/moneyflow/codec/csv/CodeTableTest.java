package io.moneyflow.codec.csv;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A layout's code table: a field of one byte is looked up by that byte, a longer one token by token; both must say
 * the same for the same text, blank for blank, unknown for anything no code names.
 */
class CodeTableTest
{
    private static final byte BUY = 1;
    private static final byte SELL = 2;
    private static final byte CANCEL = 3;

    private static byte lookup(final CodeTable table, final String field)
    {
        // the field sits inside a line, as the splitter hands it over
        final byte[] line = ("x," + field + ",y").getBytes(StandardCharsets.UTF_8);
        return table.lookup(line, 2, 2 + field.getBytes(StandardCharsets.UTF_8).length);
    }

    private static CodeTable table()
    {
        final CodeTable table = new CodeTable();
        table.add("B, 1, Buy", BUY);
        table.add("S,2,Sell", SELL);
        table.add("4", CANCEL);
        return table;
    }

    @Test
    void shouldReadOneByteCodesAsTheirMeaning()
    {
        final CodeTable table = table();
        assertThat(lookup(table, "B")).isEqualTo(BUY);
        assertThat(lookup(table, "1")).isEqualTo(BUY);
        assertThat(lookup(table, "S")).isEqualTo(SELL);
        assertThat(lookup(table, "2")).isEqualTo(SELL);
        assertThat(lookup(table, "4")).isEqualTo(CANCEL);
    }

    @Test
    void shouldTellOneByteBlankAndUnknownApart()
    {
        final CodeTable table = table();
        assertThat(lookup(table, " ")).isEqualTo(CodeTable.ABSENT);
        assertThat(lookup(table, "\r")).isEqualTo(CodeTable.ABSENT);
        assertThat(lookup(table, "")).isEqualTo(CodeTable.ABSENT);
        assertThat(lookup(table, "b")).as("codes are case-sensitive").isEqualTo(CodeTable.UNKNOWN);
        assertThat(lookup(table, "N")).isEqualTo(CodeTable.UNKNOWN);
        assertThat(lookup(table, "\u00e9")).isEqualTo(CodeTable.UNKNOWN);
    }

    @Test
    void shouldReadLongerOrPaddedFieldsTokenByToken()
    {
        final CodeTable table = table();
        assertThat(lookup(table, "Buy")).isEqualTo(BUY);
        assertThat(lookup(table, " B ")).isEqualTo(BUY);
        assertThat(lookup(table, "Sell\r")).isEqualTo(SELL);
        assertThat(lookup(table, "   ")).isEqualTo(CodeTable.ABSENT);
        assertThat(lookup(table, "BB")).isEqualTo(CodeTable.UNKNOWN);
    }

    @Test
    void shouldKnowNothingWhenEmpty()
    {
        final CodeTable table = new CodeTable();
        assertThat(table.isEmpty()).isTrue();
        assertThat(lookup(table, "B")).isEqualTo(CodeTable.UNKNOWN);
        assertThat(lookup(table, " ")).isEqualTo(CodeTable.ABSENT);
    }

    @Test
    void shouldRefuseACodeWithTwoMeanings()
    {
        final CodeTable table = table();
        assertThatThrownBy(() -> table.add("B", SELL)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'B'");
    }
}

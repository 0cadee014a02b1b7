package io.moneyflow.codec;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lines a configuration file's parser sees, worked out by hand: blank lines and comments passed over, each line
 * numbered as the file numbers it, and the two ways of trimming (the securities file and the calendar take a
 * byte-order mark at the start and trim spaces and control characters; layouts and size schemes take one too and strip
 * Unicode white space, U+3000 included).
 */
class ConfigLinesTest
{
    private static List<String> lines(final ConfigLines config) throws IOException
    {
        final List<String> seen = new ArrayList<>();
        String line;
        while ((line = config.next()) != null)
        {
            seen.add(config.lineNumber() + ":" + line);
        }
        return seen;
    }

    private static BufferedReader reader(final String text)
    {
        return new BufferedReader(new StringReader(text));
    }

    @Test
    void shouldPassOverBlankLinesAndCommentsAndNumberTheRestAsTheFileDoes() throws IOException
    {
        final String text = "# a comment\n\n  first , line \r\n\t\n   # indented comment\nsecond#not a comment\nthird";
        assertThat(lines(ConfigLines.trimmed(reader(text))))
            .containsExactly("3:first , line", "6:second#not a comment", "7:third");
        assertThat(lines(ConfigLines.stripped(reader(text))))
            .containsExactly("3:first , line", "6:second#not a comment", "7:third");
    }

    @Test
    void shouldDropAByteOrderMarkOnlyBeforeTheFirstLine() throws IOException
    {
        // a spreadsheet or an editor saves one at the start of any of them: the securities file, a scheme, a layout
        assertThat(lines(ConfigLines.trimmed(reader("\uFEFFsymbol,name\n\uFEFFrow"))))
            .containsExactly("1:symbol,name", "2:\uFEFFrow");
        assertThat(lines(ConfigLines.stripped(reader("\uFEFFname = x\n\uFEFFy = z"))))
            .containsExactly("1:name = x", "2:\uFEFFy = z");
    }

    @Test
    void shouldStripUnicodeWhiteSpaceOnlyFromAStrippedFile() throws IOException
    {
        // U+3000, the ideographic space a Chinese input method types, is white space to strip() but not to trim()
        final String text = "\u3000\nkey = value\u3000\n";
        assertThat(lines(ConfigLines.stripped(reader(text)))).containsExactly("2:key = value");
        assertThat(lines(ConfigLines.trimmed(reader(text)))).containsExactly("1:\u3000", "2:key = value\u3000");
    }
}

package io.moneyflow.codec;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Escapes worked out by hand from the characters' code points.
 */
class PrintableTest
{
    @Test
    void shouldKeepPrintableTextIncludingChineseAsItIs()
    {
        final String text = "600519.SH 贵州茅台 rejected: 'a,b;c' ~";
        assertThat(Printable.of(text)).isSameAs(text);
    }

    @Test
    void shouldEscapeTerminalSequencesLineBreaksAndBidiOverrides()
    {
        // ESC [ 2 J clears the screen; ESC ] 0 ; t BEL sets the title; U+009B is the one-character CSI; U+202E
        // reverses what follows
        assertThat(Printable.of("a\u001b[2Jb\u001b]0;t\u0007c\r\n\td\u007f\u009b\u202ee"))
            .isEqualTo("a\\x1b[2Jb\\x1b]0;t\\x07c\\r\\n\\td\\x7f\\x9b\\u202ee");
        assertThat(Printable.of(null)).isEqualTo("null");
    }
}

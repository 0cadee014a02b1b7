package io.moneyflow.codec;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LineReaderTest
{
    private static List<String> lines(final LineReader reader)
    {
        final List<String> out = new ArrayList<>();
        while (reader.next())
        {
            out.add(reader.tooLong() ? "<too long>" : reader.truncated() ? "<cut:" + reader.lineText() + ">" :
                reader.lineText());
        }
        return out;
    }

    /** Hands out the bytes a few at a time, so that lines and CRLFs straddle refills. */
    private static InputStream trickle(final byte[] bytes, final int chunk, final boolean failAtEnd)
    {
        return new InputStream()
        {
            private int position;

            @Override
            public int read()
            {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(final byte[] b, final int off, final int len) throws IOException
            {
                if (position == bytes.length)
                {
                    if (failAtEnd)
                    {
                        throw new java.io.EOFException("Unexpected end of ZLIB input stream");
                    }
                    return -1;
                }
                final int n = Math.min(Math.min(len, chunk), bytes.length - position);
                System.arraycopy(bytes, position, b, off, n);
                position += n;
                return n;
            }
        };
    }

    @Test
    void shouldSplitLinesAcrossRefillsWithEitherTerminator()
    {
        final byte[] text = "a,b\r\nccc\n\r\nlast".getBytes(StandardCharsets.US_ASCII);
        for (int chunk = 1; chunk <= text.length; chunk++)
        {
            assertThat(lines(new LineReader(trickle(text, chunk, false), 1024))).as("chunk " + chunk)
                .containsExactly("a,b", "ccc", "", "last");
        }
    }

    @Test
    void shouldReportTheCutLineOfAFailingStreamOnce()
    {
        final byte[] text = "one\ntwo\nthr".getBytes(StandardCharsets.US_ASCII);
        final LineReader reader = new LineReader(trickle(text, 3, true), 1024);
        assertThat(lines(reader)).containsExactly("one", "two", "<cut:thr>");
        assertThat(reader.failed()).isTrue();
    }

    @Test
    void shouldStripAByteOrderMark()
    {
        final byte[] text = "\uFEFFsymbol,price\n1,2\n".getBytes(StandardCharsets.UTF_8);
        assertThat(lines(new LineReader(new ByteArrayInputStream(text), 1024))).containsExactly("symbol,price", "1,2");
    }

    @Test
    void shouldAcceptLinesUpToOneMebibyteAndRejectLongerOnes()
    {
        final byte[] max = new byte[LineReader.MAX_LINE_LENGTH];
        Arrays.fill(max, (byte)'x');
        final byte[] over = new byte[LineReader.MAX_LINE_LENGTH + 1];
        Arrays.fill(over, (byte)'y');
        final byte[] huge = new byte[3 * LineReader.MAX_LINE_LENGTH];
        Arrays.fill(huge, (byte)'z');
        final ByteArrayInputStreamBuilder text = new ByteArrayInputStreamBuilder()
            .add(max).add("\r\n").add(over).add("\n").add(huge).add("\nend\n");
        final LineReader reader = new LineReader(text.build(), 1024);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isFalse();
        assertThat(reader.lineEnd() - reader.lineStart()).isEqualTo(LineReader.MAX_LINE_LENGTH);
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isTrue();
        assertThat(reader.next()).isTrue();
        assertThat(reader.tooLong()).isTrue();
        assertThat(reader.next()).isTrue();
        assertThat(reader.lineText()).isEqualTo("end");
        assertThat(reader.lineNumber()).isEqualTo(4);
    }

    private static final class ByteArrayInputStreamBuilder
    {
        private final java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();

        ByteArrayInputStreamBuilder add(final byte[] bytes)
        {
            out.writeBytes(bytes);
            return this;
        }

        ByteArrayInputStreamBuilder add(final String text)
        {
            return add(text.getBytes(StandardCharsets.US_ASCII));
        }

        InputStream build()
        {
            return new ByteArrayInputStream(out.toByteArray());
        }
    }

    @Test
    void shouldFindTheFirstNewlineOfEveryBufferWordByWord()
    {
        // bytes near a newline's value and with the high bit (UTF-8 text), newlines at every offset of a word
        final byte[] alphabet = {'\n', 0x0B, 0x09, 0x0A - 0x01, (byte)0x8A, (byte)0xE5, 'a', ',', '\r', 0};
        final java.util.Random random = new java.util.Random(11);
        for (int n = 0; n < 100_000; n++)
        {
            final byte[] buffer = new byte[random.nextInt(40)];
            for (int i = 0; i < buffer.length; i++)
            {
                buffer[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte)'7';
            }
            final int from = buffer.length == 0 ? 0 : random.nextInt(buffer.length + 1);
            final int limit = from + random.nextInt(buffer.length - from + 1);
            int first = from;
            while (first < limit && buffer[first] != '\n')
            {
                first++;
            }
            final int found = LineReader.newline(buffer, from, limit);
            // the word search stops at the newline, or before it where fewer than eight bytes are left
            if (first < limit && found < limit && buffer[found] == '\n')
            {
                assertThat(found).isEqualTo(first);
            }
            else
            {
                assertThat(found).isLessThanOrEqualTo(first);
                assertThat(limit - found).isLessThan(Long.BYTES);
            }
        }
    }

    @Test
    void shouldKeepEveryLineEightBytesFromTheBuffersEndSoThatNumbersAreReadEightBytesAtATime()
    {
        // lines of every length from 1 to 99 bytes through the smallest buffer (1,024 bytes and its slack), refilled
        // many times; a line that grows the buffer too
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < 3000; i++)
        {
            text.append("1234567890".repeat(10), 0, 1 + i % 99).append('\n');
        }
        text.append("9".repeat(1500)).append('\n').append("12345678\n");
        final LineReader reader = new LineReader(new ByteArrayInputStream(text.toString().getBytes(
            StandardCharsets.US_ASCII)), 1024);
        int lines = 0;
        while (reader.next())
        {
            lines++;
            assertThat(reader.lineEnd()).as("line %d", lines).isLessThanOrEqualTo(reader.buffer().length - Long.BYTES);
            // the number at the end of each line takes the eight-byte path (a field it could not read would be -1)
            final int start = Math.max(reader.lineStart(), reader.lineEnd() - 8);
            assertThat(AsciiNumbers.plainDigits(reader.buffer(), start, reader.lineEnd())).isNotNegative();
        }
        assertThat(lines).isEqualTo(3002);
    }
}

package io.moneyflow.codec.csv;

import io.moneyflow.codec.AsciiText;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Maps the raw codes of one column (a flag, an exec type, a side) to their meaning, without allocating on lookup.
 * Built from a layout at start-up; read by the feed thread.
 */
final class CodeTable
{
    /** Lookup result for an empty or blank field. */
    static final byte ABSENT = 0;
    /** Lookup result for a code the layout does not define. */
    static final byte UNKNOWN = -1;

    private final List<byte[]> tokens = new ArrayList<>();
    private final List<Byte> meanings = new ArrayList<>();
    private byte[][] tokenArray = new byte[0][];
    private byte[] meaningArray = new byte[0];
    /** What a field of one byte means, by that byte: every flag and side of the bundled layouts is one letter. */
    private final byte[] oneByte = new byte[256];

    {
        java.util.Arrays.fill(oneByte, UNKNOWN);
        // a field of one byte: a space is blank (trimmed away), a carriage return too; else a one-byte code
        oneByte[' '] = ABSENT;
        oneByte['\r'] = ABSENT;
    }

    /**
     * Adds codes for one meaning.
     *
     * @param commaSeparated codes, e.g. {@code B, 1}.
     * @param meaning        what they mean; must not be {@link #ABSENT} or {@link #UNKNOWN}.
     */
    void add(final String commaSeparated, final byte meaning)
    {
        for (final String code : commaSeparated.split(","))
        {
            final String trimmed = code.strip();
            if (trimmed.isEmpty())
            {
                continue;
            }
            final byte[] bytes = trimmed.getBytes(StandardCharsets.UTF_8);
            for (final byte[] existing : tokens)
            {
                if (java.util.Arrays.equals(existing, bytes))
                {
                    throw new IllegalArgumentException("code '" + trimmed + "' is given two meanings");
                }
            }
            tokens.add(bytes);
            meanings.add(meaning);
        }
        tokenArray = tokens.toArray(new byte[0][]);
        meaningArray = new byte[meanings.size()];
        for (int i = 0; i < meaningArray.length; i++)
        {
            meaningArray[i] = meanings.get(i);
        }
        for (int i = tokenArray.length - 1; i >= 0; i--)
        {
            if (tokenArray[i].length == 1)
            {
                oneByte[tokenArray[i][0] & 0xFF] = meaningArray[i];
            }
        }
    }

    boolean isEmpty()
    {
        return tokenArray.length == 0;
    }

    /**
     * @param buffer the line.
     * @param start  field start.
     * @param end    field end.
     * @return the meaning, {@link #ABSENT} for a blank field, or {@link #UNKNOWN}.
     */
    byte lookup(final byte[] buffer, final int start, final int end)
    {
        if (end - start == 1)
        {
            return oneByte[buffer[start] & 0xFF];
        }
        final int s = AsciiText.trimStart(buffer, start, end);
        final int e = AsciiText.trimEnd(buffer, s, end);
        if (s == e)
        {
            return ABSENT;
        }
        final int length = e - s;
        for (int i = 0; i < tokenArray.length; i++)
        {
            final byte[] token = tokenArray[i];
            if (token.length == length && matches(token, buffer, s))
            {
                return meaningArray[i];
            }
        }
        return UNKNOWN;
    }

    private static boolean matches(final byte[] token, final byte[] buffer, final int start)
    {
        for (int j = 0; j < token.length; j++)
        {
            if (token[j] != buffer[start + j])
            {
                return false;
            }
        }
        return true;
    }
}

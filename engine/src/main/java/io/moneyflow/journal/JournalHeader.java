package io.moneyflow.journal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The journal's first excerpt: every setting that decides what the engine computes from the records (mode, size
 * scheme, bars, direction rule, reference data...) and the identity of the inputs, so that a replay computes the
 * same numbers and a resumed run continues only the run it belongs to. Immutable.
 */
public final class JournalHeader
{
    private final Map<String, String> values;

    /**
     * @param values settings by name.
     */
    public JournalHeader(final Map<String, String> values)
    {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * @param key a setting.
     * @return its value, or null.
     */
    public String get(final String key)
    {
        return values.get(key);
    }

    /**
     * @return every setting.
     */
    public Map<String, String> values()
    {
        return values;
    }

    /**
     * @return the header as UTF-8 text: one {@code key=value} per line, newlines and backslashes escaped.
     */
    public byte[] encode()
    {
        final StringBuilder sb = new StringBuilder();
        for (final Map.Entry<String, String> e : values.entrySet())
        {
            sb.append(e.getKey()).append('=').append(e.getValue().replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param bytes  text from {@link #encode()}.
     * @param offset where it starts.
     * @param length its length.
     * @return the header.
     * @throws IllegalArgumentException when the text is not a header.
     */
    public static JournalHeader decode(final byte[] bytes, final int offset, final int length)
    {
        final String text = new String(bytes, offset, length, StandardCharsets.UTF_8);
        final Map<String, String> values = new TreeMap<>();
        for (final String line : text.split("\n"))
        {
            if (line.isEmpty())
            {
                continue;
            }
            final int eq = line.indexOf('=');
            if (eq <= 0)
            {
                throw new IllegalArgumentException("not a journal header line: " + line);
            }
            final StringBuilder value = new StringBuilder();
            final String raw = line.substring(eq + 1);
            for (int i = 0; i < raw.length(); i++)
            {
                final char c = raw.charAt(i);
                if (c == '\\' && i + 1 < raw.length())
                {
                    final char next = raw.charAt(++i);
                    value.append(next == 'n' ? '\n' : next);
                }
                else
                {
                    value.append(c);
                }
            }
            values.put(line.substring(0, eq), value.toString());
        }
        return new JournalHeader(values);
    }

    /**
     * Describes how another header differs, for a person.
     *
     * @param other the header a new run would write.
     * @return the first differing setting, as "key: journal has X, this run has Y", or null when equal.
     */
    public String difference(final JournalHeader other)
    {
        final TreeMap<String, String> keys = new TreeMap<>(values);
        keys.putAll(other.values);
        for (final String key : keys.keySet())
        {
            final String mine = values.get(key);
            final String theirs = other.values.get(key);
            if (mine == null ? theirs != null : !mine.equals(theirs))
            {
                return key + ": the journal has " + shorten(mine) + ", this run has " + shorten(theirs);
            }
        }
        return null;
    }

    private static String shorten(final String value)
    {
        if (value == null)
        {
            return "nothing";
        }
        final String oneLine = value.replace('\n', ' ');
        return "'" + (oneLine.length() > 80 ? oneLine.substring(0, 80) + "..." : oneLine) + "'";
    }
}

package io.moneyflow.codec;

/**
 * Text from the input (a rejected line, a gateway's logout text, a client's name, a file name from a journal) made
 * safe to print on a terminal in a one-line message: control characters (C0, DEL, C1: ESC and the terminal escape
 * sequences it starts, carriage returns, line breaks) and the bidirectional overrides that reorder what is shown are
 * written as escapes ({@code \x1b}, {@code \r}, {@code \n}, {@code \t}, {@code \u202e}); everything else, Chinese
 * names included, is kept. For messages only, never the hot path.
 */
public final class Printable
{
    private Printable()
    {
    }

    /**
     * @param text any text, or null.
     * @return it with every control character escaped; the same instance when there is none; "null" for null.
     */
    public static String of(final CharSequence text)
    {
        if (text == null)
        {
            return "null";
        }
        int i = 0;
        while (i < text.length() && !escaped(text.charAt(i)))
        {
            i++;
        }
        if (i == text.length())
        {
            return text.toString();
        }
        final StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        for (; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (!escaped(c))
            {
                sb.append(c);
            }
            else if (c == '\n')
            {
                sb.append("\\n");
            }
            else if (c == '\r')
            {
                sb.append("\\r");
            }
            else if (c == '\t')
            {
                sb.append("\\t");
            }
            else if (c < 0x100)
            {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
            }
            else
            {
                sb.append(String.format("\\u%04x", (int)c));
            }
        }
        return sb.toString();
    }

    private static boolean escaped(final char c)
    {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}

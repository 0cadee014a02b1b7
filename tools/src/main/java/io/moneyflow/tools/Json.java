package io.moneyflow.tools;

/**
 * A minimal JSON writer for the command line's output: objects, arrays, strings and raw numbers, no dependency.
 */
final class Json
{
    private final StringBuilder out = new StringBuilder(4096);
    private final boolean[] first = new boolean[64];
    private int depth;

    Json beginObject()
    {
        return open('{');
    }

    Json endObject()
    {
        return close('}');
    }

    Json beginArray()
    {
        return open('[');
    }

    Json endArray()
    {
        return close(']');
    }

    private Json open(final char bracket)
    {
        value();
        out.append(bracket);
        first[++depth] = true;
        return this;
    }

    private Json close(final char bracket)
    {
        depth--;
        out.append(bracket);
        return this;
    }

    Json name(final String name)
    {
        comma();
        string(name);
        out.append(':');
        pendingName = true;
        return this;
    }

    private boolean pendingName;

    Json string(final String name, final String value)
    {
        name(name);
        value();
        if (value == null)
        {
            out.append("null");
        }
        else
        {
            string(value);
        }
        return this;
    }

    Json number(final String name, final Object value)
    {
        name(name);
        return numberValue(value);
    }

    Json numberValue(final Object value)
    {
        value();
        out.append(value == null ? "null" : value.toString());
        return this;
    }

    Json stringValue(final String value)
    {
        value();
        string(value);
        return this;
    }

    private void value()
    {
        if (pendingName)
        {
            pendingName = false;
            return;
        }
        comma();
    }

    private void comma()
    {
        if (depth > 0)
        {
            if (!first[depth])
            {
                out.append(',');
            }
            first[depth] = false;
        }
    }

    private void string(final String s)
    {
        out.append('"');
        for (int i = 0; i < s.length(); i++)
        {
            final char c = s.charAt(i);
            switch (c)
            {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default ->
                {
                    if (c < 0x20)
                    {
                        out.append(String.format("\\u%04x", (int)c));
                    }
                    else
                    {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    @Override
    public String toString()
    {
        return out.toString();
    }
}

package io.moneyflow.codec.csv;

import io.moneyflow.codec.ConfigLines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vendor file layout: a small text file that maps columns to fields and codes to meanings, one section per
 * record kind, so that a new vendor's files are read without touching code.
 * <pre>
 * # comment
 * name = sse-raw
 * description = SSE Level-2 raw CSV: trade.csv, entrust.csv, snapshot.csv
 *
 * [trade]
 * match = TradeIndex, TradeChan, SecurityID, TradTime, TradPrice, TradVolume, TradeBSFlag
 * symbol = SecurityID
 * exchange.default = SH
 * date.fromName = true
 * time = TradTime
 * time.format = HH:mm:ss.SSS
 * price = TradPrice
 * ...
 * </pre>
 * Immutable; parsed at start-up. Parse errors name the file, line and key.
 */
public final class Layout
{
    private final String name;
    private final String description;
    private final char delimiter;
    private final List<RecordLayout> sections;

    private Layout(final String name, final String description, final char delimiter, final List<RecordLayout> sections)
    {
        this.name = name;
        this.description = description;
        this.delimiter = delimiter;
        this.sections = List.copyOf(sections);
    }

    /**
     * Parses a layout.
     *
     * @param text  the layout file's contents.
     * @param label where it came from, for error messages.
     * @return the layout.
     * @throws IllegalArgumentException naming the line that is wrong.
     */
    public static Layout parse(final String text, final String label)
    {
        final Map<String, String> top = new LinkedHashMap<>();
        final List<String> sectionNames = new ArrayList<>();
        final List<Map<String, String>> sectionValues = new ArrayList<>();
        Map<String, String> current = top;
        try (BufferedReader reader = new BufferedReader(new StringReader(text)))
        {
            final ConfigLines lines = ConfigLines.stripped(reader);
            String trimmed;
            while ((trimmed = lines.next()) != null)
            {
                final int lineNumber = lines.lineNumber();
                if (trimmed.startsWith("["))
                {
                    if (!trimmed.endsWith("]"))
                    {
                        throw new IllegalArgumentException(label + ":" + lineNumber + ": section header needs ']'");
                    }
                    final String section = trimmed.substring(1, trimmed.length() - 1).strip();
                    if (sectionNames.contains(section))
                    {
                        throw new IllegalArgumentException(label + ":" + lineNumber + ": section [" + section +
                            "] appears twice");
                    }
                    sectionNames.add(section);
                    current = new LinkedHashMap<>();
                    sectionValues.add(current);
                    continue;
                }
                final int eq = trimmed.indexOf('=');
                if (eq <= 0)
                {
                    throw new IllegalArgumentException(label + ":" + lineNumber + ": expected 'key = value'");
                }
                final String key = trimmed.substring(0, eq).strip();
                final String value = trimmed.substring(eq + 1).strip();
                if (current.put(key, value) != null)
                {
                    throw new IllegalArgumentException(label + ":" + lineNumber + ": key '" + key + "' set twice");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }

        final String name = top.remove("name");
        if (name == null || !name.matches("[A-Za-z0-9._-]+"))
        {
            throw new IllegalArgumentException(label + ": needs 'name = ...' (letters, digits, '.', '_', '-')");
        }
        final String description = top.getOrDefault("description", "");
        top.remove("description");
        final String delimiterText = top.getOrDefault("delimiter", ",");
        top.remove("delimiter");
        final char delimiter;
        if (delimiterText.equalsIgnoreCase("tab"))
        {
            delimiter = '\t';
        }
        else if (delimiterText.equalsIgnoreCase("space"))
        {
            delimiter = ' ';
        }
        else if (delimiterText.length() == 1)
        {
            delimiter = delimiterText.charAt(0);
        }
        else
        {
            throw new IllegalArgumentException(label + ": delimiter must be one character, 'tab' or 'space'");
        }
        if (!top.isEmpty())
        {
            throw new IllegalArgumentException(label + ": unknown top-level key(s) " + top.keySet() +
                "; record keys go under [trade], [order] or [snapshot]");
        }
        if (sectionNames.isEmpty())
        {
            throw new IllegalArgumentException(label + ": no [trade], [order] or [snapshot] section");
        }
        final List<RecordLayout> sections = new ArrayList<>();
        for (int i = 0; i < sectionNames.size(); i++)
        {
            sections.add(new RecordLayout(name, sectionNames.get(i), sectionValues.get(i), label));
        }
        return new Layout(name, description, delimiter, sections);
    }

    /**
     * @return the layout's name, by which a run is told to use it ({@code EngineContext.forcedLayout}).
     */
    public String name()
    {
        return name;
    }

    /**
     * @return one line saying what files it reads.
     */
    public String description()
    {
        return description;
    }

    /**
     * @return the field delimiter.
     */
    public char delimiter()
    {
        return delimiter;
    }

    /**
     * @return the record kinds it defines.
     */
    public List<RecordLayout> sections()
    {
        return sections;
    }

    @Override
    public String toString()
    {
        return name;
    }
}

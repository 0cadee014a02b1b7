package io.moneyflow.codec;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;

/**
 * The lines of a configuration file that say something (a layout, a size scheme, the securities file, the trading
 * calendar): blank lines and {@code #} comments are passed over, and each line is given trimmed, with its number in
 * the file for the messages about it.
 */
public final class ConfigLines
{
    private final BufferedReader reader;
    private final boolean unicode;
    private int lineNumber;

    private ConfigLines(final BufferedReader reader, final boolean unicode)
    {
        this.reader = reader;
        this.unicode = unicode;
    }

    /**
     * @param reader the file.
     * @return its lines stripped of Unicode white space ({@link String#strip()}), after a byte-order mark at the file's
     *         start: layouts and size schemes.
     */
    public static ConfigLines stripped(final BufferedReader reader)
    {
        return new ConfigLines(reader, true);
    }

    /**
     * @param reader the file.
     * @return its lines trimmed of spaces and control characters ({@link String#trim()}), after a byte-order mark at
     *         the file's start (a spreadsheet saves one): the securities file and the trading calendar.
     */
    public static ConfigLines trimmed(final BufferedReader reader)
    {
        return new ConfigLines(reader, false);
    }

    /**
     * @return the next line that is neither blank nor a comment, trimmed; null at the end of the file.
     * @throws IOException when the file cannot be read.
     */
    public String next() throws IOException
    {
        String line;
        while ((line = reader.readLine()) != null)
        {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF"))
            {
                line = line.substring(1);
            }
            final String trimmed = unicode ? line.strip() : line.trim();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#"))
            {
                return trimmed;
            }
        }
        return null;
    }

    /**
     * The cells of a CSV line as a spreadsheet saves it (RFC 4180, read by Apache Commons CSV): a cell in double quotes
     * may hold commas ({@code "1,256,197,800"}) and doubled quotes.
     *
     * @param line a line {@link #next()} gave.
     * @return its cells, unquoted, untrimmed.
     * @throws IllegalArgumentException when a quote is not closed.
     */
    public static String[] cells(final String line)
    {
        try (CSVParser parser = CSVParser.parse(line, CELLS))
        {
            final java.util.List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? new String[]{""} : records.get(0).values();
        }
        catch (final IOException | java.io.UncheckedIOException ex)
        {
            throw new IllegalArgumentException("not a CSV line (a quote not closed?): " + ex.getMessage(), ex);
        }
    }

    /**
     * As {@link #cells(String)}, for a line of a named file: a quote not closed is said with the file and line.
     *
     * @param line       a line {@link #next()} gave.
     * @param label      the file's name in messages.
     * @param lineNumber the line's number.
     * @return its cells.
     * @throws IllegalArgumentException {@code label:lineNumber: not a CSV line ...}.
     */
    public static String[] cells(final String line, final String label, final int lineNumber)
    {
        try
        {
            return cells(line);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(label + ":" + lineNumber + ": " + ex.getMessage(), ex);
        }
    }

    /** RFC 4180, spaces around a quoted cell allowed (a hand-written {@code a, "b,c"}). */
    private static final CSVFormat CELLS = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();

    /** A number with its thousands grouped by commas, as a spreadsheet writes it: 1,256,197,800 or -1,000.5. */
    private static final java.util.regex.Pattern GROUPED =
        java.util.regex.Pattern.compile("-?\\d{1,3}(,\\d{3})+(\\.\\d+)?");

    /**
     * @param text a number's cell, trimmed.
     * @return it without its grouping commas when they group thousands; else as it is (so that {@code 12,5}, a
     *         decimal comma, is refused as no number rather than read as 125).
     */
    public static String ungrouped(final String text)
    {
        return text.indexOf(',') >= 0 && GROUPED.matcher(text).matches() ? text.replace(",", "") : text;
    }

    /**
     * @return the number in the file, from 1, of the line {@link #next()} gave last.
     */
    public int lineNumber()
    {
        return lineNumber;
    }
}

package io.moneyflow.reference;

import io.moneyflow.codec.AsciiNumbers;
import io.moneyflow.codec.SymbolCodes;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The securities the engine knows by name: {@code config/securities.csv}.
 * <p>
 * Columns, in this order, with a header row: {@code symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose}.
 * Lines starting with {@code #} are comments (sources go there). Sectors are separated by {@code |}. Empty cells
 * mean "not known". Loaded once at start-up; a malformed file fails fast with the line that is wrong.
 */
public final class ReferenceData
{
    /** The header a securities file must start with. */
    public static final String HEADER = "symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose";

    private static final ReferenceData EMPTY = new ReferenceData(List.of());

    private final List<Security> securities;
    private final Map<Long, Security> byKey = new HashMap<>();

    private ReferenceData(final List<Security> securities)
    {
        this.securities = Collections.unmodifiableList(securities);
        for (final Security security : securities)
        {
            byKey.put(security.symbolKey(), security);
        }
    }

    /**
     * @return reference data that knows no symbol; every symbol is then processed as unknown.
     */
    public static ReferenceData empty()
    {
        return EMPTY;
    }

    /**
     * Loads a securities file.
     *
     * @param file the CSV file.
     * @return the reference data.
     * @throws IllegalArgumentException naming the file and line when a row is malformed.
     * @throws UncheckedIOException when the file cannot be read.
     */
    public static ReferenceData load(final Path file)
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(reader, file.toString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read securities file " + file + ": " + ex.getMessage(), ex);
        }
    }

    static ReferenceData parse(final BufferedReader reader, final String label) throws IOException
    {
        final List<Security> rows = new ArrayList<>();
        final Map<Long, Integer> seen = new HashMap<>();
        boolean headerSeen = false;
        String line;
        int lineNumber = 0;
        while ((line = reader.readLine()) != null)
        {
            lineNumber++;
            if (lineNumber == 1 && line.startsWith("\uFEFF"))
            {
                line = line.substring(1);
            }
            final String trimmed = line.trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#"))
            {
                continue;
            }
            if (!headerSeen)
            {
                if (!trimmed.replace(" ", "").equals(HEADER))
                {
                    throw new IllegalArgumentException(label + ":" + lineNumber + ": expected header '" + HEADER + "'");
                }
                headerSeen = true;
                continue;
            }
            final String[] cells = trimmed.split(",", -1);
            if (cells.length != 8)
            {
                throw new IllegalArgumentException(
                    label + ":" + lineNumber + ": expected 8 columns, found " + cells.length);
            }
            final long key = SymbolCodes.parse(cells[0].trim());
            if (key == SymbolCodes.INVALID)
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": bad symbol '" + cells[0] + "'");
            }
            final String exchangeCell = cells[2].trim();
            if (!exchangeCell.isEmpty() && SymbolCodes.exchangeNamed(exchangeCell) != SymbolCodes.exchange(key))
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": exchange '" + exchangeCell +
                    "' does not match symbol " + SymbolCodes.format(key));
            }
            if (seen.put(key, lineNumber) != null)
            {
                throw new IllegalArgumentException(
                    label + ":" + lineNumber + ": " + SymbolCodes.format(key) + " listed twice");
            }
            final List<String> sectors = cells[3].trim().isEmpty() ?
                List.of() : Arrays.stream(cells[3].split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList();
            rows.add(new Security(
                key,
                cells[1].trim(),
                sectors,
                number(cells[4], 0, label, lineNumber, "floatShares"),
                number(cells[5], 0, label, lineNumber, "totalShares"),
                number(cells[6], 4, label, lineNumber, "pe"),
                number(cells[7], 4, label, lineNumber, "prevClose")));
        }
        if (!headerSeen)
        {
            throw new IllegalArgumentException(label + ": no header '" + HEADER + "'");
        }
        return new ReferenceData(rows);
    }

    private static long number(
        final String cell, final int scale, final String label, final int line, final String column)
    {
        final String text = cell.trim();
        if (text.isEmpty())
        {
            return Security.ABSENT;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final long value = scale == 0 ?
            AsciiNumbers.parseScaledExact(bytes, 0, bytes.length, 0) :
            AsciiNumbers.parseScaled(bytes, 0, bytes.length, scale);
        if (value == AsciiNumbers.INVALID)
        {
            throw new IllegalArgumentException(label + ":" + line + ": " + column + " '" + text + "' is not a number");
        }
        return value;
    }

    /**
     * The reference data as a securities file's text, which {@link #fromText} reads back to equal data. The journal
     * keeps it, so that a replay assigns the same security ids as the live run.
     *
     * @return the text, header first.
     */
    public String toText()
    {
        final StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (final Security s : securities)
        {
            sb.append(s.symbol()).append(',').append(s.name()).append(',')
                .append(SymbolCodes.exchangeName(s.exchange())).append(',')
                .append(String.join("|", s.sectors())).append(',')
                .append(s.floatShares() == Security.ABSENT ? "" : Long.toString(s.floatShares())).append(',')
                .append(s.totalShares() == Security.ABSENT ? "" : Long.toString(s.totalShares())).append(',')
                .append(decimal(s.peX10000())).append(',')
                .append(decimal(s.prevClose())).append('\n');
        }
        return sb.toString();
    }

    private static String decimal(final long x10000)
    {
        return x10000 == Security.ABSENT ? "" :
            java.math.BigDecimal.valueOf(x10000, 4).stripTrailingZeros().toPlainString();
    }

    /**
     * Reads reference data from a securities file's text.
     *
     * @param text  the text.
     * @param label where it came from, for errors.
     * @return the reference data.
     */
    public static ReferenceData fromText(final String text, final String label)
    {
        try
        {
            return parse(new BufferedReader(new java.io.StringReader(text)), label);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @return every security, in file order; ids are positions in this list.
     */
    public List<Security> securities()
    {
        return securities;
    }

    /**
     * @param symbolKey packed key.
     * @return the security, or null when unknown.
     */
    public Security find(final long symbolKey)
    {
        return byKey.get(symbolKey);
    }
}

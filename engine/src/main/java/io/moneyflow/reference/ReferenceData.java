package io.moneyflow.reference;

import io.moneyflow.codec.AsciiNumbers;
import io.moneyflow.codec.ConfigLines;
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
 * The securities the engine knows by name, with their figures as they were on each day: {@code config/securities.csv}.
 * <p>
 * Columns, in this order, with a header row: {@code symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose},
 * optionally followed by {@code validFrom} ({@code yyyy-MM-dd}). Lines starting with {@code #} are comments (sources go
 * there). Sectors are separated by {@code |}. Empty cells mean "not known". Loaded once at start-up; a malformed file
 * fails fast with the line that is wrong.
 * <p>
 * Dating: a symbol may have several rows, each valid from its {@code validFrom} until the next row of the same symbol
 * ({@link #find(long, int)}). A row's {@code prevClose} is the close of the trading day before its {@code validFrom}
 * and holds on that day only. A row without a date (no {@code validFrom} column, or an empty cell) gives the symbol's
 * name and sectors on the days no dated row covers, and nothing else: its figures are never applied to any day,
 * because nothing says which day they belong to ({@link #undatedFigures()} counts the rows whose figures are so left
 * out). A figure no row gives for a day is unknown on that day, never borrowed from another day.
 */
public final class ReferenceData
{
    /** The header a securities file must start with (undated rows only). */
    public static final String HEADER = "symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose";

    /** The header of a dated securities file: {@link #HEADER} and {@code validFrom}. */
    public static final String DATED_HEADER = HEADER + ",validFrom";

    private static final ReferenceData EMPTY = new ReferenceData(List.of());

    /** Every row, in file order. */
    private final List<Security> rows;
    /** The first row of each symbol, in file order: security ids are positions here. */
    private final List<Security> securities;
    private final Map<Long, Security> byKey = new HashMap<>();
    /** Per symbol: its dated rows by validFrom, earliest first. */
    private final Map<Long, Security[]> datedByKey = new HashMap<>();
    /** Per symbol: its undated row, when it has one. */
    private final Map<Long, Security> undatedByKey = new HashMap<>();

    private ReferenceData(final List<Security> rows)
    {
        this.rows = Collections.unmodifiableList(rows);
        final List<Security> first = new ArrayList<>();
        final Map<Long, List<Security>> dated = new HashMap<>();
        for (final Security row : rows)
        {
            if (byKey.putIfAbsent(row.symbolKey(), row) == null)
            {
                first.add(row);
            }
            if (row.dated())
            {
                dated.computeIfAbsent(row.symbolKey(), k -> new ArrayList<>()).add(row);
            }
            else
            {
                undatedByKey.put(row.symbolKey(), row);
            }
        }
        for (final Map.Entry<Long, List<Security>> e : dated.entrySet())
        {
            final Security[] sorted = e.getValue().toArray(new Security[0]);
            Arrays.sort(sorted, (a, b) -> Integer.compare(a.validFrom(), b.validFrom()));
            datedByKey.put(e.getKey(), sorted);
        }
        this.securities = Collections.unmodifiableList(first);
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
        final ReadAhead ahead = readAhead;
        if (ahead != null && ahead.isOf(file))
        {
            return ahead.get();
        }
        return read(file);
    }

    /**
     * Starts reading a securities file on a thread of its own, so that a command can parse its arguments meanwhile (a
     * market's 5,000 rows take about 0.1 s of a start-up, before the JIT compiler has compiled anything): a later
     * {@link #load} of the same file, unchanged since (same size and modification time), takes what it read, or
     * throws what reading it threw. Reading ahead a file no one loads costs that thread's time and nothing else.
     *
     * @param file a securities file, or one that does not exist (nothing is then read).
     */
    public static void readAhead(final Path file)
    {
        final ReadAhead ahead = ReadAhead.of(file);
        if (ahead != null)
        {
            readAhead = ahead;
            ahead.thread.start();
        }
    }

    /** The latest file read ahead, or null. */
    private static volatile ReadAhead readAhead;

    /** A securities file read on a thread of its own, and what the read gave. */
    private static final class ReadAhead implements Runnable
    {
        /** As given: read, and named in messages, as a load of it would; a load of the same path takes it. */
        private final Path file;
        private final long size;
        private final long modified;
        private final Thread thread;
        private ReferenceData data;
        private RuntimeException failure;
        private Error error;

        private ReadAhead(final Path file, final long size, final long modified)
        {
            this.file = file;
            this.size = size;
            this.modified = modified;
            this.thread = new Thread(this, "moneyflow-securities");
            thread.setDaemon(true);
        }

        static ReadAhead of(final Path file)
        {
            final long[] stamp = stamp(file);
            return stamp == null ? null : new ReadAhead(file, stamp[0], stamp[1]);
        }

        /** @return the file's size and modification time, or null when it is not a readable regular file. */
        private static long[] stamp(final Path file)
        {
            try
            {
                final java.nio.file.attribute.BasicFileAttributes attributes =
                    Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
                return attributes.isRegularFile() ?
                    new long[] {attributes.size(), attributes.lastModifiedTime().toMillis()} : null;
            }
            catch (final IOException ex)
            {
                return null;
            }
        }

        @Override
        public void run()
        {
            try
            {
                data = read(file);
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
            catch (final Error ex)
            {
                error = ex;
            }
        }

        boolean isOf(final Path other)
        {
            if (!other.equals(file))
            {
                return false;
            }
            final long[] stamp = stamp(other);
            return stamp != null && stamp[0] == size && stamp[1] == modified;
        }

        /** @return what the read gave, once it is done (the join makes the thread's writes visible here). */
        ReferenceData get()
        {
            boolean interrupted = false;
            while (true)
            {
                try
                {
                    thread.join();
                    break;
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
            if (error != null)
            {
                throw error;
            }
            if (failure != null)
            {
                throw failure;
            }
            return data;
        }
    }

    private static ReferenceData read(final Path file)
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
        final Map<String, Integer> seen = new HashMap<>();
        boolean headerSeen = false;
        boolean datedFile = false;
        // rows repeat their validFrom: the last one's text and value, so that java.time parses each date once
        String lastDateText = null;
        int lastDate = 0;
        final ConfigLines lines = ConfigLines.trimmed(reader);
        String trimmed;
        while ((trimmed = lines.next()) != null)
        {
            final int lineNumber = lines.lineNumber();
            if (!headerSeen)
            {
                final String header = trimmed.replace(" ", "");
                if (!header.equals(HEADER) && !header.equals(DATED_HEADER))
                {
                    throw new IllegalArgumentException(label + ":" + lineNumber + ": expected header '" + HEADER +
                        "' or '" + DATED_HEADER + "'");
                }
                headerSeen = true;
                datedFile = header.equals(DATED_HEADER);
                continue;
            }
            final String[] cells = ConfigLines.cells(trimmed, label, lineNumber);
            final int columns = datedFile ? 9 : 8;
            if (cells.length != columns)
            {
                throw new IllegalArgumentException(
                    label + ":" + lineNumber + ": expected " + columns + " columns, found " + cells.length);
            }
            final int validFrom;
            if (!datedFile)
            {
                validFrom = Security.UNDATED;
            }
            else if (cells[8].equals(lastDateText))
            {
                validFrom = lastDate;
            }
            else
            {
                validFrom = date(cells[8], label, lineNumber);
                lastDateText = cells[8];
                lastDate = validFrom;
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
            final Integer earlier = seen.put(key + "@" + validFrom, lineNumber);
            if (earlier != null)
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": " + SymbolCodes.format(key) +
                    (validFrom == Security.UNDATED ? " listed twice without a validFrom" :
                    " listed twice valid from " + formatDate(validFrom)) + " (first on line " + earlier + ")");
            }
            final List<String> sectors = sectors(cells[3]);
            rows.add(new Security(
                key,
                cells[1].trim(),
                sectors,
                number(cells[4], 0, label, lineNumber, "floatShares"),
                number(cells[5], 0, label, lineNumber, "totalShares"),
                number(cells[6], 4, label, lineNumber, "pe"),
                number(cells[7], 4, label, lineNumber, "prevClose"),
                validFrom));
        }
        if (!headerSeen)
        {
            throw new IllegalArgumentException(label + ": no header '" + HEADER + "'");
        }
        return new ReferenceData(rows);
    }

    /** The sectors of a row: its cell's names between '|', trimmed, blanks dropped (a plain loop: read at start-up). */
    private static List<String> sectors(final String cell)
    {
        if (cell.trim().isEmpty())
        {
            return List.of();
        }
        final List<String> sectors = new ArrayList<>(2);
        int from = 0;
        while (true)
        {
            final int bar = cell.indexOf('|', from);
            final String name = (bar < 0 ? cell.substring(from) : cell.substring(from, bar)).trim();
            if (!name.isEmpty())
            {
                sectors.add(name);
            }
            if (bar < 0)
            {
                return List.copyOf(sectors);
            }
            from = bar + 1;
        }
    }

    private static int date(final String cell, final String label, final int line)
    {
        final String text = cell.trim();
        if (text.isEmpty())
        {
            return Security.UNDATED;
        }
        try
        {
            final java.time.LocalDate date = java.time.LocalDate.parse(text);
            return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        }
        catch (final java.time.format.DateTimeParseException ex)
        {
            throw new IllegalArgumentException(label + ":" + line + ": validFrom '" + text +
                "' is not a date such as 2023-02-01");
        }
    }

    private static String formatDate(final int yyyymmdd)
    {
        return String.format("%04d-%02d-%02d", yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    private static long number(
        final String cell, final int scale, final String label, final int line, final String column)
    {
        // grouping commas, as a spreadsheet writes 1,256,197,800 (a quoted cell)
        final String text = ConfigLines.ungrouped(cell.trim());
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
        final boolean dated = rows.stream().anyMatch(Security::dated);
        final StringBuilder sb = new StringBuilder(dated ? DATED_HEADER : HEADER).append('\n');
        for (final Security s : rows)
        {
            sb.append(s.symbol()).append(',').append(csv(s.name())).append(',')
                .append(SymbolCodes.exchangeName(s.exchange())).append(',')
                .append(csv(String.join("|", s.sectors()))).append(',')
                .append(s.floatShares() == Security.ABSENT ? "" : Long.toString(s.floatShares())).append(',')
                .append(s.totalShares() == Security.ABSENT ? "" : Long.toString(s.totalShares())).append(',')
                .append(decimal(s.peX10000())).append(',')
                .append(decimal(s.prevClose()));
            if (dated)
            {
                sb.append(',').append(s.dated() ? formatDate(s.validFrom()) : "");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return a cell as the file reads it back: in double quotes when it holds a comma or a quote. */
    private static String csv(final String cell)
    {
        return cell.indexOf(',') < 0 && cell.indexOf('"') < 0 ? cell : '"' + cell.replace("\"", "\"\"") + '"';
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
     * @return every security once (its first row), in file order; ids are positions in this list.
     */
    public List<Security> securities()
    {
        return securities;
    }

    /**
     * @return every row, dated or not, in file order.
     */
    public List<Security> rows()
    {
        return rows;
    }

    /**
     * @return the undated rows that give a figure (float shares, total shares, PE or previous close) that is therefore
     *         never used.
     */
    public int undatedFigures()
    {
        int n = 0;
        for (final Security row : undatedByKey.values())
        {
            if (row.hasFigures())
            {
                n++;
            }
        }
        return n;
    }

    /**
     * @param symbolKey packed key.
     * @return the symbol's first row, or null when unknown: who it is, not its figures of any day.
     */
    public Security find(final long symbolKey)
    {
        return byKey.get(symbolKey);
    }

    /**
     * The security as it was on a day: the dated row with the latest {@code validFrom} not after the day, with its
     * previous close only when it is valid from that very day; without such a row, the undated row's name and sectors
     * and no figure. Called by the report and alert code (not the hot path); allocates.
     *
     * @param symbolKey packed key.
     * @param date      the trading day, yyyymmdd.
     * @return the security on that day, or null when the symbol has no row at all.
     */
    public Security find(final long symbolKey, final int date)
    {
        final Security[] dated = datedByKey.get(symbolKey);
        Security row = null;
        if (dated != null)
        {
            for (final Security candidate : dated)
            {
                if (candidate.validFrom() <= date)
                {
                    row = candidate;
                }
            }
        }
        if (row != null)
        {
            return row.validFrom() == date ? row : new Security(row.symbolKey(), row.name(), row.sectors(),
                row.floatShares(), row.totalShares(), row.peX10000(), Security.ABSENT, row.validFrom());
        }
        final Security undated = undatedByKey.get(symbolKey);
        if (undated != null)
        {
            return new Security(undated.symbolKey(), undated.name(), undated.sectors(), Security.ABSENT,
                Security.ABSENT, Security.ABSENT, Security.ABSENT, Security.UNDATED);
        }
        return byKey.containsKey(symbolKey) ? new Security(symbolKey, "", List.of(), Security.ABSENT, Security.ABSENT,
            Security.ABSENT, Security.ABSENT, Security.UNDATED) : null;
    }
}

package io.moneyflow.classify;

import io.moneyflow.codec.AsciiNumbers;
import io.moneyflow.codec.ConfigLines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Size classes (大小单): which class a fill or an order of a given size belongs to.
 * <p>
 * A scheme is a table of classes from largest to smallest. A size is in the highest class whose share threshold OR
 * amount threshold it meets; thresholds are inclusive and either may be absent. The last class is the catch-all.
 * Main force (主力) is the first {@link #mainClassCount()} classes: by default the upper half of the table (XL and L
 * of four classes; the first of two or three), or the rows marked {@code yes} in an optional fourth column.
 * <p>
 * Scheme files are CSV with the header {@code class,minShares,minAmount[,main]}; amounts are in yuan. Built-in
 * schemes: {@code eastmoney} (default), {@code tushare}, {@code sina}, {@code seed}. Immutable and thread-safe;
 * {@link #classify(long, long)} runs on the classify thread and allocates nothing.
 */
public final class SizeScheme
{
    /** Upper bound on classes, fixed so that counter records have a bounded stride. */
    public static final int MAX_CLASSES = 8;
    /** The schemes shipped in the jar, by name. */
    public static final List<String> BUILT_IN = List.of("eastmoney", "tushare", "sina", "seed");
    /** The default scheme. */
    public static final String DEFAULT = "eastmoney";

    private static final long NONE = -1;

    private final String name;
    private final String[] classNames;
    private final long[] minShares;
    private final long[] minAmount;
    private final int mainClassCount;

    private SizeScheme(
        final String name, final String[] classNames, final long[] minShares, final long[] minAmount, final int main)
    {
        this.name = name;
        this.classNames = classNames;
        this.minShares = minShares;
        this.minAmount = minAmount;
        this.mainClassCount = main;
    }

    /**
     * Resolves a scheme by built-in name or file path.
     *
     * @param nameOrFile {@code eastmoney}, {@code tushare}, {@code sina}, {@code seed}, or the path of a scheme file.
     * @return the scheme.
     * @throws IllegalArgumentException when the name is unknown or the file is malformed.
     */
    public static SizeScheme resolve(final String nameOrFile)
    {
        final String lower = nameOrFile.toLowerCase(Locale.ROOT);
        if (BUILT_IN.contains(lower))
        {
            final String resource = "schemes/" + lower + ".csv";
            try (InputStream in = SizeScheme.class.getResourceAsStream(resource))
            {
                if (in == null)
                {
                    throw new IllegalStateException("built-in scheme missing from the jar: " + resource);
                }
                return parse(lower, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), lower);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        final Path path = Path.of(nameOrFile);
        if (!Files.isRegularFile(path))
        {
            throw new IllegalArgumentException("unknown scheme '" + nameOrFile + "': not one of " + BUILT_IN +
                " and not a readable file");
        }
        try (BufferedReader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8))
        {
            final String fileName = path.getFileName().toString();
            final String schemeName = fileName.endsWith(".csv") ? fileName.substring(0, fileName.length() - 4) : fileName;
            return parse(schemeName, reader, path.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read scheme file " + path + ": " + ex.getMessage(), ex);
        }
    }

    static SizeScheme parse(final String name, final BufferedReader reader, final String label) throws IOException
    {
        final List<String> names = new ArrayList<>();
        final List<long[]> thresholds = new ArrayList<>();
        final List<Boolean> mainMarks = new ArrayList<>();
        boolean header = false;
        boolean hasMainColumn = false;
        final ConfigLines lines = ConfigLines.stripped(reader);
        String trimmed;
        while ((trimmed = lines.next()) != null)
        {
            final int lineNumber = lines.lineNumber();
            final String[] cells = ConfigLines.cells(trimmed, label, lineNumber);
            if (!header)
            {
                final String normalized = trimmed.replace(" ", "");
                if (normalized.equals("class,minShares,minAmount,main"))
                {
                    hasMainColumn = true;
                }
                else if (!normalized.equals("class,minShares,minAmount"))
                {
                    throw new IllegalArgumentException(
                        label + ":" + lineNumber + ": expected header 'class,minShares,minAmount[,main]'");
                }
                header = true;
                continue;
            }
            if (cells.length != (hasMainColumn ? 4 : 3))
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": expected " +
                    (hasMainColumn ? 4 : 3) + " columns");
            }
            final String className = cells[0].strip();
            if (className.isEmpty() || !className.matches("[A-Za-z0-9_+-]{1,15}"))
            {
                throw new IllegalArgumentException(label + ":" + lineNumber +
                    ": class name must be 1-15 letters, digits, '_', '+' or '-'");
            }
            if (names.contains(className))
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": class " + className + " listed twice");
            }
            final long shares = threshold(cells[1], 0, label, lineNumber);
            final long amount = threshold(cells[2], 4, label, lineNumber);
            names.add(className);
            thresholds.add(new long[]{shares, amount});
            if (hasMainColumn)
            {
                final String mark = cells[3].strip().toLowerCase(Locale.ROOT);
                if (!mark.equals("yes") && !mark.equals("no") && !mark.isEmpty())
                {
                    throw new IllegalArgumentException(label + ":" + lineNumber + ": main must be yes or no");
                }
                mainMarks.add(mark.equals("yes"));
            }
        }
        if (names.size() < 2 || names.size() > MAX_CLASSES)
        {
            throw new IllegalArgumentException(label + ": a scheme needs 2 to " + MAX_CLASSES + " classes, found " +
                names.size());
        }
        final int n = names.size();
        final long[] last = thresholds.get(n - 1);
        if (last[0] != NONE || last[1] != NONE)
        {
            throw new IllegalArgumentException(label + ": the last class (" + names.get(n - 1) +
                ") is the catch-all and must have empty thresholds");
        }
        final long[] shares = new long[n];
        final long[] amounts = new long[n];
        for (int i = 0; i < n; i++)
        {
            shares[i] = thresholds.get(i)[0];
            amounts[i] = thresholds.get(i)[1];
            if (i < n - 1 && shares[i] == NONE && amounts[i] == NONE)
            {
                throw new IllegalArgumentException(label + ": class " + names.get(i) +
                    " has no threshold; only the last class may be a catch-all");
            }
        }
        int main = Math.max(1, n / 2);
        if (hasMainColumn)
        {
            main = 0;
            for (int i = 0; i < n; i++)
            {
                if (mainMarks.get(i))
                {
                    if (i != main)
                    {
                        throw new IllegalArgumentException(label +
                            ": main-force classes must be the first rows of the table, without gaps");
                    }
                    main++;
                }
            }
            if (main == 0 || main == n)
            {
                throw new IllegalArgumentException(label + ": mark at least one class, and not every class, as main");
            }
        }
        return new SizeScheme(name, names.toArray(new String[0]), shares, amounts, main);
    }

    private static long threshold(final String cell, final int scale, final String label, final int line)
    {
        // grouping commas, as a spreadsheet writes 1,000,000 (a quoted cell)
        final String text = ConfigLines.ungrouped(cell.strip());
        if (text.isEmpty())
        {
            return NONE;
        }
        final byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        final long value = scale == 0 ?
            AsciiNumbers.parseScaledExact(bytes, 0, bytes.length, 0) :
            AsciiNumbers.parseScaled(bytes, 0, bytes.length, scale);
        if (value == AsciiNumbers.INVALID || value < 0)
        {
            throw new IllegalArgumentException(label + ":" + line + ": threshold '" + text +
                "' must be a non-negative number (shares whole)");
        }
        return value;
    }

    /**
     * The scheme as a scheme file's text ({@code class,minShares,minAmount,main}), which {@link #fromTable} reads
     * back to an equal scheme. The journal keeps it, so that a replay classifies as the live run did.
     *
     * @return the table.
     */
    public String toTable()
    {
        final StringBuilder sb = new StringBuilder("class,minShares,minAmount,main\n");
        for (int i = 0; i < classNames.length; i++)
        {
            sb.append(classNames[i]).append(',')
                .append(minShares[i] == NONE ? "" : Long.toString(minShares[i])).append(',')
                .append(minAmount[i] == NONE ? "" :
                    java.math.BigDecimal.valueOf(minAmount[i], 4).stripTrailingZeros().toPlainString()).append(',')
                .append(i < mainClassCount ? "yes" : "no").append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads a scheme from a table's text.
     *
     * @param name  the scheme's name.
     * @param table text as {@link #toTable()} writes it, or as a scheme file holds it.
     * @return the scheme.
     */
    public static SizeScheme fromTable(final String name, final String table)
    {
        try
        {
            return parse(name, new BufferedReader(new java.io.StringReader(table)), "scheme " + name);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The class of a size.
     *
     * @param shares      quantity in shares.
     * @param amountMinor amount in 1/10000 yuan.
     * @return the class index, 0 = largest.
     */
    public int classify(final long shares, final long amountMinor)
    {
        final int last = classNames.length - 1;
        for (int i = 0; i < last; i++)
        {
            final long s = minShares[i];
            final long a = minAmount[i];
            if ((s != NONE && shares >= s) || (a != NONE && amountMinor >= a))
            {
                return i;
            }
        }
        return last;
    }

    /**
     * @return the scheme's name: the built-in name or the file name without {@code .csv}.
     */
    public String name()
    {
        return name;
    }

    /**
     * @return number of classes.
     */
    public int classCount()
    {
        return classNames.length;
    }

    /**
     * @param index class index.
     * @return the class name as the scheme spells it.
     */
    public String className(final int index)
    {
        return classNames[index];
    }

    /**
     * @return how many leading classes make up the main force.
     */
    public int mainClassCount()
    {
        return mainClassCount;
    }

    /**
     * @param index class index.
     * @return minimum shares, or -1 when the class has no share threshold.
     */
    public long minShares(final int index)
    {
        return minShares[index];
    }

    /**
     * @param index class index.
     * @return minimum amount in 1/10000 yuan, or -1 when the class has no amount threshold.
     */
    public long minAmountMinor(final int index)
    {
        return minAmount[index];
    }

    @Override
    public String toString()
    {
        return name;
    }
}

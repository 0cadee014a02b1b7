package io.moneyflow.tools;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.zip.ZipFile;

/**
 * The real trades of the 2023-02-01 sample day (tradeData.csv of ddb-l2-20230201), read for tests that make days of
 * their own from them: the k-th of every n lines, dated on the k-th of n dates, so that each day has real prices and
 * flows of its own.
 */
final class SampleDays
{
    /** Five consecutive SSE/SZSE trading days (the weekend 2023-02-04 and 02-05 between them). */
    static final String[] FIVE_DAYS = {"2023-02-01", "2023-02-02", "2023-02-03", "2023-02-06", "2023-02-07"};

    /** tradeData.csv's header line. */
    final String header;
    /** The data lines kept, in the file's order. */
    final List<String> lines;

    private SampleDays(final String header, final List<String> lines)
    {
        this.header = header;
        this.lines = lines;
    }

    /**
     * @param keep which data lines to keep.
     * @return the header and the data lines kept.
     */
    static SampleDays read(final Predicate<String> keep) throws IOException
    {
        final List<String> lines = new ArrayList<>();
        final String header;
        try (ZipFile zip = new ZipFile(Cli.sample("ddb-l2-20230201/tradeData.zip"));
            BufferedReader in = new BufferedReader(new InputStreamReader(
                zip.getInputStream(zip.getEntry("tradeData.csv")), StandardCharsets.UTF_8)))
        {
            header = in.readLine();
            String line;
            while ((line = in.readLine()) != null)
            {
                if (keep.test(line))
                {
                    lines.add(line);
                }
            }
        }
        return new SampleDays(header, lines);
    }

    /**
     * @return the SZSE lines (000001.SZ's: those ending ",SZ").
     */
    static SampleDays sz() throws IOException
    {
        return read(line -> line.endsWith(",SZ"));
    }

    /**
     * Writes days of 000001.SZ (with the other SZSE lines: the k-th of every n on the k-th of n dates).
     *
     * @param dir   where: DIR/yyyy-MM-dd.csv.
     * @param dates yyyy-MM-dd.
     * @return the files, in the order of the dates.
     */
    static List<Path> szDays(final Path dir, final String... dates) throws IOException
    {
        return sz().write(dates, k -> dir.resolve(dates[k] + ".csv"));
    }

    /**
     * Writes a day per date: the header, then the k-th of every {@code dates.length} lines, dated {@code dates[k]}.
     *
     * @param dates yyyy-MM-dd.
     * @param file  where the k-th day goes.
     * @return the files, in the order of the dates.
     */
    List<Path> write(final String[] dates, final IntFunction<Path> file) throws IOException
    {
        final List<Path> days = new ArrayList<>();
        for (int k = 0; k < dates.length; k++)
        {
            final List<String> day = new ArrayList<>(List.of(header));
            for (int i = k; i < lines.size(); i += dates.length)
            {
                day.add(lines.get(i).replace("2023.02.01T", dates[k].replace('-', '.') + "T"));
            }
            final Path path = file.apply(k);
            Files.write(path, day);
            days.add(path);
        }
        return days;
    }
}

package io.moneyflow.flink;

import io.moneyflow.EngineContext;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.counters.FlowCounters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The job's second, small step, on the client once the job has finished: the stock-day lines its sink committed
 * ({@link StockDayLines}) put into a counters file, as one engine would have written it (every stock-day's record,
 * the run's rejections by reason), so that every reader of a run reads it: {@code moneyflow counters FILE} (the
 * {@code flow} table, CSV, JSON, with sector and market rows), {@code moneyflow close-day --from-counters FILE} (the
 * history store), {@code moneyflow minutes --from-counters FILE}, and {@link CountersDigest} (the digest
 * {@code flow} prints). A stock-day found twice is an error: the job's output would be doubled.
 * <p>
 * A counters file holds at most 2 GiB (about 40,000 stock-days of 1-minute bars, eight days of the full market), as
 * one engine's does. A run with more is written one file per day instead, {@code DIR/days/YYYYMMDD.counters}; the
 * run's rejections, which no day owns, are then in none of them (they are in the result), and there is no one digest
 * of the run. Two passes over the lines: the stock-days are counted, then copied out by day and into the file(s) a
 * day at a time, in date order (slots numbered in date order, as an engine numbers them); nothing holds them all.
 */
public final class Assembly
{
    /**
     * What the assembly made.
     *
     * @param files     the counters file, or one per day.
     * @param stockDays stock-days in them.
     * @param digest    the run's digest, as {@code flow} prints it (with one file), else null.
     * @param rejected  the run's rejections, by {@code RejectReason} ordinal.
     * @param notes     the inputs' notes, as {@code flow} prints them on stderr.
     * @param fails     whether {@code flow} would have failed the run (an input skipped, or one with nothing read).
     */
    public record Result(List<Path> files, int stockDays, String digest, long[] rejected, List<String> notes,
        boolean fails)
    {
        /**
         * @return the one counters file.
         * @throws IllegalStateException when the run was written one file per day.
         */
        public Path counters()
        {
            if (digest == null)
            {
                throw new IllegalStateException("written one file per day: " + files.size() + " files");
            }
            return files.get(0);
        }
    }

    private Assembly()
    {
    }

    /**
     * @param lines    the directory the job's sink wrote (committed files; in-progress ones, named with a leading
     *                 dot, are not read).
     * @param settings the job's settings (the counters' geometry: scheme, bars, mode).
     * @param counters the counters file to write (its directory receives {@code days/} when the run needs more).
     * @return what was made.
     */
    public static Result assemble(final Path lines, final JobSettings settings, final Path counters)
    {
        return assemble(lines, settings, counters, Integer.MAX_VALUE);
    }

    /**
     * As {@link #assemble(Path, JobSettings, Path)}, with the largest one file may be (for tests of the files per day).
     */
    static Result assemble(final Path lines, final JobSettings settings, final Path counters, final long maxFileBytes)
    {
        final List<Path> files = lineFiles(lines);
        // first pass: the stock-days (each once), the statistics, the notes
        final Set<String> seen = new HashSet<>();
        final Map<Integer, Integer> perDay = new TreeMap<>();
        final long[] stats = new long[CountersDescriptor.STATS_COUNT];
        final Map<Integer, List<String>> notesByInput = new TreeMap<>();
        final boolean[] fails = {false};
        forEachLine(files, line ->
        {
            if (line.startsWith("D,"))
            {
                final int second = line.indexOf(',', 2);
                final int third = line.indexOf(',', second + 1);
                final String key = line.substring(2, third);
                if (!seen.add(key))
                {
                    throw new IllegalStateException("stock-day " + key + " found twice in " + lines +
                        ": the job's output is doubled");
                }
                perDay.merge(Integer.parseInt(line.substring(second + 1, third)), 1, Integer::sum);
            }
            else if (line.startsWith("S,"))
            {
                for (final String pair : line.substring(2).split(";"))
                {
                    final int eq = pair.indexOf('=');
                    stats[Integer.parseInt(pair.substring(0, eq))] += Long.parseLong(pair.substring(eq + 1));
                }
            }
            else if (line.startsWith("N,"))
            {
                final String[] parts = line.split(",", 4);
                notesByInput.computeIfAbsent(Integer.parseInt(parts[1]), k -> new ArrayList<>()).add(parts[3]);
                fails[0] |= Boolean.parseBoolean(parts[2]);
            }
            else if (!line.isEmpty())
            {
                throw new IllegalStateException("not a line of the job's output: " +
                    line.substring(0, Math.min(40, line.length())));
            }
        });
        final List<String> notes = new ArrayList<>();
        notesByInput.values().forEach(notes::addAll);
        final long[] rejected = new long[stats.length - CountersDescriptor.REJECT_BASE];
        System.arraycopy(stats, CountersDescriptor.REJECT_BASE, rejected, 0, rejected.length);

        final EngineContext context = settings.context().conclude();
        final String[] classNames = new String[context.scheme().classCount()];
        for (int i = 0; i < classNames.length; i++)
        {
            classNames[i] = context.scheme().className(i);
        }
        final int barCount = new TradingSession(context.barMinutes()).barCount();
        final boolean oneFile = CountersDescriptor.fileLength(Math.max(1, seen.size()), classNames.length, barCount) <=
            maxFileBytes;
        // second pass: each stock-day into its file
        final Map<Integer, FlowCounters> byDay = new TreeMap<>();
        final List<Path> written = new ArrayList<>();
        FlowCounters single = null;
        try
        {
            if (oneFile)
            {
                Files.deleteIfExists(counters);
                final FlowCounters file = create(counters, seen.size(), context, classNames, barCount);
                single = file;
                perDay.keySet().forEach(day -> byDay.put(day, file));
                written.add(counters);
            }
            else
            {
                final Path days = Files.createDirectories(counters.toAbsolutePath().getParent().resolve("days"));
                for (final Map.Entry<Integer, Integer> day : perDay.entrySet())
                {
                    final Path file = days.resolve(day.getKey() + ".counters");
                    byDay.put(day.getKey(), create(file, day.getValue(), context, classNames, barCount));
                    written.add(file);
                }
            }
            // the lines of each day apart first, then the days in date order: slots in date order, as an engine
            // numbers them (a stock's days in order, which readers such as minutes follow)
            final Path sorting = Files.createTempDirectory(counters.toAbsolutePath().getParent(), ".assembly");
            final Map<Integer, java.io.BufferedWriter> writers = new TreeMap<>();
            try
            {
                forEachLine(files, line ->
                {
                    if (line.startsWith("D,"))
                    {
                        final int second = line.indexOf(',', 2);
                        final int third = line.indexOf(',', second + 1);
                        final int day = Integer.parseInt(line.substring(second + 1, third));
                        try
                        {
                            final java.io.BufferedWriter writer = writers.computeIfAbsent(day, d -> open(sorting, d));
                            writer.write(line, third + 1, line.length() - third - 1);
                            writer.newLine();
                        }
                        catch (final IOException ex)
                        {
                            throw new UncheckedIOException(ex);
                        }
                    }
                });
                for (final java.io.BufferedWriter writer : writers.values())
                {
                    writer.close();
                }
                for (final Integer day : writers.keySet())
                {
                    final FlowCounters file = byDay.get(day);
                    forEachLine(List.of(sorting.resolve(day.toString())),
                        line -> file.appendRecord(StockDayLines.record(line)));
                }
            }
            finally
            {
                for (final java.io.BufferedWriter writer : writers.values())
                {
                    writer.close();
                }
                try (Stream<Path> walk = Files.walk(sorting))
                {
                    for (final Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
                    {
                        Files.delete(p);
                    }
                }
            }
            String digest = null;
            if (single != null)
            {
                for (int i = StockDayLines.FIRST_STAT; i < CountersDescriptor.HEALTH_BASE; i++)
                {
                    single.putStat(i, stats[i]);
                }
                single.markClosed();
                digest = CountersDigest.sha256(single);
            }
            else
            {
                byDay.values().forEach(FlowCounters::markClosed);
            }
            return new Result(written, seen.size(), digest, rejected, notes, fails[0]);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        finally
        {
            final Set<FlowCounters> open = new HashSet<>(byDay.values());
            if (single != null)
            {
                open.add(single);
            }
            open.forEach(FlowCounters::close);
        }
    }

    private static java.io.BufferedWriter open(final Path dir, final int day)
    {
        try
        {
            return Files.newBufferedWriter(dir.resolve(Integer.toString(day)), StandardCharsets.US_ASCII);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static FlowCounters create(final Path file, final int slots, final EngineContext context,
        final String[] classNames, final int barCount)
    {
        return FlowCounters.create(file, Math.max(1, slots), context.scheme().name(), classNames,
            context.scheme().mainClassCount(), context.barMinutes(), barCount, context.mode().ordinal());
    }

    private static List<Path> lineFiles(final Path lines)
    {
        try (Stream<Path> walk = Files.walk(lines))
        {
            return walk.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static void forEachLine(final List<Path> files, final java.util.function.Consumer<String> each)
    {
        for (final Path file : files)
        {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    each.accept(line);
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(file + ": " + ex.getMessage(), ex);
            }
        }
    }
}

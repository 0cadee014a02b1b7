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
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The job's second, small step, on the client once the job has finished: the stock-day lines its sink committed
 * ({@link StockDayLines}) put into one counters file, as one engine would have written them (every stock-day's record,
 * the run's rejections by reason), so that every reader of a run reads it: {@code moneyflow counters FILE} (the
 * {@code flow} table, CSV, JSON, with sector and market rows), {@code moneyflow close-day --from-counters FILE} (the
 * history store), {@code moneyflow minutes --from-counters FILE}, and {@link CountersDigest} (the digest
 * {@code flow} prints). A stock-day found twice is an error: the job's output would be doubled.
 */
public final class Assembly
{
    /**
     * What the assembly made.
     *
     * @param counters  the counters file.
     * @param stockDays stock-days in it.
     * @param digest    its digest, as {@code flow} prints it.
     * @param notes     the inputs' notes, as {@code flow} prints them on stderr.
     * @param fails     whether {@code flow} would have failed the run (an input skipped, or one with nothing read).
     */
    public record Result(Path counters, int stockDays, String digest, List<String> notes, boolean fails)
    {
    }

    private Assembly()
    {
    }

    /**
     * @param lines    the directory the job's sink wrote (committed files; in-progress ones, named with a leading
     *                 dot, are not read).
     * @param settings the job's settings (the counters' geometry: scheme, bars, mode).
     * @param counters the counters file to write.
     * @return what was made.
     */
    public static Result assemble(final Path lines, final JobSettings settings, final Path counters)
    {
        final Map<String, byte[]> days = new TreeMap<>();
        final long[] stats = new long[CountersDescriptor.STATS_COUNT];
        final List<String> notes = new ArrayList<>();
        boolean fails = false;
        final List<Path> files;
        try (Stream<Path> walk = Files.walk(lines))
        {
            files = walk.filter(Files::isRegularFile)
                .filter(p -> !p.getFileName().toString().startsWith("."))
                .sorted()
                .toList();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        final Map<Integer, List<String>> notesByInput = new TreeMap<>();
        for (final Path file : files)
        {
            try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    if (line.startsWith("D,"))
                    {
                        final String[] parts = line.split(",", 4);
                        // symbol then date: the order of a counters file's digest
                        final String key = parts[1] + "," + parts[2];
                        if (days.put(key, Base64.getDecoder().decode(parts[3])) != null)
                        {
                            throw new IllegalStateException("stock-day " + key + " found twice in " + lines +
                                ": the job's output is doubled");
                        }
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
                        fails |= Boolean.parseBoolean(parts[2]);
                    }
                    else if (!line.isEmpty())
                    {
                        throw new IllegalStateException(file + ": not a line of the job's output: " +
                            line.substring(0, Math.min(40, line.length())));
                    }
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }
        notesByInput.values().forEach(notes::addAll);
        final EngineContext context = settings.context().conclude();
        final String[] classNames = new String[context.scheme().classCount()];
        for (int i = 0; i < classNames.length; i++)
        {
            classNames[i] = context.scheme().className(i);
        }
        final String digest;
        try (FlowCounters file = FlowCounters.create(counters, Math.max(1, days.size()), context.scheme().name(),
            classNames, context.scheme().mainClassCount(), context.barMinutes(),
            new TradingSession(context.barMinutes()).barCount(), context.mode().ordinal()))
        {
            for (final byte[] record : days.values())
            {
                file.appendRecord(record);
            }
            for (int i = StockDayLines.FIRST_STAT; i < CountersDescriptor.HEALTH_BASE; i++)
            {
                file.putStat(i, stats[i]);
            }
            file.markClosed();
            digest = CountersDigest.sha256(file);
        }
        return new Result(counters, days.size(), digest, notes, fails);
    }
}

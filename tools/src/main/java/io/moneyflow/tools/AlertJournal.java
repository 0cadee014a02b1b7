package io.moneyflow.tools;

import io.moneyflow.codec.TimeFormat;
import io.moneyflow.signal.AlertRules.Alert;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Where alerts go, each once: the history store's {@code alerts} table (keyed by day, time, signal and subject, so
 * that evaluating a window again raises nothing new), a Chronicle Queue journal under {@code DATA_DIR/alerts/} that
 * {@code moneyflow alerts} prints and follows, and {@code DATA_DIR/alerts.jsonl}, one JSON object per line, for other
 * programs.
 */
final class AlertJournal implements AutoCloseable
{
    private final HistoryStore store;
    private final Path dataDir;
    private final ChronicleQueue queue;

    AlertJournal(final HistoryStore store, final Path dataDir)
    {
        this.store = store;
        this.dataDir = dataDir;
        store.execute("create table if not exists alerts (key varchar primary key, date date, time varchar, " +
            "signal varchar, kind varchar, subject varchar, against varchar, time_window varchar, json varchar)");
        this.queue = open(dataDir);
    }

    static ChronicleQueue open(final Path dataDir)
    {
        return ChronicleQueue.singleBuilder(dataDir.resolve("alerts").toFile()).rollCycle(RollCycles.FAST_DAILY).build();
    }

    /**
     * Records the alerts not recorded before.
     *
     * @param alerts raised alerts.
     * @return those that were new.
     */
    List<Alert> record(final List<Alert> alerts)
    {
        final List<Alert> fresh = new ArrayList<>();
        final StringBuilder lines = new StringBuilder();
        try (ExcerptAppender appender = queue.createAppender())
        {
            for (final Alert a : alerts)
            {
                final String json = json(a);
                if (store.insertIfAbsent("insert into alerts values (?, cast(? as date), ?, ?, ?, ?, ?, ?, ?) on " +
                    "conflict do nothing", a.key(), TimeFormat.formatDate(a.date()), TimeFormat.formatTime(a.timeMs()),
                    a.signal(), a.kind(), a.subject(), a.against(), a.window(), json))
                {
                    appender.writeText(json);
                    lines.append(json).append('\n');
                    fresh.add(a);
                }
            }
        }
        if (lines.length() > 0)
        {
            try
            {
                Files.writeString(dataDir.resolve("alerts.jsonl"), lines, StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot append to " + dataDir.resolve("alerts.jsonl"), ex);
            }
        }
        return fresh;
    }

    /**
     * One alert as a JSON object: date, time, window, signal, kind, subject, against, values, limits.
     */
    static String json(final Alert a)
    {
        final Json json = new Json().beginObject()
            .string("date", TimeFormat.formatDate(a.date()))
            .string("time", TimeFormat.formatTime(a.timeMs()))
            .string("window", a.window())
            .string("signal", a.signal())
            .string("kind", a.kind())
            .string("subject", a.subject());
        if (!a.against().isEmpty())
        {
            json.string("against", a.against());
        }
        json.name("values").beginObject();
        for (final Map.Entry<String, BigDecimal> e : a.values().entrySet())
        {
            json.number(e.getKey(), e.getValue() == null ? null : e.getValue().stripTrailingZeros().toPlainString());
        }
        json.endObject().name("limits").beginObject();
        for (final Map.Entry<String, BigDecimal> e : a.limits().entrySet())
        {
            json.number(e.getKey(), e.getValue() == null ? null : e.getValue().stripTrailingZeros().toPlainString());
        }
        return json.endObject().endObject().toString();
    }

    /**
     * Prints the journaled alerts that pass a filter, oldest first; with follow, waits for more until interrupted.
     *
     * @param dataDir the data directory.
     * @param filter  which JSON lines to print.
     * @param follow  keep reading as alerts are journaled.
     * @param out     where each line goes.
     * @return lines printed.
     */
    static long read(final Path dataDir, final Predicate<String> filter, final boolean follow,
        final java.util.function.Consumer<String> out)
    {
        long printed = 0;
        try (ChronicleQueue q = open(dataDir); ExcerptTailer tailer = q.createTailer())
        {
            while (true)
            {
                final String line = tailer.readText();
                if (line == null)
                {
                    if (!follow || Thread.currentThread().isInterrupted())
                    {
                        return printed;
                    }
                    java.util.concurrent.locks.LockSupport.parkNanos(50_000_000L);
                    continue;
                }
                if (filter.test(line))
                {
                    out.accept(line);
                    printed++;
                }
            }
        }
    }

    @Override
    public void close()
    {
        queue.close();
    }
}

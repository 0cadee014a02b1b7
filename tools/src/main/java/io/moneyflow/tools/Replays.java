package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.JournalHeaders;
import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalException;
import io.moneyflow.journal.JournalReplay;
import io.moneyflow.journal.ReplayFilter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Shared by {@code replay} and {@code audit}: open a journal, launch an engine with its settings, replay it.
 */
final class Replays
{
    private Replays()
    {
    }

    /** A replayed journal: the engine holding the rebuilt counters, and what was replayed. */
    record Replayed(Run run, JournalReplay replay, EngineContext context)
    {
    }

    static Journal open(final Path dir)
    {
        if (!Journal.exists(dir))
        {
            throw new JournalException("no journal at " + dir);
        }
        return Journal.open(dir);
    }

    static Replayed replay(
        final Journal journal, final ReplayFilter filter, final double speed, final PrintStream err)
    {
        return replay(journal, filter, speed, err, null);
    }

    /**
     * @param http {@code --http}: serve the counters while the journal is replayed; or null.
     */
    static Replayed replay(
        final Journal journal, final ReplayFilter filter, final double speed, final PrintStream err,
        final HttpOption http)
    {
        final Journal.ReadResult head = journal.readHeader();
        if (head.header() == null)
        {
            if (head.damage() != null)
            {
                throw new JournalException(Journal.damaged(journal.dir(), head.damage()));
            }
            throw new JournalException("journal " + journal.dir() + " has no header: it holds no run");
        }
        final EngineContext context = JournalHeaders.context(head.header());
        final Engine engine = Engine.launch(context);
        FlowServer server = null;
        try
        {
            server = http == null ? null : http.start(engine, err);
            final JournalReplay replay = engine.replay(journal, filter, speed, Messages.printer(err));
            return new Replayed(new Run(engine, replay.log(), err, server), replay, context);
        }
        catch (final RuntimeException ex)
        {
            if (server != null)
            {
                server.close();
            }
            engine.close();
            throw ex;
        }
    }

    /**
     * @param text {@code max}, {@code 1x}, {@code 10x}, {@code 0.5x}.
     * @return 0 for as fast as possible, else the multiple of real time.
     */
    static double speed(final String text, final CommandSpec spec)
    {
        if (text.equalsIgnoreCase("max"))
        {
            return 0;
        }
        final String number = text.endsWith("x") || text.endsWith("X") ? text.substring(0, text.length() - 1) : text;
        try
        {
            final double value = Double.parseDouble(number);
            if (value > 0)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignored)
        {
            // reported below
        }
        throw new ParameterException(spec.commandLine(), "--speed must be max or a positive multiple such as 1x, " +
            "10x, got '" + text + "'");
    }

    /**
     * @param text {@code HH:MM:SS} or {@code HH:MM:SS.fff}.
     * @return milliseconds since midnight.
     */
    static int time(final String text, final String option, final CommandSpec spec)
    {
        final String t = text.trim();
        final io.moneyflow.codec.TimeFormat format = new io.moneyflow.codec.TimeFormat("HH:mm:ss.SSS");
        final byte[] bytes = t.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (t.length() < 8 || !format.parse(bytes, 0, bytes.length))
        {
            throw new ParameterException(spec.commandLine(), option + " must be a time such as 10:31:07.250, got '" +
                text + "'");
        }
        return format.timeOfDayMs();
    }

    /**
     * @param text {@code yyyy-MM-dd} or {@code yyyyMMdd}, or null.
     * @return yyyymmdd, or 0 for null.
     */
    static int date(final String text, final CommandSpec spec)
    {
        if (text == null)
        {
            return 0;
        }
        final String digits = text.trim().replace("-", "");
        final io.moneyflow.codec.TimeFormat format = new io.moneyflow.codec.TimeFormat("yyyyMMdd");
        final byte[] bytes = digits.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        if (digits.length() != 8 || !format.parse(bytes, 0, bytes.length))
        {
            throw new ParameterException(spec.commandLine(), "--date must be a date such as 2023-02-01, got '" +
                text + "'");
        }
        return format.date();
    }
}

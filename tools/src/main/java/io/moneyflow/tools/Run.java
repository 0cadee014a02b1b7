package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.CountersDescriptor.Stat;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.feed.ProgressSink;
import io.moneyflow.feed.RunLog;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs inputs through an engine for a command, with rejections and progress on stderr.
 * <p>
 * What goes to stderr: errors (why the run exits non-zero), rejected records, and warnings (a result that may not
 * mean what it seems: an order quantity the data contradicts, a direction rule without quotes, a lone day) always;
 * notes, progress and the digest line only without {@code -q}.
 */
final class Run implements AutoCloseable
{
    /** A day with fewer fills than this fraction (in percent) of the run's busiest day is suspect. */
    static final int LONE_DAY_PERCENT = 1;

    final Engine engine;
    final RunLog log;
    private final PrintStream err;
    boolean quiet;
    /** What serves the run's counters while it goes on ({@code --http}), or null. */
    private FlowServer http;

    Run(final Engine engine, final RunLog log, final PrintStream err)
    {
        this(engine, log, err, null);
    }

    /**
     * A run whose engine has already ingested its input, with the server of its counters ({@code --http}) to stop
     * with it.
     */
    Run(final Engine engine, final RunLog log, final PrintStream err, final FlowServer http)
    {
        this.engine = engine;
        this.log = log;
        this.err = err;
        this.http = http;
    }

    private java.util.concurrent.CompletableFuture<String> digest;

    /**
     * Starts computing the digest on a thread of its own, so that it overlaps the report that a command builds from
     * the same (finished, read-only) counters meanwhile; {@link #digest()} then waits for it.
     */
    void startDigest()
    {
        if (digest == null)
        {
            final var future = new java.util.concurrent.CompletableFuture<String>();
            final Thread thread = new Thread(() ->
            {
                try
                {
                    future.complete(CountersDigest.sha256(engine.counters()));
                }
                catch (final Throwable ex)
                {
                    future.completeExceptionally(ex);
                }
            }, "moneyflow-digest");
            thread.setDaemon(true);
            thread.start();
            digest = future;
        }
    }

    /**
     * @return the digest of everything the engine computed.
     */
    String digest()
    {
        if (digest == null)
        {
            return CountersDigest.sha256(engine.counters());
        }
        try
        {
            return digest.join();
        }
        catch (final java.util.concurrent.CompletionException ex)
        {
            if (ex.getCause() instanceof RuntimeException runtime)
            {
                throw runtime;
            }
            throw ex;
        }
    }

    Run(final EngineContext context, final List<Path> inputs, final boolean quiet, final PrintStream err)
    {
        this(context, inputs, quiet, ProgressOption.Mode.lines, err, null);
    }

    Run(final EngineContext context, final List<Path> inputs, final boolean quiet,
        final ProgressOption.Mode progress, final PrintStream err)
    {
        this(context, inputs, quiet, progress, err, null);
    }

    /**
     * As {@link #Run(EngineContext, List, boolean, PrintStream)}, showing progress as {@code progress} says (resolved:
     * {@link ProgressOption#resolve}), and serving the counters while the inputs are read when the command was given
     * {@code --http}.
     */
    Run(final EngineContext context, final List<Path> inputs, final boolean quiet,
        final ProgressOption.Mode progress, final PrintStream err, final HttpOption httpOption)
    {
        this.err = err;
        this.quiet = quiet;
        this.engine = Engine.launch(context);
        RunLog result = null;
        // a bar on a terminal: the messages printed while it is up clear its line first, and it is drawn again after
        final ProgressBar bar = quiet || progress != ProgressOption.Mode.bar ? null :
            ProgressOption.bar(err, System.getenv());
        final java.util.function.Consumer<String> print = bar == null ? err::println : bar::message;
        final ProgressSink sink = bar != null ? bar :
            quiet || progress == ProgressOption.Mode.none ? ProgressSink.lines(line -> { }) :
            ProgressSink.lines(line -> err.println("moneyflow: " + Messages.forCli(line)));
        try
        {
            http = httpOption == null ? null : httpOption.start(engine, err);
            result = engine.ingest(inputs, line ->
                {
                    if (!(quiet && line.startsWith("note: ")))
                    {
                        print.accept("moneyflow: " + Messages.forCli(line));
                    }
                },
                sink);
        }
        finally
        {
            if (bar != null)
            {
                bar.close();
            }
            if (result == null)
            {
                closeHttp();
                engine.close();
            }
        }
        // one ingest a run: the order table's memory goes back while the command reads the counters
        engine.endIngestion();
        this.log = result;
    }

    /**
     * Prints a line that is information, not an error: left out with {@code -q}.
     */
    void note(final String line)
    {
        if (!quiet)
        {
            err.println("moneyflow: " + line);
        }
    }

    /**
     * Reports bugs caught in the ring stages, the rejection summary, the warnings the run's checks raised, and an
     * input that was skipped or gave no record.
     *
     * @return true when the run had no internal errors and read every input; false means exit 1.
     */
    boolean finish()
    {
        final long total = log.rejectedTotal();
        if (total > 0)
        {
            final StringBuilder sb = new StringBuilder("moneyflow: rejected " + total + " record(s):");
            log.rejected().forEach((reason, count) ->
            {
                if (count > 0)
                {
                    sb.append(' ').append(reason.label()).append('=').append(count);
                }
            });
            err.println(sb);
        }
        final FlowCounters counters = engine.counters();
        if (log.unknownSymbols().size() > RunLog.PRINT_LIMIT)
        {
            note("note: " + log.unknownSymbols().size() + " symbols in all are not in the reference data");
        }
        orderQuantityWarning(counters);
        quoteWarnings(counters);
        loneDayWarnings(counters);
        boolean ok = true;
        if (engine.exceptions().errors() > 0)
        {
            err.println("moneyflow: " + engine.exceptions().errors() + " internal error(s) in the engine stages:");
            for (final String e : engine.exceptions().firstErrors())
            {
                err.println("moneyflow:   " + e);
            }
            ok = false;
        }
        final String incomplete = log.incompleteInput();
        if (!incomplete.isEmpty())
        {
            err.println("moneyflow: error: " + incomplete + ": the output covers only what was read (exit 1)");
            ok = false;
        }
        return ok;
    }

    /**
     * The layout decides whether an order record's quantity is the whole order (SZSE's OrderQty) or what rests after
     * its fills on arrival (SSE's Balance, {@code qty.balance}); the classify stage counts what contradicts it.
     */
    private void orderQuantityWarning(final FlowCounters counters)
    {
        final long exceeded = counters.stat(Stat.ORDER_QTY_EXCEEDED.ordinal());
        final long before = counters.stat(Stat.FILLS_BEFORE_WHOLE_ORDER.ordinal());
        final long afterBalance = counters.stat(Stat.AGGRESSIVE_AFTER_BALANCE.ordinal());
        if (exceeded == 0 && before == 0 && afterBalance == 0)
        {
            return;
        }
        final List<String> found = new ArrayList<>();
        if (exceeded > 0)
        {
            found.add(String.format("%,d fill(s) went past their order's quantity", exceeded));
        }
        if (before > 0)
        {
            found.add(String.format("%,d order(s) had fills before their order record", before));
        }
        if (afterBalance > 0)
        {
            found.add(String.format("%,d aggressive fill(s) came after their order's balance record", afterBalance));
        }
        final String advice;
        if (before > 0 || afterBalance == 0)
        {
            advice = "the layout reads the [order] qty as the whole order (qty.balance off, as SZSE's OrderQty), " +
                "but the data looks like SSE's balance after the fills on arrival: if so, set qty.balance = true " +
                "(or = SH) in the layout's [order] section. Until then orders leave the order table too early and " +
                "their later fills are sized as a new order's, so size classes and flows can be wrong";
        }
        else
        {
            advice = "the layout reads the [order] qty as the balance after fills on arrival (qty.balance, as SSE's " +
                "Balance), but the data looks like the whole order (SZSE's OrderQty): if so, remove qty.balance (or " +
                "limit it to SH) in the layout's [order] section. Until then orders stay in the order table to the " +
                "end of the day (more memory; the flows are not affected)";
        }
        err.println("moneyflow: warning: " + String.join(", ", found) + ": " + advice);
    }

    /** The quote and Lee-Ready rules need the latest snapshot's best bid and ask. */
    private void quoteWarnings(final FlowCounters counters)
    {
        final long noQuote = counters.stat(Stat.QUOTE_MISSING.ordinal());
        final long noMidpoint = counters.stat(Stat.MIDPOINT_MISSING.ordinal());
        if (noQuote == 0 && noMidpoint == 0)
        {
            return;
        }
        final List<String> without = new ArrayList<>();
        final FlowCountersReader reader = new FlowCountersReader(counters);
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.readHead(slot, view);
            if (view.day(DayField.TRADES) > 0 && view.day(DayField.SNAPSHOTS) == 0)
            {
                without.add(view.symbol() + " " + TimeFormat.formatDate(view.date()));
            }
        }
        final String where = without.isEmpty() ? "each before its stock's first snapshot" :
            "the input has no snapshot (quotes) for " + list(without) + (without.size() < reader.slotsUsed() ?
            "; the other stocks' fills came before their first snapshot" : "");
        if (noQuote > 0)
        {
            err.println(String.format("moneyflow: warning: the quote rule had no quote for %,d fill(s) and left " +
                "them unclassified: %s", noQuote, where));
        }
        if (noMidpoint > 0)
        {
            err.println(String.format("moneyflow: warning: the Lee-Ready rule had no bid and ask for %,d fill(s) and " +
                "used the tick test for them: %s", noMidpoint, where));
        }
    }

    /**
     * A day of a run holding a tiny share of the fills of its busiest day is most often a mistyped date: it would
     * pass as a day of its own.
     */
    private void loneDayWarnings(final FlowCounters counters)
    {
        final FlowCountersReader reader = new FlowCountersReader(counters);
        final SlotView view = reader.newView();
        final Map<Integer, long[]> days = new TreeMap<>();
        final Map<Integer, List<String>> symbols = new TreeMap<>();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.readHead(slot, view);
            final long trades = view.day(DayField.TRADES);
            if (trades > 0)
            {
                days.computeIfAbsent(view.date(), d -> new long[1])[0] += trades;
                symbols.computeIfAbsent(view.date(), d -> new ArrayList<>()).add(view.symbol());
            }
        }
        if (days.size() < 2)
        {
            return;
        }
        int busiest = 0;
        long most = 0;
        for (final Map.Entry<Integer, long[]> day : days.entrySet())
        {
            if (day.getValue()[0] > most)
            {
                most = day.getValue()[0];
                busiest = day.getKey();
            }
        }
        for (final Map.Entry<Integer, long[]> day : days.entrySet())
        {
            final long fills = day.getValue()[0];
            if (fills * 100 < most * LONE_DAY_PERCENT)
            {
                err.println(String.format("moneyflow: warning: %s holds only %,d fill(s) (%s), under %d %% of the " +
                    "%,d of %s: if its date is mistyped, these fills count as a day of their own",
                    TimeFormat.formatDate(day.getKey()), fills, list(symbols.get(day.getKey())), LONE_DAY_PERCENT,
                    most, TimeFormat.formatDate(busiest)));
            }
        }
    }

    private static String list(final List<String> items)
    {
        final int shown = Math.min(items.size(), 5);
        final String text = String.join(", ", items.subList(0, shown));
        return items.size() > shown ? text + " and " + (items.size() - shown) + " more" : text;
    }

    @Override
    public void close()
    {
        if (digest != null)
        {
            // the digest thread reads the counters: they stay mapped until it is done
            digest.handle((value, ex) -> value).join();
        }
        closeHttp();
        engine.close();
    }

    private void closeHttp()
    {
        if (http != null)
        {
            http.close();
            http = null;
        }
    }
}

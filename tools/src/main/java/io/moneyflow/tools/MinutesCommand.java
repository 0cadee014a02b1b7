package io.moneyflow.tools;

import io.moneyflow.classify.TradingSession;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.DayIndicators;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.indicator.Indicators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow minutes}: the bars of one stock, one row per bar labelled by its start time.
 */
@Command(
    name = "minutes",
    mixinStandardHelpOptions = true,
    description = "Print the bars (1 minute by default) of one stock: one row per bar labelled by its start " +
        "(09:30), with OHLC, volume, turnover and each class's active inflow and outflow.")
final class MinutesCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "The stock, e.g. 600000.SH.")
    String symbol;

    @Mixin
    OutputOptions output;

    @Option(names = "--all-bars", description = "Also print bars without trades.")
    boolean allBars;

    @Option(names = "--from-counters", paramLabel = "FILE",
        description = "Read the bars from this counters file (of a run that has ended, or the Flink job's) instead of " +
            "running inputs.")
    Path countersFile;

    @Parameters(arity = "0..*", paramLabel = "INPUT",
        description = "Files (.csv, .txt, .tsv, .gz), .zip archives or directories, read together and merged by time.")
    List<Path> inputs;

    @Override
    public Integer call()
    {
        FileOutput.check(output.file, output.format, spec);
        FileOutput.checkColumns(output.file, engine.scheme, true, spec);
        final long key = SymbolCodes.parse(symbol.trim());
        if (key == SymbolCodes.INVALID)
        {
            throw new ParameterException(spec.commandLine(), "'" + symbol + "' is not a symbol such as 600000.SH");
        }
        final String canonical = SymbolCodes.format(key);
        if ((countersFile == null) == (inputs == null || inputs.isEmpty()))
        {
            throw new ParameterException(spec.commandLine(), "give INPUT files or --from-counters FILE");
        }
        if (countersFile != null)
        {
            if (!java.nio.file.Files.isRegularFile(countersFile))
            {
                throw new ParameterException(spec.commandLine(), "--from-counters " + countersFile + " is not a file");
            }
            try (FlowCounters counters = FlowCounters.openReadOnly(countersFile))
            {
                print(canonical, new FlowCountersReader(counters), new TradingSession(counters.barMinutes()),
                    () -> io.moneyflow.counters.CountersDigest.sha256(counters), line ->
                    {
                        if (!output.quiet)
                        {
                            System.err.println("moneyflow: " + line);
                        }
                    });
                return 0;
            }
        }
        try (Run run = new Run(engine.context(), inputs, output.quiet, output.progress(), System.err))
        {
            print(canonical, run.engine.reader(), run.engine.session(), run::digest, run::note);
            return run.finish() ? 0 : 1;
        }
    }

    /** Prints the stock's bars from a run's counters, then its digest (a note unless in the JSON). */
    private void print(final String canonical, final FlowCountersReader reader, final TradingSession session,
        final java.util.function.Supplier<String> digests, final java.util.function.Consumer<String> notes)
    {
        final PrintStream out = System.out;
        {
            final FlowCounters counters = reader.counters();
            final SlotView view = reader.newView();
            final String[] classes = new String[counters.classCount()];
            for (int c = 0; c < classes.length; c++)
            {
                classes[c] = counters.className(c);
            }
            final int main = counters.mainClassCount();
            final List<String[]> rows = new ArrayList<>();
            final List<Columns.Bar> bars = new ArrayList<>();
            for (int slot = 0; slot < reader.slotsUsed(); slot++)
            {
                reader.read(slot, view);
                if (!view.symbol().equals(canonical))
                {
                    continue;
                }
                final long[][] series = indicators(view);
                int traded = 0;
                for (int bar = 0; bar < view.barCount(); bar++)
                {
                    final long trades = view.bar(bar, BarField.TRADES);
                    final int index = trades > 0 ? traded++ : -1;
                    if (trades == 0 && !allBars)
                    {
                        continue;
                    }
                    final List<String> cells = new ArrayList<>(List.of(
                        TimeFormat.formatDate(view.date()),
                        session.barLabel(bar),
                        trades == 0 ? "" : Money.price(view.bar(bar, BarField.OPEN)),
                        trades == 0 ? "" : Money.price(view.bar(bar, BarField.HIGH)),
                        trades == 0 ? "" : Money.price(view.bar(bar, BarField.LOW)),
                        trades == 0 ? "" : Money.price(view.bar(bar, BarField.CLOSE)),
                        Long.toString(view.bar(bar, BarField.VOLUME)),
                        Money.yuan(view.bar(bar, BarField.TURNOVER)),
                        Long.toString(trades),
                        Long.toString(view.bar(bar, BarField.OUTER_VOLUME)),
                        Long.toString(view.bar(bar, BarField.INNER_VOLUME))));
                    long mainNet = 0;
                    final Columns.Bar flows = new Columns.Bar(canonical, view.date(), session.barLabel(bar),
                        view.bar(bar, BarField.TURNOVER), new long[classes.length], new long[classes.length],
                        new long[classes.length], new long[classes.length]);
                    for (int c = 0; c < classes.length; c++)
                    {
                        final long in = view.barClass(bar, c, BarClassField.ACTIVE_IN);
                        final long outflow = view.barClass(bar, c, BarClassField.ACTIVE_OUT);
                        cells.add(Money.yuan(in));
                        cells.add(Money.yuan(outflow));
                        if (c < main)
                        {
                            mainNet += in - outflow;
                        }
                        flows.activeIn()[c] = in;
                        flows.activeOut()[c] = outflow;
                        flows.sideIn()[c] = view.barClass(bar, c, BarClassField.SIDE_IN);
                        flows.sideOut()[c] = view.barClass(bar, c, BarClassField.SIDE_OUT);
                    }
                    bars.add(flows);
                    cells.add(Money.yuan(mainNet));
                    cells.add(index < 0 ? "" : decimal(series[0][index], 6));
                    cells.add(index < 0 ? "" : decimal(series[1][index], 6));
                    cells.add(index < 0 ? "" : decimal(series[2][index], 0));
                    cells.add(index < 0 ? "" : decimal(series[3][index], 6));
                    rows.add(cells.toArray(new String[0]));
                }
            }
            final List<String> header = new ArrayList<>(List.of("date", "time", "open", "high", "low", "close",
                "volume", "turnover", "trades", "outerVolume", "innerVolume"));
            for (final String c : classes)
            {
                header.add("active." + c + ".in");
                header.add("active." + c + ".out");
            }
            header.addAll(List.of("mainNet", "mfi14", "cmf20", "obv", "ad"));
            final String digest = digests.get();
            final Columns columns = FileOutput.columns(output.file);
            FileOutput.emit(output.file, output.format, out, print ->
            {
                if (columns != Columns.moneyflow)
                {
                    columns.bars(classes, bars).print(output.format, print);
                    return;
                }
                switch (output.format)
                {
                    case csv, parquet -> printCsv(print, header, rows);
                    case json -> printJson(print, canonical, header, rows, classes, digest);
                    default -> printTable(print, header, rows);
                }
                print.flush();
            });
            out.flush();
            if (output.format != Format.json)
            {
                notes.accept("digest " + digest);
            }
            if (rows.isEmpty())
            {
                System.err.println("moneyflow: no trades for " + canonical + " in the input");
            }
        }
    }

    /**
     * MFI(14), CMF(20), OBV and A/D over the day's traded bars, in bar order (ta4j seeding).
     *
     * @return the four series, one value per traded bar.
     */
    static long[][] indicators(final SlotView view)
    {
        int traded = 0;
        for (int bar = 0; bar < view.barCount(); bar++)
        {
            traded += view.bar(bar, BarField.TRADES) > 0 ? 1 : 0;
        }
        final long[] h = new long[traded];
        final long[] l = new long[traded];
        final long[] c = new long[traded];
        final long[] v = new long[traded];
        for (int bar = 0, i = 0; bar < view.barCount(); bar++)
        {
            if (view.bar(bar, BarField.TRADES) > 0)
            {
                h[i] = view.bar(bar, BarField.HIGH);
                l[i] = view.bar(bar, BarField.LOW);
                c[i] = view.bar(bar, BarField.CLOSE);
                v[i] = view.bar(bar, BarField.VOLUME);
                i++;
            }
        }
        return new long[][] {
            Indicators.mfi(h, l, c, v, DayIndicators.MFI_PERIOD), Indicators.cmf(h, l, c, v, DayIndicators.CMF_PERIOD),
            Indicators.obv(c, v), Indicators.accumulationDistribution(h, l, c, v)};
    }

    private static String decimal(final long value, final int scale)
    {
        return value == Indicators.UNDEFINED ? "" : java.math.BigDecimal.valueOf(value, scale).toPlainString();
    }

    private static void printCsv(final PrintStream out, final List<String> header, final List<String[]> rows)
    {
        out.println(String.join(",", header));
        for (final String[] row : rows)
        {
            out.println(String.join(",", row));
        }
    }

    private static void printTable(final PrintStream out, final List<String> header, final List<String[]> rows)
    {
        final int[] widths = new int[header.size()];
        for (int i = 0; i < widths.length; i++)
        {
            widths[i] = header.get(i).length();
        }
        for (final String[] row : rows)
        {
            for (int i = 0; i < row.length; i++)
            {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        final StringBuilder line = new StringBuilder();
        for (int i = 0; i < widths.length; i++)
        {
            line.append(i == 0 ? "" : " ").append(String.format("%" + widths[i] + "s", header.get(i)));
        }
        out.println(line);
        for (final String[] row : rows)
        {
            line.setLength(0);
            for (int i = 0; i < row.length; i++)
            {
                line.append(i == 0 ? "" : " ").append(String.format("%" + widths[i] + "s", row[i]));
            }
            out.println(line);
        }
        out.println();
        out.println("amounts in yuan; <class>.in / .out = active (buyer- / seller-initiated) amount of that size " +
            "class in the bar; bars labelled by their start; mfi14 (percent), cmf20, obv (shares) and ad (shares) " +
            "over the day's traded bars up to this one");
    }

    private static void printJson(
        final PrintStream out, final String symbol, final List<String> header, final List<String[]> rows,
        final String[] classes, final String digest)
    {
        final Json json = new Json().beginObject().string("symbol", symbol);
        json.name("bars").beginArray();
        for (final String[] row : rows)
        {
            json.beginObject()
                .string("date", row[0])
                .string("time", row[1])
                .number("open", row[2].isEmpty() ? null : row[2])
                .number("high", row[3].isEmpty() ? null : row[3])
                .number("low", row[4].isEmpty() ? null : row[4])
                .number("close", row[5].isEmpty() ? null : row[5])
                .number("volume", row[6])
                .number("turnover", row[7])
                .number("trades", row[8])
                .number("outerVolume", row[9])
                .number("innerVolume", row[10]);
            json.name("active").beginObject();
            for (int c = 0; c < classes.length; c++)
            {
                json.name(classes[c]).beginObject()
                    .number("in", row[11 + 2 * c])
                    .number("out", row[12 + 2 * c])
                    .endObject();
            }
            json.endObject();
            json.number("mainNet", row[11 + 2 * classes.length]);
            final int at = 12 + 2 * classes.length;
            json.number("mfi14", row[at].isEmpty() ? null : row[at])
                .number("cmf20", row[at + 1].isEmpty() ? null : row[at + 1])
                .number("obv", row[at + 2].isEmpty() ? null : row[at + 2])
                .number("ad", row[at + 3].isEmpty() ? null : row[at + 3]);
            json.endObject();
        }
        json.endArray().string("digest", digest).endObject();
        out.println(json);
    }
}

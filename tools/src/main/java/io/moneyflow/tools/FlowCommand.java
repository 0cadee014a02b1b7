package io.moneyflow.tools;

import io.moneyflow.reference.ReferenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow flow}: runs inputs through the engine and prints one row per stock and day.
 */
@Command(
    name = "flow",
    mixinStandardHelpOptions = true,
    description = "Run Level-2 (or Level-1) files through the engine and print one row per stock and day: " +
        "turnover, main-force net inflow and ratio, each size class's net inflow, outer and inner volume.")
final class FlowCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL",
        description = "Only these symbols, e.g. 000001.SZ,600519.SH.")
    List<String> symbols;

    @Mixin
    OutputOptions output;

    @Mixin
    HttpOption http;

    @Parameters(arity = "1..*", paramLabel = "INPUT",
        description = "Files (.csv, .txt, .tsv, .gz), .zip archives or directories, read together and merged by time.")
    List<Path> inputs;

    @Override
    public Integer call()
    {
        FileOutput.check(output.file, output.format, spec);
        FileOutput.checkColumns(output.file, engine.scheme, false, spec);
        final Set<Long> filter = EngineOptions.symbols(symbols, spec);
        return run(engine, inputs, filter, output, http, System.out, System.err);
    }

    /**
     * Prints a flow report with the run's digest: inside the JSON, or as a line on stderr unless quiet (then it is
     * not computed: hashing a full market's counters takes a core about two seconds).
     */
    static void print(
        final FlowReport report, final Run run, final Format format, final PrintStream out, final PrintStream err,
        final Map<String, Object> extra)
    {
        print(report, run, format, null, out, err, extra);
    }

    /**
     * @param file where the report goes ({@code --out}, {@code --excel}), or null for {@code out}.
     */
    static void print(
        final FlowReport report, final Run run, final Format format, final FileOutput file, final PrintStream out,
        final PrintStream err, final Map<String, Object> extra)
    {
        final String digest = showsDigest(format, run.quiet) ? run.digest() : null;
        final Columns columns = FileOutput.columns(file);
        FileOutput.emit(file, format, out, print ->
        {
            if (columns != Columns.moneyflow)
            {
                columns.days(report.days()).print(format, print);
                return;
            }
            switch (format)
            {
                case csv, parquet -> report.printCsv(print);
                case json ->
                {
                    final Map<String, Object> fields = new java.util.LinkedHashMap<>(extra);
                    fields.put("digest", digest);
                    report.printJson(print, run.log.rejected(), run.log.unknownSymbols(), run.log.gaps(),
                        run.log.missing(), fields);
                }
                default -> report.printTable(print);
            }
            print.flush();
        });
        out.flush();
        if (format != Format.json && digest != null)
        {
            run.note("digest " + digest);
        }
        // made only to be printed: its first String.format loads the Formatter and the locale's digits, 18 ms of a
        // quiet run's end
        final String orders = run.quiet ? null : run.engine.orderTableSummary();
        if (orders != null)
        {
            run.note("order table: " + orders);
        }
    }

    /**
     * @return whether a report in this format shows the digest: the JSON always, else its note on stderr, which
     *         {@code -q} leaves out.
     */
    static boolean showsDigest(final Format format, final boolean quiet)
    {
        return format == Format.json || !quiet;
    }

    static int run(
        final EngineOptions options,
        final List<Path> inputs,
        final Set<Long> filter,
        final Format format,
        final boolean quiet,
        final PrintStream out,
        final PrintStream err)
    {
        final OutputOptions output = new OutputOptions();
        output.format = format;
        output.quiet = quiet;
        return run(options, inputs, filter, output, out, err);
    }

    static int run(
        final EngineOptions options,
        final List<Path> inputs,
        final Set<Long> filter,
        final OutputOptions output,
        final PrintStream out,
        final PrintStream err)
    {
        return run(options, inputs, filter, output, null, out, err);
    }

    /**
     * @param http {@code --http}, or null.
     */
    static int run(
        final EngineOptions options,
        final List<Path> inputs,
        final Set<Long> filter,
        final OutputOptions output,
        final HttpOption http,
        final PrintStream out,
        final PrintStream err)
    {
        final Format format = output.format;
        final ReferenceData reference = options.reference();
        if (http != null)
        {
            http.dataDir = output.dataDir;
        }
        try (Run run = new Run(options.context(), inputs, output.quiet, output.progress(), err, http))
        {
            if (showsDigest(format, output.quiet))
            {
                run.startDigest();
            }
            final FlowReport report = FlowReport.read(run.engine.reader(), reference, filter)
                .groups(output.sectors, output.markets);
            try
            {
                output.close(report, run.engine.reader(), reference, err);
            }
            finally
            {
                // printed even when the store cannot be written (the run then fails)
                print(report, run, format, output.file, out, err, Map.of());
            }
            if (report.rows().isEmpty())
            {
                err.println("moneyflow: no trades" + (filter.isEmpty() ? "" : " for the selected symbols") +
                    " in the input");
            }
            return run.finish() ? 0 : 1;
        }
    }
}

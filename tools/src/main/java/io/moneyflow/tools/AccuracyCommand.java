package io.moneyflow.tools;

import io.moneyflow.EngineContext;
import io.moneyflow.classify.DirectionRule;
import io.moneyflow.codec.TimeFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow accuracy}: how often a Level-1 direction rule agrees with the exchange's own flag.
 */
@Command(
    name = "accuracy",
    mixinStandardHelpOptions = true,
    description = "Measure how often a direction rule agrees with the exchange's (or vendor's) B/S flag, on " +
        "inputs that carry one. Quotes come from the latest snapshot before each trade. Auction prints (flag N) " +
        "are not measured.")
final class AccuracyCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--rule", required = true, paramLabel = "RULE",
        description = "tick, quote, lee-ready or order-no.")
    String rule;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL", description = "Only these symbols.")
    List<String> symbols;

    @Mixin
    OutputOptions output;

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files (.csv, .txt, .tsv, .gz), .zip archives " +
        "or directories with a B/S flag (and snapshots for quote and lee-ready).")
    List<Path> inputs;

    @Override
    public Integer call()
    {
        if (output.format == Format.parquet || output.file.out != null || output.file.excel)
        {
            throw new ParameterException(spec.commandLine(), "accuracy prints its table on stdout: --format " +
                "parquet, --out and --excel are for the reports of flow, minutes, replay, run, history and rank");
        }
        final DirectionRule measured;
        try
        {
            measured = DirectionRule.parse(rule);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        if (measured == DirectionRule.AUTO || measured == DirectionRule.FLAG)
        {
            throw new ParameterException(spec.commandLine(), "--rule must be tick, quote, lee-ready or order-no");
        }
        final Set<Long> filter = EngineOptions.symbols(symbols, spec);
        final EngineContext context = engine.context().measuredRule(measured);
        final PrintStream out = System.out;
        try (Run run = new Run(context, inputs, output.quiet, output.progress(), System.err))
        {
            final FlowReport report = FlowReport.read(run.engine.reader(), engine.reference(), filter);
            long agree = 0;
            long disagree = 0;
            long unclassified = 0;
            final Json json = new Json().beginObject().string("rule", measured.label());
            json.name("symbols").beginArray();
            if (output.format == Format.table)
            {
                out.printf("%-10s %-10s %10s %10s %10s %12s %10s%n", "symbol", "date", "measured", "agree",
                    "disagree", "unclassified", "accuracy%");
            }
            else if (output.format == Format.csv)
            {
                out.println("symbol,date,measured,agree,disagree,unclassified,accuracy");
            }
            for (final FlowRow r : report.rows())
            {
                if (r.measured() == 0)
                {
                    continue;
                }
                agree += r.ruleAgree;
                disagree += r.ruleDisagree;
                unclassified += r.ruleUnclassified;
                emit(out, json, r.symbol, TimeFormat.formatDate(r.date), r.measured(), r.ruleAgree, r.ruleDisagree,
                    r.ruleUnclassified);
            }
            json.endArray();
            final long total = agree + disagree + unclassified;
            if (output.format == Format.json)
            {
                json.name("total").beginObject()
                    .number("measured", total)
                    .number("agree", agree)
                    .number("disagree", disagree)
                    .number("unclassified", unclassified)
                    .number("accuracy", Money.percent(agree, total, 2))
                    .endObject();
                out.println(json.string("digest", run.digest()).endObject());
            }
            else
            {
                emit(out, null, "total", "", total, agree, disagree, unclassified);
                run.note("digest " + run.digest());
            }
            if (total == 0)
            {
                System.err.println("moneyflow: no trade in the input carries a B/S flag to measure against");
            }
            out.flush();
            return run.finish() ? 0 : 1;
        }
    }

    private void emit(
        final PrintStream out, final Json json, final String symbol, final String date, final long measuredCount,
        final long agree, final long disagree, final long unclassified)
    {
        final BigDecimal accuracy = Money.percent(agree, measuredCount, 2);
        switch (output.format)
        {
            case csv -> out.println(symbol + "," + date + "," + measuredCount + "," + agree + "," + disagree + "," +
                unclassified + "," + (accuracy == null ? "" : accuracy.toPlainString()));
            case json ->
            {
                if (json != null)
                {
                    json.beginObject().string("symbol", symbol).string("date", date)
                        .number("measured", measuredCount).number("agree", agree).number("disagree", disagree)
                        .number("unclassified", unclassified).number("accuracy", accuracy).endObject();
                }
            }
            default -> out.printf("%-10s %-10s %,10d %,10d %,10d %,12d %10s%n", symbol, date, measuredCount, agree,
                disagree, unclassified, accuracy == null ? "-" : accuracy.toPlainString());
        }
    }
}

package io.moneyflow.tools;

import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.reference.ReferenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow close-day}: stores a day's results in the history store, from inputs (run through the engine as
 * {@code flow} runs them) or from the counters file of a run that has ended (a live session's, say).
 */
@Command(
    name = "close-day",
    mixinStandardHelpOptions = true,
    description = "Store the day results of every stock, sector and market in the history store " +
        "(DATA_DIR/history.duckdb): from INPUT files run through the engine, or from --from-counters FILE of a finished " +
        "run. A day stored again replaces the stocks it holds, never adds to them.")
final class CloseDayCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Option(names = "--from-counters", paramLabel = "FILE",
        description = "Store the results in this counters file (of a run that has ended) instead of running inputs.")
    Path countersFile;

    @Mixin
    HistoryStoreDir storeDir;

    @Option(names = "--alerts", description = "Before storing each day, evaluate the signals of " +
        "config/alerts.properties on its closed minutes and the day (the multi-day ones with the trading days stored " +
        "before it), journal the new alerts (see 'moneyflow alerts') and print them on stderr.")
    boolean alerts;

    @Mixin
    AlertRulesOption alertRules;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Parameters(arity = "0..*", paramLabel = "INPUT", description = "Files, archives or directories, as for flow.")
    List<Path> inputs;

    @Override
    public Integer call()
    {
        if ((countersFile == null) == (inputs == null || inputs.isEmpty()))
        {
            throw new ParameterException(spec.commandLine(), "give INPUT files or --from-counters FILE");
        }
        final FlowReport report;
        if (countersFile != null)
        {
            if (!Files.isRegularFile(countersFile))
            {
                throw new ParameterException(spec.commandLine(), "--from-counters " + countersFile + " is not a file");
            }
            final ReferenceData reference = engine.reference();
            try (FlowCounters counters = FlowCounters.openReadOnly(countersFile))
            {
                final FlowCountersReader reader = new FlowCountersReader(counters);
                report = FlowReport.read(reader, reference, Set.of());
                return store(report, reader, reference);
            }
        }
        try (Run run = new Run(engine.context(), inputs, quiet, progress.resolve(quiet, System.getenv()), System.err))
        {
            final ReferenceData reference = engine.reference();
            report = FlowReport.read(run.engine.reader(), reference, Set.of());
            final int status = store(report, run.engine.reader(), reference);
            return run.finish() ? status : 1;
        }
    }

    private int store(final FlowReport report, final FlowCountersReader reader, final ReferenceData reference)
    {
        if (report.allStocks().isEmpty())
        {
            System.err.println("moneyflow: close-day: no trades to store");
            return 1;
        }
        try (HistoryStore store = HistoryStore.open(storeDir.file()))
        {
            // the days one at a time in date order, each evaluated against the days stored before it
            final Set<Integer> dates = DayClose.close(report, reader, reference, store, storeDir.dir(),
                alerts ? alertRules.rules() : null, true, System.err);
            for (final int date : dates)
            {
                final long stocks = report.allStocks().stream().filter(r -> r.date == date).count();
                final long sectors = report.sectors().stream().filter(r -> r.date == date).count();
                System.out.println("stored " + HistoryStore.formatDate(date) + ": " + stocks + " stocks, " + sectors +
                    " sectors, markets SSE/SZSE/BSE/ALL, in " + store.file());
            }
        }
        return 0;
    }
}

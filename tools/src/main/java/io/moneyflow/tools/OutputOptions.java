package io.moneyflow.tools;

import io.moneyflow.signal.AlertRules;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The output options every ingesting command shares.
 */
final class OutputOptions
{
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
        description = "table (default), csv, json, or parquet (with --out FILE.parquet).")
    Format format;

    @Mixin
    FileOutput file;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Mixin
    ProgressOption progress = new ProgressOption();

    /**
     * @return how the run shows its progress ({@code --progress}, {@code -q}).
     */
    ProgressOption.Mode progress()
    {
        return progress.resolve(quiet, System.getenv());
    }

    @Option(names = "--sectors", description = "Also print a row per sector (the sum of its stocks, from the " +
        "reference data's sector column) in the table and CSV; the JSON always has them.")
    boolean sectors;

    @Option(names = "--markets", description = "Also print a row per market (SSE, SZSE, BSE, ALL) in the table and " +
        "CSV; the JSON always has them.")
    boolean markets;

    @Option(names = "--history", description = "At the end, store every stock's, sector's and market's day " +
        "results in the history store (DATA_DIR/history.duckdb), replacing the days stored before; several days " +
        "one at a time in date order, as separate runs would.")
    boolean history;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the history store and the alerts live. " +
        "Default: $MONEYFLOW_DATA, else var/ in the installation.")
    java.nio.file.Path dataDir;

    @Option(names = "--alerts", description = "At the end, evaluate the signals of config/alerts.properties on every " +
        "closed minute and day (the multi-day ones with the history store's days before), journal the new alerts " +
        "(see 'moneyflow alerts') and print them on stderr.")
    boolean alerts;

    @Mixin
    AlertRulesOption alertRules = new AlertRulesOption();

    /**
     * At the end of a run, before its report is printed: with --history or --alerts, its days one at a time in date
     * order ({@link DayClose}): each day's volume ratio from the 5 trading days stored before it, its alerts (--alerts)
     * against the days stored before it, then the day stored (--history), so that a run of many days ends as the same
     * days run one by one would.
     */
    void close(final FlowReport report, final io.moneyflow.counters.FlowCountersReader reader,
        final io.moneyflow.reference.ReferenceData reference, final java.io.PrintStream err)
    {
        if (!history && !alerts)
        {
            return;
        }
        try (HistoryStore store = HistoryStore.open(DataDir.history(dataDir)))
        {
            final java.util.Set<Integer> dates = DayClose.close(report, reader, reference, store, DataDir.dir(dataDir),
                alerts ? rules() : null, history, err);
            if (history && !quiet)
            {
                err.println("moneyflow: stored " + report.allStocks().size() + " stock-days of " + dates.size() +
                    " day(s) in " + store.file());
            }
        }
    }

    AlertRules rules()
    {
        return alertRules.rules();
    }
}

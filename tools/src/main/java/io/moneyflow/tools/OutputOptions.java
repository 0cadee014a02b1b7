package io.moneyflow.tools;

import picocli.CommandLine.Option;

/**
 * The output options every ingesting command shares.
 */
final class OutputOptions
{
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
        description = "table (default), csv or json.")
    Format format;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Option(names = "--sectors", description = "Also print a row per sector (the sum of its stocks, from the " +
        "reference data's sector column) in the table and CSV; the JSON always has them.")
    boolean sectors;

    @Option(names = "--markets", description = "Also print a row per market (SSE, SZSE, BSE, ALL) in the table and " +
        "CSV; the JSON always has them.")
    boolean markets;

    @Option(names = "--history", description = "At the end, store every stock's, sector's and market's day " +
        "results in the history store (DATA_DIR/history.duckdb), replacing the days stored before.")
    boolean history;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the history store and the alerts live. " +
        "Default: $MONEYFLOW_DATA, else var/ in the installation.")
    java.nio.file.Path dataDir;

    /**
     * Stores the report's days when --history is given, and says so on stderr.
     */
    void store(final FlowReport report, final java.io.PrintStream err)
    {
        if (!history)
        {
            return;
        }
        try (HistoryStore store = HistoryStore.open(DataDir.history(dataDir)))
        {
            final java.util.Set<Integer> dates = store.store(report);
            if (!quiet)
            {
                err.println("moneyflow: stored " + report.allStocks().size() + " stock-days of " + dates.size() +
                    " day(s) in " + store.file());
            }
        }
    }
}

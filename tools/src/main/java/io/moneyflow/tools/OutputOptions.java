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
}

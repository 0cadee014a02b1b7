package io.moneyflow.tools;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that print what the history store holds ({@code history}, {@code rank}).
 */
final class StoreReportOptions
{
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
        description = "table, csv, json, or parquet (with --out FILE.parquet).")
    Format format;

    @Mixin
    FileOutput file;

    @Mixin
    HistoryStoreDir store;
}

package io.moneyflow.tools;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The options of the commands that print what the history store holds ({@code history}, {@code rank}).
 */
final class StoreReportOptions
{
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT", description = "table, csv or json.")
    Format format;

    @Mixin
    HistoryStoreDir store;
}

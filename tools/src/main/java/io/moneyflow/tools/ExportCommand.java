package io.moneyflow.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow export}: writes a table of the history store to CSV or Parquet.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write a table of the history store (stock_day, stock_day_class, sector_day, market_day) to a " +
        "CSV file (with a header row) or a Parquet file, by the file's extension.")
final class ExportCommand implements Callable<Integer>
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TABLE", description = "stock_day, stock_day_class, sector_day or market_day.")
    String table;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "FILE.csv or FILE.parquet.")
    Path out;

    @Mixin
    HistoryStoreDir storeDir;

    @Override
    public Integer call()
    {
        final Path file = storeDir.existing("");
        if (file == null)
        {
            return 1;
        }
        try (HistoryStore store = HistoryStore.open(file))
        {
            final long rows = store.export(table, out);
            System.err.println("moneyflow: wrote " + rows + " rows of " + table + " to " + out);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        return 0;
    }
}

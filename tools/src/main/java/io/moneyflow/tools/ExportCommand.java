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

    @Option(names = "--columns", defaultValue = "moneyflow", paramLabel = "NAME",
        description = "moneyflow (default: the table as stored), or the stocks' days (TABLE stock_day) named as " +
            "tushare, eastmoney or dolphindb name them (see flow --help).")
    Columns columns = Columns.moneyflow;

    @Override
    public Integer call()
    {
        if (columns != Columns.moneyflow && !"stock_day".equals(table))
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--columns " + columns + " names " +
                "the stocks' days: export stock_day");
        }
        final Path file = storeDir.existing("");
        if (file == null)
        {
            return 1;
        }
        try (HistoryStore store = HistoryStore.open(file))
        {
            if (columns != Columns.moneyflow)
            {
                return preset(store);
            }
            final long rows = store.export(table, out);
            System.err.println("moneyflow: wrote " + rows + " rows of " + table + " to " + out);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), ex.getMessage());
        }
        return 0;
    }

    /** Every stored stock-day in the preset's columns, by symbol then day, to CSV or Parquet by the extension. */
    private int preset(final HistoryStore store)
    {
        final String name = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        final Format format = name.endsWith(".parquet") ? Format.parquet : name.endsWith(".csv") ? Format.csv : null;
        if (format == null)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "the export file must end in .csv or .parquet: " + out);
        }
        final java.util.List<Columns.Day> days = store.dayFlows(null, 10000101, 99991231);
        if (!columns.namesStored(days))
        {
            return 1;
        }
        final FileOutput file = new FileOutput();
        file.out = out;
        FileOutput.emit(file, format, System.out, columns.days(days));
        System.err.println("moneyflow: wrote " + days.size() + " stock-days of stock_day as " + columns + " to " + out);
        return 0;
    }
}

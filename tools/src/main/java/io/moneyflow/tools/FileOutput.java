package io.moneyflow.tools;

import picocli.CommandLine.Option;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Where a report goes and in what shape, for the commands that print a table ({@code flow}, {@code minutes},
 * {@code replay}, {@code run}, {@code history}, {@code rank}): stdout by default; {@code --out FILE}; CSV for Excel
 * ({@code --excel}: a UTF-8 byte order mark, column names without dots); Parquet ({@code --format parquet --out
 * FILE.parquet}), written by DuckDB from the report's CSV with exact decimals (DECIMAL(38,6)), dates as DATE, counts
 * as BIGINT, and the same column names as {@code --excel}'s, readable by pandas, Polars and DuckDB with no option.
 */
final class FileOutput
{
    @Option(names = "--out", paramLabel = "FILE",
        description = "Write the report to FILE instead of stdout (needed with --format parquet).")
    Path out;

    @Option(names = "--excel", description = "CSV for Excel: a UTF-8 byte order mark (so that Excel reads the Chinese " +
        "names), and column names with _ instead of dots (active_XL_in).")
    boolean excel;

    @Option(names = "--columns", defaultValue = "moneyflow", paramLabel = "NAME",
        description = "Name the flows as a reference does: moneyflow (default, the engine's report), tushare " +
            "(Tushare moneyflow: buy_sm_vol ... net_mf_amount, lots and 10,000 yuan), eastmoney (主力净流入-净额 ..., " +
            "yuan and percent, order-side view) or dolphindb (BuySmallAmount ..., yuan).")
    Columns columns = Columns.moneyflow;

    /** The UTF-8 byte order mark. */
    static final String BOM = "\uFEFF";

    /**
     * Refuses, before any work, options that do not go together.
     *
     * @param file   the options, or null (none given: a command built in code).
     * @param format the format asked for.
     * @param spec   the command, for its usage message.
     */
    static void check(final FileOutput file, final Format format, final picocli.CommandLine.Model.CommandSpec spec)
    {
        final String wrong = (file == null ? new FileOutput() : file).check(format);
        if (wrong != null)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), wrong);
        }
    }

    /**
     * @param file the options, or null.
     * @return the preset asked for, {@link Columns#moneyflow} when none.
     */
    static Columns columns(final FileOutput file)
    {
        return file == null || file.columns == null ? Columns.moneyflow : file.columns;
    }

    /**
     * Prints a table of a preset's columns with these options: the columns' own names (no dots to replace), text
     * columns kept text in Parquet.
     */
    static void emit(final FileOutput file, final Format format, final PrintStream stdout, final Columns.Table table)
    {
        emit(file, format, stdout, print -> table.print(format, print));
    }

    /**
     * Refuses, before any work, a preset that cannot name a run's rows.
     *
     * @param scheme the run's --scheme.
     * @param bars   whether the rows are bars (minutes).
     */
    static void checkColumns(final FileOutput file, final String scheme, final boolean bars,
        final picocli.CommandLine.Model.CommandSpec spec)
    {
        final Columns columns = columns(file);
        if (columns != Columns.moneyflow)
        {
            final String wrong = columns.refusal(io.moneyflow.classify.SizeScheme.resolve(scheme).classCount(), bars);
            if (wrong != null)
            {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), wrong);
            }
        }
    }

    /**
     * Writes a report with these options, or to stdout when there are none.
     */
    static void emit(final FileOutput file, final Format format, final PrintStream stdout,
        final Consumer<PrintStream> printer)
    {
        (file == null ? new FileOutput() : file).emit(format, stdout, printer);
    }

    /**
     * @param format the format asked for.
     * @return a message when the options do not go together, else null.
     */
    String check(final Format format)
    {
        if (format == Format.parquet && out == null)
        {
            return "--format parquet writes a file: give --out FILE.parquet";
        }
        if (excel && format != Format.csv)
        {
            return "--excel is CSV for Excel: use it with --format csv";
        }
        return null;
    }

    /**
     * Writes a report.
     *
     * @param format  the format asked for; for parquet the printer prints CSV.
     * @param stdout  where it goes without --out.
     * @param printer prints the report in the format (CSV for parquet).
     */
    void emit(final Format format, final PrintStream stdout, final Consumer<PrintStream> printer)
    {
        if (format == Format.parquet)
        {
            parquet(render(printer));
            return;
        }
        if (excel)
        {
            final String text = BOM + plainHeader(render(printer));
            if (out == null)
            {
                stdout.print(text);
                stdout.flush();
            }
            else
            {
                write(text);
            }
            return;
        }
        if (out == null)
        {
            printer.accept(stdout);
            return;
        }
        try (OutputStream file = Files.newOutputStream(out);
             PrintStream print = new PrintStream(file, false, StandardCharsets.UTF_8))
        {
            printer.accept(print);
            // a PrintStream keeps its write errors (a full disk) to itself: asked, so that none passes as done
            if (print.checkError())
            {
                throw new IOException("the write failed (disk full?)");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + out + ": " + ex.getMessage(), ex);
        }
    }

    private static String render(final Consumer<PrintStream> printer)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream print = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            printer.accept(print);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** @return the CSV with its first line's dots made underscores. */
    static String plainHeader(final String csv)
    {
        final int end = csv.indexOf('\n');
        return end < 0 ? csv.replace('.', '_') : csv.substring(0, end).replace('.', '_') + csv.substring(end);
    }

    private void write(final String text)
    {
        try
        {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + out + ": " + ex.getMessage(), ex);
        }
    }

    /** The CSV into Parquet, through DuckDB (in memory): a temporary CSV beside the file, then COPY. */
    private void parquet(final String csv)
    {
        final Path absolute = out.toAbsolutePath();
        final Path temporary;
        try
        {
            Files.createDirectories(absolute.getParent());
            temporary = Files.createTempFile(absolute.getParent(), ".moneyflow-", ".csv");
            Files.writeString(temporary, plainHeader(csv), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write beside " + out + ": " + ex.getMessage(), ex);
        }
        try
        {
            Class.forName("org.duckdb.DuckDBDriver");
            try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement())
            {
                // every cell of the report is a count, a decimal of at most six places, a date, true/false or text:
                // typed so from every row (not a sample), exactly (a decimal never becomes a double); names, codes
                // and times stay text
                sql.execute("COPY (SELECT * FROM read_csv('" + quote(temporary) + "', header = true, " +
                    "sample_size = -1, auto_type_candidates = ['BOOLEAN', 'BIGINT', 'DECIMAL(38,6)', 'DATE', " +
                    "'TIMESTAMP', 'VARCHAR']" + textTypes(plainHeader(csv)) + ")) TO '" + quote(absolute) + "' (FORMAT parquet)");
            }
        }
        catch (final ClassNotFoundException | SQLException ex)
        {
            throw new IllegalStateException("cannot write " + out + " as Parquet: " + ex.getMessage(), ex);
        }
        finally
        {
            try
            {
                Files.deleteIfExists(temporary);
            }
            catch (final IOException ignored)
            {
                // a temporary file left beside the output: said by its name, harmless
            }
        }
    }

    /** Columns that are text whatever their cells look like: names, codes, times. */
    private static final java.util.Set<String> TEXT = java.util.Set.of("symbol", "name", "sector", "market", "time",
        "ts_code", "trade_date", "SecurityID", "代码", "名称");

    /**
     * @return DuckDB's {@code types} option for the columns that must stay text: those named so, and those with a
     *         cell such as 000001 (a code, whose leading zeros a number would lose); empty when there are none.
     */
    static String textTypes(final String csv)
    {
        final java.util.List<String> lines = csv.lines().toList();
        if (lines.isEmpty())
        {
            return "";
        }
        final String[] header = lines.get(0).split(",", -1);
        final boolean[] text = new boolean[header.length];
        for (int c = 0; c < header.length; c++)
        {
            text[c] = TEXT.contains(header[c]);
        }
        for (int i = 1; i < lines.size(); i++)
        {
            final String line = lines.get(i);
            if (line.indexOf('"') >= 0)
            {
                continue;
            }
            final String[] cells = line.split(",", -1);
            for (int c = 0; c < Math.min(cells.length, header.length); c++)
            {
                if (!text[c] && cells[c].length() > 1 && cells[c].charAt(0) == '0' && Character.isDigit(cells[c].charAt(1)))
                {
                    text[c] = true;
                }
            }
        }
        final StringBuilder types = new StringBuilder();
        for (int c = 0; c < header.length; c++)
        {
            if (text[c])
            {
                types.append(types.length() == 0 ? ", types = {" : ", ").append('\'')
                    .append(header[c].replace("'", "''")).append("': 'VARCHAR'");
            }
        }
        return types.length() == 0 ? "" : types.append('}').toString();
    }

    private static String quote(final Path path)
    {
        return path.toString().replace("'", "''");
    }
}

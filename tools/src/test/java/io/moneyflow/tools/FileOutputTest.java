package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reports as files: {@code --format parquet --out FILE} read back with DuckDB equals the same command's CSV, cell by
 * cell (decimals exact, dates as dates, counts as integers, column names with _ for the CSV's dots); {@code --excel}
 * is that CSV with a UTF-8 byte order mark and the same plain column names; options that do not go together are
 * refused before any work.
 */
class FileOutputTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteFlowsReportAsParquetEqualToItsCsv() throws Exception
    {
        final Cli csv = Cli.run("flow", "-q", "--format", "csv", "--sectors", "--markets", Cli.sample("ddb-l2-20230201"));
        assertThat(csv.exit).as(csv.err).isZero();
        final Path parquet = dir.resolve("flow.parquet");
        final Cli written = Cli.run("flow", "-q", "--format", "parquet", "--out", parquet.toString(), "--sectors",
            "--markets", Cli.sample("ddb-l2-20230201"));
        assertThat(written.exit).as(written.err).isZero();
        assertThat(written.out).isEmpty();
        assertSameTable(parquet, csv.out);
        // typed: a count, an exact amount, a day
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet types = sql.executeQuery("DESCRIBE SELECT * FROM '" + parquet + "'"))
        {
            final List<String> described = new ArrayList<>();
            while (types.next())
            {
                described.add(types.getString(1) + " " + types.getString(2));
            }
            assertThat(described).contains("symbol VARCHAR", "date DATE", "trades BIGINT", "turnover DECIMAL(38,6)",
                "active_XL_net DECIMAL(38,6)");
        }
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet row = sql.executeQuery("SELECT turnover, trades FROM '" + parquet +
                 "' WHERE symbol = '000001.SZ'"))
        {
            assertThat(row.next()).isTrue();
            // the exchange's totals of the day (Tushare's daily bar, as RealDayTotalsTest)
            assertThat(row.getBigDecimal(1)).isEqualByComparingTo("2426471972.52");
            assertThat(row.getLong(2)).isEqualTo(133_815);
        }
    }

    @Test
    void shouldWriteMinutesAndHistoryAsParquetEqualToTheirCsv() throws Exception
    {
        final Cli csv = Cli.run("minutes", "-q", "--symbol", "000001.SZ", "--format", "csv",
            Cli.sample("ddb-l2-20230201"));
        assertThat(csv.exit).as(csv.err).isZero();
        final Path minutes = dir.resolve("minutes.parquet");
        assertThat(Cli.run("minutes", "-q", "--symbol", "000001.SZ", "--format", "parquet", "--out",
            minutes.toString(), Cli.sample("ddb-l2-20230201")).exit).isZero();
        assertSameTable(minutes, csv.out);

        final Path data = dir.resolve("data");
        ServedRuns.fiveStoredDays(dir, data);
        final Cli history = Cli.run("history", "000001.SZ", "--format", "csv", "--data-dir", data.toString());
        assertThat(history.exit).as(history.err).isZero();
        final Path stored = dir.resolve("history.parquet");
        final Cli written = Cli.run("history", "000001.SZ", "--format", "parquet", "--out", stored.toString(),
            "--data-dir", data.toString());
        assertThat(written.exit).as(written.err).isZero();
        assertSameTable(stored, history.out);
    }

    @Test
    void shouldWriteCsvForExcel() throws Exception
    {
        final Cli csv = Cli.run("flow", "-q", "--format", "csv", Cli.sample("ddb-l2-20230201"));
        final Cli excel = Cli.run("flow", "-q", "--format", "csv", "--excel", Cli.sample("ddb-l2-20230201"));
        assertThat(excel.exit).as(excel.err).isZero();
        assertThat(excel.out).startsWith("\uFEFFsymbol,name,date,");
        final String header = excel.out.substring(1, excel.out.indexOf('\n'));
        assertThat(header).doesNotContain(".").contains("active_XL_in");
        assertThat(header).isEqualTo(csv.out.substring(0, csv.out.indexOf('\n')).replace('.', '_'));
        assertThat(excel.out.substring(excel.out.indexOf('\n'))).isEqualTo(csv.out.substring(csv.out.indexOf('\n')));
        // to a file: the same bytes
        final Path file = dir.resolve("flow.csv");
        assertThat(Cli.run("flow", "-q", "--format", "csv", "--excel", "--out", file.toString(),
            Cli.sample("ddb-l2-20230201")).exit).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).isEqualTo(excel.out);
    }

    @Test
    void shouldRefuseOptionsThatDoNotGoTogether()
    {
        final Cli noFile = Cli.run("flow", "-q", "--format", "parquet", Cli.sample("ddb-l2-20230201"));
        assertThat(noFile.exit).isEqualTo(2);
        assertThat(noFile.err).contains("--format parquet writes a file: give --out FILE.parquet");
        final Cli excelJson = Cli.run("history", "000001.SZ", "--format", "json", "--excel");
        assertThat(excelJson.exit).isEqualTo(2);
        assertThat(excelJson.err).contains("--excel is CSV for Excel: use it with --format csv");
    }

    /** The Parquet file holds the CSV's table: its header (dots as _), its rows, each cell the same value. */
    static void assertSameTable(final Path parquet, final String csv) throws Exception
    {
        final List<String> lines = csv.lines().filter(l -> !l.isBlank()).toList();
        final List<String> header = List.of(lines.get(0).replace('.', '_').split(",", -1));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet rows = sql.executeQuery("SELECT * FROM '" + parquet + "'"))
        {
            final ResultSetMetaData meta = rows.getMetaData();
            final List<String> columns = new ArrayList<>();
            for (int c = 1; c <= meta.getColumnCount(); c++)
            {
                columns.add(meta.getColumnName(c));
            }
            assertThat(columns).isEqualTo(header);
            int line = 1;
            while (rows.next())
            {
                final String[] cells = splitCsv(lines.get(line));
                for (int c = 1; c <= meta.getColumnCount(); c++)
                {
                    final Object value = rows.getObject(c);
                    final String cell = cells[c - 1];
                    final String where = "line " + line + ", " + columns.get(c - 1);
                    if (cell.isEmpty())
                    {
                        assertThat(value).as(where).isNull();
                    }
                    else if (value instanceof BigDecimal decimal)
                    {
                        assertThat(decimal).as(where).isEqualByComparingTo(cell);
                    }
                    else
                    {
                        assertThat(String.valueOf(value)).as(where).isEqualTo(cell);
                    }
                }
                line++;
            }
            assertThat(line).as("rows").isEqualTo(lines.size());
        }
    }

    /** A CSV line's cells (the reports quote a cell only when it holds a comma or a quote). */
    static String[] splitCsv(final String line)
    {
        final List<String> cells = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++)
        {
            final char ch = line.charAt(i);
            if (quoted)
            {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"')
                {
                    cell.append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                cells.add(cell.toString());
                cell.setLength(0);
            }
            else
            {
                cell.append(ch);
            }
        }
        cells.add(cell.toString());
        return cells.toArray(new String[0]);
    }
}

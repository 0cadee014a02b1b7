package io.moneyflow.tools;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.TradingCalendar;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow import-reference}: turns the reference data a user gets from Tushare ({@code stock_basic},
 * {@code daily_basic} or {@code daily}) or AkShare ({@code stock_zh_a_spot_em}, {@code stock_zh_a_spot}) as CSV into
 * the dated securities file ({@code config/securities.csv}).
 * <p>
 * Dating, per source (the securities file's rule: a row's figures hold from its {@code validFrom}, its prevClose is
 * the close of the trading day before {@code validFrom}):
 * <ul>
 * <li>Tushare {@code stock_basic}: one undated row per symbol, its name and its sector ({@code industry}); the engine
 *     names the symbol with it on every day no dated row covers.</li>
 * <li>Tushare {@code daily_basic} (or {@code daily}), a row of {@code trade_date} D: a row valid from the next trading
 *     day after D (the trading calendar), whose prevClose is D's {@code close}, and whose float and total shares
 *     ({@code float_share}, {@code total_share}, in 10,000 shares) and PE ({@code pe}) are those of D.
 *     {@code pre_close} is not used: on an ex-rights day Tushare gives the ex-rights price, not the close.</li>
 * <li>AkShare's spot table taken on day D ({@code --spot-date}): a row valid from D, whose prevClose is {@code 昨收}
 *     and PE {@code 市盈率-动态}; the name is {@code 名称}.</li>
 * </ul>
 * Numbers are read as decimals, never doubles; a share count in 10,000 shares must come out a whole number of shares.
 * A bad row is rejected on stderr with its file and line, and the others are kept; a run that imports no row fails.
 */
@Command(
    name = "import-reference",
    mixinStandardHelpOptions = true,
    description = "Write the dated securities file (config/securities.csv's format) from Tushare's or AkShare's CSV " +
        "exports: names and sectors from Tushare stock_basic, float and total shares, PE and close from Tushare " +
        "daily_basic, names, PE and previous close from AkShare's spot table. Bad rows are rejected on stderr with " +
        "their line; the good ones are kept.")
final class ImportReferenceCommand implements Callable<Integer>
{
    /** Rejections printed per file; the rest are counted. */
    private static final int SHOWN_REJECTIONS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = "--tushare-basic", paramLabel = "FILE", description = "Tushare stock_basic export (ts_code, " +
        "name, industry): one undated row per stock, its name and its sector (industry), on every day.")
    Path tushareBasic;

    @Option(names = "--tushare-daily", paramLabel = "FILE", description = "Tushare daily_basic (or daily) export " +
        "(ts_code, trade_date, and any of close, pe, total_share, float_share): a row of trade_date D is valid from " +
        "the next trading day, with prevClose = D's close and D's shares (10,000 shares) and PE.")
    Path tushareDaily;

    @Option(names = "--akshare-spot", paramLabel = "FILE", description = "AkShare stock_zh_a_spot_em or " +
        "stock_zh_a_spot export (代码, 名称, 昨收, optionally 市盈率-动态), taken on --spot-date: rows valid from that day.")
    Path akshareSpot;

    @Option(names = "--spot-date", paramLabel = "DATE",
        description = "The trading day (yyyy-MM-dd) the --akshare-spot table was taken on.")
    String spotDate;

    @Option(names = "--merge", paramLabel = "FILE", description = "A securities file to add the imported rows to " +
        "(its rows and comments kept; a row of the same symbol and validFrom is replaced by the imported one).")
    Path merge;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the securities file here instead of stdout.")
    Path out;

    @Override
    public Integer call()
    {
        if (tushareBasic == null && tushareDaily == null && akshareSpot == null)
        {
            throw new ParameterException(spec.commandLine(),
                "give --tushare-basic FILE, --tushare-daily FILE or --akshare-spot FILE --spot-date DATE");
        }
        if ((akshareSpot == null) != (spotDate == null))
        {
            throw new ParameterException(spec.commandLine(),
                "--akshare-spot FILE and --spot-date DATE go together: the spot table does not say its day");
        }
        for (final Path file : new Path[] {tushareBasic, tushareDaily, akshareSpot, merge})
        {
            if (file != null && !Files.isRegularFile(file))
            {
                throw new ParameterException(spec.commandLine(), file + " is not a readable file");
            }
        }
        final TradingCalendar calendar = Home.tradingCalendar();
        int spotDay = 0;
        if (spotDate != null)
        {
            spotDay = parseDate(spotDate);
            if (spotDay == 0 || !calendar.isTradingDay(spotDay))
            {
                throw new ParameterException(spec.commandLine(), "--spot-date " + spotDate + (spotDay == 0 ?
                    " is not a date such as 2025-07-09" : " is not an SSE/SZSE trading day in " + Home.calendar()));
            }
        }
        final Import imported = new Import(calendar, System.err);
        try
        {
            if (tushareBasic != null)
            {
                imported.tushareBasic(tushareBasic);
            }
            if (tushareDaily != null)
            {
                imported.tushareDaily(tushareDaily);
            }
            if (akshareSpot != null)
            {
                imported.akshareSpot(akshareSpot, spotDay);
            }
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("moneyflow: import-reference: " + ex.getMessage());
            return 1;
        }
        if (imported.rows.isEmpty())
        {
            System.err.println("moneyflow: import-reference: imported nothing: no row of the files given was " +
                "usable (see the rejections above); no securities file written");
            return 1;
        }
        final String text;
        try
        {
            text = merge != null ? merged(imported) : imported.text(sources(), List.of());
            // the engine reads what was written, as flow will: a row it refuses is a bug here, not the user's
            ReferenceData.fromText(text, out != null ? out.toString() : "the imported securities");
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("moneyflow: import-reference: " + ex.getMessage());
            return 1;
        }
        final long symbols = imported.rows.values().stream().map(r -> r.key).distinct().count();
        if (out != null)
        {
            try
            {
                Files.writeString(out, text, StandardCharsets.UTF_8);
            }
            catch (final IOException ex)
            {
                System.err.println("moneyflow: import-reference: cannot write " + out + ": " + ex.getMessage());
                return 1;
            }
        }
        else
        {
            System.out.print(text);
            System.out.flush();
        }
        System.err.println("moneyflow: import-reference: " + imported.rows.size() + " imported rows (" + symbols +
            " symbols) written to " + (out != null ? out : "stdout") +
            (imported.rejected > 0 ? "; " + imported.rejected + " rows rejected" : ""));
        return 0;
    }

    /** The comment naming where the imported rows came from. */
    private List<String> sources()
    {
        final List<String> lines = new ArrayList<>();
        lines.add("# Imported by 'moneyflow import-reference' (README, \"Importing reference data\"), from:");
        if (tushareBasic != null)
        {
            lines.add("#   Tushare stock_basic " + tushareBasic.getFileName() + ": names, sectors (industry); " +
                "undated rows, used on every day no dated row covers");
        }
        if (tushareDaily != null)
        {
            lines.add("#   Tushare daily_basic " + tushareDaily.getFileName() + ": a row of trade_date D is valid " +
                "from the next trading day; prevClose = D's close, shares (float_share, total_share x 10,000) and " +
                "pe of D");
        }
        if (akshareSpot != null)
        {
            lines.add("#   AkShare spot table " + akshareSpot.getFileName() + ", taken on " + spotDate +
                ": rows valid from that day; prevClose = 昨收, pe = 市盈率-动态, name = 名称");
        }
        return lines;
    }

    /** The file given to --merge with the imported rows added: its lines kept, those of a replaced row dropped. */
    private String merged(final Import imported)
    {
        final ReferenceData existing = ReferenceData.load(merge);
        final List<String> kept = new ArrayList<>();
        int replaced = 0;
        boolean header = false;
        boolean dated = false;
        try
        {
            for (final String raw : Files.readAllLines(merge, StandardCharsets.UTF_8))
            {
                final String line = raw.startsWith("\uFEFF") ? raw.substring(1) : raw;
                final String trimmed = line.trim();
                if (trimmed.isEmpty() || trimmed.startsWith("#"))
                {
                    kept.add(line);
                    continue;
                }
                if (!header)
                {
                    header = true;
                    dated = trimmed.replace(" ", "").equals(ReferenceData.DATED_HEADER);
                    kept.add(ReferenceData.DATED_HEADER);
                    continue;
                }
                final List<String> cells = cells(trimmed);
                final long key = SymbolCodes.parse(cells.get(0).trim());
                final int validFrom = dated && cells.size() > 8 ? parseDate(cells.get(8).trim()) : 0;
                if (imported.rows.containsKey(key + "@" + validFrom))
                {
                    replaced++;
                    continue;
                }
                kept.add(dated ? line : line + ",");
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        System.err.println("moneyflow: import-reference: " + merge + ": " + (existing.rows().size() - replaced) +
            " rows kept" + (replaced > 0 ? ", " + replaced + " replaced by imported rows" : ""));
        return imported.text(sources(), kept);
    }

    /** @return yyyymmdd of {@code 20250403} or {@code 2025-04-03}, or 0 when the text is neither. */
    static int parseDate(final String text)
    {
        final String t = text.trim();
        try
        {
            final LocalDate date = t.length() == 8 && t.chars().allMatch(Character::isDigit) ?
                LocalDate.of(Integer.parseInt(t.substring(0, 4)), Integer.parseInt(t.substring(4, 6)),
                    Integer.parseInt(t.substring(6))) : LocalDate.parse(t);
            return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
        }
        catch (final java.time.DateTimeException | NumberFormatException ex)
        {
            return 0;
        }
    }

    /** @return the cells of one CSV line (quoted cells as a spreadsheet or pandas writes them). */
    static List<String> cells(final String line)
    {
        try (CSVParser parser = CSVParser.parse(new StringReader(line), CSVFormat.DEFAULT))
        {
            final List<CSVRecord> records = parser.getRecords();
            return records.isEmpty() ? List.of("") : records.get(0).toList();
        }
        catch (final IOException | UncheckedIOException ex)
        {
            throw new IllegalArgumentException("not a CSV line: " + ex.getMessage());
        }
    }

    /** One imported row: the securities file's cells, as text. */
    static final class Row
    {
        final long key;
        final String name;
        final String sector;
        final String floatShares;
        final String totalShares;
        final String pe;
        final String prevClose;
        final int validFrom;
        /** FILE:LINE, for a duplicate's message. */
        final String where;

        Row(final long key, final String name, final String sector, final String floatShares,
            final String totalShares, final String pe, final String prevClose, final int validFrom, final String where)
        {
            this.key = key;
            this.name = name;
            this.sector = sector;
            this.floatShares = floatShares;
            this.totalShares = totalShares;
            this.pe = pe;
            this.prevClose = prevClose;
            this.validFrom = validFrom;
            this.where = where;
        }
    }

    /** The rows imported so far, by symbol and validFrom, and what was rejected. */
    static final class Import
    {
        final TradingCalendar calendar;
        final PrintStream err;
        /** By {@code key@validFrom} (0 for undated), in import order. */
        final Map<String, Row> rows = new LinkedHashMap<>();
        /** Name and sector of each symbol in a stock_basic file: the names of the dated rows. */
        final Map<Long, String[]> basics = new HashMap<>();
        int rejected;

        Import(final TradingCalendar calendar, final PrintStream err)
        {
            this.calendar = calendar;
            this.err = err;
        }

        void tushareBasic(final Path file)
        {
            final Table table = Table.read(file, "ts_code", "name");
            final int industry = table.column("industry");
            if (industry < 0)
            {
                err.println("moneyflow: import-reference: " + file + " has no industry column: sectors left empty");
            }
            final Rejections rejections = new Rejections(file);
            for (final Table.Line line : table.lines)
            {
                try
                {
                    final long key = symbol(line.cell(table.column("ts_code")), "ts_code");
                    final String name = line.cell(table.column("name")).trim();
                    if (name.isEmpty())
                    {
                        throw new IllegalArgumentException("name is empty");
                    }
                    final String sector = industry < 0 ? "" : textCell(line.cell(industry));
                    add(new Row(key, name, sector, "", "", "", "", 0, file + ":" + line.number));
                    basics.put(key, new String[] {name, sector});
                }
                catch (final IllegalArgumentException ex)
                {
                    rejections.add(line.number, ex.getMessage());
                }
            }
            rejections.finish(table.lines.size());
        }

        void tushareDaily(final Path file)
        {
            final Table table = Table.read(file, "ts_code", "trade_date");
            final int close = table.column("close");
            final int pe = table.column("pe");
            final int total = table.column("total_share");
            final int floating = table.column("float_share");
            if (close < 0 && pe < 0 && total < 0 && floating < 0)
            {
                throw new IllegalArgumentException(file + ": none of the columns close, pe, total_share, float_share: " +
                    "not a daily_basic or daily export");
            }
            final Rejections rejections = new Rejections(file);
            for (final Table.Line line : table.lines)
            {
                try
                {
                    final long key = symbol(line.cell(table.column("ts_code")), "ts_code");
                    final String dateText = line.cell(table.column("trade_date")).trim();
                    final int day = parseDate(dateText);
                    if (day == 0)
                    {
                        throw new IllegalArgumentException("trade_date '" + dateText + "' is not a date such as " +
                            "20250403");
                    }
                    final int next = nextTradingDay(day, dateText);
                    final String[] basic = basics.getOrDefault(key, new String[] {"", ""});
                    add(new Row(key, basic[0], basic[1],
                        floating < 0 ? "" : shares(line.cell(floating), "float_share"),
                        total < 0 ? "" : shares(line.cell(total), "total_share"),
                        pe < 0 ? "" : ratio(line.cell(pe), "pe"),
                        close < 0 ? "" : price(line.cell(close), "close"),
                        next, file + ":" + line.number));
                }
                catch (final IllegalArgumentException ex)
                {
                    rejections.add(line.number, ex.getMessage());
                }
            }
            rejections.finish(table.lines.size());
        }

        void akshareSpot(final Path file, final int day)
        {
            final Table table = Table.read(file, "代码", "名称", "昨收");
            final int pe = table.column("市盈率-动态");
            final Rejections rejections = new Rejections(file);
            for (final Table.Line line : table.lines)
            {
                try
                {
                    final long key = spotSymbol(line.cell(table.column("代码")));
                    final String[] basic = basics.getOrDefault(key, new String[] {"", ""});
                    add(new Row(key, line.cell(table.column("名称")).trim(), basic[1], "", "",
                        pe < 0 ? "" : ratio(line.cell(pe), "市盈率-动态"),
                        price(line.cell(table.column("昨收")), "昨收"), day, file + ":" + line.number));
                }
                catch (final IllegalArgumentException ex)
                {
                    rejections.add(line.number, ex.getMessage());
                }
            }
            rejections.finish(table.lines.size());
        }

        private void add(final Row row)
        {
            final Row earlier = rows.putIfAbsent(row.key + "@" + row.validFrom, row);
            if (earlier != null)
            {
                throw new IllegalArgumentException(SymbolCodes.format(row.key) + (row.validFrom == 0 ?
                    " listed twice" : " valid from " + TradingCalendar.format(row.validFrom) + " twice") +
                    " (first at " + earlier.where + ")");
            }
        }

        /** @return the trading day after a trading day, from the calendar. */
        private int nextTradingDay(final int day, final String text)
        {
            if (!calendar.covers(day))
            {
                throw new IllegalArgumentException("trade_date " + text + " is outside the trading calendar (" +
                    TradingCalendar.format(calendar.first()) + " to " + TradingCalendar.format(calendar.last()) + ")");
            }
            if (!calendar.isTradingDay(day))
            {
                throw new IllegalArgumentException("trade_date " + text + " is not an SSE/SZSE trading day (" +
                    calendar.closure(day) + ")");
            }
            LocalDate date = LocalDate.of(day / 10_000, day / 100 % 100, day % 100);
            while (true)
            {
                date = date.plusDays(1);
                final int next = date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
                if (!calendar.covers(next))
                {
                    throw new IllegalArgumentException("the trading day after " + text + " is outside the trading " +
                        "calendar (to " + TradingCalendar.format(calendar.last()) + ")");
                }
                if (calendar.isTradingDay(next))
                {
                    return next;
                }
            }
        }

        /** @return the securities file: its header, the kept lines of a merged file, the sources, the rows. */
        String text(final List<String> sources, final List<String> kept)
        {
            final StringBuilder sb = new StringBuilder();
            if (kept.isEmpty())
            {
                sources.forEach(l -> sb.append(l).append('\n'));
                sb.append(ReferenceData.DATED_HEADER).append('\n');
            }
            else
            {
                kept.forEach(l -> sb.append(l).append('\n'));
                sources.forEach(l -> sb.append(l).append('\n'));
            }
            for (final Row r : rows.values())
            {
                // a dated row of a symbol named by stock_basic takes its name, when its own source gave none
                final String[] basic = basics.get(r.key);
                final String name = r.name.isEmpty() && basic != null ? basic[0] : r.name;
                final String sector = r.sector.isEmpty() && basic != null ? basic[1] : r.sector;
                sb.append(SymbolCodes.format(r.key)).append(',').append(csv(name)).append(',')
                    .append(SymbolCodes.exchangeName(SymbolCodes.exchange(r.key))).append(',')
                    .append(csv(sector)).append(',')
                    .append(r.floatShares).append(',').append(r.totalShares).append(',')
                    .append(r.pe).append(',').append(r.prevClose).append(',')
                    .append(r.validFrom == 0 ? "" : TradingCalendar.format(r.validFrom)).append('\n');
            }
            return sb.toString();
        }

        /** Prints a file's rejections, the first ones in full, and counts them. */
        final class Rejections
        {
            private final Path file;
            private int count;

            Rejections(final Path file)
            {
                this.file = file;
            }

            void add(final int line, final String why)
            {
                if (count < SHOWN_REJECTIONS)
                {
                    err.println("moneyflow: import-reference: " + file + ":" + line + ": " + why + "; row rejected");
                }
                count++;
            }

            void finish(final int read)
            {
                if (count > SHOWN_REJECTIONS)
                {
                    err.println("moneyflow: import-reference: " + file + ": " + (count - SHOWN_REJECTIONS) +
                        " more rows rejected");
                }
                err.println("moneyflow: import-reference: " + file + ": " + read + " rows read, " + (read - count) +
                    " imported" + (count > 0 ? ", " + count + " rejected" : ""));
                rejected += count;
            }
        }
    }

    /** A CSV export's header and lines, by line number. */
    static final class Table
    {
        final Path file;
        final Map<String, Integer> columns = new HashMap<>();
        final List<Line> lines = new ArrayList<>();

        record Line(int number, List<String> cells)
        {
            String cell(final int column)
            {
                if (column >= cells.size())
                {
                    throw new IllegalArgumentException("has " + cells.size() + " cells, fewer than the header's");
                }
                return cells.get(column);
            }
        }

        private Table(final Path file)
        {
            this.file = file;
        }

        int column(final String name)
        {
            return columns.getOrDefault(name, -1);
        }

        /**
         * Reads a UTF-8 export (with or without a byte order mark; pandas' index column, when written, is a column
         * like any other).
         */
        static Table read(final Path file, final String... required)
        {
            final String text;
            try
            {
                text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file))).toString();
            }
            catch (final CharacterCodingException ex)
            {
                throw new IllegalArgumentException(file + " is not UTF-8 text (saved as GBK by Excel? save it as " +
                    "CSV UTF-8, or write it with pandas' to_csv, whose default is UTF-8)");
            }
            catch (final IOException ex)
            {
                throw new IllegalArgumentException("cannot read " + file + ": " + ex.getMessage());
            }
            final Table table = new Table(file);
            final String[] all = (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\r?\n", -1);
            boolean header = false;
            for (int i = 0; i < all.length; i++)
            {
                if (all[i].isBlank())
                {
                    continue;
                }
                if (!header)
                {
                    header = true;
                    final List<String> names = cells(all[i]);
                    for (int c = 0; c < names.size(); c++)
                    {
                        table.columns.putIfAbsent(names.get(c).trim(), c);
                    }
                    for (final String name : required)
                    {
                        if (!table.columns.containsKey(name))
                        {
                            throw new IllegalArgumentException(file + ":" + (i + 1) + ": no column '" + name +
                                "' in the header (" + String.join(",", names) + ")");
                        }
                    }
                    continue;
                }
                final int number = i + 1;
                try
                {
                    table.lines.add(new Line(number, cells(all[i])));
                }
                catch (final IllegalArgumentException ex)
                {
                    table.lines.add(new Line(number, List.of()));
                }
            }
            if (!header)
            {
                throw new IllegalArgumentException(file + " is empty: no header, no rows");
            }
            return table;
        }
    }

    /** @return a Tushare ts_code's key (600519.SH). */
    static long symbol(final String cell, final String column)
    {
        final String t = cell.trim();
        final long key = t.length() == SymbolCodes.COMMON_LENGTH ? SymbolCodes.parse(t) : SymbolCodes.INVALID;
        if (key == SymbolCodes.INVALID || SymbolCodes.exchange(key) == SymbolCodes.UNKNOWN_EXCHANGE)
        {
            throw new IllegalArgumentException(column + " '" + t + "' is not a code such as 600519.SH");
        }
        return key;
    }

    /** @return an AkShare 代码's key: six digits (600519; 92xxxx is Beijing's), or with its exchange (sh600519). */
    static long spotSymbol(final String cell)
    {
        final String t = cell.trim().toLowerCase(java.util.Locale.ROOT);
        final String digits = t.length() == 8 && (t.startsWith("sh") || t.startsWith("sz") || t.startsWith("bj")) ?
            t.substring(2) : t;
        if (digits.length() != 6 || !digits.chars().allMatch(Character::isDigit))
        {
            throw new IllegalArgumentException("代码 '" + cell.trim() + "' is not a six-digit code such as 600519 " +
                "or sh600519" + (t.chars().allMatch(Character::isDigit) ? " (a spreadsheet dropped its leading " +
                "zeros?)" : ""));
        }
        final String exchange = digits.length() == t.length() ?
            (digits.startsWith("92") || digits.startsWith("4") || digits.startsWith("8") ? "BJ" :
                digits.startsWith("6") || digits.startsWith("9") ? "SH" : "SZ") : t.substring(0, 2).toUpperCase(java.util.Locale.ROOT);
        final long key = SymbolCodes.parse(digits + "." + exchange);
        if (key == SymbolCodes.INVALID)
        {
            throw new IllegalArgumentException("代码 '" + cell.trim() + "' is not a code such as 600519");
        }
        return key;
    }

    /** @return a cell's number, or null when it is empty or says "not a number" (pandas' NaN, None, -). */
    static BigDecimal number(final String cell, final String column)
    {
        final String t = cell.trim();
        if (t.isEmpty() || t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("none") || t.equals("-") ||
            t.equals("--") || t.equalsIgnoreCase("null"))
        {
            return null;
        }
        try
        {
            return new BigDecimal(t);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(column + " '" + t + "' is not a number");
        }
    }

    /** @return a count in 10,000 shares (万股) as shares, exact, or "" when not given. */
    static String shares(final String cell, final String column)
    {
        final BigDecimal wan = number(cell, column);
        if (wan == null)
        {
            return "";
        }
        if (wan.signum() < 0)
        {
            throw new IllegalArgumentException(column + " " + cell.trim() + " is negative");
        }
        final BigDecimal shares = wan.movePointRight(4).stripTrailingZeros();
        if (shares.scale() > 0)
        {
            throw new IllegalArgumentException(column + " " + cell.trim() + " (10,000 shares) is " +
                shares.toPlainString() + " shares, not a whole number");
        }
        return shares.toPlainString();
    }

    /** @return a ratio to 4 decimals (the securities file's precision, half up), or "" when not given. */
    static String ratio(final String cell, final String column)
    {
        final BigDecimal value = number(cell, column);
        return value == null ? "" : plain(value.setScale(Math.min(4, Math.max(0, value.scale())), RoundingMode.HALF_UP));
    }

    /** @return a price in yuan (at most 4 decimals, positive), "" when not given or 0 (no close known). */
    static String price(final String cell, final String column)
    {
        final BigDecimal value = number(cell, column);
        if (value == null || value.signum() == 0)
        {
            return "";
        }
        if (value.signum() < 0)
        {
            throw new IllegalArgumentException(column + " " + cell.trim() + " is negative");
        }
        final BigDecimal stripped = value.stripTrailingZeros();
        if (stripped.scale() > 4)
        {
            throw new IllegalArgumentException(column + " " + cell.trim() + " has more than 4 decimals: not a " +
                "price in yuan (a float written by a program that rounded it?)");
        }
        return plain(stripped);
    }

    private static String plain(final BigDecimal value)
    {
        final BigDecimal stripped = value.stripTrailingZeros();
        return (stripped.scale() < 0 ? stripped.setScale(0) : stripped).toPlainString();
    }

    /** @return a text cell, "" for pandas' empty markers. */
    private static String textCell(final String cell)
    {
        final String t = cell.trim();
        return t.equalsIgnoreCase("nan") || t.equalsIgnoreCase("none") ? "" : t;
    }

    /** @return a cell as the securities file reads it back: quoted when it holds a comma or a quote. */
    private static String csv(final String cell)
    {
        return cell.indexOf(',') < 0 && cell.indexOf('"') < 0 ? cell : '"' + cell.replace("\"", "\"\"") + '"';
    }
}

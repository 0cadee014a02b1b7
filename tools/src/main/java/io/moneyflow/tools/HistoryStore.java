package io.moneyflow.tools;

import io.moneyflow.codec.TimeFormat;
import io.moneyflow.reference.TradingCalendar;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Date;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The day results of every stock, sector and market, kept across days in one DuckDB file (no server): the store
 * behind {@code close-day}, {@code history}, {@code rank}, {@code export} and the multi-day alerts, and a database a
 * user can query directly ({@code duckdb DATA_DIR/history.duckdb}, or any JDBC client).
 * <p>
 * Tables (amounts in yuan as DECIMAL(22,4), exactly the engine's 1/10000 yuan; volumes in shares):
 * <ul>
 *     <li>{@code stock_day}: one row per stock and day; primary key (date, symbol): storing a day again replaces
 *     its rows, never adds to them;</li>
 *     <li>{@code stock_day_class}: one row per stock, day and size class: both views' flows;</li>
 *     <li>{@code sector_day}, {@code market_day}: per sector (a stock in several sectors counts in each) and market
 *     (SSE, SZSE, BSE, ALL), recomputed from {@code stock_day} whenever a day is stored, so that a day stored in
 *     parts (one exchange's files, then the other's) still sums every stock once.</li>
 * </ul>
 * N-day windows are the N trading days of the SSE/SZSE calendar ending on a day; a window some of whose trading days
 * are not stored has holes, and its sums are left empty rather than taken over fewer days. One process at a time.
 */
final class HistoryStore implements AutoCloseable
{
    /** The windows of the N-day figures. */
    static final int[] WINDOWS = {3, 5, 10, 20};

    /** The additive day columns, shared by the stock, sector and market tables. */
    private static final String[][] SUMS = {
        {"trades", "bigint"}, {"volume", "bigint"}, {"turnover", "decimal(22,4)"}, {"outer_volume", "bigint"},
        {"inner_volume", "bigint"}, {"neutral_volume", "bigint"}, {"neutral_turnover", "decimal(22,4)"},
        {"cancels", "bigint"}, {"main_in", "decimal(22,4)"}, {"main_out", "decimal(22,4)"},
        {"main_net", "decimal(22,4)"}, {"main_in_volume", "bigint"}, {"main_out_volume", "bigint"},
        {"tick_up", "decimal(22,4)"}, {"tick_down", "decimal(22,4)"}, {"tick_up_buy", "decimal(22,4)"},
        {"tick_down_sell", "decimal(22,4)"}, {"bid_qty5", "bigint"}, {"ask_qty5", "bigint"}, {"bid_qty10", "bigint"},
        {"ask_qty10", "bigint"}, {"float_shares", "bigint"},
    };

    private final Connection connection;
    private final Path file;

    private HistoryStore(final Path file, final Connection connection)
    {
        this.file = file;
        this.connection = connection;
    }

    /**
     * Opens the store, creating the file and its tables when absent.
     *
     * @param file e.g. DATA_DIR/history.duckdb.
     * @return the store.
     * @throws IllegalStateException when the file cannot be opened (another process holds it, or it is not a
     *                               DuckDB file).
     */
    static HistoryStore open(final Path file)
    {
        try
        {
            final Path parent = file.toAbsolutePath().getParent();
            if (parent != null)
            {
                Files.createDirectories(parent);
            }
            Class.forName("org.duckdb.DuckDBDriver");
            final Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath());
            final HistoryStore store = new HistoryStore(file, connection);
            store.createTables();
            return store;
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot open the history store " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Opens an existing store to read only: no table is created, and DuckDB's read-only mode lets the processes that
     * store days ({@code close-day}, {@code flow --history}) keep it when they are done with it meanwhile.
     *
     * @param file the store, which exists.
     * @return the store.
     * @throws IllegalStateException when it cannot be opened (a process writing it holds it now).
     */
    static HistoryStore openReadOnly(final Path file)
    {
        try
        {
            Class.forName("org.duckdb.DuckDBDriver");
            final java.util.Properties properties = new java.util.Properties();
            properties.setProperty("duckdb.read_only", "true");
            return new HistoryStore(file, DriverManager.getConnection("jdbc:duckdb:" + file.toAbsolutePath(),
                properties));
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("cannot open the history store " + file + ": " + ex.getMessage(), ex);
        }
    }

    Path file()
    {
        return file;
    }

    private void createTables() throws SQLException
    {
        final StringBuilder sums = new StringBuilder();
        for (final String[] c : SUMS)
        {
            sums.append(", ").append(c[0]).append(' ').append(c[1]);
        }
        try (Statement s = connection.createStatement())
        {
            s.execute("create table if not exists stock_day (date date not null, symbol varchar not null, " +
                "name varchar, exchange varchar, sectors varchar, scheme varchar, mode varchar, " +
                "open decimal(18,4), high decimal(18,4), low decimal(18,4), close decimal(18,4), " +
                "prev_close decimal(18,4), pe decimal(18,4)" + sums + ", stored_at timestamp, " +
                "primary key (date, symbol))");
            s.execute("create table if not exists stock_day_class (date date not null, symbol varchar not null, " +
                "class varchar not null, class_index integer, active_in decimal(22,4), active_out decimal(22,4), " +
                "active_in_volume bigint, active_out_volume bigint, side_in decimal(22,4), side_out decimal(22,4), " +
                "primary key (date, symbol, class))");
            s.execute("create table if not exists sector_day (date date not null, sector varchar not null, " +
                "stocks integer" + sums + ", primary key (date, sector))");
            s.execute("create table if not exists market_day (date date not null, market varchar not null, " +
                "stocks integer" + sums + ", primary key (date, market))");
        }
    }

    /**
     * Stores every stock row of a report (whatever it shows) and recomputes the sectors and markets of their days.
     * A stock's day stored before is replaced.
     *
     * @param report the day's (or days') report.
     * @return the days stored.
     */
    Set<Integer> store(final FlowReport report)
    {
        return store(report, 0);
    }

    /**
     * Stores the stock rows of one day of a report (whatever it shows) and recomputes that day's sectors and markets.
     * A stock's day stored before is replaced.
     *
     * @param report the report.
     * @param only   the day to store, yyyymmdd, or 0 for every day of the report.
     * @return the days stored.
     */
    Set<Integer> store(final FlowReport report, final int only)
    {
        final Set<Integer> dates = new TreeSet<>();
        try
        {
            connection.setAutoCommit(false);
            final String[] classes = report.classNames();
            final StringBuilder columns = new StringBuilder("date, symbol, name, exchange, sectors, scheme, mode, " +
                "open, high, low, close, prev_close, pe");
            final StringBuilder marks = new StringBuilder("?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?");
            for (final String[] c : SUMS)
            {
                columns.append(", ").append(c[0]);
                marks.append(", ?");
            }
            columns.append(", stored_at");
            marks.append(", current_timestamp");
            try (PreparedStatement day = connection.prepareStatement(
                "insert or replace into stock_day (" + columns + ") values (" + marks + ")");
                PreparedStatement cls = connection.prepareStatement("insert or replace into stock_day_class " +
                    "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement clearClasses = connection.prepareStatement(
                    "delete from stock_day_class where date = ? and symbol = ?"))
            {
                for (final FlowRow r : report.allStocks())
                {
                    if (only != 0 && r.date != only)
                    {
                        continue;
                    }
                    dates.add(r.date);
                    final Date date = sqlDate(r.date);
                    int i = 1;
                    day.setDate(i++, date);
                    day.setString(i++, r.symbol);
                    day.setString(i++, r.name);
                    day.setString(i++, r.market());
                    day.setString(i++, String.join("|", r.sectors));
                    day.setString(i++, report.scheme());
                    day.setString(i++, report.mode());
                    day.setBigDecimal(i++, price(r.open));
                    day.setBigDecimal(i++, price(r.high));
                    day.setBigDecimal(i++, price(r.low));
                    day.setBigDecimal(i++, price(r.close));
                    day.setBigDecimal(i++, price(r.prevClose));
                    day.setBigDecimal(i++, r.peX10000 == io.moneyflow.reference.Security.ABSENT ? null :
                        yuan(r.peX10000));
                    i = setSums(day, i, r);
                    day.addBatch();
                    clearClasses.setDate(1, date);
                    clearClasses.setString(2, r.symbol);
                    clearClasses.addBatch();
                    for (int c = 0; c < classes.length; c++)
                    {
                        cls.setDate(1, date);
                        cls.setString(2, r.symbol);
                        cls.setString(3, classes[c]);
                        cls.setInt(4, c);
                        cls.setBigDecimal(5, yuan(r.activeIn[c]));
                        cls.setBigDecimal(6, yuan(r.activeOut[c]));
                        cls.setLong(7, r.activeInVolume[c]);
                        cls.setLong(8, r.activeOutVolume[c]);
                        cls.setBigDecimal(9, yuan(r.sideIn[c]));
                        cls.setBigDecimal(10, yuan(r.sideOut[c]));
                        cls.addBatch();
                    }
                }
                day.executeBatch();
                clearClasses.executeBatch();
                cls.executeBatch();
            }
            for (final int d : dates)
            {
                regroup(sqlDate(d));
            }
            connection.commit();
            connection.setAutoCommit(true);
            return dates;
        }
        catch (final SQLException ex)
        {
            try
            {
                connection.rollback();
            }
            catch (final SQLException ignored)
            {
                // the store is left as it was
            }
            throw new IllegalStateException("cannot store in " + file + ": " + ex.getMessage(), ex);
        }
    }

    private static int setSums(final PreparedStatement s, final int first, final FlowRow r) throws SQLException
    {
        int i = first;
        s.setLong(i++, r.trades);
        s.setLong(i++, r.volume);
        s.setBigDecimal(i++, yuan(r.turnover));
        s.setLong(i++, r.outerVolume);
        s.setLong(i++, r.innerVolume);
        s.setLong(i++, r.neutralVolume);
        s.setBigDecimal(i++, yuan(r.neutralTurnover));
        s.setLong(i++, r.cancels);
        s.setBigDecimal(i++, yuan(r.mainIn()));
        s.setBigDecimal(i++, yuan(r.mainOut()));
        s.setBigDecimal(i++, yuan(r.mainNet()));
        s.setLong(i++, r.mainInVolume());
        s.setLong(i++, r.mainOutVolume());
        s.setBigDecimal(i++, yuan(r.tickUp));
        s.setBigDecimal(i++, yuan(r.tickDown));
        s.setBigDecimal(i++, yuan(r.tickUpBuy));
        s.setBigDecimal(i++, yuan(r.tickDownSell));
        s.setLong(i++, r.bidQty5);
        s.setLong(i++, r.askQty5);
        s.setLong(i++, r.bidQty10);
        s.setLong(i++, r.askQty10);
        if (r.floatShares == io.moneyflow.reference.Security.ABSENT)
        {
            s.setNull(i++, java.sql.Types.BIGINT);
        }
        else
        {
            s.setLong(i++, r.floatShares);
        }
        return i;
    }

    /** Recomputes a day's sector and market rows from its stocks. */
    private void regroup(final Date date) throws SQLException
    {
        final StringBuilder sums = new StringBuilder();
        for (final String[] c : SUMS)
        {
            // float shares: known for a group only when every member has them
            sums.append(", ").append(c[0].equals("float_shares") ?
                "case when count(float_shares) = count(*) then sum(float_shares) end" : "sum(" + c[0] + ")");
        }
        try (PreparedStatement deleteSectors = connection.prepareStatement("delete from sector_day where date = ?");
            PreparedStatement deleteMarkets = connection.prepareStatement("delete from market_day where date = ?");
            PreparedStatement sectors = connection.prepareStatement("insert into sector_day select date, sector, " +
                "count(*)" + sums + " from (select *, unnest(string_split(sectors, '|')) as sector from stock_day " +
                "where date = ? and sectors <> '') group by date, sector");
            PreparedStatement markets = connection.prepareStatement("insert into market_day select date, market, " +
                "count(*)" + sums + " from (select *, exchange as market from stock_day where date = ? union all " +
                "select *, 'ALL' as market from stock_day where date = ?) group by date, market"))
        {
            deleteSectors.setDate(1, date);
            deleteSectors.execute();
            deleteMarkets.setDate(1, date);
            deleteMarkets.execute();
            sectors.setDate(1, date);
            sectors.execute();
            markets.setDate(1, date);
            markets.setDate(2, date);
            markets.execute();
        }
    }

    /**
     * The stored days of one stock, sector or market, latest last, with the N-day windows (3, 5, 10, 20 trading days
     * of the calendar, ending on the day): main net, the seed's main ratio {@code Σ(main in − main out) / Σ(main in +
     * main out) × 100} and the vendors' {@code Σ main net / Σ turnover × 100}. {@code holes_Nd} counts the window's
     * trading days not stored; a window with holes has no sums. On a day that is not a trading day, or whose window
     * reaches outside the calendar, the window is unknown ({@code holes_Nd} empty too); {@code trading_day} says which
     * days the calendar calls trading days (empty outside it).
     *
     * @param kind     stock_day, sector_day or market_day.
     * @param name     the symbol, sector or market.
     * @param days     how many of the latest days to return.
     * @param calendar the trading calendar.
     * @return one map per day: column names to values (BigDecimal yuan, Long, String, LocalDate, Boolean).
     */
    List<Map<String, Object>> history(final String kind, final String name, final int days,
        final TradingCalendar calendar)
    {
        final String key = kind.equals("stock_day") ? "symbol" : kind.equals("sector_day") ? "sector" : "market";
        final List<Map<String, Object>> rows = query("select * from " + kind + " where " + key + " = ? order by date",
            name);
        final Map<Integer, Map<String, Object>> byDate = new java.util.HashMap<>();
        for (final Map<String, Object> row : rows)
        {
            byDate.put(yyyymmdd((LocalDate)row.get("date")), row);
        }
        for (final Map<String, Object> row : rows)
        {
            final int date = yyyymmdd((LocalDate)row.get("date"));
            row.put("trading_day", calendar.covers(date) ? calendar.isTradingDay(date) : null);
            for (final int n : WINDOWS)
            {
                final int[] window = calendar.window(date, n);
                BigDecimal net = null;
                BigDecimal gross = null;
                BigDecimal turnover = null;
                Long volume = null;
                Integer stored = null;
                Integer holes = null;
                if (window != null)
                {
                    net = BigDecimal.ZERO;
                    gross = BigDecimal.ZERO;
                    turnover = BigDecimal.ZERO;
                    long shares = 0;
                    int found = 0;
                    for (final int day : window)
                    {
                        final Map<String, Object> d = byDate.get(day);
                        if (d != null)
                        {
                            found++;
                            net = net.add((BigDecimal)d.get("main_net"));
                            gross = gross.add((BigDecimal)d.get("main_in")).add((BigDecimal)d.get("main_out"));
                            turnover = turnover.add((BigDecimal)d.get("turnover"));
                            shares += ((Number)d.get("volume")).longValue();
                        }
                    }
                    stored = found;
                    holes = n - found;
                    volume = shares;
                }
                final boolean full = holes != null && holes == 0;
                row.put("days_" + n, stored);
                row.put("holes_" + n + "d", holes);
                row.put("main_net_" + n + "d", full ? net : null);
                row.put("turnover_" + n + "d", full ? turnover : null);
                row.put("volume_" + n + "d", full ? volume : null);
                row.put("main_ratio_seed_" + n + "d", full ? percent(net, gross) : null);
                row.put("main_ratio_vendor_" + n + "d", full ? percent(net, turnover) : null);
            }
        }
        return new ArrayList<>(rows.subList(Math.max(0, rows.size() - days), rows.size()));
    }

    /**
     * The stored rows of one stock, sector or market from one day to another, by day.
     *
     * @param table stock_day, sector_day or market_day.
     * @param name  the symbol, sector or market.
     * @param from  the first day, yyyymmdd.
     * @param to    the last day, yyyymmdd (inclusive).
     * @return the rows (as {@link #query}'s) by yyyymmdd.
     */
    Map<Integer, Map<String, Object>> days(final String table, final String name, final int from, final int to)
    {
        final String key = table.equals("stock_day") ? "symbol" : table.equals("sector_day") ? "sector" : "market";
        final Map<Integer, Map<String, Object>> days = new java.util.HashMap<>();
        for (final Map<String, Object> row : query("select * from " + table + " where " + key + " = ? and date " +
            "between cast(? as date) and cast(? as date)", name, formatDate(from), formatDate(to)))
        {
            days.put(yyyymmdd((LocalDate)row.get("date")), row);
        }
        return days;
    }

    /**
     * Stocks' stored days with their classes' flows, as the {@code --columns} presets read them.
     *
     * @param symbol one stock, or null for every stock.
     * @param from   the first day, yyyymmdd.
     * @param to     the last day, yyyymmdd (inclusive).
     * @return by symbol, then day.
     */
    List<Columns.Day> dayFlows(final String symbol, final int from, final int to)
    {
        final List<Map<String, Object>> rows = query("select d.symbol, d.name, d.date, d.close, d.prev_close, " +
            "d.turnover, c.class, c.active_in, c.active_out, c.active_in_volume, c.active_out_volume, c.side_in, " +
            "c.side_out from stock_day d join stock_day_class c on c.date = d.date and c.symbol = d.symbol " +
            "where (cast(? as varchar) is null or d.symbol = ?) and d.date between cast(? as date) and " +
            "cast(? as date) order by d.symbol, d.date, c.class_index", symbol, symbol, formatDate(from),
            formatDate(to));
        final List<Columns.Day> days = new ArrayList<>();
        int first = 0;
        while (first < rows.size())
        {
            final Map<String, Object> head = rows.get(first);
            int end = first;
            while (end < rows.size() && rows.get(end).get("symbol").equals(head.get("symbol")) &&
                rows.get(end).get("date").equals(head.get("date")))
            {
                end++;
            }
            final int n = end - first;
            final String[] classes = new String[n];
            final long[][] flows = new long[6][n];
            final String[] columns = {"active_in", "active_out", "active_in_volume", "active_out_volume", "side_in",
                "side_out"};
            for (int c = 0; c < n; c++)
            {
                final Map<String, Object> row = rows.get(first + c);
                classes[c] = (String)row.get("class");
                for (int f = 0; f < columns.length; f++)
                {
                    final Object value = row.get(columns[f]);
                    flows[f][c] = value instanceof BigDecimal d ? minor(d) : ((Number)value).longValue();
                }
            }
            days.add(new Columns.Day((String)head.get("symbol"), head.get("name") == null ? "" :
                (String)head.get("name"), yyyymmdd((LocalDate)head.get("date")), minorOrZero(head.get("close")),
                minorOrZero(head.get("prev_close")), minor((BigDecimal)head.get("turnover")), classes, flows[0],
                flows[1], flows[2], flows[3], flows[4], flows[5]));
            first = end;
        }
        return days;
    }

    /**
     * @param column a store column's name, in SQL's snake_case (main_net_5d, trading_day).
     * @return the name the commands and the API give it, in the reports' camelCase (mainNet5d, tradingDay).
     */
    static String camel(final String column)
    {
        final StringBuilder name = new StringBuilder(column.length());
        boolean upper = false;
        for (int i = 0; i < column.length(); i++)
        {
            final char c = column.charAt(i);
            if (c == '_')
            {
                upper = name.length() > 0;
            }
            else
            {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }

    /** @return yuan as the engine's 1/10000 yuan, exactly (the store keeps four places). */
    private static long minor(final BigDecimal yuan)
    {
        return yuan.movePointRight(4).longValueExact();
    }

    private static long minorOrZero(final Object yuan)
    {
        return yuan instanceof BigDecimal d ? minor(d) : 0;
    }

    /**
     * @return the table of a report row's kind: stock_day, sector_day or market_day.
     */
    static String table(final FlowRow.Kind kind)
    {
        return switch (kind)
        {
            case STOCK -> "stock_day";
            case SECTOR -> "sector_day";
            case MARKET -> "market_day";
        };
    }

    static int yyyymmdd(final LocalDate date)
    {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    /**
     * @return the latest day stored, or 0 when the store is empty.
     */
    int latestDate()
    {
        try (Statement s = connection.createStatement(); ResultSet r = s.executeQuery("select max(date) from stock_day"))
        {
            r.next();
            final Date d = r.getDate(1);
            return d == null ? 0 : Integer.parseInt(d.toLocalDate().toString().replace("-", ""));
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Runs a statement that returns nothing (table creation).
     */
    void execute(final String sql)
    {
        try (Statement s = connection.createStatement())
        {
            s.execute(sql);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot update " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Runs an insert that may find its row already there.
     *
     * @return true when a row was inserted.
     */
    boolean insertIfAbsent(final String sql, final Object... parameters)
    {
        try (PreparedStatement s = connection.prepareStatement(sql))
        {
            for (int i = 0; i < parameters.length; i++)
            {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate() > 0;
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot update " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Runs a query and returns its rows, for rank and the tests.
     */
    List<Map<String, Object>> query(final String sql, final Object... parameters)
    {
        final List<Map<String, Object>> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement(sql))
        {
            for (int i = 0; i < parameters.length; i++)
            {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery())
            {
                final int n = r.getMetaData().getColumnCount();
                while (r.next())
                {
                    final Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++)
                    {
                        Object value = r.getObject(i);
                        if (value instanceof Date d)
                        {
                            value = d.toLocalDate();
                        }
                        row.put(r.getMetaData().getColumnLabel(i), value);
                    }
                    rows.add(row);
                }
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot read " + file + ": " + ex.getMessage(), ex);
        }
        return rows;
    }

    /**
     * Writes a table to a CSV file (header row) or a Parquet file, by the file's extension.
     *
     * @param table stock_day, stock_day_class, sector_day or market_day.
     * @param out   FILE.csv or FILE.parquet.
     * @return rows written.
     */
    long export(final String table, final Path out)
    {
        if (!Set.of("stock_day", "stock_day_class", "sector_day", "market_day").contains(table))
        {
            throw new IllegalArgumentException("no table '" + table + "': stock_day, stock_day_class, sector_day or " +
                "market_day");
        }
        final String name = out.getFileName().toString().toLowerCase(Locale.ROOT);
        final String format = name.endsWith(".parquet") ? "(format parquet)" : name.endsWith(".csv") ?
            "(format csv, header)" : null;
        if (format == null)
        {
            throw new IllegalArgumentException("the export file must end in .csv or .parquet: " + out);
        }
        try (Statement s = connection.createStatement())
        {
            final String path = out.toAbsolutePath().toString().replace("'", "''");
            s.execute("copy (select * from " + table + " order by all) to '" + path + "' " + format);
            try (ResultSet r = s.executeQuery("select count(*) from " + table))
            {
                r.next();
                return r.getLong(1);
            }
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot export " + table + " to " + out + ": " + ex.getMessage(), ex);
        }
    }

    static BigDecimal percent(final BigDecimal numerator, final BigDecimal denominator)
    {
        if (numerator == null || denominator == null || denominator.signum() == 0)
        {
            return null;
        }
        return numerator.multiply(BigDecimal.valueOf(100)).divide(denominator, 4, RoundingMode.HALF_EVEN);
    }

    private static Date sqlDate(final int yyyymmdd)
    {
        return Date.valueOf(LocalDate.of(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100));
    }

    private static BigDecimal yuan(final long tenThousandths)
    {
        return BigDecimal.valueOf(tenThousandths, 4);
    }

    private static BigDecimal price(final long tenThousandths)
    {
        return tenThousandths == 0 ? null : BigDecimal.valueOf(tenThousandths, 4);
    }

    static String formatDate(final int date)
    {
        return TimeFormat.formatDate(date);
    }

    @Override
    public void close()
    {
        try
        {
            connection.close();
        }
        catch (final SQLException ex)
        {
            // nothing more to write
        }
    }
}

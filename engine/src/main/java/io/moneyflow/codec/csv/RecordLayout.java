package io.moneyflow.codec.csv;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.ring.TickEvent;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One record kind of a {@link Layout}: which columns hold which fields, and what their codes mean.
 * <p>
 * Immutable once built. See the README's "Layouts" section for every key.
 */
public final class RecordLayout
{
    /** Fill records (逐笔成交), possibly with SZSE cancels. */
    public static final String TRADE = "trade";
    /** Order records (逐笔委托). */
    public static final String ORDER = "order";
    /** Snapshot records (快照). */
    public static final String SNAPSHOT = "snapshot";

    private static final Set<String> COMMON_KEYS = Set.of(
        "match", "columns", "symbol", "exchange", "exchange.SH", "exchange.SZ", "exchange.BJ", "exchange.default",
        "datetime", "datetime.format", "date", "date.format", "date.fromName", "time", "time.format",
        "channel", "seq", "seq.dense");
    private static final Set<String> TRADE_KEYS = Set.of(
        "price", "price.scale", "qty", "qty.scale", "qty.multiplier", "buyNo", "sellNo",
        "flag", "flag.B", "flag.S", "flag.N", "execType", "execType.fill", "execType.cancel");
    private static final Set<String> ORDER_KEYS = Set.of(
        "price", "price.scale", "qty", "qty.scale", "qty.multiplier", "orderNo", "side", "side.B", "side.S",
        "orderType", "orderType.add", "orderType.cancel", "qty.balance");
    private static final Set<String> SNAPSHOT_KEYS = Set.of(
        "last", "prevClose", "price.scale", "cumTrades", "cumVolume", "cumVolume.scale", "cumVolume.multiplier",
        "cumTurnover", "cumTurnover.scale", "bidPrice", "bidQty", "askPrice", "askQty", "qty.scale", "qty.multiplier",
        "levels");

    private final String layoutName;
    private final String kind;
    private final Map<String, String> values;
    private final List<String> match;
    private final List<String> columns;
    final CodeTable exchangeCodes = new CodeTable();
    final CodeTable flagCodes = new CodeTable();
    final CodeTable execCodes = new CodeTable();
    final CodeTable sideCodes = new CodeTable();
    final CodeTable orderTypeCodes = new CodeTable();
    final int exchangeDefault;
    final int priceScaleDigits;
    final int qtyScaleDigits;
    final long qtyMultiplier;
    final int volumeScaleDigits;
    final long volumeMultiplier;
    final int turnoverScaleDigits;
    final int levels;
    final boolean seqDense;
    /**
     * Order records: for which exchanges (bit per {@code SymbolCodes} exchange) the quantity is the balance left after
     * fills on arrival (SSE), not the whole order.
     */
    final int qtyBalanceExchanges;
    final boolean dateFromName;

    RecordLayout(final String layoutName, final String kind, final Map<String, String> raw, final String where)
    {
        this.layoutName = layoutName;
        this.kind = kind;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(raw));
        final Set<String> allowed = switch (kind)
        {
            case TRADE -> TRADE_KEYS;
            case ORDER -> ORDER_KEYS;
            case SNAPSHOT -> SNAPSHOT_KEYS;
            default -> throw new IllegalArgumentException(where + ": unknown section [" + kind +
                "]; expected [trade], [order] or [snapshot]");
        };
        for (final String key : raw.keySet())
        {
            if (!COMMON_KEYS.contains(key) && !allowed.contains(key))
            {
                throw new IllegalArgumentException(where + ": unknown key '" + key + "' in [" + kind + "]");
            }
        }
        match = list(raw.get("match"));
        columns = list(raw.get("columns"));
        if (match.isEmpty() && columns.isEmpty())
        {
            throw new IllegalArgumentException(where + ": [" + kind + "] needs 'match' (header columns that identify " +
                "the file) or 'columns' (names for a headerless file)");
        }
        require(raw, "symbol", where);
        if (raw.containsKey("datetime"))
        {
            require(raw, "datetime.format", where);
        }
        else
        {
            require(raw, "time", where);
            require(raw, "time.format", where);
            if (!raw.containsKey("date") && !"true".equals(raw.get("date.fromName")))
            {
                throw new IllegalArgumentException(where + ": [" + kind + "] needs 'datetime', or 'date', or " +
                    "'date.fromName = true' beside 'time'");
            }
            if (raw.containsKey("date"))
            {
                require(raw, "date.format", where);
            }
        }
        dateFromName = "true".equals(raw.get("date.fromName"));
        for (final String key : List.of("datetime.format", "date.format", "time.format"))
        {
            if (raw.containsKey(key))
            {
                new TimeFormat(raw.get(key));
            }
        }
        if (raw.containsKey("exchange.SH"))
        {
            exchangeCodes.add(raw.get("exchange.SH"), (byte)(SymbolCodes.SH + 1));
        }
        if (raw.containsKey("exchange.SZ"))
        {
            exchangeCodes.add(raw.get("exchange.SZ"), (byte)(SymbolCodes.SZ + 1));
        }
        if (raw.containsKey("exchange.BJ"))
        {
            exchangeCodes.add(raw.get("exchange.BJ"), (byte)(SymbolCodes.BJ + 1));
        }
        if (raw.containsKey("exchange") && exchangeCodes.isEmpty())
        {
            throw new IllegalArgumentException(where + ": 'exchange' column needs codes: exchange.SH / exchange.SZ");
        }
        final String exDefault = raw.get("exchange.default");
        exchangeDefault = exDefault == null ? SymbolCodes.UNKNOWN_EXCHANGE : SymbolCodes.exchangeNamed(exDefault);
        if (exDefault != null && exchangeDefault == SymbolCodes.UNKNOWN_EXCHANGE)
        {
            throw new IllegalArgumentException(where + ": exchange.default must be SH, SZ or BJ");
        }

        priceScaleDigits = scaleDigits(raw.get("price.scale"), where, "price.scale");
        qtyScaleDigits = scaleDigits(raw.get("qty.scale"), where, "qty.scale");
        qtyMultiplier = multiplier(raw.get("qty.multiplier"), where, "qty.multiplier");
        volumeScaleDigits = scaleDigits(raw.get("cumVolume.scale"), where, "cumVolume.scale");
        volumeMultiplier = multiplier(raw.get("cumVolume.multiplier"), where, "cumVolume.multiplier");
        turnoverScaleDigits = scaleDigits(raw.get("cumTurnover.scale"), where, "cumTurnover.scale");
        seqDense = "true".equals(raw.get("seq.dense"));
        qtyBalanceExchanges = balanceExchanges(raw.get("qty.balance"), where);

        switch (kind)
        {
            case TRADE ->
            {
                require(raw, "price", where);
                require(raw, "qty", where);
                codes(raw, "flag", flagCodes, where, "flag.B", TickEvent.BUY, "flag.S", TickEvent.SELL,
                    "flag.N", TickEvent.NEUTRAL);
                codes(raw, "execType", execCodes, where, "execType.fill", TickEvent.TRADE,
                    "execType.cancel", TickEvent.CANCEL);
                levels = 0;
            }
            case ORDER ->
            {
                require(raw, "qty", where);
                require(raw, "orderNo", where);
                require(raw, "side", where);
                codes(raw, "side", sideCodes, where, "side.B", TickEvent.BUY, "side.S", TickEvent.SELL, null, (byte)0);
                codes(raw, "orderType", orderTypeCodes, where, "orderType.add", TickEvent.ADD,
                    "orderType.cancel", TickEvent.DELETE);
                levels = 0;
            }
            default ->
            {
                final String levelText = raw.getOrDefault("levels", raw.containsKey("bidPrice") ? "1" : "0");
                levels = Integer.parseInt(levelText.strip());
                if (levels < 0 || levels > TickEvent.LEVELS)
                {
                    throw new IllegalArgumentException(where + ": levels must be 0.." + TickEvent.LEVELS);
                }
                for (final String key : List.of("bidPrice", "bidQty", "askPrice", "askQty"))
                {
                    if (levels > 0)
                    {
                        require(raw, key, where);
                        if (levels > 1 && !raw.get(key).contains("{n}"))
                        {
                            throw new IllegalArgumentException(where + ": " + key + " needs '{n}' for the level number");
                        }
                    }
                }
            }
        }
    }

    private static void codes(
        final Map<String, String> raw,
        final String column,
        final CodeTable table,
        final String where,
        final String firstKey,
        final byte firstMeaning,
        final String secondKey,
        final byte secondMeaning,
        final String thirdKey,
        final byte thirdMeaning)
    {
        if (raw.containsKey(firstKey))
        {
            table.add(raw.get(firstKey), firstMeaning);
        }
        if (raw.containsKey(secondKey))
        {
            table.add(raw.get(secondKey), secondMeaning);
        }
        if (thirdKey != null && raw.containsKey(thirdKey))
        {
            table.add(raw.get(thirdKey), thirdMeaning);
        }
        if (raw.containsKey(column) && table.isEmpty())
        {
            throw new IllegalArgumentException(where + ": column '" + column + "' needs its codes (" + firstKey +
                ", " + secondKey + (thirdKey == null ? "" : ", " + thirdKey) + ")");
        }
    }

    private static void codes(
        final Map<String, String> raw,
        final String column,
        final CodeTable table,
        final String where,
        final String firstKey,
        final byte firstMeaning,
        final String secondKey,
        final byte secondMeaning)
    {
        codes(raw, column, table, where, firstKey, firstMeaning, secondKey, secondMeaning, null, (byte)0);
    }

    private static int scaleDigits(final String text, final String where, final String key)
    {
        if (text == null)
        {
            return 0;
        }
        final long value = Long.parseLong(text.strip());
        int digits = 0;
        long v = value;
        while (v > 1 && v % 10 == 0)
        {
            v /= 10;
            digits++;
        }
        if (v != 1)
        {
            throw new IllegalArgumentException(where + ": " + key + " must be a power of ten (1, 10, 100, 1000...)");
        }
        return digits;
    }

    private static long multiplier(final String text, final String where, final String key)
    {
        if (text == null)
        {
            return 1;
        }
        final long value = Long.parseLong(text.strip());
        if (value < 1)
        {
            throw new IllegalArgumentException(where + ": " + key + " must be a positive whole number");
        }
        return value;
    }

    private static void require(final Map<String, String> raw, final String key, final String where)
    {
        if (raw.get(key) == null || raw.get(key).isBlank())
        {
            throw new IllegalArgumentException(where + ": missing '" + key + "'");
        }
    }

    private static List<String> list(final String text)
    {
        if (text == null || text.isBlank())
        {
            return List.of();
        }
        final List<String> out = new ArrayList<>();
        for (final String part : text.split(","))
        {
            if (!part.isBlank())
            {
                out.add(part.strip());
            }
        }
        return List.copyOf(out);
    }

    /**
     * @param key a layout key, e.g. {@code price}.
     * @return its value, or null.
     */
    public String get(final String key)
    {
        return values.get(key);
    }

    /**
     * @return {@link #TRADE}, {@link #ORDER} or {@link #SNAPSHOT}.
     */
    public String kind()
    {
        return kind;
    }

    /**
     * @return the layout this section belongs to.
     */
    public String layoutName()
    {
        return layoutName;
    }

    /**
     * @return header columns that must all be present for this section to apply.
     */
    public List<String> match()
    {
        return match;
    }

    /**
     * @return column names of a headerless file, or empty when the file has a header.
     */
    public List<String> columns()
    {
        return columns;
    }

    /**
     * Whether this section reads a file with this header.
     *
     * @param header the file's column names.
     * @return true when every {@link #match()} column is present (case-insensitive).
     */
    public boolean matches(final List<String> header)
    {
        if (match.isEmpty())
        {
            return false;
        }
        final Set<String> names = new java.util.HashSet<>();
        for (final String h : header)
        {
            names.add(h.strip().toLowerCase(Locale.ROOT));
        }
        for (final String m : match)
        {
            if (!names.contains(m.toLowerCase(Locale.ROOT)))
            {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString()
    {
        return layoutName + "[" + kind + "]";
    }

    /**
     * {@code qty.balance}: {@code true} (every row's quantity is a balance), {@code false} (none), or the exchanges
     * whose rows carry one, e.g. {@code SH}.
     */
    private static int balanceExchanges(final String value, final String where)
    {
        if (value == null || value.isBlank() || value.trim().equals("false"))
        {
            return 0;
        }
        if (value.trim().equals("true"))
        {
            return 0b111;
        }
        int bits = 0;
        for (final String part : value.split(","))
        {
            final int exchange = io.moneyflow.codec.SymbolCodes.exchangeNamed(part.trim());
            if (exchange < 0)
            {
                throw new IllegalArgumentException(where + ": qty.balance '" + value + "' is not true, false or a " +
                    "list of exchanges (SH, SZ, BJ)");
            }
            bits |= 1 << exchange;
        }
        return bits;
    }
}

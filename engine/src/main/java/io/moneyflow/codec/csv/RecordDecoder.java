package io.moneyflow.codec.csv;

import io.moneyflow.codec.AsciiNumbers;
import io.moneyflow.codec.AsciiText;
import io.moneyflow.codec.CsvSplitter;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes one line of a recognised file into a {@link TickEvent}, following a {@link RecordLayout} bound to the
 * file's header. Used by one feed thread; allocates nothing for good lines.
 * <p>
 * A bad line returns a {@link RejectReason}, and {@link #rejectColumn()} names the column at fault.
 */
public final class RecordDecoder
{
    /** Order numbers must fit 40 bits so that the order table can pack them with the slot. */
    public static final long MAX_ORDER_NO = (1L << 40) - 1;

    private final RecordLayout layout;
    private final byte kind;
    private final List<String> header;
    private final int fileDate;

    private final int symbolColumn;
    private final int exchangeColumn;
    private final int datetimeColumn;
    private final int dateColumn;
    private final int timeColumn;
    private final TimeFormat datetimeFormat;
    private final TimeFormat dateFormat;
    private final TimeFormat timeFormat;
    private final int priceColumn;
    private final int qtyColumn;
    private final int buyNoColumn;
    private final int sellNoColumn;
    private final int flagColumn;
    private final int execColumn;
    private final int channelColumn;
    private final int seqColumn;
    private final int orderNoColumn;
    private final int sideColumn;
    private final int orderTypeColumn;
    private final int lastColumn;
    private final int prevCloseColumn;
    private final int cumTradesColumn;
    private final int cumVolumeColumn;
    private final int cumTurnoverColumn;
    private final int[] bidPriceColumns;
    private final int[] bidQtyColumns;
    private final int[] askPriceColumns;
    private final int[] askQtyColumns;

    private int rejectColumn;
    private long decoded;

    /**
     * @param layout   the section that applies.
     * @param header   the file's column names.
     * @param fileName the file or entry label, for layouts that take the date from it.
     */
    public RecordDecoder(final RecordLayout layout, final List<String> header, final String fileName)
    {
        this.layout = layout;
        this.header = List.copyOf(header);
        this.kind = switch (layout.kind())
        {
            case RecordLayout.TRADE -> TickEvent.TRADE;
            case RecordLayout.ORDER -> TickEvent.ORDER;
            default -> TickEvent.SNAPSHOT;
        };
        final List<Integer> used = new ArrayList<>();
        symbolColumn = column("symbol", true, used);
        exchangeColumn = column("exchange", false, used);
        datetimeColumn = column("datetime", false, used);
        dateColumn = column("date", false, used);
        timeColumn = column("time", false, used);
        datetimeFormat = layout.get("datetime.format") == null ? null : new TimeFormat(layout.get("datetime.format"));
        dateFormat = layout.get("date.format") == null ? null : new TimeFormat(layout.get("date.format"));
        timeFormat = layout.get("time.format") == null ? null : new TimeFormat(layout.get("time.format"));
        if (datetimeFormat != null && !datetimeFormat.hasDate())
        {
            throw new IllegalArgumentException(layout + ": datetime.format '" + datetimeFormat + "' has no date");
        }
        final boolean trade = kind == TickEvent.TRADE;
        final boolean order = kind == TickEvent.ORDER;
        priceColumn = column("price", trade, used);
        qtyColumn = column("qty", trade || order, used);
        buyNoColumn = column("buyNo", false, used);
        sellNoColumn = column("sellNo", false, used);
        flagColumn = column("flag", false, used);
        execColumn = column("execType", false, used);
        channelColumn = column("channel", false, used);
        seqColumn = column("seq", false, used);
        orderNoColumn = column("orderNo", order, used);
        sideColumn = column("side", order, used);
        orderTypeColumn = column("orderType", false, used);
        lastColumn = column("last", false, used);
        prevCloseColumn = column("prevClose", false, used);
        cumTradesColumn = column("cumTrades", false, used);
        cumVolumeColumn = column("cumVolume", false, used);
        cumTurnoverColumn = column("cumTurnover", false, used);
        final int levels = layout.levels;
        bidPriceColumns = levelColumns("bidPrice", levels, used);
        bidQtyColumns = levelColumns("bidQty", levels, used);
        askPriceColumns = levelColumns("askPrice", levels, used);
        askQtyColumns = levelColumns("askQty", levels, used);

        if (layout.dateFromName)
        {
            fileDate = TimeFormat.dateFromName(fileName);
            if (fileDate == 0)
            {
                throw new IllegalArgumentException(layout + " takes the trading date from the file name, and '" +
                    fileName + "' holds no yyyyMMdd date");
            }
        }
        else
        {
            fileDate = 0;
        }
    }

    private int column(final String key, final boolean required, final List<Integer> used)
    {
        final String name = layout.get(key);
        if (name == null)
        {
            if (required)
            {
                throw new IllegalArgumentException(layout + ": missing '" + key + "'");
            }
            return -1;
        }
        final int index = indexOf(name);
        if (index < 0)
        {
            throw new IllegalArgumentException(layout + ": column '" + name + "' (" + key + ") is not in the header");
        }
        used.add(index);
        return index;
    }

    private int[] levelColumns(final String key, final int levels, final List<Integer> used)
    {
        final int[] columns = new int[levels];
        final String pattern = layout.get(key);
        for (int i = 0; i < levels; i++)
        {
            final String name = pattern.replace("{n}", Integer.toString(i + 1));
            final int index = indexOf(name);
            if (index < 0)
            {
                throw new IllegalArgumentException(layout + ": column '" + name + "' (" + key + ") is not in the header");
            }
            used.add(index);
            columns[i] = index;
        }
        return columns;
    }

    private int indexOf(final String name)
    {
        for (int i = 0; i < header.size(); i++)
        {
            if (header.get(i).strip().toLowerCase(Locale.ROOT).equals(name.toLowerCase(Locale.ROOT)))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Decodes a split line.
     *
     * @param b   the line's buffer.
     * @param csv the line split into fields.
     * @param out receives the input fields; cleared first.
     * @return null when the record is good, else why it is rejected.
     */
    public RejectReason decode(final byte[] b, final CsvSplitter csv, final TickEvent out)
    {
        final RejectReason reason = decodeFields(b, csv, out);
        if (reason == null)
        {
            decoded++;
        }
        return reason;
    }

    private RejectReason decodeFields(final byte[] b, final CsvSplitter csv, final TickEvent out)
    {
        out.clearInput();
        rejectColumn = -1;
        // A line with more or fewer fields than the header (an unquoted delimiter inside a field, a lost column)
        // would be read with its fields shifted: reject it whole.
        if (csv.malformed() || csv.count() != header.size())
        {
            return RejectReason.MALFORMED;
        }
        out.type = kind;

        int exchange = layout.exchangeDefault;
        if (exchangeColumn >= 0)
        {
            final byte code = layout.exchangeCodes.lookup(b, csv.start(exchangeColumn), csv.end(exchangeColumn));
            if (code == CodeTable.UNKNOWN)
            {
                rejectColumn = exchangeColumn;
                return RejectReason.UNKNOWN_CODE;
            }
            if (code != CodeTable.ABSENT)
            {
                exchange = code - 1;
            }
        }
        final long key = symbolKey(b, csv.start(symbolColumn), csv.end(symbolColumn), exchange);
        if (key == SymbolCodes.INVALID)
        {
            rejectColumn = symbolColumn;
            return RejectReason.BAD_SYMBOL;
        }
        out.symbolKey = key;

        if (datetimeColumn >= 0)
        {
            if (!datetimeFormat.parse(b, csv.start(datetimeColumn), csv.end(datetimeColumn)))
            {
                rejectColumn = datetimeColumn;
                return RejectReason.BAD_TIME;
            }
            out.date = datetimeFormat.date();
            out.timeMs = datetimeFormat.timeOfDayMs();
        }
        else
        {
            if (!timeFormat.parse(b, csv.start(timeColumn), csv.end(timeColumn)))
            {
                rejectColumn = timeColumn;
                return RejectReason.BAD_TIME;
            }
            out.timeMs = timeFormat.timeOfDayMs();
            if (dateColumn >= 0)
            {
                final int date = date(b, csv.start(dateColumn), csv.end(dateColumn));
                if (date == 0)
                {
                    rejectColumn = dateColumn;
                    return RejectReason.BAD_TIME;
                }
                out.date = date;
            }
            else
            {
                out.date = fileDate;
            }
        }

        if (channelColumn >= 0)
        {
            final long channel = AsciiNumbers.parseLong(b, csv.start(channelColumn), csv.end(channelColumn));
            if (channel < 0 || channel > Integer.MAX_VALUE)
            {
                rejectColumn = channelColumn;
                return RejectReason.MALFORMED;
            }
            out.channel = (int)channel;
        }
        if (seqColumn >= 0)
        {
            final long seq = AsciiNumbers.parseLong(b, csv.start(seqColumn), csv.end(seqColumn));
            if (seq < 0)
            {
                rejectColumn = seqColumn;
                return RejectReason.MALFORMED;
            }
            out.sequence = seq;
            out.denseSequence = layout.seqDense;
        }

        switch (kind)
        {
            case TickEvent.TRADE:
                return decodeTrade(b, csv, out);
            case TickEvent.ORDER:
                return decodeOrder(b, csv, out);
            default:
                return decodeSnapshot(b, csv, out);
        }
    }

    /** The text of the last symbol and date decoded, and what they gave: files repeat both line after line. */
    private final byte[] lastSymbol = new byte[32];
    private int lastSymbolLength = -1;
    private int lastSymbolExchange;
    private long lastSymbolKey;
    private final byte[] lastDate = new byte[16];
    private int lastDateLength = -1;
    private int lastDateValue;
    /** The last date of eight bytes, as one word, and what it gave (0: none yet). */
    private long lastDateWord;
    private int lastDateWordValue;

    private long symbolKey(final byte[] b, final int start, final int end, final int exchange)
    {
        final int length = end - start;
        if (length == SymbolCodes.COMMON_LENGTH)
        {
            // 600000.SH: parsed as fast as compared with the last one (SymbolCodes reads its digits as one word)
            return SymbolCodes.parse(b, start, end, exchange);
        }
        if (length == lastSymbolLength && exchange == lastSymbolExchange &&
            java.util.Arrays.equals(b, start, end, lastSymbol, 0, length))
        {
            return lastSymbolKey;
        }
        final long key = SymbolCodes.parse(b, start, end, exchange);
        if (length <= lastSymbol.length)
        {
            System.arraycopy(b, start, lastSymbol, 0, length);
            lastSymbolLength = length;
            lastSymbolExchange = exchange;
            lastSymbolKey = key;
        }
        return key;
    }

    /**
     * @return the date, or 0 when it does not parse.
     */
    private int date(final byte[] b, final int start, final int end)
    {
        final int length = end - start;
        if (length == Long.BYTES && start <= b.length - Long.BYTES)
        {
            // yyyyMMdd, the common date: compared with the last one as one word
            final long word = AsciiText.word(b, start);
            if (word == lastDateWord && lastDateWordValue != 0)
            {
                return lastDateWordValue;
            }
            if (!dateFormat.parse(b, start, end))
            {
                return 0;
            }
            lastDateWord = word;
            lastDateWordValue = dateFormat.date();
            return lastDateWordValue;
        }
        if (length == lastDateLength && java.util.Arrays.equals(b, start, end, lastDate, 0, length))
        {
            return lastDateValue;
        }
        if (!dateFormat.parse(b, start, end))
        {
            return 0;
        }
        if (length <= lastDate.length)
        {
            System.arraycopy(b, start, lastDate, 0, length);
            lastDateLength = length;
            lastDateValue = dateFormat.date();
        }
        return dateFormat.date();
    }

    /**
     * Decodes a split line's date and time alone: for {@link InputOrder}, which only asks whether an input is in time
     * order.
     *
     * @param b   the line's buffer.
     * @param csv the line split into fields.
     * @return the date and time as {@link FeedSource#dateTime} gives them, or -1 when they do not decode.
     */
    public long decodeDateTime(final byte[] b, final CsvSplitter csv)
    {
        if (csv.malformed() || csv.count() != expectedFields())
        {
            return -1;
        }
        final int date;
        final int timeMs;
        if (datetimeColumn >= 0)
        {
            if (!datetimeFormat.parse(b, csv.start(datetimeColumn), csv.end(datetimeColumn)))
            {
                return -1;
            }
            date = datetimeFormat.date();
            timeMs = datetimeFormat.timeOfDayMs();
        }
        else
        {
            if (!timeFormat.parse(b, csv.start(timeColumn), csv.end(timeColumn)))
            {
                return -1;
            }
            timeMs = timeFormat.timeOfDayMs();
            if (dateColumn >= 0)
            {
                date = date(b, csv.start(dateColumn), csv.end(dateColumn));
                if (date == 0)
                {
                    return -1;
                }
            }
            else
            {
                date = fileDate;
            }
        }
        return (long)date * (1L << 27) + timeMs;
    }

    private RejectReason decodeTrade(final byte[] b, final CsvSplitter csv, final TickEvent out)
    {
        if (execColumn >= 0)
        {
            final byte exec = layout.execCodes.lookup(b, csv.start(execColumn), csv.end(execColumn));
            if (exec == CodeTable.UNKNOWN)
            {
                rejectColumn = execColumn;
                return RejectReason.UNKNOWN_CODE;
            }
            if (exec == TickEvent.CANCEL)
            {
                out.type = TickEvent.CANCEL;
            }
        }
        if (flagColumn >= 0)
        {
            final byte flag = layout.flagCodes.lookup(b, csv.start(flagColumn), csv.end(flagColumn));
            if (flag == CodeTable.UNKNOWN)
            {
                rejectColumn = flagColumn;
                return RejectReason.UNKNOWN_CODE;
            }
            out.flag = flag;
        }
        final RejectReason qtyReason = quantity(b, csv, qtyColumn, out);
        if (qtyReason != null)
        {
            return qtyReason;
        }
        if (buyNoColumn >= 0)
        {
            final long no = orderNumber(b, csv, buyNoColumn);
            if (no < 0)
            {
                return RejectReason.MALFORMED;
            }
            out.buyNo = no;
        }
        if (sellNoColumn >= 0)
        {
            final long no = orderNumber(b, csv, sellNoColumn);
            if (no < 0)
            {
                return RejectReason.MALFORMED;
            }
            out.sellNo = no;
        }
        final long price = AsciiNumbers.parseScaledPlain(b, csv.start(priceColumn), csv.end(priceColumn),
            4 - layout.priceScaleDigits);
        if (price == AsciiNumbers.INVALID)
        {
            rejectColumn = priceColumn;
            return RejectReason.MALFORMED;
        }
        if (out.type == TickEvent.CANCEL)
        {
            // SZSE cancels carry price 0 and are never trades: keep the quantity, drop the price.
            out.price = 0;
            out.amount = 0;
            return null;
        }
        if (price <= 0)
        {
            rejectColumn = priceColumn;
            return RejectReason.NON_POSITIVE_PRICE;
        }
        out.price = price;
        final long amount = price * out.qty;
        if (Math.multiplyHigh(price, out.qty) != 0 || amount < 0)
        {
            rejectColumn = qtyColumn;
            return RejectReason.MALFORMED;
        }
        out.amount = amount;
        return null;
    }

    private RejectReason decodeOrder(final byte[] b, final CsvSplitter csv, final TickEvent out)
    {
        final byte side = layout.sideCodes.lookup(b, csv.start(sideColumn), csv.end(sideColumn));
        if (side == CodeTable.UNKNOWN || side == CodeTable.ABSENT)
        {
            rejectColumn = sideColumn;
            return RejectReason.UNKNOWN_CODE;
        }
        out.orderSide = side;
        out.orderAction = TickEvent.ADD;
        out.qtyIsBalance = (layout.qtyBalanceExchanges & (1 << SymbolCodes.exchange(out.symbolKey))) != 0;
        if (orderTypeColumn >= 0)
        {
            final byte type = layout.orderTypeCodes.lookup(b, csv.start(orderTypeColumn), csv.end(orderTypeColumn));
            if (type == CodeTable.UNKNOWN || type == CodeTable.ABSENT)
            {
                rejectColumn = orderTypeColumn;
                return RejectReason.UNKNOWN_CODE;
            }
            out.orderAction = type;
        }
        final long no = orderNumber(b, csv, orderNoColumn);
        if (no <= 0)
        {
            rejectColumn = orderNoColumn;
            return RejectReason.MALFORMED;
        }
        out.orderNo = no;
        final RejectReason qtyReason = quantity(b, csv, qtyColumn, out);
        if (qtyReason != null)
        {
            return qtyReason;
        }
        if (priceColumn >= 0)
        {
            final long price = AsciiNumbers.parseScaledPlain(b, csv.start(priceColumn), csv.end(priceColumn),
                4 - layout.priceScaleDigits);
            if (price == AsciiNumbers.INVALID)
            {
                rejectColumn = priceColumn;
                return RejectReason.MALFORMED;
            }
            if (price < 0)
            {
                rejectColumn = priceColumn;
                return RejectReason.NON_POSITIVE_PRICE;
            }
            out.price = price;
        }
        return null;
    }

    private RejectReason decodeSnapshot(final byte[] b, final CsvSplitter csv, final TickEvent out)
    {
        final int priceScale = 4 - layout.priceScaleDigits;
        out.last = optionalPrice(b, csv, lastColumn, priceScale);
        out.prevClose = optionalPrice(b, csv, prevCloseColumn, priceScale);
        out.cumTrades = optionalWhole(b, csv, cumTradesColumn, 0, 1);
        out.cumVolume = optionalWhole(b, csv, cumVolumeColumn, layout.volumeScaleDigits, layout.volumeMultiplier);
        out.cumTurnover = optionalPrice(b, csv, cumTurnoverColumn, 4 - layout.turnoverScaleDigits);
        if (out.last < 0 || out.prevClose < 0 || out.cumTrades < 0 || out.cumVolume < 0 || out.cumTurnover < 0)
        {
            return RejectReason.MALFORMED;
        }
        final int levels = layout.levels;
        out.levels = levels;
        out.book();
        for (int i = 0; i < levels; i++)
        {
            out.bidPrice[i] = optionalPrice(b, csv, bidPriceColumns[i], priceScale);
            out.askPrice[i] = optionalPrice(b, csv, askPriceColumns[i], priceScale);
            out.bidQty[i] = optionalWhole(b, csv, bidQtyColumns[i], layout.qtyScaleDigits, layout.qtyMultiplier);
            out.askQty[i] = optionalWhole(b, csv, askQtyColumns[i], layout.qtyScaleDigits, layout.qtyMultiplier);
            if (out.bidPrice[i] < 0 || out.askPrice[i] < 0 || out.bidQty[i] < 0 || out.askQty[i] < 0)
            {
                return RejectReason.MALFORMED;
            }
        }
        return null;
    }

    /** An optional non-negative number: blank is 0; malformed sets the reject column and returns -1. */
    private long optionalPrice(final byte[] b, final CsvSplitter csv, final int column, final int scale)
    {
        if (column < 0 || AsciiNumbers.isBlank(b, csv.start(column), csv.end(column)))
        {
            return 0;
        }
        final long value = AsciiNumbers.parseScaled(b, csv.start(column), csv.end(column), scale);
        if (value == AsciiNumbers.INVALID || value < 0)
        {
            rejectColumn = column;
            return -1;
        }
        return value;
    }

    private long optionalWhole(
        final byte[] b, final CsvSplitter csv, final int column, final int scaleDigits, final long multiplier)
    {
        if (column < 0 || AsciiNumbers.isBlank(b, csv.start(column), csv.end(column)))
        {
            return 0;
        }
        final long value = AsciiNumbers.parseScaledExact(b, csv.start(column), csv.end(column), -scaleDigits);
        if (value == AsciiNumbers.INVALID || value < 0 || value > Long.MAX_VALUE / multiplier)
        {
            rejectColumn = column;
            return -1;
        }
        return value * multiplier;
    }

    private RejectReason quantity(final byte[] b, final CsvSplitter csv, final int column, final TickEvent out)
    {
        final long raw = AsciiNumbers.parseScaledExact(b, csv.start(column), csv.end(column), -layout.qtyScaleDigits);
        if (raw == AsciiNumbers.INVALID)
        {
            rejectColumn = column;
            return RejectReason.MALFORMED;
        }
        if (raw <= 0)
        {
            rejectColumn = column;
            return RejectReason.NON_POSITIVE_QTY;
        }
        if (raw > Long.MAX_VALUE / layout.qtyMultiplier)
        {
            rejectColumn = column;
            return RejectReason.MALFORMED;
        }
        out.qty = raw * layout.qtyMultiplier;
        return null;
    }

    /** Order numbers: blank is 0 (absent); malformed or out of range is -1 with the reject column set. */
    private long orderNumber(final byte[] b, final CsvSplitter csv, final int column)
    {
        final int start = csv.start(column);
        final int end = csv.end(column);
        // parseLong reads a field of digits alone eight bytes at a time; blank is asked only of what it refuses
        final long value = AsciiNumbers.parseLong(b, start, end);
        if (value == AsciiNumbers.INVALID && AsciiNumbers.isBlank(b, start, end))
        {
            return 0;
        }
        if (value < 0 || value > MAX_ORDER_NO)
        {
            rejectColumn = column;
            return -1;
        }
        return value;
    }

    /**
     * @return the column at fault in the last rejection, or -1 for the whole line.
     */
    public int rejectColumn()
    {
        return rejectColumn;
    }

    /**
     * @param column index.
     * @return its header name.
     */
    public String columnName(final int column)
    {
        return header.get(column);
    }

    /**
     * @return fields a line must have: as many as the header names.
     */
    public int expectedFields()
    {
        return header.size();
    }

    /**
     * @return lines decoded into a record so far (whatever the feed then made of them).
     */
    public long decoded()
    {
        return decoded;
    }

    /**
     * @return the section this decoder follows.
     */
    RecordLayout layout()
    {
        return layout;
    }
}

package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.csv.RecordDecoder;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;

import java.nio.charset.StandardCharsets;

/**
 * Records given from code rather than read from files: each trade, order or cancel goes through the same checks as a
 * file's record (symbol, day, time order per stock, order numbers) and into the ring, or is rejected and counted with
 * its reason. Prices and amounts in 1/10000 yuan, quantities in shares, times as milliseconds since midnight (China
 * time), days as yyyymmdd. One thread gives the records, in each stock's exchange order.
 * <p>
 * Given to a program by {@code Engine.ingest(label, records, messages)}.
 */
public final class RecordFeed
{
    private final Feed feed;
    private final String label;
    private final TickEvent record = new TickEvent();
    private final int sourceId;
    private long line;

    /**
     * @param feed  the engine's feed.
     * @param label the records' name in messages.
     */
    public RecordFeed(final Feed feed, final String label)
    {
        this.feed = feed;
        this.label = label;
        this.sourceId = feed.streamOpened(label);
    }

    /**
     * A fill (逐笔成交).
     *
     * @param symbol      e.g. 600000.SH.
     * @param date        yyyymmdd.
     * @param timeMs      milliseconds since midnight.
     * @param price       1/10000 yuan.
     * @param qty         shares.
     * @param buyOrderNo  the buy order's number (0 when unknown).
     * @param sellOrderNo the sell order's number (0 when unknown).
     * @param side        'B' or 'S' when the exchange says who was the aggressor, 'N' when it says neither (SSE's
     *                    neutral fills, counted as neither inflow nor outflow), else 0 (then the engine's direction
     *                    rule decides, as for a file without the flag).
     */
    public void trade(final String symbol, final int date, final int timeMs, final long price, final long qty,
        final long buyOrderNo, final long sellOrderNo, final char side)
    {
        if (!begin(TickEvent.TRADE, symbol, date, timeMs))
        {
            return;
        }
        final TickEvent e = record;
        if (price <= 0)
        {
            reject(RejectReason.NON_POSITIVE_PRICE, "price " + price);
            return;
        }
        if (qty <= 0)
        {
            reject(RejectReason.NON_POSITIVE_QTY, "qty " + qty);
            return;
        }
        if (!orderNumbers(buyOrderNo, sellOrderNo))
        {
            return;
        }
        if (Math.multiplyHigh(price, qty) != 0 || price * qty < 0)
        {
            reject(RejectReason.MALFORMED, "amount overflows");
            return;
        }
        if (side != 0 && side != 'B' && side != 'S' && side != 'N')
        {
            reject(RejectReason.UNKNOWN_CODE, "side '" + side + "'");
            return;
        }
        e.price = price;
        e.qty = qty;
        e.amount = price * qty;
        e.buyNo = buyOrderNo;
        e.sellNo = sellOrderNo;
        e.flag = side == 'B' ? TickEvent.BUY : side == 'S' ? TickEvent.SELL : side == 'N' ? TickEvent.NEUTRAL :
            TickEvent.NONE;
        feed.acceptLive(e, label);
    }

    /**
     * An order placed (逐笔委托), with its whole quantity.
     *
     * @param orderNo the order's number.
     * @param side    'B' or 'S'.
     * @param price   1/10000 yuan (0 for a market order).
     * @param qty     shares.
     */
    public void order(final String symbol, final int date, final int timeMs, final long orderNo, final char side,
        final long price, final long qty)
    {
        if (!begin(TickEvent.ORDER, symbol, date, timeMs))
        {
            return;
        }
        final TickEvent e = record;
        if (!sideQtyAndNumber(side, qty, orderNo))
        {
            return;
        }
        if (price < 0)
        {
            reject(RejectReason.NON_POSITIVE_PRICE, "price " + price);
            return;
        }
        e.orderSide = side == 'B' ? TickEvent.BUY : TickEvent.SELL;
        e.orderAction = TickEvent.ADD;
        e.orderNo = orderNo;
        e.price = price;
        e.qty = qty;
        feed.acceptLive(e, label);
    }

    /**
     * An order withdrawn (撤单), as SZSE reports one: the order's number and the quantity taken back.
     *
     * @param orderNo the order's number.
     * @param side    'B' or 'S', the order's side.
     * @param qty     shares withdrawn.
     */
    public void cancel(final String symbol, final int date, final int timeMs, final long orderNo, final char side,
        final long qty)
    {
        if (!begin(TickEvent.CANCEL, symbol, date, timeMs))
        {
            return;
        }
        final TickEvent e = record;
        if (!sideQtyAndNumber(side, qty, orderNo))
        {
            return;
        }
        e.qty = qty;
        e.buyNo = side == 'B' ? orderNo : 0;
        e.sellNo = side == 'S' ? orderNo : 0;
        feed.acceptLive(e, label);
    }

    /**
     * A record decoded elsewhere, as a file's is ({@link InputRecords}, or a journal's binary form): a fill, cancel,
     * order (whole quantity or balance, an addition or an SSE withdrawal) or snapshot, with its channel and sequence
     * number. It goes through the feed's checks of a live record (stock-day, duplicates by sequence, time order); a
     * channel's numbers are judged per stock here ({@code denseSequence} is not kept): this feed is given a part of a
     * channel, so the numbers it misses are no gap.
     *
     * @param decoded the record; its input fields are copied, its line kept for messages.
     */
    public void record(final TickEvent decoded)
    {
        final TickEvent e = record;
        if (decoded.type != TickEvent.TRADE && decoded.type != TickEvent.CANCEL && decoded.type != TickEvent.ORDER &&
            decoded.type != TickEvent.SNAPSHOT)
        {
            throw new IllegalArgumentException("not a market record: type " + decoded.type);
        }
        e.clearInput();
        e.copyInput(decoded);
        e.slot = -1;
        e.securityId = -1;
        e.position = 0;
        e.denseSequence = false;
        e.fromJournal = false;
        e.recvNanos = 0;
        e.sourceId = sourceId;
        e.line = decoded.line;
        line = decoded.line;
        feed.acceptLive(e, label);
    }

    /** Starts a record: its type, stream and number; its symbol, day and time checked. */
    private boolean begin(final byte type, final String symbol, final int date, final int timeMs)
    {
        final TickEvent e = record;
        e.clearInput();
        e.type = type;
        e.sourceId = sourceId;
        e.line = ++line;
        final long key = symbol == null ? SymbolCodes.INVALID : SymbolCodes.parse(symbol.trim());
        if (key == SymbolCodes.INVALID)
        {
            reject(RejectReason.BAD_SYMBOL, "symbol '" + symbol + "'");
            return false;
        }
        if (date < 19_900_101 || date > 99_991_231 || timeMs < 0 || timeMs >= 86_400_000)
        {
            reject(RejectReason.MALFORMED, "date " + date + " time " + timeMs);
            return false;
        }
        e.symbolKey = key;
        e.date = date;
        e.timeMs = timeMs;
        return true;
    }

    /** @return whether an order's side, quantity and number are good; when not, the record is rejected. */
    private boolean sideQtyAndNumber(final char side, final long qty, final long orderNo)
    {
        if (side != 'B' && side != 'S')
        {
            reject(RejectReason.UNKNOWN_CODE, "side '" + side + "'");
            return false;
        }
        if (qty <= 0)
        {
            reject(RejectReason.NON_POSITIVE_QTY, "qty " + qty);
            return false;
        }
        if (orderNo == 0)
        {
            reject(RejectReason.MALFORMED, "order number 0");
            return false;
        }
        return orderNumbers(orderNo, 0);
    }

    private boolean orderNumbers(final long first, final long second)
    {
        if (first < 0 || second < 0 || first > RecordDecoder.MAX_ORDER_NO || second > RecordDecoder.MAX_ORDER_NO)
        {
            reject(RejectReason.MALFORMED, "order number out of range");
            return false;
        }
        return true;
    }

    private void reject(final RejectReason reason, final String detail)
    {
        final byte[] raw = (label + ":" + line).getBytes(StandardCharsets.US_ASCII);
        feed.reject(reason, sourceId, label, line, feed.wantsDetail(reason) ? detail : null, raw, 0, raw.length);
    }
}

package io.moneyflow.ring;

/**
 * The one pre-allocated ring event, for trades, SZSE trade-stream cancels, orders and snapshots.
 * <p>
 * A mutable struct: the feed fills the input fields through {@link TickTranslator}; the classify handler writes the
 * classification fields; the aggregate handler reads both. Each field has one writer per sequence, and the
 * Disruptor's barriers order the stages. Money in 1/10000 yuan, quantities in shares, prices in 1/10000 yuan, times
 * in milliseconds since midnight. The feed also uses instances as per-source decode buffers.
 * <p>
 * The fields are declared in three classes so that the JVM lays them out in this order (a superclass's fields come
 * first): the input fields every record uses ({@link TickInput}), the classification ({@link TickClassification}),
 * then the rest (journal positions, rejected text, snapshots), which the stages do not read on the flow path.
 */
public final class TickEvent extends TickClassification
{
    /** A fill (逐笔成交). */
    public static final byte TRADE = 1;
    /** A cancel carried in the SZSE trade stream (ExecType 4); never a trade. */
    public static final byte CANCEL = 2;
    /** An order (逐笔委托): add or delete. */
    public static final byte ORDER = 3;
    /** A quote snapshot (快照). */
    public static final byte SNAPSHOT = 4;
    /** An input record the feed rejected: only journaled, so that the audit trail is complete. */
    public static final byte REJECT = 5;
    /** An input stream (file or archive entry) opened: only journaled, naming the source of later records. */
    public static final byte SOURCE = 6;

    /**
     * A sequence gap declared on a dense channel: {@link #channel}, {@link #date}, the first and last missing numbers
     * ({@link #gapFrom()}, {@link #gapTo()}) and the sequence stream ({@link #gapStream()}); written by
     * {@link #gap}. Counted for every symbol on the channel, and journaled.
     */
    public static final byte GAP = 7;
    /**
     * A channel heartbeat (SZSE 390095): {@link #channel}, its last number ({@link #channelLastSequence()}) and
     * whether it has ended ({@link #channelEnded()}); written by {@link #channelHeartbeat}. Only journaled.
     */
    public static final byte CHANNEL = 8;
    /**
     * One symbol's share of a {@link #GAP}: {@link #slot} and the missing count ({@link #gapMissing()}); written by
     * {@link #gapShare}. Counted, never journaled.
     */
    public static final byte GAP_SLOT = 9;

    /**
     * @param type a record type.
     * @return true for the types that take an input position: trades, cancels, orders, snapshots, rejections.
     */
    public static boolean positioned(final byte type)
    {
        return type >= TRADE && type <= REJECT;
    }

    /** Bytes of a rejected line (or a source name) kept for the journal; longer text is cut. */
    public static final int RAW_CAPACITY = 256;

    /** No side known. */
    public static final byte NONE = 0;
    /** Buyer-initiated, 外盘. */
    public static final byte BUY = 'B';
    /** Seller-initiated, 内盘. */
    public static final byte SELL = 'S';
    /** Neutral, 中性盘: auction prints and undetermined fills. */
    public static final byte NEUTRAL = 'N';

    /** Rule verdict: measured, but the rule could not classify the fill. */
    public static final byte UNCLASSIFIED = 'U';

    /** Order action: a new order. */
    public static final byte ADD = 1;
    /** Order action: a withdrawal. */
    public static final byte DELETE = 2;

    /** Book levels carried by a snapshot. */
    public static final int LEVELS = 10;

    // ---- input written by the feed: in TickInput, but for the book levels of a snapshot and the raw text
    /**
     * For a {@link #REJECT}: the start of the rejected line; for a {@link #SOURCE}: the stream's name (UTF-8). Null in
     * a {@link #staging()} event until it keeps a text ({@link #raw(byte[], int, int)}, {@link #rawBuffer()}); read it
     * only when {@link #rawLength} is above 0.
     */
    public byte[] raw;
    /** Snapshot: last price. */
    public long last;
    /** Snapshot: previous close. */
    public long prevClose;
    /** Snapshot: cumulative trades. */
    public long cumTrades;
    /** Snapshot: cumulative volume, shares. */
    public long cumVolume;
    /** Snapshot: cumulative turnover, 1/10000 yuan. */
    public long cumTurnover;
    /** Snapshot: levels filled in the arrays below. */
    public int levels;
    /**
     * Snapshot: bid prices, best first; 0 = empty level. The four book arrays are null in a {@link #staging()} event
     * until it holds a snapshot ({@link #book()}); read them only from a {@link #SNAPSHOT}.
     */
    public long[] bidPrice;
    /** Snapshot: bid quantities. */
    public long[] bidQty;
    /** Snapshot: ask prices, best first; 0 = empty level. */
    public long[] askPrice;
    /** Snapshot: ask quantities. */
    public long[] askQty;

    /**
     * A whole event: the ring's, and every decode buffer's.
     */
    public TickEvent()
    {
        raw = new byte[RAW_CAPACITY];
        book();
    }

    private TickEvent(final boolean whole)
    {
    }

    // ---- the control records' fields: they share the market fields' storage, named here and only here

    /**
     * Makes this a {@link #GAP}.
     *
     * @param date    the day.
     * @param channel the channel.
     * @param stream  the sequence stream: 0 trades (or every record, on a shared sequence), 1 orders, 2 snapshots.
     * @param from    the first missing number.
     * @param to      the last missing number.
     */
    public void gap(final int date, final int channel, final int stream, final long from, final long to)
    {
        clearInput();
        type = GAP;
        this.date = date;
        this.channel = channel;
        flag = (byte)stream;
        buyNo = from;
        sellNo = to;
    }

    /** @return a {@link #GAP}'s first missing number. */
    public long gapFrom()
    {
        return buyNo;
    }

    /** @return a {@link #GAP}'s last missing number. */
    public long gapTo()
    {
        return sellNo;
    }

    /** @return a {@link #GAP}'s sequence stream. */
    public int gapStream()
    {
        return flag;
    }

    /**
     * Makes this a {@link #GAP_SLOT}.
     *
     * @param slot    the symbol-day's slot.
     * @param missing the numbers the gap lacks.
     */
    public void gapShare(final int slot, final long missing)
    {
        clearInput();
        type = GAP_SLOT;
        this.slot = slot;
        qty = missing;
    }

    /** @return a {@link #GAP_SLOT}'s count of missing numbers. */
    public long gapMissing()
    {
        return qty;
    }

    /**
     * Makes this a {@link #CHANNEL} heartbeat.
     *
     * @param date    the day.
     * @param channel the channel.
     * @param lastSeq its last number.
     * @param end     true when the channel has ended for the day.
     */
    public void channelHeartbeat(final int date, final int channel, final long lastSeq, final boolean end)
    {
        clearInput();
        type = CHANNEL;
        this.date = date;
        this.channel = channel;
        sequence = lastSeq;
        flag = end ? (byte)1 : 0;
    }

    /** @return a {@link #CHANNEL} heartbeat's last number. */
    public long channelLastSequence()
    {
        return sequence;
    }

    /** @return true when a {@link #CHANNEL} heartbeat says the channel has ended. */
    public boolean channelEnded()
    {
        return flag != 0;
    }

    /**
     * An event without the raw text buffer and the book arrays (a third of the size), for a buffer that holds many
     * records at once and mostly fills and orders: the feed's staging of one instant's records (a call auction's
     * instant holds some 100,000 on a full market). Whoever writes a text or a snapshot into an event makes room first
     * ({@link #rawBuffer()}, {@link #raw(byte[], int, int)}, {@link #book()}), as {@link #copyInput} and the decoders
     * do.
     *
     * @return a new event with no text buffer and no book arrays yet.
     */
    public static TickEvent staging()
    {
        return new TickEvent(false);
    }

    /**
     * Makes sure the book arrays are there, before a snapshot is written into this event.
     */
    public void book()
    {
        if (bidPrice == null)
        {
            bidPrice = new long[LEVELS];
            bidQty = new long[LEVELS];
            askPrice = new long[LEVELS];
            askQty = new long[LEVELS];
        }
    }

    /**
     * @return the text buffer, {@link #RAW_CAPACITY} bytes, made if this event has none yet.
     */
    public byte[] rawBuffer()
    {
        if (raw == null)
        {
            raw = new byte[RAW_CAPACITY];
        }
        return raw;
    }

    /**
     * Clears every input field, so that a decoder can fill only what its record carries.
     */
    public void clearInput()
    {
        final boolean wasSnapshot = type == SNAPSHOT;
        type = 0;
        symbolKey = 0;
        securityId = -1;
        slot = -1;
        date = 0;
        timeMs = 0;
        price = 0;
        qty = 0;
        amount = 0;
        buyNo = 0;
        sellNo = 0;
        flag = NONE;
        orderNo = 0;
        orderSide = NONE;
        orderAction = 0;
        qtyIsBalance = false;
        channel = 0;
        sequence = 0;
        denseSequence = false;
        position = 0;
        sourceId = -1;
        line = 0;
        rejectReason = 0;
        rawLength = 0;
        fromJournal = false;
        recvNanos = 0;
        last = 0;
        prevClose = 0;
        cumTrades = 0;
        cumVolume = 0;
        cumTurnover = 0;
        if ((wasSnapshot || levels != 0) && bidPrice != null)
        {
            // only a snapshot writes the book's levels
            levels = 0;
            for (int i = 0; i < LEVELS; i++)
            {
                bidPrice[i] = 0;
                bidQty[i] = 0;
                askPrice[i] = 0;
                askQty[i] = 0;
            }
        }
    }

    /**
     * Keeps the first {@link #RAW_CAPACITY} bytes of a text for the journal.
     *
     * @param bytes  the text.
     * @param start  first byte.
     * @param length its length.
     */
    public void raw(final byte[] bytes, final int start, final int length)
    {
        rawLength = Math.min(length, RAW_CAPACITY);
        System.arraycopy(bytes, start, rawBuffer(), 0, rawLength);
    }

    /**
     * Copies the input fields of another event; classification fields are left for the classify handler.
     *
     * @param src the decoded record.
     */
    public void copyInput(final TickEvent src)
    {
        type = src.type;
        symbolKey = src.symbolKey;
        securityId = src.securityId;
        slot = src.slot;
        date = src.date;
        timeMs = src.timeMs;
        price = src.price;
        qty = src.qty;
        amount = src.amount;
        buyNo = src.buyNo;
        sellNo = src.sellNo;
        flag = src.flag;
        orderNo = src.orderNo;
        orderSide = src.orderSide;
        orderAction = src.orderAction;
        qtyIsBalance = src.qtyIsBalance;
        channel = src.channel;
        sequence = src.sequence;
        denseSequence = src.denseSequence;
        position = src.position;
        sourceId = src.sourceId;
        line = src.line;
        fromJournal = src.fromJournal;
        recvNanos = src.recvNanos;
        rejectReason = src.rejectReason;
        rawLength = src.rawLength;
        if (src.rawLength > 0)
        {
            System.arraycopy(src.raw, 0, rawBuffer(), 0, src.rawLength);
        }
        if (src.type == SNAPSHOT)
        {
            last = src.last;
            prevClose = src.prevClose;
            cumTrades = src.cumTrades;
            cumVolume = src.cumVolume;
            cumTurnover = src.cumTurnover;
            levels = src.levels;
            book();
            System.arraycopy(src.bidPrice, 0, bidPrice, 0, LEVELS);
            System.arraycopy(src.bidQty, 0, bidQty, 0, LEVELS);
            System.arraycopy(src.askPrice, 0, askPrice, 0, LEVELS);
            System.arraycopy(src.askQty, 0, askQty, 0, LEVELS);
        }
    }
}

package io.moneyflow.ring;

/**
 * The input fields of a {@link TickEvent} that the stages read for every record, declared in a class of their own so
 * that the JVM lays them out first and together (a superclass's fields come before its subclass's): the feed writes
 * them on one core and the stages read them on another, so the fewer cache lines they span, the fewer lines cross
 * between the cores per record. See {@link TickEvent}.
 */
public abstract class TickInput
{
    /**
     * Record type: {@link TickEvent#TRADE}, {@link TickEvent#CANCEL}, {@link TickEvent#ORDER},
     * {@link TickEvent#SNAPSHOT}.
     */
    public byte type;
    /** Counters slot: this symbol on this date. */
    public int slot;
    /** Trading date, yyyymmdd. */
    public int date;
    /** Exchange time, ms since midnight. */
    public int timeMs;
    /** Trade or order price. */
    public long price;
    /** Trade or order quantity, shares. */
    public long qty;
    /** price x qty, 1/10000 yuan. */
    public long amount;
    /** Buy order number; 0 when absent. */
    public long buyNo;
    /** Sell order number; 0 when absent. */
    public long sellNo;
    /**
     * Exchange or vendor direction flag: {@link TickEvent#BUY}, {@link TickEvent#SELL}, {@link TickEvent#NEUTRAL}, or
     * {@link TickEvent#NONE}.
     */
    public byte flag;
    /** Order number of an order record. */
    public long orderNo;
    /** Side of an order record: {@link TickEvent#BUY} or {@link TickEvent#SELL}. */
    public byte orderSide;
    /** {@link TickEvent#ADD} or {@link TickEvent#DELETE}. */
    public byte orderAction;
    /**
     * For an order record: true when its quantity is what is left open after any fills on arrival (SSE's Balance),
     * false when it is the order's whole quantity (SZSE's OrderQty).
     */
    public boolean qtyIsBalance;
    /** Channel of the record's sequence, or 0. */
    public int channel;

    // the rest of what the feed writes, here too so that every line the feed writes is one of a few together
    /** Packed symbol key (see SymbolCodes). */
    public long symbolKey;
    /** Reference-data row, or -1. */
    public int securityId;
    /** Sequence number in its channel, or 0 when the input has none. */
    public long sequence;
    /** True when the input declares its channel sequence gapless, so that gaps are reported. */
    public boolean denseSequence;
    /**
     * Position of the record in the engine's input, counting from 1: every accepted and every rejected record takes
     * the next position, in the feed's merge order, so the same inputs always give the same positions.
     */
    public long position;
    /** The input stream the record came from (see {@link TickEvent#SOURCE} events); -1 when none. */
    public int sourceId;
    /** Its line number there; 0 when none. */
    public long line;
    /** For a {@link TickEvent#REJECT}: the reason's ordinal. */
    public byte rejectReason;
    /** Bytes used in {@link #raw}. */
    public int rawLength;
    /** True when the record is replayed from the journal, which must not append it again. */
    public boolean fromJournal;
    /**
     * When a live record's bytes arrived, on the engine's nano clock ({@code EngineContext.nanoClock}), or 0: for
     * latency measurement.
     */
    public long recvNanos;
}

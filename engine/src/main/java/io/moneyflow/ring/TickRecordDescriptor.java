package io.moneyflow.ring;

/**
 * The engine's binary form of a record ({@link TickEvent}'s input fields): constants only. The journal's batches hold
 * records in this layout (the journal package's {@code JournalDescriptor}), and so do the runs a file's records are
 * sorted in. All numbers little-endian.
 * <pre>
 *   Record (8-byte aligned; length includes padding)
 *   +---------------------------------------------------------------+
 *   |  0 length (u16) | 2 type (u8) | 3 code (u8) | 4 flags (u8) |pad|
 *   |  8 input position (long); 0 for a SOURCE record               |
 *   | 16 symbol key (long)                                          |
 *   | 24 date yyyymmdd (int)         | 28 time, ms of day (int)      |
 *   | 32 source id (int)             | 36 channel (int)              |
 *   | 40 line number in the source (long)                           |
 *   | 48 channel sequence number (long)                             |
 *   | 56 by type:                                                   |
 *   |    TRADE, CANCEL: price, qty, buy order no, sell order no     |
 *   |    ORDER: price, qty, order no                                |
 *   |    SNAPSHOT: last, prev close, cum trades, cum volume,         |
 *   |      cum turnover, levels (int) + pad, then per level:        |
 *   |      bid price, bid qty, ask price, ask qty                   |
 *   |    REJECT, SOURCE: text length (int) + pad, then the text:    |
 *   |      the rejected line's first bytes, or the source's name    |
 *   |    GAP: first and last missing sequence numbers (2 longs)     |
 *   |    CHANNEL: nothing more (its last number is the sequence)    |
 *   +---------------------------------------------------------------+
 *   type: 1 TRADE, 2 CANCEL, 3 ORDER, 4 SNAPSHOT, 5 REJECT, 6 SOURCE, 7 GAP, 8 CHANNEL (as TickEvent)
 *   code: the exchange flag of a TRADE, the side of an ORDER, the reason of a REJECT, the stream of a GAP,
 *         1 when a CHANNEL has ended
 *   flags: bit 0 dense sequence, bit 1 order withdrawal, bit 2 order quantity is the balance after fills
 * </pre>
 * Money and prices in 1/10000 yuan, quantities in shares, as everywhere in the engine.
 */
public final class TickRecordDescriptor
{

    public static final int LENGTH_OFFSET = 0;
    public static final int TYPE_OFFSET = 2;
    public static final int CODE_OFFSET = 3;
    public static final int FLAGS_OFFSET = 4;
    public static final int POSITION_OFFSET = 8;
    public static final int SYMBOL_OFFSET = 16;
    public static final int DATE_OFFSET = 24;
    public static final int TIME_OFFSET = 28;
    public static final int SOURCE_OFFSET = 32;
    public static final int CHANNEL_OFFSET = 36;
    public static final int LINE_OFFSET = 40;
    public static final int SEQUENCE_OFFSET = 48;
    public static final int BODY_OFFSET = 56;

    public static final int FLAG_DENSE = 1;
    public static final int FLAG_DELETE = 2;
    /** An order record whose quantity is its balance after fills on arrival ({@code TickEvent.qtyIsBalance}). */
    public static final int FLAG_BALANCE = 4;

    /** The longest record: a snapshot with ten levels. */
    public static final int MAX_RECORD_LENGTH = BODY_OFFSET + 48 + 10 * 32;

    private TickRecordDescriptor()
    {
    }
}

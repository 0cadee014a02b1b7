package io.moneyflow.journal;

/**
 * Layout of the journal: constants only. The journal is a Chronicle Queue (daily roll cycle); each excerpt is one
 * batch of input records, or the journal's header. All numbers little-endian.
 * <pre>
 *   Excerpt
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |  0 magic "MFJ1" (int)          |  4 kind: 1 header 2 batch 3 lost|
 *   |  8 first input position (long), 0 for the header              |
 *   | 16 last input position (long), 0 for the header               |
 *   | 24 record count (int)          | 28 payload length (int)       |
 *   | 32 CRC-32C of the payload (int)| 36 reserved (int)             |
 *   | 40 payload: the header's settings as UTF-8 text, or records,  |
 *   |    or (lost) what a repair found damaged, as UTF-8 text        |
 *   +---------------------------------------------------------------+
 *   A lost excerpt is written by a repair where damaged excerpts were: the input positions they held (first..last),
 *   record count 0, and what was wrong. The positions of the excerpts around it follow on through it.
 *
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
public final class JournalDescriptor
{
    /** "MFJ1" as a little-endian int. */
    public static final int MAGIC = 0x314A464D;
    /** The excerpt holding the journal's settings. */
    public static final int KIND_HEADER = 1;
    /** An excerpt holding a batch of records. */
    public static final int KIND_BATCH = 2;
    /** An excerpt a repair wrote in place of damaged ones: the input positions they held are lost. */
    public static final int KIND_LOST = 3;

    public static final int MAGIC_OFFSET = 0;
    public static final int KIND_OFFSET = 4;
    public static final int FIRST_POSITION_OFFSET = 8;
    public static final int LAST_POSITION_OFFSET = 16;
    public static final int RECORD_COUNT_OFFSET = 24;
    public static final int PAYLOAD_LENGTH_OFFSET = 28;
    public static final int CRC_OFFSET = 32;
    public static final int EXCERPT_HEADER_LENGTH = 40;

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

    private JournalDescriptor()
    {
    }
}

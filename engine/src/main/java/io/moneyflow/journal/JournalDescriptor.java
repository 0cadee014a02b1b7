package io.moneyflow.journal;

/**
 * Layout of the journal: constants only. The journal is a Chronicle Queue (daily roll cycle); each excerpt is one
 * batch of input records (each in the layout of {@link io.moneyflow.ring.TickRecordDescriptor}, the engine's binary
 * form of a record, which sorting a file's records also uses), or the journal's header. All numbers little-endian.
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

    private JournalDescriptor()
    {
    }
}

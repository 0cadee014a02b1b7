package io.moneyflow.counters;

/**
 * Layout of the off-heap flow counters file: constants only.
 * <p>
 * The file is a header followed by one fixed-length record per slot. A slot is one symbol on one trading day.
 * All numbers are little-endian (native) longs unless marked int. Money is in 1/10000 yuan, volume in shares,
 * prices in 1/10000 yuan, times in milliseconds since midnight.
 * <pre>
 *   File
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +---------------------------------------------------------------+
 *   |                  Header (HEADER_LENGTH bytes)                 |
 *   +---------------------------------------------------------------+
 *   |  Slot 0 head (headLength bytes: the record up to its bars)    |
 *   |  Slot 1 head ... one per slot of the capacity                 |
 *   +---------------------------------------------------------------+
 *   |  Bar 0 of slot 0 (barLength bytes) | bar 0 of slot 1 | ...    |
 *   |  Bar 1 of slot 0                   | bar 1 of slot 1 | ...    |
 *   |  ... one row of slots per bar of the day                      |
 *   +---------------------------------------------------------------+
 *
 * The bars are stored bar-major: the bars a minute's fills update, one per stock, lie side by side (a full market's
 * current minute in about a megabyte), and each bar starts on a cache line, so that a fill touches a few dense pages
 * and lines instead of a page per stock. A reader sees each slot as one logical record, the slot record below (the
 * head followed by its bars, barStride longs apart, no padding between them): {@link FlowCountersReader} assembles
 * it, and the digest hashes that logical record, so that it does not depend on where the file keeps the bars.
 *
 *   Header
 *   +---------------------------------------------------------------+
 *   |  0 magic "MFLOWCNT" (8 bytes)                                 |
 *   |  8 layout version (int)      | 12 ready (int, written last)   |
 *   | 16 writer pid (long)                                          |
 *   | 24 start time, epoch ms (long)                                |
 *   | 32 slot capacity (int)       | 36 class count (int)           |
 *   | 40 bar count (int)           | 44 bar minutes (int)           |
 *   | 48 record length (int)       | 52 mode (int) 0 trade 1 order 2 order-bar
 *   | 56 main class count (int)    | 60 slots used (int, release)   |
 *   | 64 scheme name, ASCII, NUL padded (32 bytes)                  |
 *   | 96 class names, 8 x 16 bytes ASCII, NUL padded                |
 *   |224 close time, epoch ms (long): 0 while the writer runs       |
 *   |256 engine statistics, STATS_COUNT longs (see Stat)            |
 *   +---------------------------------------------------------------+
 *
 *   Slot record (logical; recordLength bytes)
 *   +---------------------------------------------------------------+
 *   |  0 version (long): odd while the engine writes the record     |
 *   |  8 symbol, ASCII "000001.SZ", NUL padded (16 bytes)           |
 *   | 24 date yyyymmdd (int)       | 28 security id (int, -1 none)  |
 *   | 32 day fields: DAY_FIELDS longs (see DayField)                |
 *   |    (in the file a fill's fields come first, TRADE_DAY_FIELDS  |
 *   |    of them on lines 0-3; a reader sees DayField's order)      |
 *   |    class fields: classCount x CLASS_FIELDS longs (ClassField) |
 *   |    bars: barCount x barStride longs, where barStride =        |
 *   |      BAR_FIELDS (BarField) + classCount x BAR_CLASS_FIELDS     |
 *   |      (BarClassField); bar 0 starts at 09:30 and also holds    |
 *   |      the opening-auction prints; the last bar holds 15:00     |
 *   +---------------------------------------------------------------+
 * </pre>
 * One writer: the slot identity (symbol, date, security id) is written once by the feed thread before
 * {@code slots used} is released past the slot; every other field of a record is written only by the aggregate
 * thread, inside the record's seqlock (version odd, fields, version even). Readers copy a record between two equal
 * even versions, so each record they see is consistent. Statistics are single-writer per field.
 */
public final class CountersDescriptor
{
    /** "MFLOWCNT" as a little-endian long. */
    public static final long MAGIC = 0x544E43574F4C464DL;
    /** Bumped on any incompatible change to this layout. */
    public static final int LAYOUT_VERSION = 4;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int READY_OFFSET = 12;
    public static final int PID_OFFSET = 16;
    public static final int START_TIME_OFFSET = 24;
    public static final int SLOT_CAPACITY_OFFSET = 32;
    public static final int CLASS_COUNT_OFFSET = 36;
    public static final int BAR_COUNT_OFFSET = 40;
    public static final int BAR_MINUTES_OFFSET = 44;
    public static final int RECORD_LENGTH_OFFSET = 48;
    public static final int MODE_OFFSET = 52;
    public static final int MAIN_CLASS_COUNT_OFFSET = 56;
    public static final int SLOTS_USED_OFFSET = 60;
    public static final int SCHEME_NAME_OFFSET = 64;
    public static final int SCHEME_NAME_LENGTH = 32;
    public static final int CLASS_NAMES_OFFSET = 96;
    public static final int CLASS_NAME_LENGTH = 16;
    public static final int MAX_CLASSES = 8;
    /**
     * When the writer closed the file (epoch ms, written last), 0 while it runs: a file whose writer died shows 0
     * with no live writer. Not part of the digest.
     */
    public static final int CLOSE_TIME_OFFSET = CLASS_NAMES_OFFSET + MAX_CLASSES * CLASS_NAME_LENGTH;
    public static final int STATS_OFFSET = 256;
    public static final int STATS_COUNT = 64;
    public static final int HEADER_LENGTH = 1024;

    public static final int RECORD_VERSION_OFFSET = 0;
    public static final int RECORD_SYMBOL_OFFSET = 8;
    public static final int RECORD_SYMBOL_LENGTH = 16;
    public static final int RECORD_DATE_OFFSET = 24;
    public static final int RECORD_SECURITY_OFFSET = 28;
    public static final int RECORD_DAY_OFFSET = 32;

    /** Longs reserved for day fields; {@link DayField} uses the first ones, the rest are spare. */
    public static final int DAY_FIELDS = 56;
    /**
     * Day fields a fill writes (its counts, volumes, amounts, prices, times, tick and rule counters, and the cancels
     * of the SZSE trade stream), kept in the file's first {@code TRADE_DAY_FIELDS} day slots: with the record's
     * identity they fill its first four cache lines, so that a fill writes those and its class lines and nothing of
     * the order, snapshot and gap fields between them (layout 4; before, a fill's fields were spread over six lines).
     */
    public static final int TRADE_DAY_FIELDS = 28;
    /** Bytes of a record's head from its start through the fields a fill writes: four cache lines. */
    public static final int TRADE_HEAD_BYTES = RECORD_DAY_OFFSET + TRADE_DAY_FIELDS * Long.BYTES;
    /** Longs per class in the day class block. */
    public static final int CLASS_FIELDS = 10;
    /** Fixed longs per bar. */
    public static final int BAR_FIELDS = 11;
    /** Longs per class per bar. */
    public static final int BAR_CLASS_FIELDS = 4;

    /**
     * Where each of the DAY_FIELDS logical day slots (a {@link DayField}'s ordinal, or a spare) is in the file's
     * record, in bytes from the record's start.
     */
    private static final int[] FILE_DAY_OFFSETS = fileDayOffsets();

    private CountersDescriptor()
    {
    }

    private static int[] fileDayOffsets()
    {
        final int[] offsets = new int[DAY_FIELDS];
        final boolean[] taken = new boolean[DAY_FIELDS];
        for (final DayField field : DayField.values())
        {
            offsets[field.ordinal()] = field.fileOffset();
            taken[(field.fileOffset() - RECORD_DAY_OFFSET) / Long.BYTES] = true;
        }
        // the spares: the file's slots no field has, in order
        int free = 0;
        for (int slot = DayField.values().length; slot < DAY_FIELDS; slot++)
        {
            while (taken[free])
            {
                free++;
            }
            taken[free] = true;
            offsets[slot] = RECORD_DAY_OFFSET + free * Long.BYTES;
        }
        return offsets;
    }

    /**
     * @param logicalSlot a day slot as a reader sees it: a {@link DayField}'s ordinal, or a spare up to DAY_FIELDS.
     * @return its byte offset within the record in the file.
     */
    public static int fileDayOffset(final int logicalSlot)
    {
        return FILE_DAY_OFFSETS[logicalSlot];
    }

    /**
     * @param classCount classes in the scheme.
     * @return byte offset of the class block within a record.
     */
    public static int classBlockOffset(final int classCount)
    {
        return RECORD_DAY_OFFSET + DAY_FIELDS * Long.BYTES;
    }

    /**
     * @param classCount classes in the scheme.
     * @return longs per bar.
     */
    public static int barStride(final int classCount)
    {
        return BAR_FIELDS + classCount * BAR_CLASS_FIELDS;
    }

    /**
     * @param classCount classes in the scheme.
     * @return byte offset of bar 0 within a record.
     */
    public static int barBlockOffset(final int classCount)
    {
        return classBlockOffset(classCount) + classCount * CLASS_FIELDS * Long.BYTES;
    }

    /**
     * @param classCount classes in the scheme.
     * @param barCount   bars per day.
     * @return record length in bytes, a multiple of 64.
     */
    public static int recordLength(final int classCount, final int barCount)
    {
        return wholeLines(barBlockOffset(classCount) + barCount * barStride(classCount) * Long.BYTES);
    }

    /**
     * @param classCount classes in the scheme.
     * @return bytes of a slot's head in the file (the record up to its bars), a multiple of 64.
     */
    public static int headLength(final int classCount)
    {
        return wholeLines(barBlockOffset(classCount));
    }

    /**
     * @param classCount classes in the scheme.
     * @return bytes of one bar of one slot in the file's bar region, a multiple of 64.
     */
    public static int barLength(final int classCount)
    {
        return wholeLines(barStride(classCount) * Long.BYTES);
    }

    private static int wholeLines(final int bytes)
    {
        return (bytes + 63) & ~63;
    }

    /**
     * @param slotCapacity slots in the file.
     * @param classCount   classes in the scheme.
     * @param barCount     bars per day.
     * @return bytes of the whole file.
     */
    public static long fileLength(final int slotCapacity, final int classCount, final int barCount)
    {
        return HEADER_LENGTH + (long)slotCapacity * headLength(classCount) +
            (long)barCount * slotCapacity * barLength(classCount);
    }

    /** Day fields of a slot record, by index into the day block. */
    public enum DayField
    {
        /** Fills counted (SZSE cancels excluded). */
        TRADES(0),
        /** Shares traded. */
        VOLUME(1),
        /** 成交额, 1/10000 yuan. */
        TURNOVER(2),
        /** 外盘: shares of buyer-initiated fills. */
        OUTER_VOLUME(3),
        /** Amount of buyer-initiated fills. */
        OUTER_TURNOVER(4),
        /** 内盘: shares of seller-initiated fills. */
        INNER_VOLUME(5),
        /** Amount of seller-initiated fills. */
        INNER_TURNOVER(6),
        /** Shares of neutral fills (auction prints, undetermined). */
        NEUTRAL_VOLUME(7),
        /** 中性盘 amount. */
        NEUTRAL_TURNOVER(8),
        /** First fill price. */
        OPEN(9),
        /** Highest fill price. */
        HIGH(10),
        /** Lowest fill price. */
        LOW(11),
        /** Last fill price. */
        CLOSE(12),
        /** Time of the first fill. */
        FIRST_TIME(13),
        /** Time of the last fill. */
        LAST_TIME(14),
        /** Fills outside the trading session: in the day totals, in no bar. */
        OFF_SESSION_TRADES(15),
        /** SZSE cancels found in the trade stream (ExecType 4), excluded from flows. */
        CANCELS(16),
        /** Shares cancelled by those records. */
        CANCEL_VOLUME(17),
        /** Buy orders added (逐笔委托). */
        BUY_ORDERS(28),
        /** Shares of buy orders added. */
        BUY_ORDER_VOLUME(29),
        /** Sell orders added. */
        SELL_ORDERS(30),
        /** Shares of sell orders added. */
        SELL_ORDER_VOLUME(31),
        /** Buy orders withdrawn (SSE 'D'). */
        BUY_ORDER_CANCELS(32),
        /** Shares of buy orders withdrawn. */
        BUY_CANCEL_VOLUME(33),
        /** Sell orders withdrawn. */
        SELL_ORDER_CANCELS(34),
        /** Shares of sell orders withdrawn. */
        SELL_CANCEL_VOLUME(35),
        /** Snapshots seen. */
        SNAPSHOTS(36),
        /** Time of the latest snapshot. */
        SNAPSHOT_TIME(37),
        /** Latest snapshot's last price. */
        SNAPSHOT_LAST(38),
        /** Latest snapshot's previous close. */
        SNAPSHOT_PREV_CLOSE(39),
        /** Latest snapshot's cumulative number of trades. */
        SNAPSHOT_TRADES(40),
        /** Latest snapshot's cumulative volume. */
        SNAPSHOT_VOLUME(41),
        /** Latest snapshot's cumulative turnover. */
        SNAPSHOT_TURNOVER(42),
        /** Latest snapshot's best bid. */
        SNAPSHOT_BID1(43),
        /** Latest snapshot's best ask. */
        SNAPSHOT_ASK1(44),
        /** Latest snapshot's bid quantity summed over its levels. */
        SNAPSHOT_BID_QTY(45),
        /** Latest snapshot's ask quantity summed over its levels. */
        SNAPSHOT_ASK_QTY(46),
        /** Flagged B/S fills where the measured rule agreed with the exchange flag. */
        RULE_AGREE(18),
        /** Flagged B/S fills where the measured rule disagreed. */
        RULE_DISAGREE(19),
        /** Flagged B/S fills the measured rule could not classify. */
        RULE_UNCLASSIFIED(20),
        /** Events applied to this record. */
        EVENTS(21),
        /** Sequence gaps declared on this symbol's channel this day. */
        GAPS(47),
        /** Sequence numbers missing in those gaps (on the channel, not only this symbol's). */
        GAP_MISSING(48),
        /**
         * Price-change method (涨跌法) at tick granularity: amount of fills priced above the fill before them (the
         * day's first fill is not compared).
         */
        TICK_UP_TURNOVER(22),
        /** Amount of fills priced below the fill before them. */
        TICK_DOWN_TURNOVER(23),
        /** The up-buy variant: amount of buyer-initiated fills priced above the fill before them. */
        TICK_UP_BUY_TURNOVER(24),
        /** The down-sell variant: amount of seller-initiated fills priced below the fill before them. */
        TICK_DOWN_SELL_TURNOVER(25),
        /** Latest snapshot's bid quantity over its best 5 levels (委比 on Level-1 depth). */
        SNAPSHOT_BID_QTY5(49),
        /** Latest snapshot's ask quantity over its best 5 levels. */
        SNAPSHOT_ASK_QTY5(50),
        /** Latest snapshot's bid quantity over its best 10 levels. */
        SNAPSHOT_BID_QTY10(51),
        /** Latest snapshot's ask quantity over its best 10 levels. */
        SNAPSHOT_ASK_QTY10(52),
        /** Levels of the latest snapshot's book (5 on Level-1, 10 on Level-2); 0 before the first snapshot. */
        SNAPSHOT_LEVELS(53),
        /**
         * Amount of the day's first fill, which the tick price-change counters cannot compare (the previous close is
         * reference data): a report compares it with the previous close.
         */
        FIRST_FILL_AMOUNT(26),
        /** The first fill's direction: 'B', 'S' or 'N' (0 before the first fill). */
        FIRST_FILL_SIDE(27);
        /** Where the field is in the file's record: its slot among the DAY_FIELDS longs of the day block there. */
        private final int fileSlot;

        DayField(final int fileSlot)
        {
            this.fileSlot = fileSlot;
        }

        /**
         * @return byte offset within a slot record, as a reader sees it ({@link SlotView}, the digest): the fields in
         *         the order declared here.
         */
        public int offset()
        {
            return RECORD_DAY_OFFSET + ordinal() * Long.BYTES;
        }

        /**
         * @return byte offset within the record in the file, where the writer keeps the field: a fill's fields on the
         *         record's first four cache lines (see {@link #TRADE_DAY_FIELDS}).
         */
        public int fileOffset()
        {
            return RECORD_DAY_OFFSET + fileSlot * Long.BYTES;
        }
    }

    /** Per-class fields of the day class block. */
    public enum ClassField
    {
        /** Active view: amount of buyer-initiated fills whose buy order is in this class. */
        ACTIVE_IN_AMOUNT,
        /** Active view: their shares. */
        ACTIVE_IN_VOLUME,
        /** Active view: their number of fills. */
        ACTIVE_IN_COUNT,
        /** Active view: amount of seller-initiated fills whose sell order is in this class. */
        ACTIVE_OUT_AMOUNT,
        /** Active view: their shares. */
        ACTIVE_OUT_VOLUME,
        /** Active view: their number of fills. */
        ACTIVE_OUT_COUNT,
        /** Order-side view: amount of all fills whose buy order is in this class. */
        SIDE_IN_AMOUNT,
        /** Order-side view: their shares. */
        SIDE_IN_VOLUME,
        /** Order-side view: amount of all fills whose sell order is in this class. */
        SIDE_OUT_AMOUNT,
        /** Order-side view: their shares. */
        SIDE_OUT_VOLUME
    }

    /** Fixed fields of a bar. */
    public enum BarField
    {
        OPEN, HIGH, LOW, CLOSE, VOLUME, TURNOVER, TRADES, OUTER_VOLUME, INNER_VOLUME, OUTER_TURNOVER, INNER_TURNOVER
    }

    /** Per-class fields of a bar. */
    public enum BarClassField
    {
        ACTIVE_IN, ACTIVE_OUT, SIDE_IN, SIDE_OUT
    }

    /** Engine statistics in the header, by index. */
    public enum Stat
    {
        /** Lines read from all inputs, headers included. */
        LINES_READ,
        /** Records published into the ring. */
        RECORDS_PUBLISHED,
        /** Events applied by the aggregate handler. */
        EVENTS_APPLIED,
        /** Distinct symbols missing from the reference data. */
        UNKNOWN_SYMBOLS,
        /** Sequence gaps detected on dense sequences. */
        SEQUENCE_GAPS,
        /** Sequence numbers missing in those gaps. */
        SEQUENCE_MISSING,
        /** Exceptions caught by the ring's exception handler. */
        HANDLER_ERRORS,
        /** Rejections, total; then one per reason from index REJECT_BASE. */
        REJECTED,
        /**
         * Fills that went past the quantity an order record gave (see {@code ClassifyHandler#quantityExceeded}).
         * This and the statistics after it are written when a run's records have all been processed, and are not
         * part of the digest.
         */
        ORDER_QTY_EXCEEDED,
        /** Orders whose whole-quantity record came after fills of theirs. */
        FILLS_BEFORE_WHOLE_ORDER,
        /** Aggressive fills of an order after its balance record. */
        AGGRESSIVE_AFTER_BALANCE,
        /** Quote-rule decisions that found no quote (the fill left unclassified). */
        QUOTE_MISSING,
        /** Lee-Ready decisions that found no two-sided quote and used the tick test. */
        MIDPOINT_MISSING,
        /**
         * Records published into the ring and not yet in the counters, as the engine's health sampler last saw them
         * (once a second while the engine runs, and once when it closes), for readers in other processes. This and
         * the two after it are not part of the digest.
         */
        RING_LAG,
        /** Records published into the ring and not yet journaled, as last sampled; -1 without a journal. */
        JOURNAL_LAG,
        /** When the health sampler last wrote, epoch ms; 0 before its first sample. */
        HEALTH_SAMPLED_MS
    }

    /** Statistics index of the first per-reason rejection counter. */
    public static final int REJECT_BASE = 16;

    /**
     * Statistics index of the first of the engine's health sample ({@link Health}), the last ones of the block. The
     * digest reads them as zero: they describe the run, not its results, and files written before them keep their
     * digest.
     */
    public static final int HEALTH_BASE = STATS_COUNT - 11;

    /**
     * The engine's health as its sampler writes it once a second, for readers in other processes: statistic
     * {@code HEALTH_BASE + ordinal()}. Latencies are those of {@code run --latency} (0 without it), in nanoseconds;
     * the garbage collections are the engine's JVM's.
     */
    public enum Health
    {
        /**
         * The sample's version: odd while the sampler writes it (this, {@code RING_LAG}, {@code JOURNAL_LAG},
         * {@code HEALTH_SAMPLED_MS} and the figures below), so that a reader takes one whole sample
         * ({@link HealthSample#read}).
         */
        VERSION,
        /** Records in the latency histogram. */
        LATENCY_COUNT,
        /** Their mean, ns. */
        LATENCY_MEAN_NS,
        /** Percentiles, ns. */
        LATENCY_P50_NS, LATENCY_P90_NS, LATENCY_P99_NS, LATENCY_P999_NS, LATENCY_P9999_NS,
        /** The largest, ns. */
        LATENCY_MAX_NS,
        /** Garbage collections of the engine's JVM since it started. */
        GC_COUNT,
        /** The time they took, ms (for G1 and Parallel: their stop-the-world pauses). */
        GC_MS;

        /** @return the statistic's index. */
        public int index()
        {
            return HEALTH_BASE + ordinal();
        }
    }
}

package io.moneyflow.codec.szse;

/**
 * The SZSE Binary market-data protocol (深圳证券交易所Binary行情数据接口规范): framing, message types and the body
 * layouts this engine reads and writes. Constants only. Every integer is big-endian; strings are fixed-length ASCII
 * padded with spaces. The nested classes ({@link Trade}, {@link Order}, {@link Snapshot}, {@link Entry}, {@link
 * Logon}, {@link Logout}, {@link ChannelHeartbeat}, {@link Header}) hold each message's field offsets: the one place
 * the decoders, the encoder, the session and the test gateway take them from.
 * <pre>
 *   Frame
 *   +---------------------------------------------------------------+
 *   |  0 MsgType (uInt32)            |  4 BodyLength (uInt32)        |
 *   |  8 body, BodyLength bytes                                     |
 *   |  8+BodyLength Checksum (uInt32): the sum of every byte of     |
 *   |     header and body, modulo 256                               |
 *   +---------------------------------------------------------------+
 *
 *   Logon (1), 92 bytes: SenderCompID char[20] | TargetCompID char[20] @20 | HeartBtInt Int32 @40 (seconds) |
 *                        Password char[16] @44 | DefaultApplVerID char[32] @60
 *   Logout (2), 204 bytes: SessionStatus Int32 | Text char[200] @4
 *   Heartbeat (3), 0 bytes
 *   ChannelHeartbeat (390095), 12 bytes: ChannelNo uInt16 | ApplLastSeqNum Int64 @2 | EndOfChannel uInt16 @10
 *     (11 bytes with a one-byte EndOfChannel is also read)
 *   Trade 300191, 66 bytes:
 *     0 ChannelNo uInt16 | 2 ApplSeqNum Int64 | 10 MDStreamID char[3] | 13 BidApplSeqNum Int64 |
 *     21 OfferApplSeqNum Int64 | 29 SecurityID char[8] | 37 SecurityIDSource char[4] | 41 LastPx Int64 N13(4) |
 *     49 LastQty Int64 N15(2) | 57 ExecType char ('F' fill, '4' cancel) | 58 TransactTime Int64 YYYYMMDDHHMMSSsss
 *   Order 300192, 51 bytes:
 *     0 ChannelNo uInt16 | 2 ApplSeqNum Int64 | 10 MDStreamID char[3] | 13 SecurityID char[8] |
 *     21 SecurityIDSource char[4] | 25 Price Int64 N13(4) | 33 OrderQty Int64 N15(2) | 41 Side char ('1' buy,
 *     '2' sell) | 42 TransactTime Int64 | 50 OrdType char ('1' market, '2' limit, 'U' own best)
 *   Snapshot 300111, 69 + entries bytes:
 *     0 OrigTime Int64 | 8 ChannelNo uInt16 | 10 MDStreamID char[3] | 13 SecurityID char[8] |
 *     21 SecurityIDSource char[4] | 25 TradingPhaseCode char[8] | 33 PrevClosePx Int64 N13(4) |
 *     41 NumTrades Int64 | 49 TotalVolumeTrade Int64 N15(2) | 57 TotalValueTrade Int64 N18(4) |
 *     65 NoMDEntries uInt32 | 69 entries, each 32 + 8 x NoOrders bytes:
 *       +0 MDEntryType char[2] ("0 " bid, "1 " ask, "2 " last...) | +2 MDEntryPx Int64 N18(6) |
 *       +10 MDEntrySize Int64 N15(2) | +18 MDPriceLevel uInt16 | +20 NumberOfOrders Int64 |
 *       +28 NoOrders uInt32 | +32 NoOrders x OrderQty Int64 N15(2)
 * </pre>
 * Sources, checked against each other and against real SZSE message bytes (docs/SZSE-BINARY.md): the C++ codec of
 * cao.ning (github.com/yzcpleo/szse_v5_parser @d2d65ce, written from spec 1.00), the umdgw gateway client
 * (github.com/Fantasticer/umdgw @8519297), the pcap-udp parser and its captured 2020-04-23 packets
 * (github.com/double-free/pcap-udp @c6ae736). The offsets in real-data.md §4.2 hold; one public Rust parser reads
 * 300191's ExecType one byte early (offset 56), which these layouts avoid.
 */
public final class SzseDescriptor
{
    public static final int HEADER_LENGTH = 8;
    public static final int TRAILER_LENGTH = 4;
    /** Largest body accepted; anything longer is a broken frame. */
    public static final int MAX_BODY_LENGTH = 64 * 1024;

    public static final int LOGON = 1;
    public static final int LOGOUT = 2;
    public static final int HEARTBEAT = 3;
    public static final int CHANNEL_HEARTBEAT = 390095;
    public static final int TRADE = 300191;
    public static final int ORDER = 300192;
    public static final int SNAPSHOT = 300111;

    public static final int LOGON_LENGTH = 92;
    public static final int LOGOUT_LENGTH = 204;
    public static final int CHANNEL_HEARTBEAT_LENGTH = 12;
    public static final int TRADE_LENGTH = 66;
    public static final int ORDER_LENGTH = 51;
    public static final int SNAPSHOT_FIXED_LENGTH = 69;
    public static final int SNAPSHOT_ENTRY_LENGTH = 32;

    /** Logout SessionStatus: 会话活跃 (normal logout). */
    public static final int STATUS_ACTIVE = 0;
    /** Logout SessionStatus: 不合法的用户名或口令 (bad user or password). */
    public static final int STATUS_BAD_CREDENTIALS = 5;
    /** Logout SessionStatus: 其他 (other). */
    public static final int STATUS_OTHER = 101;
    /** Logout SessionStatus: 无效消息 (invalid message). */
    public static final int STATUS_INVALID_MESSAGE = 102;

    /** Lengths of the fixed-size text fields. */
    public static final int SECURITY_ID_LENGTH = 8;
    public static final int SECURITY_ID_SOURCE_LENGTH = 4;
    public static final int MD_STREAM_ID_LENGTH = 3;

    /** The frame header's fields, from the frame's start. */
    public static final class Header
    {
        public static final int MSG_TYPE = 0;
        public static final int BODY_LENGTH = 4;

        private Header()
        {
        }
    }

    /** Logon (1): offsets in the body, and the text fields' lengths. */
    public static final class Logon
    {
        public static final int SENDER_COMP_ID = 0;
        public static final int SENDER_COMP_ID_LENGTH = 20;
        public static final int TARGET_COMP_ID = 20;
        public static final int TARGET_COMP_ID_LENGTH = 20;
        public static final int HEART_BT_INT = 40;
        public static final int PASSWORD = 44;
        public static final int PASSWORD_LENGTH = 16;
        public static final int DEFAULT_APPL_VER_ID = 60;
        public static final int DEFAULT_APPL_VER_ID_LENGTH = 32;

        private Logon()
        {
        }
    }

    /** Logout (2): offsets in the body. */
    public static final class Logout
    {
        public static final int SESSION_STATUS = 0;
        public static final int TEXT = 4;
        public static final int TEXT_LENGTH = 200;

        private Logout()
        {
        }
    }

    /** ChannelHeartbeat (390095): offsets in the body. */
    public static final class ChannelHeartbeat
    {
        public static final int CHANNEL_NO = 0;
        public static final int APPL_LAST_SEQ_NUM = 2;
        /** uInt16; one byte in the 11-byte variant. */
        public static final int END_OF_CHANNEL = 10;
        /** The body length of the variant with a one-byte EndOfChannel. */
        public static final int SHORT_LENGTH = 11;

        private ChannelHeartbeat()
        {
        }
    }

    /** Trade 300191 (集中竞价逐笔成交): offsets in the body. */
    public static final class Trade
    {
        public static final int CHANNEL_NO = 0;
        public static final int APPL_SEQ_NUM = 2;
        public static final int MD_STREAM_ID = 10;
        public static final int BID_APPL_SEQ_NUM = 13;
        public static final int OFFER_APPL_SEQ_NUM = 21;
        public static final int SECURITY_ID = 29;
        public static final int SECURITY_ID_SOURCE = 37;
        public static final int LAST_PX = 41;
        public static final int LAST_QTY = 49;
        public static final int EXEC_TYPE = 57;
        public static final int TRANSACT_TIME = 58;

        private Trade()
        {
        }
    }

    /** Order 300192 (集中竞价逐笔委托): offsets in the body. */
    public static final class Order
    {
        public static final int CHANNEL_NO = 0;
        public static final int APPL_SEQ_NUM = 2;
        public static final int MD_STREAM_ID = 10;
        public static final int SECURITY_ID = 13;
        public static final int SECURITY_ID_SOURCE = 21;
        public static final int PRICE = 25;
        public static final int ORDER_QTY = 33;
        public static final int SIDE = 41;
        public static final int TRANSACT_TIME = 42;
        public static final int ORD_TYPE = 50;

        private Order()
        {
        }
    }

    /** Snapshot 300111 (快照行情): offsets in the body, before its entries. */
    public static final class Snapshot
    {
        public static final int ORIG_TIME = 0;
        public static final int CHANNEL_NO = 8;
        public static final int MD_STREAM_ID = 10;
        public static final int SECURITY_ID = 13;
        public static final int SECURITY_ID_SOURCE = 21;
        public static final int TRADING_PHASE_CODE = 25;
        public static final int TRADING_PHASE_CODE_LENGTH = 8;
        public static final int PREV_CLOSE_PX = 33;
        public static final int NUM_TRADES = 41;
        public static final int TOTAL_VOLUME_TRADE = 49;
        public static final int TOTAL_VALUE_TRADE = 57;
        public static final int NO_MD_ENTRIES = 65;

        private Snapshot()
        {
        }
    }

    /** One MD entry of a snapshot: offsets from the entry's start. */
    public static final class Entry
    {
        public static final int MD_ENTRY_TYPE = 0;
        public static final int MD_ENTRY_PX = 2;
        public static final int MD_ENTRY_SIZE = 10;
        public static final int MD_PRICE_LEVEL = 18;
        public static final int NUMBER_OF_ORDERS = 20;
        public static final int NO_ORDERS = 28;
        /** Bytes of each of the NoOrders order quantities after the entry. */
        public static final int ORDER_QTY_LENGTH = 8;

        private Entry()
        {
        }
    }

    private SzseDescriptor()
    {
    }

    /**
     * The body length a fixed-size message must have.
     *
     * @param msgType a message type.
     * @return its body length, -1 for a variable-length or unknown type.
     */
    public static int fixedBodyLength(final int msgType)
    {
        return switch (msgType)
        {
            case LOGON -> LOGON_LENGTH;
            case LOGOUT -> LOGOUT_LENGTH;
            case HEARTBEAT -> 0;
            case TRADE -> TRADE_LENGTH;
            case ORDER -> ORDER_LENGTH;
            default -> -1;
        };
    }

    /**
     * @param msgType a message type.
     * @return true for the types this engine reads.
     */
    public static boolean isKnown(final int msgType)
    {
        return msgType == LOGON || msgType == LOGOUT || msgType == HEARTBEAT || msgType == CHANNEL_HEARTBEAT ||
            msgType == TRADE || msgType == ORDER || msgType == SNAPSHOT;
    }
}

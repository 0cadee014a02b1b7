package io.moneyflow.codec.szse;

import io.moneyflow.codec.szse.SzseDescriptor.ChannelHeartbeat;
import io.moneyflow.codec.szse.SzseDescriptor.Entry;
import io.moneyflow.codec.szse.SzseDescriptor.Logon;
import io.moneyflow.codec.szse.SzseDescriptor.Logout;
import io.moneyflow.codec.szse.SzseDescriptor.Order;
import io.moneyflow.codec.szse.SzseDescriptor.Snapshot;
import io.moneyflow.codec.szse.SzseDescriptor.Trade;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The field offsets of {@link SzseDescriptor}, the one place the decoders, the encoder and the sessions take them
 * from, against the specification's field lists: each message's fields in the specification's order with the sizes
 * of their types (uInt16 2 bytes, uInt32 and Int32 4, Int64 8, char[n] n, char 1), so that each field must start
 * where the one before it ends and the last must end at the body length the specification gives. A wrong offset
 * breaks the chain. (The values themselves are checked against real SZSE bytes in {@link SzseCodecTest}.)
 */
class SzseDescriptorTest
{
    /**
     * @param fields offset and size of each field, in the specification's order.
     * @return where the last field ends, after checking that each starts where the one before ended.
     */
    private static int chain(final int[][] fields)
    {
        int end = 0;
        for (final int[] field : fields)
        {
            assertThat(field[0]).as("a field at %d after one ending at %d", field[0], end).isEqualTo(end);
            end = field[0] + field[1];
        }
        return end;
    }

    @Test
    void shouldLayTheFrameHeaderOutAsTwoWords()
    {
        assertThat(chain(new int[][] {{SzseDescriptor.Header.MSG_TYPE, 4}, {SzseDescriptor.Header.BODY_LENGTH, 4}}))
            .isEqualTo(SzseDescriptor.HEADER_LENGTH);
    }

    @Test
    void shouldLaySessionMessagesOutFieldAfterField()
    {
        assertThat(chain(new int[][] {
            {Logon.SENDER_COMP_ID, Logon.SENDER_COMP_ID_LENGTH}, {Logon.TARGET_COMP_ID, Logon.TARGET_COMP_ID_LENGTH},
            {Logon.HEART_BT_INT, 4}, {Logon.PASSWORD, Logon.PASSWORD_LENGTH},
            {Logon.DEFAULT_APPL_VER_ID, Logon.DEFAULT_APPL_VER_ID_LENGTH}}))
            .as("Logon, 92 bytes").isEqualTo(SzseDescriptor.LOGON_LENGTH).isEqualTo(92);
        assertThat(chain(new int[][] {{Logout.SESSION_STATUS, 4}, {Logout.TEXT, Logout.TEXT_LENGTH}}))
            .as("Logout, 204 bytes").isEqualTo(SzseDescriptor.LOGOUT_LENGTH).isEqualTo(204);
        assertThat(chain(new int[][] {
            {ChannelHeartbeat.CHANNEL_NO, 2}, {ChannelHeartbeat.APPL_LAST_SEQ_NUM, 8},
            {ChannelHeartbeat.END_OF_CHANNEL, 2}}))
            .as("ChannelHeartbeat, 12 bytes").isEqualTo(SzseDescriptor.CHANNEL_HEARTBEAT_LENGTH).isEqualTo(12);
        assertThat(ChannelHeartbeat.END_OF_CHANNEL + 1).as("the variant with a one-byte EndOfChannel")
            .isEqualTo(ChannelHeartbeat.SHORT_LENGTH);
    }

    @Test
    void shouldLayTradesAndOrdersOutFieldAfterField()
    {
        assertThat(chain(new int[][] {
            {Trade.CHANNEL_NO, 2}, {Trade.APPL_SEQ_NUM, 8}, {Trade.MD_STREAM_ID, SzseDescriptor.MD_STREAM_ID_LENGTH},
            {Trade.BID_APPL_SEQ_NUM, 8}, {Trade.OFFER_APPL_SEQ_NUM, 8},
            {Trade.SECURITY_ID, SzseDescriptor.SECURITY_ID_LENGTH},
            {Trade.SECURITY_ID_SOURCE, SzseDescriptor.SECURITY_ID_SOURCE_LENGTH}, {Trade.LAST_PX, 8},
            {Trade.LAST_QTY, 8}, {Trade.EXEC_TYPE, 1}, {Trade.TRANSACT_TIME, 8}}))
            .as("300191, 66 bytes").isEqualTo(SzseDescriptor.TRADE_LENGTH).isEqualTo(66);
        assertThat(chain(new int[][] {
            {Order.CHANNEL_NO, 2}, {Order.APPL_SEQ_NUM, 8}, {Order.MD_STREAM_ID, SzseDescriptor.MD_STREAM_ID_LENGTH},
            {Order.SECURITY_ID, SzseDescriptor.SECURITY_ID_LENGTH},
            {Order.SECURITY_ID_SOURCE, SzseDescriptor.SECURITY_ID_SOURCE_LENGTH}, {Order.PRICE, 8},
            {Order.ORDER_QTY, 8}, {Order.SIDE, 1}, {Order.TRANSACT_TIME, 8}, {Order.ORD_TYPE, 1}}))
            .as("300192, 51 bytes").isEqualTo(SzseDescriptor.ORDER_LENGTH).isEqualTo(51);
    }

    @Test
    void shouldLaySnapshotsAndTheirEntriesOutFieldAfterField()
    {
        assertThat(chain(new int[][] {
            {Snapshot.ORIG_TIME, 8}, {Snapshot.CHANNEL_NO, 2},
            {Snapshot.MD_STREAM_ID, SzseDescriptor.MD_STREAM_ID_LENGTH},
            {Snapshot.SECURITY_ID, SzseDescriptor.SECURITY_ID_LENGTH},
            {Snapshot.SECURITY_ID_SOURCE, SzseDescriptor.SECURITY_ID_SOURCE_LENGTH},
            {Snapshot.TRADING_PHASE_CODE, Snapshot.TRADING_PHASE_CODE_LENGTH}, {Snapshot.PREV_CLOSE_PX, 8},
            {Snapshot.NUM_TRADES, 8}, {Snapshot.TOTAL_VOLUME_TRADE, 8}, {Snapshot.TOTAL_VALUE_TRADE, 8},
            {Snapshot.NO_MD_ENTRIES, 4}}))
            .as("300111 before its entries, 69 bytes").isEqualTo(SzseDescriptor.SNAPSHOT_FIXED_LENGTH).isEqualTo(69);
        assertThat(chain(new int[][] {
            {Entry.MD_ENTRY_TYPE, 2}, {Entry.MD_ENTRY_PX, 8}, {Entry.MD_ENTRY_SIZE, 8}, {Entry.MD_PRICE_LEVEL, 2},
            {Entry.NUMBER_OF_ORDERS, 8}, {Entry.NO_ORDERS, 4}}))
            .as("an MD entry, 32 bytes before its orders").isEqualTo(SzseDescriptor.SNAPSHOT_ENTRY_LENGTH).isEqualTo(32);
        assertThat(Entry.ORDER_QTY_LENGTH).as("each order's OrderQty, an Int64").isEqualTo(8);
    }
}

package io.moneyflow.classify;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order table against {@link HashMap} as the reference: whatever sequence of inserts, updates and removals,
 * every key finds exactly its own row and value, and removed keys are gone, including across the probe runs that
 * backward-shift deletion rearranges and the doublings of a table started far too small.
 */
class OrderTableTest
{
    /** One operation: insert-or-update (the value is written into the row), or remove. */
    record Op(boolean remove, int slot, boolean buy, long orderNo, long value)
    {
    }

    @Provide
    Arbitrary<List<Op>> ops()
    {
        // few distinct keys and a table of 16 rows: long probe runs, wrap-around at the end of the array
        final Arbitrary<Op> op = Combinators.combine(
            Arbitraries.integers().between(0, 9).map(i -> i < 3),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false),
            Arbitraries.longs().between(1, 60),
            Arbitraries.longs().between(0, 1_000_000))
            .as(Op::new);
        return op.list().ofMaxSize(400);
    }

    @Property(tries = 400)
    void shouldAgreeWithAHashMapWhateverTheInsertsAndRemovals(@ForAll("ops") final List<Op> ops)
    {
        final OrderTable table = new OrderTable(16);
        final Map<Long, Long> reference = new HashMap<>();
        for (final Op op : ops)
        {
            final long key = OrderTable.key(op.slot(), op.buy(), op.orderNo());
            if (op.remove())
            {
                final int row = table.find(key);
                assertThat(row >= 0).isEqualTo(reference.containsKey(key));
                if (row >= 0)
                {
                    table.remove(row);
                    reference.remove(key);
                }
            }
            else
            {
                final int row = table.findOrInsert(key);
                table.set(row, OrderTable.AGGR_AMOUNT, op.value());
                reference.put(key, op.value());
            }
            assertThat(table.size()).isEqualTo(reference.size());
        }
        for (int slot = 0; slot <= 3; slot++)
        {
            for (final boolean buy : new boolean[]{true, false})
            {
                for (long no = 1; no <= 60; no++)
                {
                    final long key = OrderTable.key(slot, buy, no);
                    final int row = table.find(key);
                    if (reference.containsKey(key))
                    {
                        assertThat(row).as("key %d", key).isNotNegative();
                        assertThat(table.get(row, OrderTable.KEY)).isEqualTo(key);
                        assertThat(table.get(row, OrderTable.AGGR_AMOUNT)).isEqualTo(reference.get(key));
                    }
                    else
                    {
                        assertThat(row).as("removed or never added: %d", key).isEqualTo(-1);
                    }
                }
            }
        }
    }

    /** One operation on a paged table: insert-or-update, remove, or (rarely) the end of a trading day. */
    record PagedOp(int kind, int slot, boolean buy, long orderNo, long value)
    {
    }

    @Provide
    Arbitrary<List<PagedOp>> pagedOps()
    {
        // numbers over five pages, near-sequential like an exchange's, and four slots over two channels, so that
        // two stocks' orders meet on one channel's rows and go to the hash table
        final Arbitrary<PagedOp> op = Combinators.combine(
            Arbitraries.integers().between(0, 99).map(i -> i < 1 ? 2 : i < 35 ? 1 : 0),
            Arbitraries.integers().between(0, 3),
            Arbitraries.of(true, false),
            Arbitraries.oneOf(Arbitraries.longs().between(1, 5 * 1024), Arbitraries.longs().between(1000, 1100)),
            Arbitraries.longs().between(0, 1_000_000))
            .as(PagedOp::new);
        return op.list().ofMaxSize(600);
    }

    /**
     * The channel of a slot's orders, as the classify stage gives it: fixed once known. Slots 0 and 1 share channel
     * 2011, slot 2 is on channel 1, slot 3 has no channel until its 200th operation and channel 2011 after.
     */
    private static int channelOf(final int slot, final int step)
    {
        return switch (slot)
        {
            case 0, 1 -> 2011;
            case 2 -> 1;
            default -> step < 200 ? 0 : 2011;
        };
    }

    @Property(tries = 300)
    void shouldAgreeWithAHashMapWithPagesByChannelAndNumber(@ForAll("pagedOps") final List<PagedOp> ops)
    {
        final OrderTable table = new OrderTable(16);
        final Map<Long, Long> reference = new HashMap<>();
        int step = 0;
        for (final PagedOp op : ops)
        {
            final long key = OrderTable.key(op.slot(), op.buy(), op.orderNo());
            final int channel = channelOf(op.slot(), step++);
            if (op.kind() == 2)
            {
                table.clear();
                reference.clear();
            }
            else if (op.kind() == 1)
            {
                final int row = table.find(key, channel, op.orderNo());
                assertThat(row >= 0).as("found %d", key).isEqualTo(reference.containsKey(key));
                if (row >= 0)
                {
                    assertThat(table.get(row, OrderTable.KEY)).isEqualTo(key);
                    table.remove(row);
                    reference.remove(key);
                }
            }
            else
            {
                final int row = table.findOrInsert(key, channel, op.orderNo());
                assertThat(table.get(row, OrderTable.KEY)).isEqualTo(key);
                if (!reference.containsKey(key))
                {
                    assertThat(table.get(row, OrderTable.OPEN_QTY)).as("a new row").isEqualTo(OrderTable.UNKNOWN);
                }
                else
                {
                    assertThat(table.get(row, OrderTable.AGGR_AMOUNT)).isEqualTo(reference.get(key));
                }
                table.set(row, OrderTable.AGGR_AMOUNT, op.value());
                table.set(row, OrderTable.OPEN_QTY, 1);
                reference.put(key, op.value());
            }
            assertThat(table.size()).isEqualTo(reference.size());
        }
        for (final Map.Entry<Long, Long> entry : reference.entrySet())
        {
            final long key = entry.getKey();
            final int slot = (int)(key >>> 41);
            final long orderNo = OrderTable.orderNo(key);
            final int row = table.find(key, channelOf(slot, step), orderNo);
            assertThat(row).as("key %d", key).isNotNegative();
            assertThat(table.get(row, OrderTable.AGGR_AMOUNT)).isEqualTo(entry.getValue());
        }
    }

    @Test
    void shouldGivePagesBackWhenTheirOrdersAreDoneAndReuseThem()
    {
        final OrderTable table = new OrderTable(16);
        // two pages' worth of orders on one channel, then the first page's orders all filled
        for (long no = 1; no < 2 * 1024; no++)
        {
            table.findOrInsert(OrderTable.key(0, true, no), 2011, no);
        }
        assertThat(table.pagesInUse()).isEqualTo(2);
        for (long no = 1; no < 1024; no++)
        {
            table.remove(table.find(OrderTable.key(0, true, no), 2011, no));
        }
        assertThat(table.pagesInUse()).as("the older page is given back").isEqualTo(1);
        final long bytes = table.chunkBytes();
        // the next page of numbers reuses it: no new memory
        table.findOrInsert(OrderTable.key(0, true, 2 * 1024), 2011, 2 * 1024);
        assertThat(table.pagesInUse()).isEqualTo(2);
        assertThat(table.chunkBytes()).isEqualTo(bytes);
        assertThat(table.hashed()).as("no order went to the hash table").isZero();
        // the channel's newest page stays while empty: the next orders fill it
        for (long no = 1024; no <= 2 * 1024; no++)
        {
            table.remove(table.find(OrderTable.key(0, true, no), 2011, no));
        }
        assertThat(table.size()).isZero();
        assertThat(table.pagesInUse()).isEqualTo(1);
    }

    @Test
    void shouldMoveTheFewOpenOrdersOfAnOldPageToTheHashTableAndFreeThePage()
    {
        final OrderTable table = new OrderTable(16);
        // four pages of orders on one channel (numbers 1 to 4095), each row marked with its number
        for (long no = 1; no < 4 * 1024; no++)
        {
            final int row = table.findOrInsert(OrderTable.key(0, no % 2 == 0, no), 2011, no);
            table.set(row, OrderTable.ALL_AMOUNT, no * 100);
        }
        assertThat(table.pagesInUse()).isEqualTo(4);
        // the first page's orders are done but for the 128 numbered 1 to 128: at the 128th open one, they move
        for (long no = 129; no < 1024; no++)
        {
            table.remove(table.find(OrderTable.key(0, no % 2 == 0, no), 2011, no));
        }
        assertThat(table.pagesInUse()).isEqualTo(3);
        assertThat(table.hashed()).isEqualTo(128);
        assertThat(table.moved()).isEqualTo(128);
        assertThat(table.size()).isEqualTo(4 * 1024 - 1 - (1024 - 129));
        for (long no = 1; no <= 128; no++)
        {
            final long key = OrderTable.key(0, no % 2 == 0, no);
            final int row = table.find(key, 2011, no);
            assertThat(row).isNotNegative();
            assertThat(table.get(row, OrderTable.ALL_AMOUNT)).isEqualTo(no * 100);
            assertThat(table.findOrInsert(key, 2011, no)).as("found, not added again").isEqualTo(row);
        }
        assertThat(table.pagesInUse()).as("finding a moved order gives its old page no new one").isEqualTo(3);
        // the newest two pages never move their orders, however few: the third page empties and is freed, the
        // newest keeps its one order
        for (long no = 2 * 1024; no < 4 * 1024 - 1; no++)
        {
            table.remove(table.find(OrderTable.key(0, no % 2 == 0, no), 2011, no));
        }
        assertThat(table.pagesInUse()).isEqualTo(2);
        assertThat(table.hashed()).isEqualTo(128);
    }

    @Test
    void shouldHashTheOrdersOfAChannelWhoseNumbersAreSparse()
    {
        final OrderTable table = new OrderTable(16);
        // a file of a few of a channel's stocks: their orders are one number in five thousand of the channel's
        for (long i = 1; i <= 600; i++)
        {
            final long no = i * 5_000;
            final int row = table.findOrInsert(OrderTable.key(0, true, no), 2011, no);
            table.set(row, OrderTable.ALL_AMOUNT, i);
        }
        // the newest number advances by 5,000 at a time: after two windows of 64 advances (128 orders, a page each)
        // the channel is sparse, and the other 472 orders go to the hash table
        assertThat(table.sparse(2011)).isTrue();
        assertThat(table.pagesInUse()).as("the first 128 orders' pages only").isEqualTo(128);
        assertThat(table.hashed()).isEqualTo(472);
        for (long i = 1; i <= 600; i++)
        {
            final long no = i * 5_000;
            final int row = table.find(OrderTable.key(0, true, no), 2011, no);
            assertThat(table.get(row, OrderTable.ALL_AMOUNT)).isEqualTo(i);
        }
        // a dense channel beside it keeps its pages
        for (long no = 1; no < 3 * 1024; no++)
        {
            table.findOrInsert(OrderTable.key(1, true, no), 1, no);
        }
        assertThat(table.sparse(1)).isFalse();
        assertThat(table.hashed()).isEqualTo(472);
        // a new day starts every channel afresh
        table.clear();
        assertThat(table.sparse(2011)).isFalse();
        assertThat(table.size()).isZero();
    }

    @Test
    void shouldEmptyWithoutShrinking()
    {
        final OrderTable table = new OrderTable(16);
        for (long no = 1; no <= 100; no++)
        {
            table.findOrInsert(OrderTable.key(0, true, no));
        }
        final int capacity = table.capacity();
        table.clear();
        assertThat(table.size()).isZero();
        assertThat(table.capacity()).isEqualTo(capacity);
        assertThat(table.find(OrderTable.key(0, true, 50))).isEqualTo(-1);
        final int row = table.findOrInsert(OrderTable.key(0, true, 50));
        assertThat(table.get(row, OrderTable.OPEN_QTY)).as("a new row's open shares").isEqualTo(OrderTable.UNKNOWN);
    }

    @Test
    void shouldReadAheadTheRowThatALookupThenReads()
    {
        final OrderTable table = new OrderTable(16);
        // a paged order (channel and number), an order without a channel (the hash table), and an absent number on a
        // page that is there
        final long paged = OrderTable.key(3, false, 5000);
        table.findOrInsert(paged, 2011, 5000);
        final long hashed = OrderTable.key(4, true, 77);
        table.findOrInsert(hashed, 0, 77);
        final long pagedRow = table.homeRow(paged, 2011, 5000);
        final long hashedRow = table.homeRow(hashed, 0, 77);
        assertThat(pagedRow).as("a page row's address").isPositive();
        assertThat(hashedRow).as("a hash table row").isNegative();
        // the first word of each row is its key: the read ahead reads the line the lookup will
        assertThat(table.touchAt(pagedRow)).isEqualTo(paged);
        assertThat(table.touchAt(hashedRow)).isEqualTo(hashed);
        assertThat(table.touchAt(table.homeRow(OrderTable.key(3, false, 5001), 2011, 5001))).as("a free row").isZero();
        // and where the lookup finds them
        assertThat(table.find(paged, 2011, 5000)).isNotNegative();
        assertThat(table.find(hashed, 0, 77)).isNotNegative();
    }
}

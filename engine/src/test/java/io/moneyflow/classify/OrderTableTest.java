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
                table.rows[row + OrderTable.AGGR_AMOUNT] = op.value();
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
                        assertThat(table.rows[row]).isEqualTo(key);
                        assertThat(table.rows[row + OrderTable.AGGR_AMOUNT]).isEqualTo(reference.get(key));
                    }
                    else
                    {
                        assertThat(row).as("removed or never added: %d", key).isEqualTo(-1);
                    }
                }
            }
        }
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
        assertThat(table.rows[row + OrderTable.OPEN_QTY]).as("a new row's open shares").isEqualTo(OrderTable.UNKNOWN);
    }
}

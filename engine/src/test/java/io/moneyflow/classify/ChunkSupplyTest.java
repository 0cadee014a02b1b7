package io.moneyflow.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkSupplyTest
{
    /** Orders that fill a table's first chunks up to and through its first chunk of the largest size. */
    private static final long FIRST_LARGEST = 1024L * 1024;

    private static long fill(final OrderTable table, final long from, final long to)
    {
        for (long no = from; no < to; no++)
        {
            final int row = table.findOrInsert(OrderTable.key(0, true, no), 2011, no);
            assertThat(table.get(row, OrderTable.ALL_AMOUNT)).as("a new row is empty").isZero();
            table.set(row, OrderTable.ALL_AMOUNT, no * 3);
        }
        return to;
    }

    @Test
    void shouldMakeNothingUntilTheTableWantsChunksOfTheLargestSize()
    {
        final ChunkSupply supply = new ChunkSupply();
        final OrderTable table = new OrderTable(16, supply);
        // chunks of 16, 16, 32, 64 ... 512 pages: 1,024 pages of orders, none of the largest size yet
        fill(table, 1, 1024 * 1024);
        assertThat(table.chunkBytes()).isEqualTo(1024L * 64 * 1024);
        assertThat(supply.work(0)).as("not wanted yet").isFalse();
        // the next page needs a chunk of 1,024 pages: the table makes it itself (none is ready) and wants more
        fill(table, 1024 * 1024, 1024 * 1024 + 1);
        assertThat(table.chunkBytes()).isEqualTo(2 * 1024L * 64 * 1024);
        assertThat(table.chunksSupplied()).isZero();
        assertThat(supply.work(0)).as("now wanted").isTrue();
    }

    @Test
    void shouldHandOneZeroedChunkAtATimeThatTheTableCarvesWithoutClearing()
    {
        final ChunkSupply supply = new ChunkSupply();
        final OrderTable table = new OrderTable(16, supply);
        long next = fill(table, 1, FIRST_LARGEST + 1);
        int slices = 0;
        while (supply.work(0))
        {
            slices++;
        }
        assertThat(slices).as("64 MiB in slices of 64 KiB").isEqualTo((int)(ChunkSupply.CHUNK_BYTES /
            ChunkSupply.SLICE_BYTES));
        assertThat(supply.chunksMade()).isEqualTo(1);
        assertThat(supply.work(0)).as("one chunk ready at most").isFalse();
        // the rest of the table's own 1,024-page chunk, then the supplied one
        next = fill(table, next, 2 * FIRST_LARGEST + 1);
        assertThat(table.chunksSupplied()).isEqualTo(1);
        assertThat(table.chunkBytes()).isEqualTo(3 * 1024L * 64 * 1024);
        // taken: the supply makes the next
        assertThat(supply.work(0)).isTrue();
        next = fill(table, next, 2 * FIRST_LARGEST + 5000);
        // every order is where it was put, in the table's own chunks and in the supplied one
        for (long no = 1; no < next; no += 997)
        {
            final int row = table.find(OrderTable.key(0, true, no), 2011, no);
            assertThat(row).as("order %d", no).isNotNegative();
            assertThat(table.get(row, OrderTable.ALL_AMOUNT)).isEqualTo(no * 3);
        }
        assertThat(table.size()).isEqualTo((int)(next - 1));
    }

    @Test
    void shouldLetTheTableMakeItsOwnChunkWhenNoneIsReady()
    {
        final ChunkSupply supply = new ChunkSupply();
        final OrderTable table = new OrderTable(16, supply);
        fill(table, 1, 2 * FIRST_LARGEST + 10);
        assertThat(table.chunksSupplied()).isZero();
        assertThat(table.chunkBytes()).isEqualTo(3 * 1024L * 64 * 1024);
    }
}

package io.moneyflow.classify;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChunkSupplyTest
{
    /** Rows of a page, and so order numbers a page holds. */
    private static final long PAGE = 1024;
    private static final long MIB = 1L << 20;

    /** Puts orders {@code from} to {@code to - 1} on one channel, each row checked empty and marked with its number. */
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

    private static void assertHeld(final OrderTable table, final long to)
    {
        for (long no = 1; no < to; no += 997)
        {
            final int row = table.find(OrderTable.key(0, true, no), 2011, no);
            assertThat(row).as("order %d", no).isNotNegative();
            assertThat(table.get(row, OrderTable.ALL_AMOUNT)).isEqualTo(no * 3);
        }
        assertThat(table.size()).isEqualTo((int)(to - 1));
    }

    @Test
    void shouldMakeNothingUntilTheTableHoldsSixteenMebibytes()
    {
        final ChunkSupply supply = new ChunkSupply();
        final OrderTable table = new OrderTable(16, supply);
        // pages 0 to 127 (64 KiB each): chunks of 16, 16, 32 and 64 pages, 8 MiB
        fill(table, 1, 128 * PAGE);
        assertThat(table.chunkBytes()).isEqualTo(8 * MIB);
        assertThat(supply.work(0)).as("nothing asked yet").isFalse();
        // page 128 begins a chunk of 128 pages; the one after will be 256 pages, 16 MiB: asked for
        fill(table, 128 * PAGE, 128 * PAGE + 1);
        assertThat(table.chunkBytes()).isEqualTo(16 * MIB);
        assertThat(table.chunksSupplied()).isZero();
        assertThat(supply.work(0)).as("now asked").isTrue();
    }

    @Test
    void shouldHandTheTableItsNextChunkZeroedOneAtATime()
    {
        final ChunkSupply supply = new ChunkSupply();
        final OrderTable table = new OrderTable(16, supply);
        long next = fill(table, 1, 128 * PAGE + 1);
        int slices = 0;
        while (supply.work(0))
        {
            slices++;
        }
        assertThat(slices).as("16 MiB in slices of 64 KiB").isEqualTo(256);
        assertThat(supply.chunksMade()).isEqualTo(1);
        assertThat(supply.work(0)).as("one chunk ready at most").isFalse();
        // the rest of the table's own 128-page chunk, then page 256 needs the next: the supplied one
        next = fill(table, next, 256 * PAGE + 1);
        assertThat(table.chunksSupplied()).isEqualTo(1);
        assertThat(table.suppliedBytes()).isEqualTo(16 * MIB);
        assertThat(table.chunkBytes()).isEqualTo(32 * MIB);
        // taken: the supply makes the one after, of 512 pages
        slices = 0;
        while (supply.work(0))
        {
            slices++;
        }
        assertThat(slices).isEqualTo(512);
        next = fill(table, next, 512 * PAGE + 5000);
        assertThat(table.chunksSupplied()).isEqualTo(2);
        assertThat(table.suppliedBytes()).isEqualTo(48 * MIB);
        assertThat(table.chunkBytes()).isEqualTo(64 * MIB);
        // every order is where it was put, in the table's own chunks and in the supplied ones
        assertHeld(table, next);
    }

    @Test
    void shouldLetTheTableMakeSmallStopgapChunksWhileTheSupplyIsBehind()
    {
        final ChunkSupply supply = new ChunkSupply();
        final OrderTable table = new OrderTable(16, supply);
        // pages 0 to 255 in the table's own chunks (16 MiB, the last of 128 pages asked the supply for 256 pages);
        // pages 256 to 299 need three stopgaps of 16 pages (1 MiB), not a chunk of 256 pages
        long next = fill(table, 1, 300 * PAGE);
        assertThat(table.chunksSupplied()).isZero();
        assertThat(table.stopgapChunks()).isEqualTo(3);
        assertThat(table.stopgapBytes()).isEqualTo(3 * MIB);
        assertThat(table.chunkBytes()).isEqualTo(16 * MIB + 3 * MIB);
        // the supply catches up: its 256 pages come at the next chunk boundary (page 304), and the table asks for the
        // one after, of as many pages as all before, capped at 1024
        int slices = 0;
        while (supply.work(0))
        {
            slices++;
        }
        assertThat(slices).as("the 16 MiB asked for").isEqualTo(256);
        next = fill(table, next, 305 * PAGE);
        assertThat(table.chunksSupplied()).isEqualTo(1);
        assertThat(table.stopgapChunks()).isEqualTo(3);
        assertThat(table.chunkBytes()).isEqualTo(35 * MIB);
        slices = 0;
        while (supply.work(0))
        {
            slices++;
        }
        assertThat(slices).as("the 560 pages (35 MiB) after it").isEqualTo(560);
        assertHeld(table, next);
    }

    @Test
    void shouldLetTheTableMakeItsOwnWholeChunksWithoutASupply()
    {
        final OrderTable table = new OrderTable(16, null);
        final long next = fill(table, 1, 300 * PAGE);
        assertThat(table.stopgapChunks()).isZero();
        assertThat(table.chunkBytes()).isEqualTo(32 * MIB);
        assertHeld(table, next);
    }
}

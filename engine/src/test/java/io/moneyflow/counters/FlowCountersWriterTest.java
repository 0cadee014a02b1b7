package io.moneyflow.counters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The writer reads and writes fields at their addresses without the buffer's check per access: an index outside the
 * record must still fail loudly, and leave every other record as it was, rather than write past it.
 */
class FlowCountersWriterTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRefuseIndexesOutsideTheRecordAndWriteNothingThere() throws Exception
    {
        final int bars = 10;
        try (FlowCounters counters = FlowCounters.create(dir.resolve("w.counters"), 2, "x", new String[]{"A", "B"},
            1, 1, bars, 0))
        {
            counters.publishSlot(0, "600000.SH", 20230201, 0);
            counters.publishSlot(1, "600001.SH", 20230201, 1);
            final FlowCountersWriter writer = new FlowCountersWriter(counters);

            assertThatThrownBy(() -> writer.begin(2)).isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> writer.begin(-1)).isInstanceOf(IndexOutOfBoundsException.class);

            writer.begin(0);
            writer.addBar(bars - 1, CountersDescriptor.BarField.values()[0], 7);
            writer.addClass(1, CountersDescriptor.ClassField.values()[0], 5);
            assertThatThrownBy(() -> writer.addBar(bars, CountersDescriptor.BarField.values()[0], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> writer.addBar(-1, CountersDescriptor.BarField.values()[0], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> writer.addClass(2, CountersDescriptor.ClassField.values()[0], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
            assertThatThrownBy(() -> writer.addBarClass(0, 2, CountersDescriptor.BarClassField.values()[0], 1))
                .isInstanceOf(IndexOutOfBoundsException.class);
            writer.end();

            final FlowCountersReader reader = new FlowCountersReader(counters);
            final SlotView view = reader.newView();
            reader.read(0, view);
            assertThat(view.bar(bars - 1, CountersDescriptor.BarField.values()[0])).isEqualTo(7);
            assertThat(view.classValue(1, CountersDescriptor.ClassField.values()[0])).isEqualTo(5);
            assertThat(view.version()).isEqualTo(2);
            // slot 1, the neighbour of every refused write, holds nothing
            reader.read(1, view);
            assertThat(view.version()).isZero();
            for (int bar = 0; bar < bars; bar++)
            {
                for (final CountersDescriptor.BarField field : CountersDescriptor.BarField.values())
                {
                    assertThat(view.bar(bar, field)).isZero();
                }
            }
            for (int c = 0; c < 2; c++)
            {
                for (final CountersDescriptor.ClassField field : CountersDescriptor.ClassField.values())
                {
                    assertThat(view.classValue(c, field)).isZero();
                }
            }
        }
    }
}

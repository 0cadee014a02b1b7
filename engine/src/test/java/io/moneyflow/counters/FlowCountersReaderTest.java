package io.moneyflow.counters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowCountersReaderTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldStopWaitingWhenTheWriterDiedInTheMiddleOfAnUpdate() throws Exception
    {
        // A process that has exited: its pid names no live writer.
        final Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
            .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();

        final Path file = dir.resolve("torn.counters");
        try (FlowCounters counters = FlowCounters.create(file, 1, "x", new String[]{"A", "B"}, 1, 1, 240, 0))
        {
            counters.publishSlot(0, "600000.SH", 20230201, -1);
            // The dead writer had begun an update: the record's version is odd and will stay so.
            counters.buffer().putLong(CountersDescriptor.PID_OFFSET, gone.pid());
            final FlowCountersWriter writer = new FlowCountersWriter(counters);
            writer.begin(0);

            final FlowCountersReader reader = new FlowCountersReader(counters);
            assertThatThrownBy(() -> reader.read(0, reader.newView()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writer (pid " + gone.pid() + ") died");

            writer.end();
            assertThat(reader.read(0, reader.newView())).isEqualTo(1);
        }
    }

    @Test
    void shouldReadEachSlotAsOneRecordWhileTheFileKeepsItsBarsBarMajor() throws Exception
    {
        // Three slots of a scheme with 3 classes: every day, class, bar and bar-class field of each is given a value
        // of its own (slot, field, bar), so a bar read from a neighbour's place, or a field from the padding between
        // bars, shows as a wrong number.
        final int slots = 3;
        final int bars = 241;
        final Path file = dir.resolve("bars.counters");
        try (FlowCounters counters = FlowCounters.create(file, slots, "x", new String[]{"A", "B", "C"}, 1, 1, bars, 0))
        {
            final FlowCountersWriter writer = new FlowCountersWriter(counters);
            for (int slot = 0; slot < slots; slot++)
            {
                counters.publishSlot(slot, "60000" + slot + ".SH", 20230201, slot);
                writer.begin(slot);
                for (final CountersDescriptor.DayField field : CountersDescriptor.DayField.values())
                {
                    writer.setDay(field, value(slot, field.ordinal(), -1));
                }
                for (int c = 0; c < 3; c++)
                {
                    for (final CountersDescriptor.ClassField field : CountersDescriptor.ClassField.values())
                    {
                        writer.addClass(c, field, value(slot, 100 + c * 10 + field.ordinal(), -1));
                    }
                }
                for (int bar = 0; bar < bars; bar++)
                {
                    for (final CountersDescriptor.BarField field : CountersDescriptor.BarField.values())
                    {
                        writer.setBar(bar, field, value(slot, field.ordinal(), bar));
                    }
                    for (int c = 0; c < 3; c++)
                    {
                        for (final CountersDescriptor.BarClassField field : CountersDescriptor.BarClassField.values())
                        {
                            writer.addBarClass(bar, c, field, value(slot, 100 + c * 10 + field.ordinal(), bar));
                        }
                    }
                }
                writer.end();
            }

            final FlowCountersReader reader = new FlowCountersReader(counters);
            final SlotView view = reader.newView();
            for (int slot = 0; slot < slots; slot++)
            {
                reader.read(slot, view);
                assertThat(view.symbol()).isEqualTo("60000" + slot + ".SH");
                assertThat(view.securityId()).isEqualTo(slot);
                for (final CountersDescriptor.DayField field : CountersDescriptor.DayField.values())
                {
                    assertThat(view.day(field)).isEqualTo(value(slot, field.ordinal(), -1));
                }
                for (int c = 0; c < 3; c++)
                {
                    for (final CountersDescriptor.ClassField field : CountersDescriptor.ClassField.values())
                    {
                        assertThat(view.classValue(c, field)).isEqualTo(value(slot, 100 + c * 10 + field.ordinal(), -1));
                    }
                }
                for (int bar = 0; bar < bars; bar++)
                {
                    for (final CountersDescriptor.BarField field : CountersDescriptor.BarField.values())
                    {
                        assertThat(view.bar(bar, field)).isEqualTo(value(slot, field.ordinal(), bar));
                    }
                    for (int c = 0; c < 3; c++)
                    {
                        for (final CountersDescriptor.BarClassField field : CountersDescriptor.BarClassField.values())
                        {
                            assertThat(view.barClass(bar, c, field))
                                .isEqualTo(value(slot, 100 + c * 10 + field.ordinal(), bar));
                        }
                    }
                }
            }
            // readHead copies the head alone: slot 0's identity, day and class fields over a view holding slot 2's
            // record, whose bars stay
            reader.readHead(0, view);
            assertThat(view.symbol()).isEqualTo("600000.SH");
            assertThat(view.securityId()).isEqualTo(0);
            for (final CountersDescriptor.DayField field : CountersDescriptor.DayField.values())
            {
                assertThat(view.day(field)).isEqualTo(value(0, field.ordinal(), -1));
            }
            for (final CountersDescriptor.ClassField field : CountersDescriptor.ClassField.values())
            {
                assertThat(view.classValue(2, field)).isEqualTo(value(0, 120 + field.ordinal(), -1));
            }
            assertThat(view.bar(0, CountersDescriptor.BarField.values()[0])).isEqualTo(value(2, 0, 0));
            assertThat(view.bar(bars - 1, CountersDescriptor.BarField.values()[0])).isEqualTo(value(2, 0, bars - 1));
            // the logical record is the head and then the bars, barStride longs apart: what SlotView reads
            assertThat(counters.recordLength()).isEqualTo(CountersDescriptor.recordLength(3, bars));
            assertThat(file.toFile().length()).isEqualTo(CountersDescriptor.fileLength(slots, 3, bars));
        }
    }

    private static long value(final int slot, final int field, final int bar)
    {
        return 1_000_000L * (slot + 1) + 1_000L * (bar + 1) + field;
    }
}

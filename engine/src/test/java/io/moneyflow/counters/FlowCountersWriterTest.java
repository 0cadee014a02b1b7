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

    @Test
    void shouldReadEveryDayFieldBackAtItsOwnPlaceWhereverTheFileKeepsIt() throws Exception
    {
        try (FlowCounters counters = FlowCounters.create(dir.resolve("d.counters"), 2, "x", new String[]{"A", "B"},
            1, 1, 3, 0))
        {
            counters.publishSlot(0, "600000.SH", 20230201, 0);
            counters.publishSlot(1, "000001.SZ", 20230201, 1);
            final FlowCountersWriter writer = new FlowCountersWriter(counters);
            writer.begin(0);
            for (final CountersDescriptor.DayField field : CountersDescriptor.DayField.values())
            {
                // a value of its own per field, so that a field read from another's place shows
                writer.setDay(field, 1_000 + field.ordinal());
            }
            writer.addClass(0, CountersDescriptor.ClassField.values()[0], 77);
            writer.end();

            final FlowCountersReader reader = new FlowCountersReader(counters);
            final SlotView view = reader.newView();
            reader.read(0, view);
            for (final CountersDescriptor.DayField field : CountersDescriptor.DayField.values())
            {
                assertThat(view.day(field)).as(field.name()).isEqualTo(1_000 + field.ordinal());
            }
            assertThat(view.classValue(0, CountersDescriptor.ClassField.values()[0])).isEqualTo(77);
            assertThat(view.symbol()).isEqualTo("600000.SH");
            reader.readHead(0, view);
            assertThat(view.day(CountersDescriptor.DayField.FIRST_FILL_SIDE)).isEqualTo(
                1_000 + CountersDescriptor.DayField.FIRST_FILL_SIDE.ordinal());
            // the spare slots read as zero, and the neighbour holds nothing
            for (int spare = CountersDescriptor.DayField.values().length; spare < CountersDescriptor.DAY_FIELDS; spare++)
            {
                assertThat(view.copyBuffer().getLong(CountersDescriptor.RECORD_DAY_OFFSET + spare * Long.BYTES)).isZero();
            }
            reader.read(1, view);
            for (final CountersDescriptor.DayField field : CountersDescriptor.DayField.values())
            {
                assertThat(view.day(field)).isZero();
            }
        }
    }

    @Test
    void shouldKeepTheFileSlotsAPermutationWithAFillsFieldsOnTheFirstFourLines()
    {
        final java.util.Set<Integer> offsets = new java.util.HashSet<>();
        for (int slot = 0; slot < CountersDescriptor.DAY_FIELDS; slot++)
        {
            final int offset = CountersDescriptor.fileDayOffset(slot);
            assertThat(offset).isBetween(CountersDescriptor.RECORD_DAY_OFFSET,
                CountersDescriptor.RECORD_DAY_OFFSET + (CountersDescriptor.DAY_FIELDS - 1) * Long.BYTES);
            assertThat(offsets.add(offset)).as("slot %d", slot).isTrue();
        }
        assertThat(CountersDescriptor.TRADE_HEAD_BYTES).isEqualTo(4 * 64);
        // the fields AggregateHandler.applyTrade and a cancel of the trade stream write (read there by hand)
        for (final CountersDescriptor.DayField field : java.util.EnumSet.of(
            CountersDescriptor.DayField.TRADES, CountersDescriptor.DayField.VOLUME, CountersDescriptor.DayField.TURNOVER,
            CountersDescriptor.DayField.OPEN, CountersDescriptor.DayField.HIGH, CountersDescriptor.DayField.LOW,
            CountersDescriptor.DayField.CLOSE, CountersDescriptor.DayField.FIRST_TIME,
            CountersDescriptor.DayField.LAST_TIME, CountersDescriptor.DayField.FIRST_FILL_AMOUNT,
            CountersDescriptor.DayField.FIRST_FILL_SIDE, CountersDescriptor.DayField.TICK_UP_TURNOVER,
            CountersDescriptor.DayField.TICK_DOWN_TURNOVER, CountersDescriptor.DayField.TICK_UP_BUY_TURNOVER,
            CountersDescriptor.DayField.TICK_DOWN_SELL_TURNOVER, CountersDescriptor.DayField.OUTER_VOLUME,
            CountersDescriptor.DayField.OUTER_TURNOVER, CountersDescriptor.DayField.INNER_VOLUME,
            CountersDescriptor.DayField.INNER_TURNOVER, CountersDescriptor.DayField.NEUTRAL_VOLUME,
            CountersDescriptor.DayField.NEUTRAL_TURNOVER, CountersDescriptor.DayField.RULE_AGREE,
            CountersDescriptor.DayField.RULE_DISAGREE, CountersDescriptor.DayField.RULE_UNCLASSIFIED,
            CountersDescriptor.DayField.OFF_SESSION_TRADES, CountersDescriptor.DayField.EVENTS,
            CountersDescriptor.DayField.CANCELS, CountersDescriptor.DayField.CANCEL_VOLUME))
        {
            assertThat(field.fileOffset()).as(field.name()).isLessThan(CountersDescriptor.TRADE_HEAD_BYTES);
        }
    }
}

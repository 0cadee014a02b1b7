package io.moneyflow.flink;

import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.feed.InputFiles;
import io.moneyflow.feed.InputRecords;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDescriptor;
import io.moneyflow.ring.TickRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.util.Collector;

import java.util.Arrays;
import java.util.List;

/**
 * Reads one input of the run (given by its number) with moneyflow's own decoding ({@link InputRecords}: the layout
 * recognised from its header, each line decoded, the input's own time-order checks) and sends on each good record,
 * with its stock-day, its place in the run and its instant in the input (as {@code flow}'s merge forms the input's
 * instants), then the input's rejections counted by reason.
 * <p>
 * A whole input is read for one element: a checkpoint barrier comes before the input's number or after all of its
 * records, never among them, so a restore from a checkpoint reads an input again only when none of its records was in
 * the checkpoint.
 */
public final class ReadInput extends RichFlatMapFunction<Long, Tick>
{
    private static final long serialVersionUID = 1L;

    private final JobSettings settings;
    private transient List<InputFiles.Input> inputs;
    private transient Layouts layouts;
    private transient Layout forced;

    /**
     * @param settings the job's settings.
     */
    public ReadInput(final JobSettings settings)
    {
        this.settings = settings;
    }

    @Override
    public void open(final OpenContext openContext)
    {
        inputs = settings.expandInputs();
        layouts = settings.layouts();
        forced = settings.forcedLayout();
    }

    @Override
    public void flatMap(final Long index, final Collector<Tick> out)
    {
        final int input = index.intValue();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[TickRecordDescriptor.MAX_RECORD_LENGTH]);
        final TickRecordEncoder encoder = new TickRecordEncoder().wrap(buffer, 0);
        final long[] rejected = new long[RejectReason.values().length];
        final long[] position = {0};
        InputRecords.read(inputs.get(input), layouts, forced, settings.maxBackwardsMs, new InputRecords.Visitor()
        {
            @Override
            public void onRecord(final TickEvent record, final String stream, final long instant)
            {
                final int length = encoder.encode(record);
                final Tick tick = new Tick();
                tick.key = Tick.key(record.symbolKey, record.date);
                tick.input = input;
                tick.position = position[0]++;
                tick.instant = instant;
                tick.record = Arrays.copyOf(buffer.byteArray(), length);
                out.collect(tick);
            }

            @Override
            public void onReject(final RejectReason reason, final String stream, final long line, final String detail)
            {
                rejected[reason.ordinal()]++;
            }

            @Override
            public void onNote(final String stream, final String note, final boolean fails)
            {
                // flow prints it on stderr, and fails the run (exit 1) on an input skipped or with nothing read: the
                // job passes it on to its output, and the assembly says it and fails likewise
                final Tick tick = new Tick();
                tick.input = input;
                tick.reason = -1;
                tick.note = stream + ": " + note;
                tick.fails = fails;
                out.collect(tick);
            }
        });
        for (int reason = 0; reason < rejected.length; reason++)
        {
            if (rejected[reason] > 0)
            {
                final Tick count = new Tick();
                count.input = input;
                count.reason = reason;
                count.count = rejected[reason];
                out.collect(count);
            }
        }
    }
}

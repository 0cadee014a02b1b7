package io.moneyflow.feed;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.Samples;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDecoder;
import io.moneyflow.ring.TickRecordDescriptor;
import io.moneyflow.ring.TickRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Flink job of the {@code flink} module is built on, on the bundled 2023-02-01 day (two archives: DolphinDB's
 * trades, SSE's trades, orders and snapshots) and DolphinDB's 600000.SH day of 2020-01-02 (a stray time and a cut line, rejected): each
 * input read alone by {@link InputRecords},
 * its records in their binary form, put in the merge's order and given to another engine by {@link
 * RecordFeed#record}, give every stock-day's record of the engine that read the files, and the same rejections; and
 * those records, copied out ({@link SlotView#toBytes()}) in another order into a new file
 * ({@link FlowCounters#appendRecord}), give the whole run's digest.
 */
class InputRecordsTest
{
    @TempDir
    Path dir;

    private record Placed(TickEvent record, byte[] bytes, int input, long position)
    {
    }

    @Test
    void shouldGiveTheEnginesRecordsWhenInputsAreReadApartAndFedFromCode() throws java.io.IOException
    {
        // DolphinDB's 600000.SH day with a stray time (InputOrderTest's) and a line cut short: both rejected
        final List<String> lines;
        try (var in = new java.io.BufferedReader(new java.io.InputStreamReader(new java.util.zip.GZIPInputStream(
            java.nio.file.Files.newInputStream(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"))),
            java.nio.charset.StandardCharsets.UTF_8)))
        {
            lines = new ArrayList<>(in.lines().toList());
        }
        lines.set(1001, lines.get(1001).replace("2020.01.02T09:31:05.000", "2020.01.02T14:55:00.000"));
        lines.set(2001, lines.get(2001).substring(0, 12));
        final Path stray = java.nio.file.Files.write(dir.resolve("stray.csv"), lines);
        final List<Path> days = List.of(Samples.path("ddb-l2-20230201"), stray);
        try (Engine files = Engine.launch(new EngineContext());
            Engine fed = Engine.launch(new EngineContext()))
        {
            files.ingest(days);
            final String digest = CountersDigest.sha256(files.counters());

            final List<InputFiles.Input> inputs = InputFiles.expand(days);
            assertThat(inputs).hasSizeGreaterThan(1);
            final List<Placed> placed = new ArrayList<>();
            final long[] rejected = new long[RejectReason.values().length];
            final UnsafeBuffer buffer = new UnsafeBuffer(new byte[TickRecordDescriptor.MAX_RECORD_LENGTH]);
            final TickRecordEncoder encoder = new TickRecordEncoder().wrap(buffer, 0);
            for (int i = 0; i < inputs.size(); i++)
            {
                final int input = i;
                final long[] position = {0};
                InputRecords.read(inputs.get(i), Layouts.bundled(), null, 1000, new InputRecords.Visitor()
                {
                    @Override
                    public void onRecord(final TickEvent record, final String stream, final long instant)
                    {
                        // through the binary form, as the job sends it
                        final int length = encoder.encode(record);
                        final byte[] bytes = Arrays.copyOf(buffer.byteArray(), length);
                        final TickEvent copy = TickEvent.staging();
                        new TickRecordDecoder().wrap(new UnsafeBuffer(bytes), 0, length).decodeInto(copy);
                        placed.add(new Placed(copy, bytes, input, position[0]++));
                    }

                    @Override
                    public void onReject(final RejectReason reason, final String stream, final long line,
                        final String detail)
                    {
                        rejected[reason.ordinal()]++;
                    }
                });
            }
            assertThat(rejected[RejectReason.TIME_OUTLIER.ordinal()]).as("the stray time").isEqualTo(1);
            assertThat(Arrays.stream(rejected).sum()).as("the stray time and the cut line").isEqualTo(2);
            placed.sort(Comparator.<Placed>comparingInt(p -> p.record.date)
                .thenComparingInt(p -> p.record.timeMs)
                .thenComparingInt(p -> p.record.type == TickEvent.SNAPSHOT ? 1 : 0)
                .thenComparingInt(p -> p.record.channel)
                .thenComparingLong(p -> p.record.sequence)
                .thenComparingInt(p -> p.input)
                .thenComparingLong(p -> p.position));
            fed.ingest("from code", feed -> placed.forEach(p -> feed.record(p.bytes, 0, p.bytes.length,
                p.position + 1)), m -> { });
            assertThat(CountersDigest.slotsSha256(fed.counters())).isEqualTo(
                CountersDigest.slotsSha256(files.counters()));
            for (final RejectReason reason : RejectReason.values())
            {
                final int stat = CountersDescriptor.REJECT_BASE + reason.ordinal();
                assertThat(fed.counters().stat(stat) + rejected[reason.ordinal()]).as(reason.toString())
                    .isEqualTo(files.counters().stat(stat));
            }

            // the stock-days copied out, backwards, into one new file: the run's digest
            final FlowCounters source = fed.counters();
            final FlowCountersReader reader = fed.reader();
            final SlotView view = reader.newView();
            try (FlowCounters merged = FlowCounters.create(dir.resolve("merged.counters"), reader.slotsUsed(),
                source.schemeName(), classNames(source), source.mainClassCount(), source.barMinutes(),
                new TradingSession(source.barMinutes()).barCount(), source.mode()))
            {
                for (int slot = reader.slotsUsed() - 1; slot >= 0; slot--)
                {
                    reader.read(slot, view);
                    merged.appendRecord(view.toBytes());
                }
                for (int i = CountersDescriptor.Stat.REJECTED.ordinal(); i < CountersDescriptor.HEALTH_BASE; i++)
                {
                    merged.putStat(i, files.counters().stat(i));
                }
                assertThat(CountersDigest.sha256(merged)).isEqualTo(digest);
            }
        }
    }

    private static String[] classNames(final FlowCounters counters)
    {
        final String[] names = new String[counters.classCount()];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = counters.className(i);
        }
        return names;
    }
}

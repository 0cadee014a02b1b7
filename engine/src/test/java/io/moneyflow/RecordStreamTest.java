package io.moneyflow;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.feed.RecordFeed;
import io.moneyflow.feed.RunLog;
import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalException;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine's normalised records carried elsewhere and back, as {@code publish} and {@code run --kafka} carry them
 * (without Kafka): {@link Engine#publish} hands out a real day's records in the journal's binary form; given back
 * through {@link RecordFeed#record}, split over three streams by stock, they give {@code ingest}'s digest; an engine
 * stopped half way and a second one resuming its journal ({@link Engine#ingestResumable}) from each stream's last
 * line give the same digest; a record given twice is a duplicate, bytes that are not a record are malformed.
 */
class RecordStreamTest
{
    private static final int STREAMS = 3;

    @TempDir
    Path dir;

    /** A record as published: its stock's stream and its bytes. */
    private record Published(int stream, byte[] bytes)
    {
    }

    private static List<Published> publish(final List<Path> inputs)
    {
        final List<Published> out = new ArrayList<>();
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final TickRecordEncoder encoder = new TickRecordEncoder();
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            engine.publish(inputs, e ->
            {
                if (e.type == TickEvent.TRADE || e.type == TickEvent.ORDER || e.type == TickEvent.CANCEL ||
                    e.type == TickEvent.SNAPSHOT)
                {
                    final int length = encoder.wrap(buffer, 0).encode(e);
                    final int stream = Math.floorMod(SymbolCodes.format(e.symbolKey).hashCode(), STREAMS);
                    out.add(new Published(stream, Arrays.copyOf(buffer.byteArray(), length)));
                }
            }, m -> { }, p -> { });
            // nothing was counted: the records went to the callback (the stocks were given their slots)
            final io.moneyflow.counters.FlowCountersReader reader = engine.reader();
            final io.moneyflow.counters.SlotView view = reader.newView();
            for (int slot = 0; slot < reader.slotsUsed(); slot++)
            {
                reader.read(slot, view);
                assertThat(view.day(CountersDescriptor.DayField.EVENTS)).isZero();
            }
        }
        return out;
    }

    /** Gives each stream its records from {@code from[stream]} (a count already given) on, up to {@code limit}. */
    private static void give(final RecordFeed records, final List<Published> published, final long[] from,
        final int limit)
    {
        final RecordFeed[] streams = new RecordFeed[STREAMS];
        for (int s = 0; s < STREAMS; s++)
        {
            streams[s] = records.stream("topic/" + s);
        }
        final long[] line = new long[STREAMS];
        int given = 0;
        for (final Published p : published)
        {
            final long number = ++line[p.stream()];
            if (number <= from[p.stream()])
            {
                continue;
            }
            if (given++ == limit)
            {
                return;
            }
            streams[p.stream()].record(p.bytes(), 0, p.bytes().length, number);
        }
    }

    @Test
    void shouldCountTheRecordsGivenBackAsTheFilesAndResumeFromTheJournal()
    {
        final List<Path> inputs = List.of(Samples.path("ddb-l2-20230201/tradeData.zip"));
        final String expected;
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            engine.ingest(inputs);
            expected = CountersDigest.sha256(engine.counters());
        }
        final List<Published> published = publish(inputs);
        assertThat(published).hasSizeGreaterThan(100_000);
        assertThat(published.stream().map(Published::stream).distinct().count()).as("streams used").isGreaterThan(1);

        try (Engine engine = Engine.launch(new EngineContext()))
        {
            final RunLog log = engine.ingestResumable("topic", r -> give(r, published, new long[STREAMS], -1),
                m -> { });
            assertThat(log.rejectedTotal()).isZero();
            assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(expected);
        }

        // half, then a second engine on the same journal: each stream resumes after the last line journaled
        final Path journal = dir.resolve("journal");
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
        {
            engine.ingestResumable("topic", r -> give(r, published, new long[STREAMS], published.size() / 2),
                m -> { });
        }
        final long[] from = lastLines(journal);
        assertThat(Arrays.stream(from).sum()).isEqualTo(published.size() / 2);
        final List<String> messages = new ArrayList<>();
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
        {
            engine.ingestResumable("topic", r -> give(r, published, from, -1), messages::add);
            assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(expected);
        }
        assertThat(messages).anyMatch(m -> m.startsWith("resuming from journal"));
        try (Journal j = Journal.open(journal))
        {
            assertThat(j.read(null).lastPosition()).as("each record journaled once").isEqualTo(published.size());
        }
        // another run's name: refused, as a journal of other settings is
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
        {
            assertThatThrownBy(() -> engine.ingestResumable("other", r -> { }, m -> { }))
                .isInstanceOf(JournalException.class).hasMessageContaining("holds another run");
        }
    }

    /** Each stream's last line in the journal, as {@code run --kafka} reads it. */
    private static long[] lastLines(final Path journal)
    {
        final long[] last = new long[STREAMS];
        try (Journal j = Journal.open(journal))
        {
            final Map<String, Long> lines = j.streamLines().lastLine();
            for (int s = 0; s < STREAMS; s++)
            {
                last[s] = lines.getOrDefault("topic/" + s, 0L);
            }
        }
        return last;
    }

    @Test
    void shouldRejectARecordGivenTwiceAndBytesThatAreNoRecord()
    {
        final TickEvent trade = new TickEvent();
        trade.type = TickEvent.TRADE;
        trade.symbolKey = SymbolCodes.parse("000001.SZ");
        trade.date = 20230201;
        trade.timeMs = 36_000_000;
        trade.channel = 2011;
        trade.sequence = 17;
        trade.denseSequence = true;
        trade.price = 147_000;
        trade.qty = 100;
        trade.buyNo = 5;
        trade.sellNo = 9;
        trade.flag = TickEvent.BUY;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1024]);
        final int length = new TickRecordEncoder().wrap(buffer, 0).encode(trade);
        final byte[] bytes = Arrays.copyOf(buffer.byteArray(), length);
        final TickEvent source = new TickEvent();
        source.type = TickEvent.SOURCE;
        source.raw(new byte[]{'x'}, 0, 1);
        final byte[] sourceBytes = Arrays.copyOf(buffer.byteArray(),
            new TickRecordEncoder().wrap(buffer, 0).encode(source));
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            final boolean[] counted = new boolean[4];
            final RunLog log = engine.ingestResumable("t", r ->
            {
                final RecordFeed s = r.stream("t/0");
                counted[0] = s.record(bytes, 0, bytes.length, 1);
                counted[1] = s.record(bytes, 0, bytes.length, 2);
                counted[2] = s.record(new byte[]{1, 2, 3}, 0, 3, 3);
                counted[3] = s.record(sourceBytes, 0, sourceBytes.length, 4);
            }, m -> { });
            assertThat(counted).containsExactly(true, true, true, false);
            assertThat(log.rejected().get(RejectReason.DUPLICATE)).isEqualTo(1);
            assertThat(log.rejected().get(RejectReason.MALFORMED)).isEqualTo(1);
            assertThat(engine.counters().stat(CountersDescriptor.Stat.REJECTED.ordinal())).isEqualTo(2);
            assertThat(io.moneyflow.counters.StockFlow.find(engine.reader(), "000001.SZ", 20230201).orElseThrow()
                .turnover()).isEqualTo(147_000L * 100);
        }
    }
}

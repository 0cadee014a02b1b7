package io.moneyflow.journal;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.JournalHeaders;
import io.moneyflow.Samples;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.feed.RunLog;
import io.moneyflow.ring.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JournalTest
{
    @TempDir
    Path dir;

    private static final List<Path> DAY = List.of(
        Samples.path("ddb-l2-20230201/tradeData.zip"), Samples.path("ddb-l2-20230201/20230201.zip"));

    private static String live(final EngineContext context, final List<Path> inputs)
    {
        try (Engine engine = Engine.launch(context))
        {
            engine.ingest(inputs);
            assertThat(engine.exceptions().errors()).isZero();
            return CountersDigest.sha256(engine.counters());
        }
    }

    private static String replay(final Path journalDir)
    {
        try (Journal journal = Journal.open(journalDir))
        {
            final Journal.ReadResult head = journal.read(null);
            try (Engine engine = Engine.launch(JournalHeaders.context(head.header())))
            {
                final JournalReplay replay = engine.replay(journal, ReplayFilter.ALL, 0, m -> { });
                assertThat(replay.applied()).isEqualTo(head.lastPosition());
                return CountersDigest.sha256(engine.counters());
            }
        }
    }

    @Test
    void shouldReplayToTheSameDigestAsTheLiveRun()
    {
        final String plain = live(new EngineContext(), DAY);
        final Path journal = dir.resolve("journal");
        final String journaled = live(new EngineContext().journalDir(journal), DAY);
        assertThat(journaled).isEqualTo(plain);
        assertThat(replay(journal)).isEqualTo(plain);
    }

    @Test
    void shouldReplayRecordsGivenFromCodeToTheSameDigest()
    {
        final java.util.function.Consumer<io.moneyflow.feed.RecordFeed> fills = records ->
        {
            // the worked example's four fills, and one record rejected on the way
            records.trade("600000.SH", 20230201, 36_000_000, 100_000, 30_000, 1001, 900, 'B');
            records.trade("600000.SH", 20230201, 36_001_000, 100_100, 80_000, 1001, 950, 'B');
            records.trade("600000.SH", 20230201, 36_001_500, 0, 100, 1003, 960, 'B');
            records.trade("600000.SH", 20230201, 36_002_000, 100_000, 5_000, 1005, 1010, 'S');
            records.trade("600000.SH", 20230201, 36_003_000, 99_900, 2_000, 1005, 1020, 'S');
        };
        final String plain;
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            assertThat(engine.ingest("code", fills, m -> { }).rejectedTotal()).isEqualTo(1);
            plain = CountersDigest.sha256(engine.counters());
        }
        final Path journal = dir.resolve("from-code");
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
        {
            engine.ingest("code", fills, m -> { });
            assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(plain);
        }
        assertThat(replay(journal)).isEqualTo(plain);
        // a second run of records from code into the same journal would count them twice: refused
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
        {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> engine.ingest("code", fills, m -> { }))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("records from code are journaled into a new journal; " + journal + " holds one already");
        }
    }

    @Test
    void shouldReadTheHeaderAloneWithoutTheRecords()
    {
        final Path journalDir = dir.resolve("journal");
        live(new EngineContext().journalDir(journalDir),
            List.of(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")));
        try (Journal journal = Journal.open(journalDir))
        {
            final Journal.ReadResult whole = journal.read(null);
            final Journal.ReadResult head = journal.readHeader();
            assertThat(head.header()).isNotNull();
            assertThat(head.header().difference(whole.header())).as("the header a whole read finds").isNull();
            assertThat(whole.lastPosition()).as("records in the journal").isPositive();
            assertThat(head.lastPosition()).as("no record read for the header").isZero();
            assertThat(head.damage()).isNull();
        }
        final Path empty = dir.resolve("empty");
        try (Journal journal = Journal.openForWriting(empty, false))
        {
            assertThat(journal.readHeader().header()).as("a journal that holds no run").isNull();
        }
    }

    @Test
    void shouldWriteTheSameRecordsOneExcerptPerRecordOrBatched()
    {
        final Path batched = dir.resolve("batched");
        final Path single = dir.resolve("single");
        final List<Path> input = List.of(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        final String a = live(new EngineContext().journalDir(batched), input);
        final String b = live(new EngineContext().journalDir(single).journalBatchRecords(1), input);
        assertThat(a).isEqualTo(b);
        try (Journal one = Journal.open(batched); Journal two = Journal.open(single))
        {
            final Journal.ReadResult x = one.read(null);
            final Journal.ReadResult y = two.read(null);
            assertThat(x.damage()).isNull();
            assertThat(y.damage()).isNull();
            assertThat(x.records()).isEqualTo(y.records());
            // 26,169 trades plus the name of the one source
            assertThat(y.records()).isEqualTo(26_169 + 1);
            assertThat(y.excerpts()).isEqualTo(y.records() + 1);
            assertThat(x.excerpts()).isLessThan(y.excerpts() / 10);
        }
        assertThat(replay(single)).isEqualTo(a);
    }

    /** Byte offsets in the queue's data file where excerpts start, found by their magic. */
    private static List<Long> excerptOffsets(final Path journalDir) throws IOException
    {
        final Path file;
        try (var files = Files.list(journalDir))
        {
            file = files.filter(p -> p.getFileName().toString().endsWith("F.cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(file);
        final List<Long> offsets = new ArrayList<>();
        for (int i = 0; i + 4 <= bytes.length; i++)
        {
            if (bytes[i] == 'M' && bytes[i + 1] == 'F' && bytes[i + 2] == 'J' && bytes[i + 3] == '1')
            {
                offsets.add((long)i);
            }
        }
        return offsets;
    }

    private static Path dataFile(final Path journalDir) throws IOException
    {
        try (var files = Files.list(journalDir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith("F.cq4")).findFirst().orElseThrow();
        }
    }

    @Test
    void shouldRefuseADamagedJournalThenRepairItAndFinishTheRun() throws IOException
    {
        final List<Path> input = List.of(Samples.path("ddb-l2-20230201/tradeData.zip"));
        final String expected = live(new EngineContext(), input);
        final Path journal = dir.resolve("journal");
        live(new EngineContext().journalDir(journal).journalBatchRecords(256), input);

        final long excerpts;
        try (Journal sound = Journal.open(journal))
        {
            excerpts = sound.read(null).excerpts();
        }
        // Flip bytes inside the payload of the last excerpt: its checksum no longer matches.
        final List<Long> offsets = excerptOffsets(journal);
        assertThat(offsets.size()).isGreaterThan(100);
        try (RandomAccessFile file = new RandomAccessFile(dataFile(journal).toFile(), "rw"))
        {
            file.seek(offsets.get(offsets.size() - 1) + 200);
            file.write(new byte[]{1, 2, 3, 4});
        }
        assertThatThrownBy(() -> live(new EngineContext().journalDir(journal).journalBatchRecords(256), input))
            .isInstanceOf(JournalException.class)
            .hasMessageContaining("checksum mismatch")
            .hasMessageContaining("moneyflow journal repair " + journal);

        final JournalRepair.Result repair = JournalRepair.repair(journal);
        assertThat(repair.damagedCopy()).exists();
        assertThat(repair.plan().lost()).as("a damaged last excerpt is the tail").isEmpty();
        assertThat(repair.plan().tailMissing()).isPositive().isLessThanOrEqualTo(256);
        assertThat(repair.plan().lastPosition()).isEqualTo(181_683 - repair.plan().tailMissing());
        try (Journal repaired = Journal.open(journal))
        {
            final Journal.ReadResult kept = repaired.read(null);
            assertThat(kept.damage()).isNull();
            assertThat(kept.excerpts() + 1).isEqualTo(excerpts);
            assertThat(kept.lastPosition()).isEqualTo(repair.plan().lastPosition());
        }
        // The next run replays what was kept and reads the rest from the input: the same numbers as ever.
        assertThat(live(new EngineContext().journalDir(journal).journalBatchRecords(256), input)).isEqualTo(expected);
        assertThat(replay(journal)).isEqualTo(expected);
    }

    @Test
    void shouldNoticeATruncatedJournalFileByItsMetaFile() throws IOException
    {
        final List<Path> input = List.of(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        final String expected = live(new EngineContext(), input);
        final Path journal = dir.resolve("journal");
        live(new EngineContext().journalDir(journal).journalBatchRecords(100), input);
        final List<Long> offsets = excerptOffsets(journal);
        try (RandomAccessFile file = new RandomAccessFile(dataFile(journal).toFile(), "rw"))
        {
            // cut at an excerpt boundary (Chronicle's 4-byte excerpt header precedes ours): the queue simply ends early
            file.setLength(offsets.get(offsets.size() - 40) - 4);
        }
        try (Journal truncated = Journal.open(journal))
        {
            final Journal.ReadResult result = truncated.read(null);
            assertThat(result.damage()).contains("its tail is missing");
        }
        assertThatThrownBy(() -> live(new EngineContext().journalDir(journal).journalBatchRecords(100), input))
            .isInstanceOf(JournalException.class).hasMessageContaining("journal repair");
        final JournalRepair.Result repair = JournalRepair.repair(journal);
        assertThat(repair.plan().tailMissing()).isPositive();
        assertThat(live(new EngineContext().journalDir(journal).journalBatchRecords(100), input)).isEqualTo(expected);
    }

    @Test
    void shouldRefuseToContinueAnotherRunsJournal()
    {
        final List<Path> input = List.of(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        final Path journal = dir.resolve("journal");
        live(new EngineContext().journalDir(journal), input);
        assertThatThrownBy(() -> live(new EngineContext().journalDir(journal).mode(io.moneyflow.classify.FlowMode.TRADE),
            input))
            .isInstanceOf(JournalException.class)
            .hasMessageContaining("holds another run (mode: the journal has 'order', this run has 'trade')");
        assertThatThrownBy(() -> live(new EngineContext().journalDir(journal),
            List.of(Samples.path("ddb-l2-20230201/20230201.zip"))))
            .isInstanceOf(JournalException.class)
            .hasMessageContaining("holds another run (inputs:");
    }

    @Test
    void shouldResumeACompletedRunWithoutCountingAnythingTwice()
    {
        final List<Path> input = List.of(Samples.path("ddb-l2-20230201/20230201.zip"));
        final String expected = live(new EngineContext(), input);
        final Path journal = dir.resolve("journal");
        assertThat(live(new EngineContext().journalDir(journal), input)).isEqualTo(expected);
        // Running the same inputs again on the journal replays it and skips every input record.
        assertThat(live(new EngineContext().journalDir(journal), input)).isEqualTo(expected);
        try (Journal j = Journal.open(journal))
        {
            final Journal.ReadResult result = j.read(null);
            assertThat(result.damage()).isNull();
            // trades, orders and snapshots of the day, each journaled once, plus the three file names
            assertThat(result.records()).isEqualTo(27_135 + 54_735 + 5_109 + 3);
        }
    }

    @Test
    void shouldJournalRejectionsWithTheirReasonAndLine() throws IOException
    {
        final Path file = dir.resolve("bad.csv");
        Files.write(file, List.of(
            "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum",
            "600000,XSHG,2020.01.02T10:00:00.000,12.50,100,1250,20,10",
            "600000,XSHG,2020.01.02T10:00:01.000,-12.50,100,1250,21,11",
            "600000,XSHG,2020.01.02T10:00:02.000,12.51,200,2502,22,12"));
        final Path journal = dir.resolve("journal");
        live(new EngineContext().journalDir(journal), List.of(file));
        final List<String> seen = new ArrayList<>();
        try (Journal j = Journal.open(journal))
        {
            j.read(new Journal.Visitor()
            {
                @Override
                public void onHeader(final JournalHeader header)
                {
                }

                @Override
                public boolean onRecord(final io.moneyflow.ring.TickEvent r, final long index)
                {
                    seen.add(r.type + "@" + r.position + ":" + r.line + (r.type == io.moneyflow.ring.TickEvent.REJECT ?
                        ":" + RejectReason.values()[r.rejectReason].label() + ":" +
                        new String(r.raw, 0, r.rawLength, java.nio.charset.StandardCharsets.UTF_8) : ""));
                    return true;
                }
            });
        }
        assertThat(seen).containsExactly(
            "6@0:0",
            "1@1:2",
            "5@2:3:non-positive-price:600000,XSHG,2020.01.02T10:00:01.000,-12.50,100,1250,21,11",
            "1@3:4");
        // and a replay counts the rejection as the live run did
        try (Journal j = Journal.open(journal);
             Engine engine = Engine.launch(JournalHeaders.context(j.read(null).header())))
        {
            final JournalReplay replay = engine.replay(j, ReplayFilter.ALL, 0, m -> { });
            final RunLog log = replay.log();
            assertThat(log.rejected().get(RejectReason.NON_POSITIVE_PRICE)).isEqualTo(1);
            assertThat(log.samples(RejectReason.NON_POSITIVE_PRICE).get(0)).startsWith(file + ":3: non-positive-price");
        }
    }
}

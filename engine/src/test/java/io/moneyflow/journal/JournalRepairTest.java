package io.moneyflow.journal;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.JournalHeaders;
import io.moneyflow.Samples;
import io.moneyflow.counters.CountersDigest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Damage of every kind the journal can meet, made by hand in the bytes of a real day's journal: repair keeps every
 * sound record, says exactly what was lost, and every command that sends the user to repair is answered by it.
 * Expected numbers come from an independent reading: the excerpt headers found by scanning the bytes for the magic
 * before the damage, and a plain run over the input file without the lines that were lost (one file, no
 * rejections: an input position is a data line).
 */
class JournalRepairTest
{
    private static final Path DAY = Samples.path("ddb-l2-20230201/tradeData.zip");
    /** tradeData.csv: 181,683 trades and cancels, no rejection. */
    private static final long RECORDS = 181_683;
    private static final int BATCH = 256;

    @TempDir
    Path dir;

    private Path journal;
    private String expected;

    @BeforeEach
    void journalTheDay()
    {
        journal = dir.resolve("journal");
        expected = run(new EngineContext(), List.of(DAY));
        assertThat(run(new EngineContext().journalDir(journal).journalBatchRecords(BATCH), List.of(DAY)))
            .isEqualTo(expected);
    }

    private static String run(final EngineContext context, final List<Path> inputs)
    {
        try (Engine engine = Engine.launch(context))
        {
            engine.ingest(inputs);
            return CountersDigest.sha256(engine.counters());
        }
    }

    private static String replay(final Path journalDir, final List<String> messages)
    {
        try (Journal source = Journal.open(journalDir);
             Engine engine = Engine.launch(JournalHeaders.context(source.read(null).header())))
        {
            final JournalReplay replay = engine.replay(source, ReplayFilter.ALL, 0, messages::add);
            assertThat(engine.exceptions().errors()).isZero();
            assertThat(replay.applied()).isPositive();
            return CountersDigest.sha256(engine.counters());
        }
    }

    private Path dataFile() throws IOException
    {
        try (var files = Files.list(journal))
        {
            return files.filter(p -> p.getFileName().toString().endsWith("F.cq4")).findFirst().orElseThrow();
        }
    }

    /** An excerpt as its own bytes say, found by its magic: where it is and which input positions it holds. */
    private record Excerpt(long offset, int length, long first, long last, int records)
    {
    }

    private List<Excerpt> excerpts() throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(dataFile())).order(ByteOrder.LITTLE_ENDIAN);
        final List<Excerpt> found = new ArrayList<>();
        for (int i = 4; i + 40 <= bytes.capacity(); i += 4)
        {
            if (bytes.getInt(i) == JournalDescriptor.MAGIC &&
                bytes.getInt(i - 4) == JournalDescriptor.EXCERPT_HEADER_LENGTH + bytes.getInt(i + 28))
            {
                found.add(new Excerpt(i, bytes.getInt(i - 4), bytes.getLong(i + 8), bytes.getLong(i + 16),
                    bytes.getInt(i + 24)));
            }
        }
        return found;
    }

    private static void flip(final Path file, final long at, final int length) throws IOException
    {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw"))
        {
            final byte[] bytes = new byte[length];
            f.seek(at);
            f.readFully(bytes);
            for (int i = 0; i < length; i++)
            {
                bytes[i] ^= (byte)0xFF;
            }
            f.seek(at);
            f.write(bytes);
        }
    }

    private static String sha256(final Path file) throws Exception
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The day without the data lines {@code from..to} (1-based): what a run over the kept records computes. */
    private Path dayWithout(final long from, final long to) throws IOException
    {
        return Samples.tradeDataWithout(dir.resolve("tradeData-without-" + from + "-" + to + ".csv"),
            position -> position >= from && position <= to);
    }

    @Test
    void shouldKeepEverySoundExcerptAfterSixteenFlippedBytesInTheMiddle() throws Exception
    {
        // the tester's damage: 16 bytes flipped at 47 % of the data
        final List<Excerpt> excerpts = excerpts();
        final Excerpt lastExcerpt = excerpts.get(excerpts.size() - 1);
        final long dataEnd = lastExcerpt.offset() + lastExcerpt.length();
        final long middle = dataEnd * 47 / 100;
        // the excerpt there, and 16 bytes inside it: how many records an excerpt holds depends on how far the journal
        // fell behind the feed (a busy machine makes many small ones), so 47 % may fall across a boundary
        final Excerpt hit = excerpts.stream().filter(e -> e.offset() + e.length() > middle).findFirst().orElseThrow();
        assertThat(hit.length()).isGreaterThanOrEqualTo(16);
        final long at = Math.max(hit.offset(), Math.min(middle, hit.offset() + hit.length() - 16));
        flip(dataFile(), at, 16);
        final String damagedBytes = sha256(dataFile());

        assertThatThrownBy(() -> run(new EngineContext().journalDir(journal).journalBatchRecords(BATCH), List.of(DAY)))
            .isInstanceOf(JournalException.class).hasMessageContaining("checksum mismatch")
            .hasMessageContaining("moneyflow journal repair " + journal);
        final JournalRepair.Plan plan = JournalRepair.plan(journal);
        final JournalRepair.Result repair = JournalRepair.repair(journal);

        // exactly the damaged excerpt's positions are lost; every other record is kept
        assertThat(plan.lost()).hasSize(1);
        assertThat(repair.plan().lost()).hasSize(1);
        final JournalRepair.Lost lost = repair.plan().lost().get(0);
        assertThat(lost.from()).isEqualTo(hit.first());
        assertThat(lost.to()).isEqualTo(hit.last());
        assertThat(lost.what()).contains("checksum mismatch").contains("byte " + (hit.offset() - 4));
        assertThat(repair.plan().lastPosition()).isEqualTo(RECORDS);
        assertThat(repair.plan().tailMissing()).isZero();
        assertThat(repair.plan().keptRecords()).isEqualTo(RECORDS + 1 - hit.records());
        // the damaged journal is kept whole
        assertThat(sha256(repair.damagedCopy().resolve(dataFile().getFileName()))).isEqualTo(damagedBytes);

        try (Journal repaired = Journal.open(journal))
        {
            final Journal.ReadResult read = repaired.read(null);
            assertThat(read.damage()).isNull();
            assertThat(read.lostPositions()).isEqualTo(hit.last() - hit.first() + 1);
            assertThat(read.records()).isEqualTo(RECORDS + 1 - hit.records());
        }
        // a replay computes what a run over the input without exactly those lines computes, and says what is missing
        final List<String> messages = new ArrayList<>();
        final String replayed = replay(journal, messages);
        assertThat(replayed).isEqualTo(run(new EngineContext(), List.of(dayWithout(hit.first(), hit.last()))));
        assertThat(messages).anyMatch(m -> m.contains("input positions " + hit.first() + ".." + hit.last() + " (" +
            hit.records() + " records) are missing from the journal"));
        // a file run cannot continue it without those records, and does not send the user back to repair
        assertThatThrownBy(() -> run(new EngineContext().journalDir(journal).journalBatchRecords(BATCH), List.of(DAY)))
            .isInstanceOf(JournalException.class).hasMessageContaining("lacks " + hit.records() + " input records")
            .hasMessageNotContaining("journal repair");
    }

    @Test
    void shouldNeverDeleteACycleFileWhoseFirstHeaderLooksHalfMadeButHoldsRecords() throws Exception
    {
        // the not-complete bit of the file's first header set, as a killed creator leaves it; yet the file holds the
        // whole day
        final Path data = dataFile();
        try (RandomAccessFile f = new RandomAccessFile(data.toFile(), "rw"))
        {
            f.seek(3);
            final int top = f.read();
            f.seek(3);
            f.write(top | 0x80);
        }
        final String bytes = sha256(data);
        assertThat(Journal.firstHeaderAbandoned(data)).isTrue();

        assertThatThrownBy(() -> run(new EngineContext().journalDir(journal), List.of(DAY)))
            .isInstanceOf(JournalException.class)
            .hasMessageContaining(data.getFileName() + "'s first header is damaged, yet the file holds")
            .hasMessageContaining("nothing was deleted").hasMessageContaining("moneyflow journal repair " + journal);
        assertThat(sha256(data)).isEqualTo(bytes);
        try (Journal reader = Journal.open(journal))
        {
            assertThat(reader.read(null).damage()).startsWith(data.getFileName() + ": its first header was never " +
                "completed").contains("yet it holds journal excerpts");
        }

        final JournalRepair.Result repair = JournalRepair.repair(journal);
        assertThat(repair.plan().lost()).isEmpty();
        assertThat(repair.plan().keptRecords()).isEqualTo(RECORDS + 1);
        assertThat(replay(journal, new ArrayList<>())).isEqualTo(expected);
        // and the run continues on the repaired journal: every record journaled, nothing read twice
        assertThat(run(new EngineContext().journalDir(journal), List.of(DAY))).isEqualTo(expected);
    }

    @Test
    void shouldNameAFileThatIsNotTheJournalsAndSetItAside() throws Exception
    {
        Files.writeString(journal.resolve("20200101F.cq4"), "hello, not a queue file\n".repeat(10));
        Files.writeString(journal.resolve("notes.cq4"), "mine\n");

        try (Journal reader = Journal.open(journal))
        {
            assertThat(reader.read(null).damage()).startsWith("20200101F.cq4: its first header is not a Chronicle " +
                "Queue cycle file's header; it holds no record");
        }
        final String foreign = sha256(journal.resolve("20200101F.cq4"));
        assertThatThrownBy(() -> run(new EngineContext().journalDir(journal), List.of(DAY)))
            .isInstanceOf(JournalException.class).hasMessageContaining("20200101F.cq4")
            .hasMessageContaining("nothing was changed").hasMessageContaining("moneyflow journal repair " + journal);
        // refused before Chronicle Queue opened the directory, which extended the file to a cycle file's size
        assertThat(sha256(journal.resolve("20200101F.cq4"))).isEqualTo(foreign);

        final JournalRepair.Result repair = JournalRepair.repair(journal);
        assertThat(repair.plan().setAside()).singleElement().asString().startsWith("notes.cq4: not a day's file");
        assertThat(repair.plan().damage()).singleElement().asString().startsWith("20200101F.cq4 bytes 0..");
        assertThat(repair.plan().keptRecords()).isEqualTo(RECORDS + 1);
        assertThat(repair.damagedCopy().resolve("notes.cq4")).hasContent("mine");
        assertThat(journal.resolve("notes.cq4")).doesNotExist();
        assertThat(replay(journal, new ArrayList<>())).isEqualTo(expected);
        assertThat(run(new EngineContext().journalDir(journal), List.of(DAY))).isEqualTo(expected);
    }

    @Test
    void shouldNotOfferARepairWhenTheHeaderExcerptIsDamaged() throws Exception
    {
        final Excerpt header = excerpts().get(0);
        flip(dataFile(), header.offset() + 60, 4);
        assertThatThrownBy(() -> run(new EngineContext().journalDir(journal), List.of(DAY)))
            .isInstanceOf(JournalException.class).hasMessageContaining("no repair can restore it")
            .hasMessageNotContaining("run 'moneyflow journal repair");
        assertThat(JournalRepair.plan(journal).repairable()).isFalse();
        assertThatThrownBy(() -> JournalRepair.repair(journal)).isInstanceOf(JournalException.class)
            .hasMessageContaining("its header excerpt (the run's settings) is damaged");
        assertThat(journal.resolve(dataFile().getFileName())).exists();
    }

    /** Every state in which a run refuses a journal and names {@code journal repair}. */
    enum Damage
    {
        /** An excerpt's payload flipped: its checksum fails. */
        EXCERPT_CHECKSUM,
        /** The file cut short at an excerpt: the meta file says more was written. */
        TRUNCATED_TAIL,
        /** Bytes of the cycle file's own header flipped (the tester's IORuntimeException with a hex dump). */
        CYCLE_HEADER_BODY,
        /** The first header of the cycle file marked not complete, though the file holds the day. */
        CYCLE_HEADER_WORD,
        /** The table store's header flipped: Chronicle Queue cannot open the directory. */
        TABLE_STORE,
        /** A file of another program named as a day's cycle file. */
        UNKNOWN_CYCLE_FILE,
        /** A Chronicle document header in the middle flipped: its length points past the file. */
        DOCUMENT_LENGTH
    }

    private void damage(final Damage kind) throws IOException
    {
        final List<Excerpt> excerpts = excerpts();
        final Excerpt middle = excerpts.get(excerpts.size() / 2);
        switch (kind)
        {
            case EXCERPT_CHECKSUM -> flip(dataFile(), middle.offset() + 100, 8);
            case TRUNCATED_TAIL ->
            {
                try (RandomAccessFile f = new RandomAccessFile(dataFile().toFile(), "rw"))
                {
                    f.setLength(excerpts.get(excerpts.size() - 10).offset() - 4);
                }
            }
            case CYCLE_HEADER_BODY -> flip(dataFile(), 20, 16);
            case CYCLE_HEADER_WORD ->
            {
                try (RandomAccessFile f = new RandomAccessFile(dataFile().toFile(), "rw"))
                {
                    f.seek(3);
                    final int top = f.read();
                    f.seek(3);
                    f.write(top | 0x80);
                }
            }
            case TABLE_STORE -> flip(journal.resolve("metadata.cq4t"), 4, 16);
            case UNKNOWN_CYCLE_FILE -> Files.writeString(journal.resolve("20200101F.cq4"), "not a queue file\n");
            default -> flip(dataFile(), middle.offset() - 2, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(Damage.class)
    void shouldRepairEveryStateThatARunSendsToRepair(final Damage kind) throws Exception
    {
        damage(kind);
        final EngineContext again = new EngineContext().journalDir(journal).journalBatchRecords(BATCH);
        assertThatThrownBy(() -> run(again, List.of(DAY))).as(kind.toString())
            .isInstanceOf(JournalException.class).hasMessageContaining("run 'moneyflow journal repair " + journal)
            .satisfies(ex -> assertThat(ex.getMessage()).doesNotContain("\n"));
        final JournalRepair.Plan plan = JournalRepair.plan(journal);
        assertThat(plan.sound()).as(kind.toString()).isFalse();
        assertThat(plan.repairable()).as(kind.toString()).isTrue();

        final JournalRepair.Result repair = JournalRepair.repair(journal);
        assertThat(repair.damagedCopy()).as(kind.toString()).exists();
        assertThat(JournalRepair.plan(journal).sound()).as(kind.toString()).isTrue();
        if (repair.plan().lost().isEmpty())
        {
            // nothing lost inside: the run continues (reading a lost tail from the input again) to the same numbers
            assertThat(run(again, List.of(DAY))).as(kind.toString()).isEqualTo(expected);
        }
        else
        {
            // positions lost inside: the run refuses without naming repair again; replay reads what was kept
            assertThatThrownBy(() -> run(again, List.of(DAY))).as(kind.toString())
                .isInstanceOf(JournalException.class).hasMessageNotContaining("journal repair");
            final JournalRepair.Lost lost = repair.plan().lost().get(0);
            assertThat(replay(journal, new ArrayList<>())).as(kind.toString())
                .isEqualTo(run(new EngineContext(), List.of(dayWithout(lost.from(), lost.to()))));
        }
    }
}

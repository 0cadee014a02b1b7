package io.moneyflow.journal;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.JournalHeaders;
import io.moneyflow.Samples;
import io.moneyflow.Tmpfs;
import io.moneyflow.counters.CountersDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a writer killed while Chronicle Queue was creating a file leaves behind, and the writer's lock. The half-made
 * {@code metadata.cq4t} below is the one JournalCrashTest's SIGKILL left on CI (and again here, killing a run 660 ms
 * after its start): 128 KiB whose first header has the not-complete bit set and only the start of its body written.
 * Chronicle Queue 2026.4 refused that directory ("Unable to claim exclusive exclusive lock on file
 * .../metadata.cq4t") and waited some 47 s on a cycle file in the same state before going on.
 */
class JournalRecoveryTest
{
    @TempDir
    Path dir;

    private static final List<Path> INPUT =
        List.of(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));

    /** A Chronicle file as a killed creator leaves it: the first header begun, never completed. */
    private static void halfCreated(final Path file, final int length) throws IOException
    {
        final ByteBuffer bytes = ByteBuffer.allocate(length).order(ByteOrder.nativeOrder());
        bytes.putInt(0x8000_0000);
        // the first bytes of the table store's header body, as the killed process had written them
        bytes.put((byte)0xb9).put((byte)0x06).put("header".getBytes(StandardCharsets.US_ASCII)).put((byte)0xb6);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes.array());
    }

    private static String run(final Path journal, final List<String> messages)
    {
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
        {
            engine.ingest(INPUT, messages::add, p -> { });
            assertThat(engine.exceptions().errors()).isZero();
            return CountersDigest.sha256(engine.counters());
        }
    }

    private static String plain()
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            engine.ingest(INPUT);
            return CountersDigest.sha256(engine.counters());
        }
    }

    @Test
    void shouldRecreateATableStoreWhoseCreatorDied() throws IOException
    {
        final Path journal = dir.resolve("journal");
        halfCreated(journal.resolve("metadata.cq4t"), 128 * 1024);
        final List<String> messages = new ArrayList<>();

        assertThat(run(journal, messages)).isEqualTo(plain());
        assertThat(messages).anyMatch(m -> m.contains("metadata.cq4t: its first header was never completed"));
        assertThat(Journal.firstHeaderAbandoned(journal.resolve("metadata.cq4t"))).isFalse();
        try (Journal j = Journal.open(journal))
        {
            final Journal.ReadResult read = j.read(null);
            assertThat(read.damage()).isNull();
            assertThat(read.header()).isNotNull();
        }
    }

    @Test
    void shouldRecreateACycleFileWhoseCreatorDied() throws IOException
    {
        final Path journal = dir.resolve("journal");
        // a sound journal's table store, then today's cycle file half-made (FAST_DAILY names files by UTC day)
        run(journal, new ArrayList<>());
        try (var files = Files.list(journal))
        {
            for (final Path p : files.filter(p -> p.toString().endsWith(".cq4")).toList())
            {
                Files.delete(p);
            }
        }
        Files.delete(journal.resolve(JournalMeta.FILE_NAME));
        final String cycle = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd")) + "F.cq4";
        halfCreated(journal.resolve(cycle), 1 << 20);
        final List<String> messages = new ArrayList<>();

        assertThat(run(journal, messages)).isEqualTo(plain());
        assertThat(messages).anyMatch(m -> m.contains(".cq4: its first header was never completed"));
    }

    @Test
    void shouldLeaveSoundFilesAlone() throws IOException
    {
        final Path journal = dir.resolve("journal");
        run(journal, new ArrayList<>());
        assertThat(Journal.clearAbandonedCreations(journal)).isEmpty();
    }

    @Test
    void shouldRefuseASecondWriter()
    {
        final Path journal = dir.resolve("journal");
        try (Journal first = Journal.openForWriting(journal, false))
        {
            assertThatThrownBy(() -> Engine.launch(new EngineContext().journalDir(journal)))
                .isInstanceOf(JournalException.class)
                .hasMessageContaining("already open for writing");
            // a reader is never refused
            try (Journal reader = Journal.open(journal))
            {
                assertThat(reader.read(null).damage()).isNull();
            }
        }
        // the lock goes with the writer
        try (Journal again = Journal.openForWriting(journal, false))
        {
            assertThat(again.recovered()).isEmpty();
        }
    }

    /** Every file of a directory with its size, time and (when small) bytes: what a reader must leave as it found. */
    private static Map<String, String> snapshot(final Path directory) throws IOException
    {
        final Map<String, String> files = new TreeMap<>();
        try (var list = Files.list(directory))
        {
            for (final Path p : list.toList())
            {
                final long size = Files.size(p);
                files.put(p.getFileName().toString(), size + " " + Files.getLastModifiedTime(p) +
                    (size <= 1 << 20 ? " " + java.util.Arrays.hashCode(Files.readAllBytes(p)) : ""));
            }
        }
        return files;
    }

    /** A replay of the journal by a reader (replay, audit): its digest, and what it said. */
    private static String replay(final Path journal, final List<String> messages)
    {
        try (Journal source = Journal.open(journal);
             Engine engine = Engine.launch(JournalHeaders.context(source.read(null).header())))
        {
            engine.replay(source, ReplayFilter.ALL, 0, messages::add);
            return CountersDigest.sha256(engine.counters());
        }
    }

    /**
     * The last session's open end: readers take no lock, so they never cleared what a killed writer left half-made;
     * on a half-made {@code metadata.cq4t} they failed (Chronicle's "Unable to claim exclusive lock"). They now read
     * the queue's files without Chronicle Queue, so the table store is not read at all, and nothing is written.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldLetAReaderReadAroundAHalfMadeTableStoreWithoutTouchingIt() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final String digest = run(journal, new ArrayList<>());
        halfCreated(journal.resolve("metadata.cq4t"), 128 * 1024);
        final Map<String, String> before = snapshot(journal);

        try (Journal reader = Journal.open(journal))
        {
            final Journal.ReadResult read = reader.read(null);
            assertThat(read.damage()).isNull();
            // 26,169 trades and the source's name
            assertThat(read.records()).isEqualTo(26_169 + 1);
        }
        assertThat(replay(journal, new ArrayList<>())).isEqualTo(digest);
        assertThat(snapshot(journal)).isEqualTo(before);
    }

    /**
     * A cycle file half-made by a killed writer (a day that never got its first excerpt): readers waited out
     * Chronicle's header timeout (about 23 s) on it. They now pass over it at once, say so, and delete nothing.
     */
    @Test
    @Timeout(value = 15, unit = TimeUnit.SECONDS)
    void shouldLetAReaderPassOverAHalfMadeCycleFileAtOnce() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final String digest = run(journal, new ArrayList<>());
        final String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1)
            .format(DateTimeFormatter.ofPattern("yyyyMMdd")) + "F.cq4";
        halfCreated(journal.resolve(tomorrow), 1 << 20);
        final Map<String, String> before = snapshot(journal);

        try (Journal reader = Journal.open(journal))
        {
            final Journal.ReadResult read = reader.read(null);
            assertThat(read.damage()).isNull();
            assertThat(read.notes()).singleElement().asString().startsWith(tomorrow + " its first header was never " +
                "completed").endsWith("it holds no record: read around");
        }
        final List<String> messages = new ArrayList<>();
        assertThat(replay(journal, messages)).isEqualTo(digest);
        assertThat(messages).anyMatch(m -> m.contains(tomorrow) && m.contains("read around"));
        assertThat(JournalRepair.plan(journal).sound()).isTrue();
        assertThat(snapshot(journal)).isEqualTo(before);
    }

    /**
     * Item 9 of issue 11: a journal on a read-only disk is readable (verify, replay and audit need no write access;
     * before, opening it created Chronicle's files and failed), and a run that would journal there says why it
     * cannot. Root ignores file permissions, so the disk is a tmpfs remounted read-only.
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldReadAJournalOnAReadOnlyDiskAndSayWhyARunCannotWriteThere() throws Exception
    {
        try (Tmpfs disk = Tmpfs.mount(dir.resolve("disk"), "64m"))
        {
            final Path journal = disk.dir().resolve("journal");
            final String digest = run(journal, new ArrayList<>());
            disk.readOnly();
            assertThat(journal.resolve(Journal.LOCK_FILE_NAME)).exists();

            try (Journal reader = Journal.open(journal))
            {
                assertThat(reader.read(null).damage()).isNull();
            }
            assertThat(JournalRepair.chronicleCheck(journal)).isNull();
            assertThat(JournalRepair.plan(journal).sound()).isTrue();
            assertThat(replay(journal, new ArrayList<>())).isEqualTo(digest);
            assertThatThrownBy(() -> run(journal, new ArrayList<>())).isInstanceOf(JournalException.class)
                .hasMessage("cannot write to journal " + journal + " (Read-only file system on " +
                    journal.resolve(Journal.LOCK_FILE_NAME) + "): a run journals only into a directory it can " +
                    "write; verify, replay and audit only read it");
        }
    }
}

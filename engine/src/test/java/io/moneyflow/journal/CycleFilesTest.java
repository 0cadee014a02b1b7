package io.moneyflow.journal;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.Samples;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journal's own reader of Chronicle Queue's files against Chronicle Queue's tailer, the independent reference:
 * on every journal shape the engine writes, both read the same documents, with the same indices and bytes, in the
 * same order.
 */
class CycleFilesTest
{
    @TempDir
    Path dir;

    /** Every data document as Chronicle Queue's tailer reads it: index and bytes in hex. */
    private static List<String> byChronicle(final Path queueDir)
    {
        final List<String> documents = new ArrayList<>();
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(queueDir.toFile())
            .rollCycle(RollCycles.FAST_DAILY).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer())
        {
            tailer.toStart();
            while (true)
            {
                try (DocumentContext dc = tailer.readingDocument())
                {
                    if (!dc.isPresent())
                    {
                        break;
                    }
                    final Bytes<?> bytes = dc.wire().bytes();
                    final byte[] copy = new byte[(int)bytes.readRemaining()];
                    bytes.read(copy);
                    documents.add(Long.toHexString(dc.index()) + " " + HexFormat.of().formatHex(copy));
                }
            }
        }
        return documents;
    }

    /** The same, read by {@link CycleFiles} (strict). */
    private static List<String> byCycleFiles(final Path queueDir)
    {
        final List<String> documents = new ArrayList<>();
        final List<String> problems = new ArrayList<>();
        for (final CycleFiles.CycleFile file : CycleFiles.list(queueDir))
        {
            CycleFiles.scan(file, false, new CycleFiles.Sink()
            {
                @Override
                public int onDocument(
                    final CycleFiles.CycleFile f, final long offset, final long index, final byte[] bytes, final int at,
                    final int length)
                {
                    documents.add(Long.toHexString(index) + " " + HexFormat.of().formatHex(bytes, at, at + length));
                    return CycleFiles.NEXT;
                }

                @Override
                public void onDamage(final CycleFiles.CycleFile f, final long from, final long to, final String p)
                {
                    problems.add(f.name() + ": " + p);
                }

                @Override
                public void onNote(final CycleFiles.CycleFile f, final String note)
                {
                    problems.add(f.name() + ": " + note);
                }
            });
        }
        assertThat(problems).isEmpty();
        return documents;
    }

    @Test
    void shouldReadWhatChronicleReadsInAJournalOfBatches()
    {
        final Path journal = dir.resolve("journal");
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal).journalBatchRecords(256)))
        {
            engine.ingest(List.of(Samples.path("ddb-l2-20230201/tradeData.zip")));
        }
        final List<String> chronicle = byChronicle(journal);
        assertThat(chronicle).hasSizeGreaterThan(700);
        assertThat(byCycleFiles(journal)).isEqualTo(chronicle);
    }

    @Test
    void shouldReadWhatChronicleReadsInAJournalOfOneRecordPerExcerpt()
    {
        final Path journal = dir.resolve("journal");
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal).journalBatchRecords(1)))
        {
            engine.ingest(List.of(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")));
        }
        final List<String> chronicle = byChronicle(journal);
        // the header, the source's name and 26,169 trades, each its own excerpt; Chronicle's index pages between
        assertThat(chronicle).hasSize(1 + 1 + 26_169);
        assertThat(byCycleFiles(journal)).isEqualTo(chronicle);
    }

    @Test
    void shouldReadWhatChronicleReadsAcrossDaysAndDocumentSizes()
    {
        // a queue over three UTC days, as a run across midnight writes it: Chronicle ends each day's file and opens
        // the next; documents from 4 bytes to a megabyte, some not a multiple of 4 long, the megabyte ones longer
        // than the reader's window, which grows to hold them
        assertThat(1 << 20).isGreaterThan(CycleFiles.WINDOW_BYTES);
        final Path queueDir = dir.resolve("queue");
        final SetTimeProvider clock = new SetTimeProvider(TimeUnit.DAYS.toMillis(20_000) * 1_000_000L);
        final Random random = new Random(42);
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(queueDir.toFile())
            .rollCycle(RollCycles.FAST_DAILY).timeProvider(clock).build();
             ExcerptAppender appender = queue.createAppender())
        {
            for (int day = 0; day < 3; day++)
            {
                for (int i = 0; i < 500; i++)
                {
                    final byte[] bytes = new byte[i == 7 ? 1 << 20 : 1 + random.nextInt(3_000)];
                    random.nextBytes(bytes);
                    try (DocumentContext dc = appender.writingDocument())
                    {
                        dc.wire().bytes().write(bytes);
                    }
                }
                clock.advanceMillis(TimeUnit.DAYS.toMillis(1));
            }
        }
        final List<String> chronicle = byChronicle(queueDir);
        assertThat(chronicle).hasSize(1_500);
        assertThat(CycleFiles.list(queueDir)).hasSize(3);
        assertThat(byCycleFiles(queueDir)).isEqualTo(chronicle);
    }

    @Test
    void shouldStopWhereChronicleStopsAtADocumentAWriterDiedWriting() throws IOException
    {
        final Path journal = dir.resolve("journal");
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal).journalBatchRecords(256)))
        {
            engine.ingest(List.of(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")));
        }
        final Path data;
        try (var files = Files.list(journal))
        {
            data = files.filter(p -> p.toString().endsWith("F.cq4")).findFirst().orElseThrow();
        }
        // where the next document would go: a header claimed (not complete) and half an excerpt written
        final ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(data)).order(ByteOrder.LITTLE_ENDIAN);
        int end = 0;
        while (bytes.getInt(end) != 0)
        {
            end = (end + 4 + (bytes.getInt(end) & 0x3FFF_FFFF) + 3) & ~3;
        }
        final List<String> before = byChronicle(journal);
        try (RandomAccessFile file = new RandomAccessFile(data.toFile(), "rw"))
        {
            file.seek(end);
            final ByteBuffer half = ByteBuffer.allocate(4 + 44).order(ByteOrder.LITTLE_ENDIAN);
            half.putInt(0x8000_0000).putInt(JournalDescriptor.MAGIC).putInt(JournalDescriptor.KIND_BATCH);
            file.write(half.array());
        }
        assertThat(byChronicle(journal)).isEqualTo(before);
        assertThat(byCycleFiles(journal)).isEqualTo(before);
    }
}

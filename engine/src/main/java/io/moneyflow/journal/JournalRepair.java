package io.moneyflow.journal;

import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDecoder;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueueBuilder;
import net.openhft.chronicle.wire.DocumentContext;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

import static io.moneyflow.journal.JournalDescriptor.*;

/**
 * Keeps every sound excerpt of a damaged journal. The journal's files are read directly ({@link CycleFiles}, salvage
 * mode): a damaged excerpt is skipped and the excerpts after it are kept whenever their framing and checksum are
 * sound and their input positions follow on; where positions are missing, a {@link JournalDescriptor#KIND_LOST}
 * excerpt says which and why, so that every later reader reports them. The sound excerpts go into a fresh queue that
 * takes the directory's place; the damaged directory, with every byte it held (files Chronicle Queue did not write,
 * damaged stretches), is moved beside it, never deleted.
 * <p>
 * {@link #plan} says what a repair would do without doing it (for {@code journal verify}); {@link #repair} does it.
 * A journal whose header excerpt (the run's settings) is damaged cannot be repaired: nothing could replay its records.
 */
public final class JournalRepair
{
    static
    {
        // before Chronicle builds a queue: moneyflow never phones home
        ChronicleAnalytics.disable();
    }

    private JournalRepair()
    {
    }

    /**
     * Input positions a repair could not keep.
     *
     * @param from first.
     * @param to   last.
     * @param what what was damaged there.
     */
    public record Lost(long from, long to, String what)
    {
        /**
         * @return how many.
         */
        public long count()
        {
            return to - from + 1;
        }
    }

    /**
     * What a repair keeps and loses.
     *
     * @param sound          true when there is nothing to repair.
     * @param header         the journal's settings, or null when its header excerpt is damaged (no repair then).
     * @param keptExcerpts   excerpts kept, the header included.
     * @param keptRecords    records kept.
     * @param sources        SOURCE records kept (the input names).
     * @param orphans        sound batches found with no readable header before them: they make a repair
     *                       impossible, since nothing could replay them.
     * @param lastPosition   the last input position kept.
     * @param lost           input positions lost inside the journal (a lost excerpt is written for each range).
     * @param tailMissing    input positions the meta file says were written after the last one kept: a file run
     *                       resumed on the repaired journal reads them from its inputs again; a live run's are lost.
     * @param damage         every damaged stretch found, with its file and bytes.
     * @param setAside       files that are not part of the journal, moved aside with the damaged copy.
     * @param notes          half-made files holding no record, left out.
     * @param chronicle      what Chronicle Queue could not open, when the files themselves read soundly; or null.
     */
    public record Plan(
        boolean sound,
        JournalHeader header,
        long keptExcerpts,
        long keptRecords,
        int sources,
        long orphans,
        long lastPosition,
        List<Lost> lost,
        long tailMissing,
        List<String> damage,
        List<String> setAside,
        List<String> notes,
        String chronicle)
    {
        /**
         * @return input positions lost inside the journal.
         */
        public long lostPositions()
        {
            return lost.stream().mapToLong(Lost::count).sum();
        }

        /**
         * @return true when a repair can act: the header is readable, or no sound record needs it.
         */
        public boolean repairable()
        {
            return header != null || orphans == 0;
        }
    }

    /**
     * What a repair did.
     *
     * @param plan        what was kept and lost.
     * @param damagedCopy where the damaged journal was moved, or null when it was sound.
     */
    public record Result(Plan plan, Path damagedCopy)
    {
    }

    /**
     * Says what {@link #repair} would keep and lose. Reads only.
     *
     * @param dir a journal directory.
     * @return the plan.
     */
    public static Plan plan(final Path dir)
    {
        return walk(dir, null);
    }

    /**
     * Repairs a journal: see the class description. Holds the writer's lock meanwhile, so no run can be writing it.
     *
     * @param dir a journal directory.
     * @return what was kept and lost, and where the damaged journal went.
     * @throws JournalException when the journal is being written, cannot be repaired (its header is damaged) or its
     *                          directory cannot be rewritten; the message says which.
     */
    public static Result repair(final Path dir)
    {
        final Path absolute = dir.toAbsolutePath().normalize();
        if (!Files.isDirectory(absolute))
        {
            throw new JournalException("no journal at " + dir + ": not a directory");
        }
        final FileChannel lock = Journal.lock(absolute);
        try
        {
            final Plan plan = plan(absolute);
            if (plan.sound())
            {
                return new Result(plan, null);
            }
            if (!plan.repairable())
            {
                throw new JournalException(unrepairable(dir));
            }
            final String stamp = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString().replace(":", "");
            final Path repairing = absolute.resolveSibling(absolute.getFileName() + ".repairing");
            final Path damaged = absolute.resolveSibling(absolute.getFileName() + ".damaged-" + stamp);
            try
            {
                deleteRecursively(repairing);
                final Plan written;
                try (Journal target = Journal.openForWriting(repairing, false))
                {
                    try (ExcerptAppender appender = target.queue().createAppender())
                    {
                        written = walk(absolute, appender);
                        target.meta().reset(written.lastPosition(), written.keptRecords(), written.keptExcerpts(),
                            written.keptExcerpts() > 0 ? appender.lastIndexAppended() : -1, written.sources());
                    }
                }
                Files.move(absolute, damaged);
                Files.move(repairing, absolute);
                return new Result(written, damaged);
            }
            catch (final IOException ex)
            {
                throw new JournalException("cannot repair journal " + dir + " (" + Journal.why(ex) + "): the " +
                    "directory holding it must be writable; the journal was left as it was");
            }
        }
        finally
        {
            try
            {
                lock.close();
            }
            catch (final IOException ignored)
            {
                // closing releases the lock
            }
        }
    }

    /**
     * @param dir a journal directory.
     * @return the message for a journal whose header excerpt is damaged.
     */
    public static String unrepairable(final Path dir)
    {
        return "journal " + dir + ": its header excerpt (the run's settings) is damaged, so none of its records can " +
            "be replayed and no repair can restore it; the journal is left as it is. Journal the run afresh into " +
            "another directory (the inputs hold every record)";
    }

    /** Walks the files in salvage mode, deciding what to keep; appends what it keeps when given an appender. */
    private static Plan walk(final Path dir, final ExcerptAppender appender)
    {
        final Walk walk = new Walk(appender);
        for (final CycleFiles.CycleFile file : CycleFiles.list(dir))
        {
            if (!file.named())
            {
                final long excerpts = CycleFiles.excerptsIn(file);
                walk.setAside.add(file.name() + ": not a day's file of the journal's daily cycle (yyyyMMddF.cq4)" +
                    (excerpts > 0 ? "; it holds " + excerpts + " excerpts, which were not read" : ""));
                continue;
            }
            CycleFiles.scan(file, true, walk);
        }
        final long committed = JournalMeta.read(dir).committedPosition();
        final long tailMissing = Math.max(0, committed - walk.expected + 1);
        String chronicle = null;
        final boolean filesSound = walk.damage.isEmpty() && walk.setAside.isEmpty() && walk.lost.isEmpty() &&
            tailMissing == 0 && walk.header != null;
        if (filesSound && walk.notes.isEmpty())
        {
            chronicle = chronicleCheck(dir);
        }
        final boolean sound = filesSound && chronicle == null;
        return new Plan(sound, walk.header, walk.keptExcerpts, walk.keptRecords, walk.sources, walk.orphans,
            walk.expected - 1,
            List.copyOf(walk.lost), tailMissing, List.copyOf(walk.damage), List.copyOf(walk.setAside),
            List.copyOf(walk.notes), chronicle);
    }

    /**
     * Opens the queue read-only as Chronicle Queue would for a run (every cycle file's header and index), when its
     * files read soundly and none is half-made (a run clears those).
     *
     * @param dir a journal directory.
     * @return what Chronicle Queue could not read, or null.
     */
    public static String chronicleCheck(final Path dir)
    {
        if (!Files.exists(dir.resolve(Journal.TABLE_STORE_NAME)))
        {
            // a run creates it
            return null;
        }
        try (var files = Files.list(dir))
        {
            for (final Path file : files.filter(p -> p.toString().endsWith(".cq4") || p.toString().endsWith(".cq4t"))
                .toList())
            {
                if (Journal.firstHeaderAbandoned(file))
                {
                    // half-made by a killed writer, holding no record: the next run clears it; Chronicle would wait
                    return null;
                }
            }
        }
        catch (final IOException ex)
        {
            return "cannot list " + dir + ": " + Journal.why(ex);
        }
        try (ChronicleQueue queue = SingleChronicleQueueBuilder.single(dir.toFile())
            .rollCycle(RollCycles.FAST_DAILY).readOnly(true).build();
             ExcerptTailer tailer = queue.createTailer())
        {
            tailer.toStart();
            for (final CycleFiles.CycleFile file : CycleFiles.list(dir))
            {
                if (file.named())
                {
                    tailer.moveToIndex(RollCycles.FAST_DAILY.toIndex(file.cycle(), 0));
                }
            }
            tailer.toEnd();
            return null;
        }
        catch (final Exception | InternalError ex)
        {
            // Chronicle Queue throws checked exceptions too (StreamCorruptedException), undeclared
            return Journal.chronicleProblem(dir, ex);
        }
    }

    /** The salvage walk's state. */
    private static final class Walk implements CycleFiles.Sink
    {
        private final ExcerptAppender appender;
        private final TickEvent record = new TickEvent();
        private final TickRecordDecoder decoder = new TickRecordDecoder();
        private final CRC32C crc = new CRC32C();
        private final List<Lost> lost = new ArrayList<>();
        private final List<String> damage = new ArrayList<>();
        private final List<String> setAside = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        /** Damage found since the last excerpt kept: what a lost excerpt after it says. */
        private final List<String> pending = new ArrayList<>();
        private final ExcerptCopy copy = new ExcerptCopy();
        private JournalHeader header;
        private long expected = 1;
        private long keptExcerpts;
        private long keptRecords;
        private int sources;
        private long orphans;

        Walk(final ExcerptAppender appender)
        {
            this.appender = appender;
        }

        @Override
        public void onNote(final CycleFiles.CycleFile file, final String note)
        {
            notes.add(file.name() + " " + note + ": left out");
        }

        @Override
        public void onDamage(final CycleFiles.CycleFile file, final long from, final long to, final String problem)
        {
            final String what = file.name() + " bytes " + from + ".." + to + ": " + problem;
            damage.add(what);
            pending.add(what);
        }

        @Override
        public int onDocument(
            final CycleFiles.CycleFile file, final long offset, final long index, final byte[] source, final int at,
            final int length)
        {
            final UnsafeBuffer buffer = copy.of(source, at, length);
            final String where = file.name() + " byte " + offset;
            if (length < EXCERPT_HEADER_LENGTH || buffer.getInt(MAGIC_OFFSET) != MAGIC)
            {
                damaged(where + ": a document that is not a moneyflow excerpt (" + length + " bytes)");
                return CycleFiles.SEARCH;
            }
            final int kind = buffer.getInt(KIND_OFFSET);
            if (header == null)
            {
                final String problem = Journal.check(buffer, length, crc, true, 0, record, decoder);
                if (problem == null)
                {
                    header = JournalHeader.decode(buffer.byteArray(), EXCERPT_HEADER_LENGTH,
                        buffer.getInt(PAYLOAD_LENGTH_OFFSET));
                    keep(length, 0);
                    pending.clear();
                    return CycleFiles.NEXT;
                }
                if (kind == KIND_HEADER || keptExcerpts == 0 && kind != KIND_BATCH && kind != KIND_LOST)
                {
                    damaged(where + ": the header excerpt: " + problem);
                    return CycleFiles.SEARCH;
                }
                // a batch before any header: the header was lost before it
            }
            else if (kind == KIND_HEADER)
            {
                damaged(where + ": a second header excerpt");
                return CycleFiles.NEXT;
            }
            final long first = buffer.getLong(FIRST_POSITION_OFFSET);
            final long last = buffer.getLong(LAST_POSITION_OFFSET);
            final String problem = Journal.check(buffer, length, crc, false, first > 0 ? first - 1 : expected - 1,
                record, decoder);
            if (problem != null)
            {
                damaged(where + ": " + problem + claimed(kind, first, last, length));
                return CycleFiles.SEARCH;
            }
            if (header == null)
            {
                orphans++;
                damaged(where + ": a sound batch with no header before it");
                return CycleFiles.NEXT;
            }
            if (first > 0 && first < expected)
            {
                damaged(where + ": input positions " + first + ".." + last + " again, already kept");
                return CycleFiles.NEXT;
            }
            if (first > expected)
            {
                final String what = pending.isEmpty() ? "input positions missing between excerpts, no damage seen" :
                    String.join("; ", pending);
                lost(expected, first - 1, what);
            }
            if (kind == KIND_BATCH)
            {
                countSources(length);
            }
            keep(length, kind == KIND_BATCH ? buffer.getInt(RECORD_COUNT_OFFSET) : 0);
            if (first > 0)
            {
                expected = last + 1;
            }
            pending.clear();
            return CycleFiles.NEXT;
        }

        private void countSources(final int length)
        {
            int offset = EXCERPT_HEADER_LENGTH;
            while (offset < length)
            {
                offset += decoder.wrap(copy.buffer(), offset, length).decodeInto(record);
                if (record.type == TickEvent.SOURCE)
                {
                    sources++;
                }
            }
        }

        private static String claimed(final int kind, final long first, final long last, final int length)
        {
            return kind == KIND_BATCH && first > 0 && last >= first && last - first < length ?
                " (its header, unchecked, says input positions " + first + ".." + last + ")" : "";
        }

        private void damaged(final String what)
        {
            damage.add(what);
            pending.add(what);
        }

        private void keep(final int length, final int records)
        {
            keptExcerpts++;
            keptRecords += records;
            if (appender != null)
            {
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(copy.buffer().byteArray(), 0, length);
                }
            }
        }

        private void lost(final long from, final long to, final String what)
        {
            final String text = "repaired " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ": " + what;
            lost.add(new Lost(from, to, what));
            keptExcerpts++;
            if (appender != null)
            {
                final byte[] payload = text.getBytes(StandardCharsets.UTF_8);
                final UnsafeBuffer excerpt = new UnsafeBuffer(new byte[EXCERPT_HEADER_LENGTH + payload.length]);
                excerpt.putInt(MAGIC_OFFSET, MAGIC);
                excerpt.putInt(KIND_OFFSET, KIND_LOST);
                excerpt.putLong(FIRST_POSITION_OFFSET, from);
                excerpt.putLong(LAST_POSITION_OFFSET, to);
                excerpt.putInt(RECORD_COUNT_OFFSET, 0);
                excerpt.putInt(PAYLOAD_LENGTH_OFFSET, payload.length);
                excerpt.putBytes(EXCERPT_HEADER_LENGTH, payload);
                final CRC32C sum = new CRC32C();
                sum.update(payload, 0, payload.length);
                excerpt.putInt(CRC_OFFSET, (int)sum.getValue());
                try (DocumentContext dc = appender.writingDocument())
                {
                    dc.wire().bytes().write(excerpt.byteArray(), 0, excerpt.capacity());
                }
            }
        }
    }

    private static void deleteRecursively(final Path path) throws IOException
    {
        if (!Files.exists(path))
        {
            return;
        }
        try (var walk = Files.walk(path))
        {
            for (final Path p : walk.sorted(Comparator.reverseOrder()).toList())
            {
                Files.delete(p);
            }
        }
    }
}

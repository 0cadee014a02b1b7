package io.moneyflow.journal;

import net.openhft.chronicle.queue.RollCycles;
import net.openhft.chronicle.wire.Wires;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.moneyflow.journal.JournalDescriptor.EXCERPT_HEADER_LENGTH;
import static io.moneyflow.journal.JournalDescriptor.MAGIC;
import static io.moneyflow.journal.JournalDescriptor.PAYLOAD_LENGTH_OFFSET;

/**
 * Reads the cycle files ({@code yyyyMMddF.cq4}) of a journal directory document by document, as Chronicle Queue laid
 * them out, without Chronicle Queue and without writing anything: so that a journal on a read-only disk can be read,
 * a file whose creation a killed writer left half-made is read around instead of waited on, and a repair can find
 * every sound excerpt behind damage that stops Chronicle Queue.
 * <p>
 * A cycle file is a run of documents, each a 4-byte header (little-endian, as Chronicle Wire writes it: bit 31 "not
 * complete", bit 30 "metadata", 30 bits of length) and its bytes, the next document at the following 4-byte boundary.
 * The first document is the file's own header (metadata beginning {@code header: !SCQStore}); metadata documents
 * (Chronicle's index pages) are passed over; data documents are the journal's excerpts, numbered from 0 in each file,
 * which with the cycle (the UTC day of the file's name) gives Chronicle's index. A header word of 0 is where nothing
 * was written yet. A document begun and not completed is where a writer is writing, or died writing.
 * <p>
 * Strict reading stops at the first thing out of place and says what it was. Salvage reading (for repair) searches on
 * from there, 4 bytes at a time, for the next document that starts a moneyflow excerpt whose lengths agree, so that
 * the excerpts after damage are found again. Used by one thread at a time.
 */
final class CycleFiles
{
    static
    {
        // before Chronicle builds a queue: moneyflow never phones home
        ChronicleAnalytics.disable();
    }

    /** The bytes Chronicle Queue begins every cycle file's header with: {@code header: !SCQStore}. */
    private static final byte[] STORE_HEADER = {
        (byte)0xb9, 0x06, 'h', 'e', 'a', 'd', 'e', 'r', (byte)0xb6, 0x08, 'S', 'C', 'Q', 'S', 't', 'o', 'r', 'e'};
    private static final Pattern CYCLE_NAME = Pattern.compile("(\\d{8})F\\.cq4");
    private static final DateTimeFormatter CYCLE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd");
    /**
     * Bytes read at a time: each read copies them twice (the kernel's page cache into the JDK's buffer, that into the
     * window), on the thread that feeds the engine. 8 MiB took 2-4 ms a read, which a paced replay at 100 k records/s
     * paid every 0.55 s as every record due meanwhile waiting (docs/BENCHMARKS.md); 256 KiB take about 0.1 ms. A
     * document longer than the window grows it.
     */
    static final int WINDOW_BYTES = 256 << 10;

    /** A {@code .cq4} file of the directory. */
    record CycleFile(Path path, int cycle)
    {
        /** @return true when its name is a day's cycle file of the journal's roll cycle. */
        boolean named()
        {
            return cycle >= 0;
        }

        String name()
        {
            return path.getFileName().toString();
        }
    }

    /** {@link Sink#onDocument} result: go on to the next document. */
    static final int NEXT = 0;
    /** {@link Sink#onDocument} result: stop the scan. */
    static final int STOP = 1;
    /** {@link Sink#onDocument} result: not a sound excerpt; search for the next one from its start. */
    static final int SEARCH = 2;

    /** Receives what a scan finds, in file order. */
    interface Sink
    {
        /**
         * A complete data document.
         *
         * @param file   its file.
         * @param offset the byte offset of its 4-byte header in the file.
         * @param index  Chronicle's index of it, or -1 when it cannot be known (after damage in the file).
         * @param bytes  holds its bytes, from {@code at}; valid during the call only.
         * @param at     where they start.
         * @param length its length.
         * @return {@link #NEXT}, {@link #STOP}, or (salvage) {@link #SEARCH} when the document is not a sound
         *         excerpt: its header may be what is damaged, so the next excerpt is searched for from its start.
         */
        int onDocument(CycleFile file, long offset, long index, byte[] bytes, int at, int length);

        /**
         * Something out of place: in a strict scan the scan stops after it.
         *
         * @param file    the file.
         * @param from    first byte offset of the stretch.
         * @param to      the offset where sound documents begin again (salvage), or where reading stopped.
         * @param problem what is wrong, for a person.
         */
        void onDamage(CycleFile file, long from, long to, String problem);

        /**
         * A file passed over: a half-made one that holds no excerpt.
         *
         * @param file the file.
         * @param note why.
         */
        void onNote(CycleFile file, String note);
    }

    private CycleFiles()
    {
    }

    /**
     * @param dir a journal directory.
     * @return its {@code .cq4} files: named cycle files in cycle order, then any other {@code .cq4} by name.
     */
    static List<CycleFile> list(final Path dir)
    {
        final List<CycleFile> files = new ArrayList<>();
        try (var list = Files.list(dir))
        {
            list.filter(p -> p.getFileName().toString().endsWith(".cq4") && Files.isRegularFile(p)).forEach(p ->
                files.add(new CycleFile(p, cycleOf(p.getFileName().toString()))));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot list journal directory " + dir + ": " + ex.getMessage(), ex);
        }
        files.sort(Comparator.comparing((CycleFile f) -> !f.named()).thenComparingInt(CycleFile::cycle)
            .thenComparing(CycleFile::name));
        return files;
    }

    private static int cycleOf(final String name)
    {
        final Matcher m = CYCLE_NAME.matcher(name);
        if (!m.matches())
        {
            return -1;
        }
        try
        {
            return (int)LocalDate.parse(m.group(1), CYCLE_FORMAT).toEpochDay();
        }
        catch (final DateTimeParseException ex)
        {
            return -1;
        }
    }

    /**
     * Scans one file.
     *
     * @param file    the file.
     * @param salvage false to stop at the first damage; true to search on for sound excerpts after it.
     * @param sink    receives documents, damage and notes.
     * @return false when the sink stopped the scan.
     */
    static boolean scan(final CycleFile file, final boolean salvage, final Sink sink)
    {
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ))
        {
            return new Scan(file, channel, salvage, sink).run();
        }
        catch (final IOException ex)
        {
            sink.onDamage(file, 0, 0, "cannot be read: " + ex.getMessage());
            return true;
        }
    }

    /**
     * @param file a Chronicle Queue file.
     * @return true when its first 4-byte header (native byte order, as Chronicle maps it) is not complete, by
     * Chronicle Wire's own test of the header word.
     * @throws IOException when it cannot be read.
     */
    static boolean firstHeaderAbandoned(final Path file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer first = ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.nativeOrder());
            while (first.hasRemaining() && channel.read(first) >= 0)
            {
                // a short read only at the end of a file shorter than 4 bytes
            }
            return !first.hasRemaining() && Wires.isNotComplete(first.flip().getInt());
        }
    }

    /**
     * Checks a {@code .cq4} file's first header only (cheap: the first bytes): for a writer, before Chronicle Queue
     * opens the directory and, finding a file it cannot read, may extend or rewrite it.
     *
     * @param file a {@code .cq4} file of a journal directory.
     * @return what is wrong with it, or null when its name is a day's and its first header is Chronicle's (or was
     *         abandoned while being created, or not written yet: a writer clears or completes those).
     * @throws IOException when it cannot be read.
     */
    static String headerProblem(final CycleFile file) throws IOException
    {
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ))
        {
            final ByteBuffer head = ByteBuffer.allocate(4 + STORE_HEADER.length).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && channel.read(head) >= 0)
            {
                // to the end of a short file
            }
            if (head.position() < 4 || head.getInt(0) == 0 || Wires.isNotComplete(head.getInt(0)))
            {
                return null;
            }
            if (!Wires.isReadyMetaData(head.getInt(0)) || head.position() < head.capacity() ||
                !java.util.Arrays.equals(head.array(), 4, head.capacity(), STORE_HEADER, 0, STORE_HEADER.length))
            {
                return "its first header is not a Chronicle Queue cycle file's header";
            }
            return file.named() ? null : "is named like no day of the journal's daily cycle (yyyyMMddF.cq4)";
        }
    }

    /**
     * @param file a Chronicle Queue table store ({@code metadata.cq4t}).
     * @return what is wrong with its first header, or null when it is complete and Chronicle's
     *         ({@code header: !STStore}), or was abandoned while being created (a writer clears that).
     * @throws IOException when it cannot be read.
     */
    static String tableStoreProblem(final Path file) throws IOException
    {
        final byte[] expected = {(byte)0xb9, 0x06, 'h', 'e', 'a', 'd', 'e', 'r', (byte)0xb6, 0x07, 'S', 'T', 'S', 't',
            'o', 'r', 'e'};
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ))
        {
            final ByteBuffer head = ByteBuffer.allocate(4 + expected.length).order(ByteOrder.LITTLE_ENDIAN);
            while (head.hasRemaining() && channel.read(head) >= 0)
            {
                // to the end of a short file
            }
            if (head.position() < 4 || Wires.isNotComplete(head.getInt(0)))
            {
                return null;
            }
            if (!Wires.isReadyMetaData(head.getInt(0)) || head.position() < head.capacity() ||
                !java.util.Arrays.equals(head.array(), 4, head.capacity(), expected, 0, expected.length))
            {
                return "its first header is not a Chronicle Queue table store's header";
            }
            return null;
        }
    }

    /**
     * @param file a Chronicle Queue file.
     * @return how many moneyflow excerpts a salvage scan finds in it (sound or not): 0 means it holds no record.
     */
    static long excerptsIn(final CycleFile file)
    {
        final long[] found = new long[1];
        scan(file, true, new Sink()
        {
            @Override
            public int onDocument(
                final CycleFile f, final long offset, final long index, final byte[] bytes, final int at,
                final int length)
            {
                if (startsExcerpt(bytes, at, length))
                {
                    found[0]++;
                    return NEXT;
                }
                return SEARCH;
            }

            @Override
            public void onDamage(final CycleFile f, final long from, final long to, final String problem)
            {
            }

            @Override
            public void onNote(final CycleFile f, final String note)
            {
            }
        });
        return found[0];
    }

    /** @return true when the bytes begin a moneyflow excerpt whose payload length fills exactly {@code length}. */
    private static boolean startsExcerpt(final byte[] bytes, final int at, final int length)
    {
        if (length < EXCERPT_HEADER_LENGTH)
        {
            return false;
        }
        final ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        return b.getInt(at) == MAGIC && b.getInt(at + PAYLOAD_LENGTH_OFFSET) == length - EXCERPT_HEADER_LENGTH;
    }

    /** One pass over one file, through a window of it. */
    private static final class Scan
    {
        private final CycleFile file;
        private final FileChannel channel;
        private final boolean salvage;
        private final Sink sink;
        private final long size;
        private byte[] window = new byte[WINDOW_BYTES];
        private ByteBuffer buffer = ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN);
        private long windowStart;
        private int windowLength;
        private long sequence;
        private boolean indexKnown = true;

        Scan(final CycleFile file, final FileChannel channel, final boolean salvage, final Sink sink)
            throws IOException
        {
            this.file = file;
            this.channel = channel;
            this.salvage = salvage;
            this.sink = sink;
            this.size = channel.size();
        }

        boolean run() throws IOException
        {
            if (size < 4)
            {
                return empty("is " + size + " bytes long: its creation was abandoned", true);
            }
            final int first = word(0);
            if (first == 0)
            {
                sink.onNote(file, "holds nothing yet (its first header is not written)");
                return true;
            }
            if (Wires.isNotComplete(first))
            {
                return empty("its first header was never completed (a process died while creating it)", true);
            }
            final int firstLength = Wires.lengthOf(first);
            if (!Wires.isReadyMetaData(first) || !fits(0, firstLength) || !storeHeader(firstLength))
            {
                return empty(file.named() ? "its first header is not a Chronicle Queue cycle file's header" :
                    "is not a Chronicle Queue cycle file of this journal", false);
            }
            if (!file.named())
            {
                // a queue file under another name: Chronicle Queue would not read it as part of the journal
                return empty("is named like no day of the journal's daily cycle (yyyyMMddF.cq4)", false);
            }
            return documents(align(4 + firstLength), false);
        }

        /**
         * A file whose first header is missing or not Chronicle's. One whose creation was abandoned and that holds no
         * excerpt is a note (read around it; a writer clears it); anything else is damage, named.
         */
        private boolean empty(final String why, final boolean abandoned) throws IOException
        {
            final long next = find(4, -1);
            if (next < 0)
            {
                if (abandoned && file.named())
                {
                    sink.onNote(file, why + "; it holds no record");
                }
                else
                {
                    sink.onDamage(file, 0, size, why + "; it holds no record");
                }
                return true;
            }
            sink.onDamage(file, 0, next, why + ", yet it holds journal excerpts");
            if (!salvage)
            {
                return true;
            }
            indexKnown = false;
            return documents(next, true);
        }

        /**
         * Reads documents from {@code start}.
         *
         * @param found true when {@code start} was found by {@link #find}: in salvage, its length is the excerpt's
         *              own, whatever the header word before it says.
         */
        private boolean documents(final long start, final boolean found) throws IOException
        {
            long offset = start;
            boolean own = found && salvage;
            while (offset + 4 <= size)
            {
                final int header = word(offset);
                final int ownLength = own ? excerptLength(offset) : -1;
                own = false;
                if (ownLength < 0 && (header == 0 || Wires.isEndOfFile(header)))
                {
                    // nothing written from here, or the end Chronicle marks when it rolls to the next cycle
                    return true;
                }
                final int length = ownLength >= 0 ? ownLength : Wires.lengthOf(header);
                final String problem;
                if (ownLength < 0 && Wires.isNotComplete(header))
                {
                    final long next = find(offset + 4, -1);
                    if (next < 0)
                    {
                        // a writer is writing here, or died writing (Chronicle skips such a document): nothing follows
                        return true;
                    }
                    problem = "a document begun and never completed at byte " + offset + ", with excerpts after it";
                }
                else if (!fits(offset, length))
                {
                    problem = "a document at byte " + offset + " says it is " + length + " bytes long, past the " +
                        "file's end (" + size + " bytes)";
                }
                else if (ownLength < 0 && !Wires.isData(header))
                {
                    // metadata: Chronicle's index pages
                    offset = align(offset + 4 + length);
                    continue;
                }
                else
                {
                    final int at = load(offset + 4, length);
                    final int next = sink.onDocument(file, offset, indexKnown ? index(sequence) : -1, window, at,
                        length);
                    if (next == STOP)
                    {
                        return false;
                    }
                    sequence++;
                    if (next == NEXT || !salvage)
                    {
                        offset = align(offset + 4 + length);
                        continue;
                    }
                    // not a sound excerpt: what its header word says may be the damage; search from its start
                    final long found2 = find(offset, offset);
                    if (found2 < 0)
                    {
                        return true;
                    }
                    indexKnown = false;
                    offset = found2;
                    own = true;
                    continue;
                }
                if (!salvage)
                {
                    sink.onDamage(file, offset, offset, problem);
                    return true;
                }
                final long next = find(offset, offset);
                sink.onDamage(file, offset, next < 0 ? size : next, problem);
                if (next < 0)
                {
                    return true;
                }
                indexKnown = false;
                offset = next;
                own = true;
            }
            return true;
        }

        private long index(final long seq)
        {
            return RollCycles.FAST_DAILY.toIndex(file.cycle(), seq);
        }

        /**
         * Searches from {@code from} (4-byte steps) for the start of a moneyflow excerpt. Strict: a complete data
         * document whose length is the excerpt's own. Salvage: any place where an excerpt's magic follows a 4-byte
         * header word and its own length fits in the file, whatever the word says (the word may be the damage); at
         * {@code retry}, the offset of a document that was not sound, only when its own length differs from the
         * word's (so that the same reading is never tried twice).
         *
         * @return its offset, or -1.
         */
        private long find(final long from, final long retry) throws IOException
        {
            for (long offset = align(from); offset + 4 + EXCERPT_HEADER_LENGTH <= size; offset += 4)
            {
                final int own = excerptLength(offset);
                if (own < 0)
                {
                    continue;
                }
                final int header = word(offset);
                final boolean chronicleAgrees = header != 0 && !Wires.isNotComplete(header) && Wires.isData(header) &&
                    Wires.lengthOf(header) == own;
                if (offset == retry ? !chronicleAgrees : chronicleAgrees || salvage)
                {
                    return offset;
                }
            }
            return -1;
        }

        /**
         * @return the length of the moneyflow excerpt whose magic is at {@code offset + 4}, by its own payload length,
         *         when it fits in the file; else -1.
         */
        private int excerptLength(final long offset) throws IOException
        {
            if (offset + 4 + EXCERPT_HEADER_LENGTH > size)
            {
                return -1;
            }
            final int at = load(offset, 4 + EXCERPT_HEADER_LENGTH);
            if (buffer.getInt(at + 4) != MAGIC)
            {
                return -1;
            }
            final int payload = buffer.getInt(at + 4 + PAYLOAD_LENGTH_OFFSET);
            final long length = (long)EXCERPT_HEADER_LENGTH + payload;
            return payload >= 0 && length <= Wires.LENGTH_MASK && fits(offset, (int)length) ? (int)length : -1;
        }

        private boolean storeHeader(final int length) throws IOException
        {
            if (length < STORE_HEADER.length)
            {
                return false;
            }
            final int at = load(4, STORE_HEADER.length);
            for (int i = 0; i < STORE_HEADER.length; i++)
            {
                if (window[at + i] != STORE_HEADER[i])
                {
                    return false;
                }
            }
            return true;
        }

        private boolean fits(final long offset, final int length)
        {
            return offset + 4 + length <= size;
        }

        private int word(final long offset) throws IOException
        {
            return buffer.getInt(load(offset, 4));
        }

        /**
         * Makes {@code [offset, offset + length)} of the file readable in the window.
         *
         * @return where it starts in the window.
         */
        private int load(final long offset, final int length) throws IOException
        {
            if (offset >= windowStart && offset + length <= windowStart + windowLength)
            {
                return (int)(offset - windowStart);
            }
            if (length > window.length)
            {
                window = new byte[Integer.highestOneBit(length) << 1];
                buffer = ByteBuffer.wrap(window).order(ByteOrder.LITTLE_ENDIAN);
            }
            windowStart = offset;
            windowLength = 0;
            final ByteBuffer into = ByteBuffer.wrap(window, 0, (int)Math.min(window.length, size - offset));
            while (into.hasRemaining())
            {
                final int n = channel.read(into, offset + into.position());
                if (n < 0)
                {
                    break;
                }
            }
            windowLength = into.position();
            if (windowLength < length)
            {
                throw new IOException("file ended at byte " + (offset + windowLength) + " while reading " + length +
                    " bytes at " + offset);
            }
            return 0;
        }

        private static long align(final long offset)
        {
            return (offset + 3) & ~3L;
        }
    }

    /**
     * @param bytes a document's bytes.
     * @param length its length.
     * @return its first bytes as text, for a message.
     */
    static String preview(final byte[] bytes, final int length)
    {
        return new String(bytes, 0, Math.min(length, 16), StandardCharsets.ISO_8859_1);
    }
}

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
    /** The bytes Chronicle Queue begins every cycle file's header with: {@code header: !SCQStore}. */
    private static final byte[] STORE_HEADER = {
        (byte)0xb9, 0x06, 'h', 'e', 'a', 'd', 'e', 'r', (byte)0xb6, 0x08, 'S', 'C', 'Q', 'S', 't', 'o', 'r', 'e'};
    private static final Pattern CYCLE_NAME = Pattern.compile("(\\d{8})F\\.cq4");
    private static final DateTimeFormatter CYCLE_FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd");
    private static final int WINDOW_BYTES = 8 << 20;

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
         * @return false to stop.
         */
        boolean onDocument(CycleFile file, long offset, long index, byte[] bytes, int at, int length);

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
            public boolean onDocument(
                final CycleFile f, final long offset, final long index, final byte[] bytes, final int at,
                final int length)
            {
                if (startsExcerpt(bytes, at, length))
                {
                    found[0]++;
                }
                return true;
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
            return documents(align(4 + firstLength));
        }

        /**
         * A file whose first header is missing or not Chronicle's. One whose creation was abandoned and that holds no
         * excerpt is a note (read around it; a writer clears it); anything else is damage, named.
         */
        private boolean empty(final String why, final boolean abandoned) throws IOException
        {
            final long next = find(4);
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
            return documents(next);
        }

        private boolean documents(final long start) throws IOException
        {
            long offset = start;
            while (offset + 4 <= size)
            {
                final int header = word(offset);
                if (header == 0 || Wires.isEndOfFile(header))
                {
                    // nothing written from here, or the end Chronicle marks when it rolls to the next cycle
                    return true;
                }
                final int length = Wires.lengthOf(header);
                final String problem;
                if (Wires.isNotComplete(header))
                {
                    final long next = find(offset + 4);
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
                else
                {
                    if (Wires.isData(header))
                    {
                        final int at = load(offset + 4, length);
                        if (!sink.onDocument(file, offset, indexKnown ? index(sequence) : -1, window, at, length))
                        {
                            return false;
                        }
                        sequence++;
                    }
                    offset = align(offset + 4 + length);
                    continue;
                }
                if (!salvage)
                {
                    sink.onDamage(file, offset, offset, problem);
                    return true;
                }
                final long next = find(offset + 4);
                sink.onDamage(file, offset, next < 0 ? size : next, problem);
                if (next < 0)
                {
                    return true;
                }
                indexKnown = false;
                offset = next;
            }
            return true;
        }

        private long index(final long seq)
        {
            return RollCycles.FAST_DAILY.toIndex(file.cycle(), seq);
        }

        /**
         * Searches from {@code from} (4-byte steps) for the header of a data document that begins a moneyflow excerpt
         * whose payload length fills the document.
         *
         * @return its offset, or -1.
         */
        private long find(final long from) throws IOException
        {
            for (long offset = align(from); offset + 4 + EXCERPT_HEADER_LENGTH <= size; offset += 4)
            {
                final int at = load(offset, 4 + EXCERPT_HEADER_LENGTH);
                final int header = buffer.getInt(at);
                if (header == 0 || Wires.isNotComplete(header) || !Wires.isData(header))
                {
                    continue;
                }
                final int length = Wires.lengthOf(header);
                if (buffer.getInt(at + 4) == MAGIC && length >= EXCERPT_HEADER_LENGTH && fits(offset, length) &&
                    buffer.getInt(at + 4 + PAYLOAD_LENGTH_OFFSET) == length - EXCERPT_HEADER_LENGTH)
                {
                    return offset;
                }
            }
            return -1;
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

package io.moneyflow.feed;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Turns the paths a user gives into readable inputs: plain files, {@code .gz} files, every data entry of a
 * {@code .zip}, and every data file under a directory (recursively, in name order).
 * <p>
 * A zip whose central directory is damaged (a truncated download) is still read, entry by entry from the front,
 * so that every complete line before the damage counts. Runs at start-up on the calling thread.
 */
public final class InputFiles
{
    private InputFiles()
    {
    }

    /** Thrown when a path does not exist or cannot be read; its message is one line for the user. */
    public static final class InputException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what is wrong, naming the path.
         */
        public InputException(final String message)
        {
            super(message);
        }
    }

    /** Thrown by {@link Input#nextStream()} when a damaged archive ends part way through its entries. */
    public static final class TruncatedArchiveException extends IOException
    {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what failed.
         */
        public TruncatedArchiveException(final String message)
        {
            super(message);
        }
    }

    /**
     * Thrown by {@link Input#nextStream()} when a file is not what its name says (a {@code .gz} that is not gzip, a
     * {@code .zip} that is not an archive) and holds nothing to read: the run skips it, or stops when the user named
     * it.
     */
    public static final class UnreadableInputException extends IOException
    {
        private static final long serialVersionUID = 1L;

        /**
         * @param message what the file is not, for the user.
         */
        public UnreadableInputException(final String message)
        {
            super(message);
        }
    }

    /**
     * One readable stream, or a chain of them for a damaged zip read from the front.
     */
    public interface Input
    {
        /**
         * @return a name for the user: {@code path} or {@code archive.zip!entry}.
         */
        String label();

        /**
         * @return true when it came from a directory or archive listing rather than a path the user named; such an
         * input is skipped with a warning when no layout recognises it.
         */
        boolean discovered();

        /**
         * Moves to the next stream. Plain inputs have exactly one.
         *
         * @return false when there are no more.
         * @throws IOException when the next stream cannot be opened.
         */
        boolean nextStream() throws IOException;

        /**
         * @return the current stream's label.
         */
        String streamLabel();

        /**
         * @return the current stream.
         */
        InputStream stream();

        /**
         * @return a note for the user about how this input is read, or null.
         */
        default String note()
        {
            return null;
        }

        /**
         * Closes the current stream and anything underneath.
         */
        void close();

        /**
         * @return a new, unopened input over the same bytes: for reading an input twice (see {@code InputOrder}).
         */
        Input reopen();

        /**
         * @return this input's share of the bytes on disk: a file's size; for an archive's entries, each entry's
         *         compressed size, the archive's own headers and directory counted with its last data entry, so that
         *         the inputs of one archive add up to its size.
         */
        default long size()
        {
            return 0;
        }

        /**
         * How far the input has been read, in bytes on disk: counted under the decompressor (for an archive's entry,
         * its bytes read scaled to its compressed size). Reaches {@link #size()} when the input is closed, read to
         * its end or given up; never more. For a run's progress; the feed thread's.
         *
         * @return bytes of {@link #size()} read so far.
         */
        default long bytesRead()
        {
            return 0;
        }
    }

    /**
     * @param inputs from {@link #expand(List)}.
     * @return their sizes on disk summed: the total of a run's progress.
     */
    public static long size(final List<Input> inputs)
    {
        long total = 0;
        for (final Input input : inputs)
        {
            total += input.size();
        }
        return total;
    }

    /**
     * @param inputs from {@link #expand(List)}.
     * @return the bytes read of them so far, summed (see {@link Input#bytesRead()}).
     */
    public static long bytesRead(final List<Input> inputs)
    {
        long read = 0;
        for (final Input input : inputs)
        {
            read += input.bytesRead();
        }
        return read;
    }

    /**
     * Expands paths into inputs.
     *
     * @param paths files, archives or directories.
     * @return the inputs, in the order given (directory contents sorted by name).
     * @throws InputException naming the first path that does not exist or cannot be read.
     */
    public static List<Input> expand(final List<Path> paths)
    {
        final List<Input> inputs = new ArrayList<>();
        for (final Path path : paths)
        {
            if (!Files.exists(path))
            {
                throw new InputException("input not found: " + path);
            }
            if (!Files.isReadable(path))
            {
                throw new InputException("input not readable: " + path);
            }
            if (Files.isDirectory(path))
            {
                try (Stream<Path> walk = Files.walk(path))
                {
                    final List<Path> files = walk
                        .filter(Files::isRegularFile)
                        .filter(p -> !p.getFileName().toString().startsWith("."))
                        .filter(p -> isDataName(p.getFileName().toString()))
                        .sorted()
                        .toList();
                    for (final Path file : files)
                    {
                        addFile(file, true, inputs);
                    }
                }
                catch (final IOException ex)
                {
                    throw new InputException("cannot list directory " + path + ": " + ex.getMessage());
                }
            }
            else
            {
                addFile(path, false, inputs);
            }
        }
        return inputs;
    }

    static boolean isDataName(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".csv") || lower.endsWith(".txt") || lower.endsWith(".gz") || lower.endsWith(".zip") ||
            lower.endsWith(".tsv");
    }

    private static void addFile(final Path file, final boolean discovered, final List<Input> inputs)
    {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".zip"))
        {
            addZip(file, discovered, inputs);
        }
        else
        {
            final long size = sizeOf(file);
            inputs.add(new SingleInput(file.toString(), discovered, count -> open(file, count), size, size));
        }
    }

    private static void addZip(final Path file, final boolean discovered, final List<Input> inputs)
    {
        final List<ZipEntry> dataEntries = new ArrayList<>();
        try (ZipFile zip = new ZipFile(file.toFile()))
        {
            final Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements())
            {
                final ZipEntry entry = entries.nextElement();
                if (!entry.isDirectory() && isDataEntry(entry.getName()))
                {
                    dataEntries.add(entry);
                }
            }
        }
        catch (final ZipException ex)
        {
            // The central directory is unreadable (truncated or damaged): read entries from the front instead,
            // if there is at least one.
            if (!hasLocalEntry(file))
            {
                if (discovered)
                {
                    // skipped when read, with a line saying so: the run then exits non-zero
                    final String why = "not a zip archive, or damaged beyond reading (" + ex.getMessage() + ")";
                    final long size = sizeOf(file);
                    inputs.add(new SingleInput(file.toString(), true, count ->
                    {
                        throw new UnreadableInputException(why);
                    }, size, size));
                    return;
                }
                throw new InputException("not a zip archive, or damaged beyond reading: " + file + " (" +
                    ex.getMessage() + ")");
            }
            inputs.add(new StreamingZipInput(file, ex.getMessage()));
            return;
        }
        catch (final IOException ex)
        {
            throw new InputException("cannot read archive " + file + ": " + describe(ex));
        }
        if (dataEntries.isEmpty() && !discovered)
        {
            throw new InputException("no data files (.csv, .txt, .gz) in archive " + file);
        }
        dataEntries.sort(java.util.Comparator.comparing(ZipEntry::getName));
        // each entry's share of the archive is its compressed size; the rest (headers, the directory, entries that
        // are not data) goes with the last, so that the entries add up to the archive's size
        long shares = 0;
        for (final ZipEntry entry : dataEntries)
        {
            shares += Math.max(0, entry.getCompressedSize());
        }
        final long rest = Math.max(0, sizeOf(file) - shares);
        for (int i = 0; i < dataEntries.size(); i++)
        {
            final ZipEntry entry = dataEntries.get(i);
            final String entryName = entry.getName();
            final long share = Math.max(0, entry.getCompressedSize()) + (i == dataEntries.size() - 1 ? rest : 0);
            inputs.add(new SingleInput(file + "!" + entryName, true, count -> openEntry(file, entryName, count),
                share, entry.getSize()));
        }
    }

    private static boolean hasLocalEntry(final Path file)
    {
        try (ZipInputStream zip = new ZipInputStream(new BufferedInputStream(Files.newInputStream(file))))
        {
            return zip.getNextEntry() != null;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    /**
     * @param ex an I/O failure.
     * @return its message, or its type when it has none.
     */
    static String describe(final IOException ex)
    {
        return ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage();
    }

    private static boolean isDataEntry(final String name)
    {
        final String base = name.substring(name.lastIndexOf('/') + 1);
        return !name.startsWith("__MACOSX/") && !base.startsWith(".") && isDataName(base) &&
            !base.toLowerCase(Locale.ROOT).endsWith(".zip");
    }

    /** @return the file's size, or 0 when it cannot be had (the file is then refused when read). */
    private static long sizeOf(final Path file)
    {
        try
        {
            return Files.size(file);
        }
        catch (final IOException ex)
        {
            return 0;
        }
    }

    private static InputStream open(final Path file, final Counting count) throws IOException
    {
        // counted under the buffer: one add per 64 KiB read from the disk
        final InputStream raw = new BufferedInputStream(count.apply(Files.newInputStream(file)), 1 << 16);
        if (file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".gz"))
        {
            try
            {
                return new GZIPInputStream(raw, 1 << 16);
            }
            catch (final ZipException ex)
            {
                raw.close();
                throw notGzip(ex);
            }
            catch (final IOException ex)
            {
                raw.close();
                throw ex;
            }
        }
        return raw;
    }

    private static InputStream openEntry(final Path file, final String entryName, final Counting count)
        throws IOException
    {
        final ZipFile zip = new ZipFile(file.toFile());
        final InputStream decoded;
        try
        {
            // the entry's bytes as the archive inflates them, counted (the compressed bytes are out of reach) and
            // scaled to the compressed size by the input
            final InputStream in = count.apply(zip.getInputStream(zip.getEntry(entryName)));
            decoded = entryName.toLowerCase(Locale.ROOT).endsWith(".gz") ? gunzip(in) : in;
        }
        catch (final IOException ex)
        {
            zip.close();
            throw ex;
        }
        return new java.io.FilterInputStream(decoded)
        {
            @Override
            public void close() throws IOException
            {
                try
                {
                    super.close();
                }
                finally
                {
                    zip.close();
                }
            }
        };
    }

    private static InputStream gunzip(final InputStream in) throws IOException
    {
        try
        {
            return new GZIPInputStream(in, 1 << 16);
        }
        catch (final ZipException ex)
        {
            throw notGzip(ex);
        }
    }

    /** GZIPInputStream's complaint about a header that is not gzip's ("Not in GZIP format"). */
    private static UnreadableInputException notGzip(final ZipException ex)
    {
        return new UnreadableInputException("not a gzip file (" + describe(ex) + ")");
    }

    /** Closes an input's stream when it is done with, or given up: nothing more is read from it either way. */
    private static void closeQuietly(final InputStream stream)
    {
        try
        {
            stream.close();
        }
        catch (final IOException ignored)
        {
            // nothing more to read from it
        }
    }

    /** Puts a counter on the stream whose bytes measure an input's progress. */
    @FunctionalInterface
    private interface Counting
    {
        InputStream apply(InputStream in);
    }

    @FunctionalInterface
    private interface Opener
    {
        InputStream open(Counting count) throws IOException;
    }

    private static final class SingleInput implements Input
    {
        private final String label;
        private final boolean discovered;
        private final Opener opener;
        /** The input's share of the bytes on disk. */
        private final long size;
        /** What the counted stream gives in all: the file's size, or an archive entry's size inflated. */
        private final long countedSize;
        private InputStream stream;
        private CountingStream counted;
        private boolean opened;
        private boolean done;

        SingleInput(
            final String label, final boolean discovered, final Opener opener, final long size, final long countedSize)
        {
            this.label = label;
            this.discovered = discovered;
            this.opener = opener;
            this.size = size;
            this.countedSize = countedSize;
        }

        @Override
        public long size()
        {
            return size;
        }

        @Override
        public long bytesRead()
        {
            if (done)
            {
                return size;
            }
            if (counted == null || countedSize <= 0)
            {
                return 0;
            }
            final long count = counted.count();
            return count >= countedSize ? size : countedSize == size ? count : (long)((double)count * size / countedSize);
        }

        @Override
        public String label()
        {
            return label;
        }

        @Override
        public boolean discovered()
        {
            return discovered;
        }

        @Override
        public boolean nextStream() throws IOException
        {
            if (opened)
            {
                close();
                return false;
            }
            opened = true;
            stream = opener.open(in -> counted = new CountingStream(in));
            return true;
        }

        @Override
        public String streamLabel()
        {
            return label;
        }

        @Override
        public Input reopen()
        {
            return new SingleInput(label, discovered, opener, size, countedSize);
        }

        @Override
        public InputStream stream()
        {
            return stream;
        }

        @Override
        public void close()
        {
            // read to its end, skipped or given up: nothing more is read of it
            done = true;
            if (stream != null)
            {
                closeQuietly(stream);
                stream = null;
            }
        }
    }

    private static final class StreamingZipInput implements Input
    {
        private final Path file;
        private final String why;
        private final long size;
        private ZipInputStream zip;
        private CountingStream counted;
        private String current;
        private InputStream stream;
        private boolean done;

        StreamingZipInput(final Path file, final String why)
        {
            this.file = file;
            this.why = why;
            this.size = sizeOf(file);
        }

        @Override
        public long size()
        {
            return size;
        }

        @Override
        public long bytesRead()
        {
            return done ? size : counted == null ? 0 : Math.min(size, counted.count());
        }

        @Override
        public String label()
        {
            return file.toString();
        }

        @Override
        public boolean discovered()
        {
            return true;
        }

        @Override
        public String note()
        {
            return "archive is damaged (" + why + "): reading its entries from the front";
        }

        @Override
        public boolean nextStream() throws IOException
        {
            if (zip == null)
            {
                counted = new CountingStream(Files.newInputStream(file));
                zip = new ZipInputStream(new BufferedInputStream(counted, 1 << 16));
            }
            try
            {
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null)
                {
                    if (!entry.isDirectory() && isDataEntry(entry.getName()))
                    {
                        current = file + "!" + entry.getName();
                        // Closing an entry's reader must not close the archive: the next entry follows.
                        final InputStream entryStream = new java.io.FilterInputStream(zip)
                        {
                            @Override
                            public void close()
                            {
                                // the archive stays open for its next entry
                            }
                        };
                        stream = entry.getName().toLowerCase(Locale.ROOT).endsWith(".gz") ?
                            new GZIPInputStream(entryStream) : entryStream;
                        return true;
                    }
                }
            }
            catch (final IOException ex)
            {
                close();
                throw new TruncatedArchiveException("archive ends part way through its entries (" + describe(ex) +
                    ")");
            }
            close();
            // Read from the front, a damaged archive ends without its directory (ZipInputStream cannot tell a cut
            // entry header from the end): entries after the last one read may be lost.
            throw new TruncatedArchiveException("archive ends without its central directory; entries after the last " +
                "one read may be missing");
        }

        @Override
        public String streamLabel()
        {
            return current;
        }

        @Override
        public Input reopen()
        {
            return new StreamingZipInput(file, why);
        }

        @Override
        public InputStream stream()
        {
            return stream;
        }

        @Override
        public void close()
        {
            done = true;
            if (zip != null)
            {
                closeQuietly(zip);
                zip = null;
            }
        }
    }
}

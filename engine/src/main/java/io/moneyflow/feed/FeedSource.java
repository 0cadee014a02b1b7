package io.moneyflow.feed;

import io.moneyflow.codec.CsvSplitter;
import io.moneyflow.codec.LineReader;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.codec.csv.RecordDecoder;
import io.moneyflow.codec.csv.RecordLayout;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One input being read: its current stream, the layout recognised from its header, and the next good record
 * ({@link #head()}), which the {@link Feed} merges with the other sources by time. Used by the feed thread only.
 * <p>
 * The source reads one good record ahead of its head, and checks each record against the records of the same stock,
 * day and stream (trades, orders or snapshots) that came before it in this input, in the input's own order:
 * <ul>
 *   <li>a record earlier than the latest one by more than the bound is rejected ({@code time-backwards});</li>
 *   <li>a single record that jumps ahead of the latest one by more than the bound while the record after it in the
 *       input comes back to where the input was is rejected ({@code time-outlier}): one stray time costs one record,
 *       not every record behind it.</li>
 * </ul>
 * The checks follow the input's order, not the merge's, so that a run gives the same answer whatever the order of its
 * files (see {@link InputOrder}).
 */
final class FeedSource implements RecordSource
{
    private static final int BUFFER_SIZE = 1 << 16;
    private static final long NONE = Long.MIN_VALUE;

    private final int index;
    private final InputFiles.Input input;
    private final Layouts layouts;
    private final Layout forced;
    private final FeedListener listener;
    private final InputEvents events;
    private final int maxBackwardsMs;
    /**
     * Per stock, day and stream of this input: the latest accepted time. Sized for a market's day of trades (a few
     * thousand stocks) from the start: a map that grew in the middle of the day made the compiled feed loop, which
     * had never seen it grow, deoptimise and compile again.
     */
    private final org.agrona.collections.Long2LongHashMap latest =
        new org.agrona.collections.Long2LongHashMap(8192, 0.65f, NONE);
    private TickEvent head = new TickEvent();
    private TickEvent ahead = new TickEvent();
    private String headLabel;
    private String aheadLabel;
    private boolean primed;
    private boolean aheadValid;
    /** Time of the last record this input gave (date and time packed), and its key, for the outlier check. */
    private long previousTime = NONE;
    private long previousKey = NONE;
    private int sourceId = -1;
    /** Rejections met while reading ahead, reported once the records before them have gone. */
    private final Deferred later = new Deferred();

    private LineReader reader;
    private CsvSplitter csv;
    private RecordDecoder decoder;
    private String label;
    private boolean recognisedAny;
    private boolean truncationReported;
    private boolean noted;
    private boolean previousStreamFailed;
    private long linesRead;

    FeedSource(
        final int index, final InputFiles.Input input, final Layouts layouts, final Layout forced,
        final FeedListener listener, final InputEvents events, final int maxBackwardsMs)
    {
        this.index = index;
        this.input = input;
        this.layouts = layouts;
        this.forced = forced;
        this.listener = listener;
        this.events = events;
        this.maxBackwardsMs = maxBackwardsMs;
    }

    /**
     * Moves to the next good record, reporting every bad line on the way.
     *
     * @return false when the source is exhausted.
     */
    @Override
    public boolean advance()
    {
        if (!primed)
        {
            primed = true;
            aheadValid = readGood(ahead);
            aheadLabel = label;
        }
        while (aheadValid)
        {
            final TickEvent t = head;
            head = ahead;
            ahead = t;
            headLabel = aheadLabel;
            aheadValid = readGood(ahead);
            aheadLabel = label;
            if (admit(head))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Checks the head against the earlier records of its stock, day and stream in this input, and the record after
     * it.
     *
     * @return true when it stands; false when it was rejected.
     */
    private boolean admit(final TickEvent record)
    {
        final long key = streamKey(record);
        final long time = dateTime(record);
        // one probe for the common case, a record at or after its stream's latest: put, and put back when not
        final long last = latest.put(key, time);
        if (last != NONE && time < last)
        {
            latest.put(key, last);
        }
        if (last != NONE)
        {
            if (time < last - maxBackwardsMs)
            {
                later.reject(RejectReason.TIME_BACKWARDS, record.sourceId, headLabel, record.line,
                    events.wantsDetail(RejectReason.TIME_BACKWARDS) ? describe(time) + " is before this stream's " +
                    describe(last) + " by more than " + maxBackwardsMs + " ms" : null, null, 0, 0);
                return false;
            }
            if (time > last + maxBackwardsMs && isOutlier(key, time))
            {
                later.reject(RejectReason.TIME_OUTLIER, record.sourceId, headLabel, record.line,
                    events.wantsDetail(RejectReason.TIME_OUTLIER) ? describe(time) + " is ahead of this stream's " +
                    describe(last) + " and of the next record (line " + ahead.line + ", " +
                    describe(dateTime(ahead)) + ") by more than " + maxBackwardsMs + " ms: a stray time, rejected " +
                    "alone" : null, null, 0, 0);
                latest.put(key, last);
                return false;
            }
        }
        previousTime = time;
        previousKey = key;
        return true;
    }

    /**
     * A record that jumps ahead of its stream is a stray when the record after it comes back behind it by more than
     * the bound, to where this input was before it; and either that record is of the same stock and stream, or the
     * record before it was of another (the input is in time order across stocks there). Not when the record before it
     * was its own stream's and the one after another stock's: that is where an input sorted by stock moves on.
     */
    private boolean isOutlier(final long key, final long time)
    {
        if (!aheadValid || previousTime == NONE)
        {
            return false;
        }
        final long next = dateTime(ahead);
        if (next >= time - maxBackwardsMs || next < previousTime - maxBackwardsMs)
        {
            return false;
        }
        return streamKey(ahead) == key || previousKey != key;
    }

    private static String describe(final long dateTime)
    {
        return TimeFormat.formatTime((int)(dateTime % MS_PER_DATE));
    }

    private static final long MS_PER_DATE = 1L << 27;

    /**
     * @return the record's date and time as one comparable number.
     */
    static long dateTime(final TickEvent record)
    {
        return (long)record.date * MS_PER_DATE + record.timeMs;
    }

    /**
     * @return a key for the record's stock, day and stream (trades and cancels, orders, snapshots).
     */
    static long streamKey(final TickEvent record)
    {
        final int stream = record.type == TickEvent.ORDER ? 1 : record.type == TickEvent.SNAPSHOT ? 2 : 0;
        final int date = record.date;
        final long day = ((long)(date / 10000) << 9) | ((date / 100 % 100) << 5) | (date % 100);
        return (record.symbolKey << 25) | ((long)stream << 23) | (day & 0x7F_FFFF);
    }

    /**
     * Reads on to the next record that decodes, reporting every bad line on the way.
     *
     * @param into receives the record.
     * @return false when the input is exhausted.
     */
    private boolean readGood(final TickEvent into)
    {
        while (true)
        {
            if (reader == null)
            {
                if (!openNextStream())
                {
                    return false;
                }
                continue;
            }
            if (!reader.next())
            {
                if (reader.failed() && !truncationReported)
                {
                    later.reject(RejectReason.TRUNCATED, sourceId, label, reader.lineNumber() + 1,
                        "input ends early (" + reader.failure() + ")", null, 0, 0);
                }
                closeStream();
                continue;
            }
            linesRead++;
            if (reader.truncated())
            {
                truncationReported = true;
                later.reject(RejectReason.TRUNCATED, sourceId, label, reader.lineNumber(),
                    "line cut off: input ends early (" + reader.failure() + ")", reader.buffer(), reader.lineStart(),
                    reader.lineEnd() - reader.lineStart());
                continue;
            }
            if (reader.tooLong())
            {
                later.reject(RejectReason.MALFORMED, sourceId, label, reader.lineNumber(),
                    events.wantsDetail(RejectReason.MALFORMED) ? "line longer than 1 MiB" : null, null, 0, 0);
                continue;
            }
            final byte[] buffer = reader.buffer();
            final int start = reader.lineStart();
            final int end = reader.lineEnd();
            if (end == start)
            {
                continue;
            }
            csv.split(buffer, start, end);
            final RejectReason reason = decoder.decode(buffer, csv, into);
            if (reason != null)
            {
                reject(reason);
                continue;
            }
            into.sourceId = sourceId;
            into.line = reader.lineNumber();
            return true;
        }
    }

    /**
     * Reads the rest of the input for its times alone, to tell whether it is in time order (see {@link InputOrder}):
     * nothing is reported or published.
     *
     * @return the line of the first record earlier than the one before it, or 0 when the input is in time order;
     *         {@code lastTimes[0]} and {@code [1]} receive the two times (see {@link #dateTime}).
     */
    long firstStepBack(final long[] times)
    {
        long previous = NONE;
        while (true)
        {
            if (reader == null)
            {
                if (!openNextStream())
                {
                    return 0;
                }
                continue;
            }
            if (!reader.next())
            {
                closeStream();
                continue;
            }
            if (reader.truncated() || reader.tooLong())
            {
                continue;
            }
            final int start = reader.lineStart();
            final int end = reader.lineEnd();
            if (end == start)
            {
                continue;
            }
            csv.split(reader.buffer(), start, end);
            final long time = decoder.decodeDateTime(reader.buffer(), csv);
            if (time < 0)
            {
                continue;
            }
            if (time < previous)
            {
                times[0] = previous;
                times[1] = time;
                return reader.lineNumber();
            }
            previous = time;
        }
    }

    private void reject(final RejectReason reason)
    {
        final byte[] line = reader.buffer();
        final int lineStart = reader.lineStart();
        final int lineLength = reader.lineEnd() - reader.lineStart();
        if (!events.wantsDetail(reason))
        {
            later.reject(reason, sourceId, label, reader.lineNumber(), null, line, lineStart, lineLength);
            return;
        }
        final int column = decoder.rejectColumn();
        final String detail;
        if (column >= 0 && column < csv.count())
        {
            final String text = new String(reader.buffer(), csv.start(column), csv.end(column) - csv.start(column),
                StandardCharsets.UTF_8);
            detail = decoder.columnName(column) + " = '" + text + "'";
        }
        else if (reason == RejectReason.MALFORMED && csv.count() != decoder.expectedFields())
        {
            detail = "expected " + decoder.expectedFields() + " fields as in the header, found " + csv.count();
        }
        else if (reason == RejectReason.MALFORMED && csv.malformed())
        {
            detail = "unterminated or misplaced quote";
        }
        else
        {
            detail = abbreviate(reader.lineText());
        }
        later.reject(reason, sourceId, label, reader.lineNumber(), detail, line, lineStart, lineLength);
    }

    private static String abbreviate(final String text)
    {
        return text.length() > 120 ? "'" + text.substring(0, 120) + "...'" : "'" + text + "'";
    }

    private boolean openNextStream()
    {
        while (true)
        {
            if (!noted && input.note() != null)
            {
                listener.onNote(input.label(), input.note());
            }
            noted = true;
            final boolean more;
            try
            {
                more = input.nextStream();
            }
            catch (final InputFiles.TruncatedArchiveException ex)
            {
                // When the last entry already ended early, this is the same cut, already counted.
                if (!previousStreamFailed)
                {
                    later.reject(RejectReason.TRUNCATED, -1, input.label(), 0, ex.getMessage(), null, 0, 0);
                }
                return false;
            }
            catch (final InputFiles.UnreadableInputException ex)
            {
                // not what its name says (a .gz that is not gzip, a .zip that is no archive): nothing to read
                if (input.discovered())
                {
                    listener.onSkipped(input.label(), ex.getMessage());
                    continue;
                }
                throw new InputFiles.InputException(input.label() + ": " + ex.getMessage());
            }
            catch (final java.io.EOFException | java.util.zip.ZipException ex)
            {
                // A compressed file that ends (or breaks) before its first byte of data: nothing in it to count.
                later.reject(RejectReason.TRUNCATED, -1, input.label(), 1,
                    "cannot decompress: " + InputFiles.describe(ex), null, 0, 0);
                listener.onNothingRead(input.label(), "it ends before its first line (" + InputFiles.describe(ex) +
                    ")");
                continue;
            }
            catch (final IOException ex)
            {
                throw new InputFiles.InputException("cannot open " + input.label() + ": " + InputFiles.describe(ex));
            }
            if (!more)
            {
                return false;
            }
            label = input.streamLabel();
            reader = new LineReader(input.stream(), BUFFER_SIZE);
            truncationReported = false;
            try
            {
                bind();
                recognisedAny = true;
                sourceId = events.streamOpened(label);
                return true;
            }
            catch (final IllegalArgumentException ex)
            {
                if (reader.failed() && !truncationReported)
                {
                    later.reject(RejectReason.TRUNCATED, -1, label, reader.lineNumber() + 1,
                        "input ends early (" + reader.failure() + ")", null, 0, 0);
                    closeStream();
                    continue;
                }
                closeStream();
                if (input.discovered())
                {
                    listener.onSkipped(label, ex.getMessage());
                    continue;
                }
                throw new InputFiles.InputException(label + ": " + ex.getMessage());
            }
        }
    }

    private void bind()
    {
        final char delimiter;
        final RecordLayout section;
        final List<String> header;
        if (forced != null && forced.sections().size() == 1 && !forced.sections().get(0).columns().isEmpty())
        {
            section = forced.sections().get(0);
            delimiter = forced.delimiter();
            header = section.columns();
        }
        else
        {
            if (!nextNonBlankLine())
            {
                if (reader.tooLong())
                {
                    throw new IllegalArgumentException("its first line is longer than " +
                        LineReader.MAX_LINE_LENGTH / (1 << 20) + " MiB: not a file of text records (no line breaks?)");
                }
                throw new IllegalArgumentException("empty file: no header line");
            }
            linesRead++;
            final String encoding = unsupportedEncoding(reader.buffer(), reader.lineStart(), reader.lineEnd());
            if (encoding != null)
            {
                throw new IllegalArgumentException("the file is in " + encoding + ", which moneyflow does not read: " +
                    "save it as UTF-8 (or ASCII), e.g. iconv -f UTF-16 -t UTF-8");
            }
            header = splitHeader(',');
            Layouts.Recognised recognised;
            try
            {
                recognised = layouts.recognise(header, forced);
            }
            catch (final IllegalArgumentException commaFailed)
            {
                final List<String> tabHeader = splitHeader('\t');
                if (tabHeader.size() <= 1)
                {
                    throw commaFailed;
                }
                recognised = layouts.recognise(tabHeader, forced);
            }
            section = recognised.section();
            delimiter = recognised.layout().delimiter();
            if (delimiter != ',')
            {
                final List<String> redone = splitHeader(delimiter);
                decoder = new RecordDecoder(section, redone, label);
                csv = new CsvSplitter((byte)delimiter, redone.size());
                return;
            }
        }
        decoder = new RecordDecoder(section, header, label);
        csv = new CsvSplitter((byte)delimiter, header.size());
    }

    private boolean nextNonBlankLine()
    {
        while (reader.next())
        {
            if (reader.truncated() || reader.tooLong())
            {
                return false;
            }
            if (reader.lineEnd() > reader.lineStart() && !reader.lineText().isBlank())
            {
                return true;
            }
        }
        return false;
    }

    /**
     * UTF-16 text has a NUL byte in every ASCII character (and starts with FF FE or FE FF); read as UTF-8 its header
     * would match no layout, under a misleading name.
     *
     * @return the encoding's name when the header line is in one that is not read, else null.
     */
    static String unsupportedEncoding(final byte[] buffer, final int start, final int end)
    {
        if (end - start >= 2)
        {
            final int b0 = buffer[start] & 0xFF;
            final int b1 = buffer[start + 1] & 0xFF;
            if (b0 == 0xFF && b1 == 0xFE)
            {
                return "UTF-16 (little-endian)";
            }
            if (b0 == 0xFE && b1 == 0xFF)
            {
                return "UTF-16 (big-endian)";
            }
        }
        for (int i = start; i < end; i++)
        {
            if (buffer[i] == 0)
            {
                return "UTF-16 or another encoding with NUL bytes";
            }
        }
        return null;
    }

    private List<String> splitHeader(final char delimiter)
    {
        String text = reader.lineText();
        if (text.startsWith("\uFEFF"))
        {
            text = text.substring(1);
        }
        final List<String> names = new ArrayList<>();
        for (final String part : text.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1))
        {
            String name = part.strip();
            if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\""))
            {
                name = name.substring(1, name.length() - 1);
            }
            names.add(name);
        }
        return names;
    }

    private void closeStream()
    {
        // The input closes a finished stream itself when asked for the next one.
        if (decoder != null && decoder.decoded() == 0)
        {
            // recognised, yet not one line became a record
            listener.onNothingRead(label, "no line of it could be read as a record (" +
                (reader.lineNumber() <= 1 ? "it has no line after its header" :
                "every line was rejected, see above") +
                ")");
        }
        previousStreamFailed = reader != null && reader.failed();
        reader = null;
        decoder = null;
    }

    @Override
    public void close()
    {
        closeStream();
        input.close();
    }

    @Override
    public TickEvent head()
    {
        return head;
    }

    @Override
    public TickEvent exchangeHead(final TickEvent spare)
    {
        final TickEvent current = head;
        head = spare;
        return current;
    }

    /**
     * @return the name of the stream the current record came from.
     */
    String headLabel()
    {
        return headLabel;
    }

    @Override
    public int index()
    {
        return index;
    }

    @Override
    public String label()
    {
        return label != null ? label : input.label();
    }

    @Override
    public long lineNumber()
    {
        return reader == null ? 0 : reader.lineNumber();
    }

    @Override
    public long linesRead()
    {
        return linesRead;
    }

    boolean recognisedAny()
    {
        return recognisedAny;
    }


    @Override
    public void flushRejections(final int sourceId, final long line)
    {
        later.flushBefore(sourceId, line);
    }

    /**
     * Holds the rejections met while reading ahead, so that every line takes its input position in the input's own
     * order: a rejection is reported just before the first good record that followed it in the input is taken (or
     * when the input ends), whatever the records the reader holds ahead.
     */
    private final class Deferred implements InputEvents
    {
        private final java.util.ArrayList<Object[]> queue = new java.util.ArrayList<>();

        @Override
        public boolean wantsDetail(final RejectReason reason)
        {
            return events.wantsDetail(reason);
        }

        @Override
        public void reject(
            final RejectReason reason, final int sourceId, final String label, final long line, final String detail,
            final byte[] raw, final int start, final int length)
        {
            final byte[] copy = raw == null ? null :
                java.util.Arrays.copyOfRange(raw, start, start + Math.min(length, TickEvent.RAW_CAPACITY));
            int at = queue.size();
            // a record rejected on its checks is known after the lines read behind it: keep the input's order
            while (at > 0 && before(sourceId, line, (Integer)queue.get(at - 1)[1], (Long)queue.get(at - 1)[3]))
            {
                at--;
            }
            queue.add(at, new Object[] {reason, sourceId, label, line, detail, copy});
        }

        private boolean before(final int sourceId, final long line, final int otherSource, final long otherLine)
        {
            return sourceId != otherSource ? sourceId < otherSource : line < otherLine;
        }

        @Override
        public int streamOpened(final String label)
        {
            return events.streamOpened(label);
        }

        void flushBefore(final int sourceId, final long line)
        {
            int n = 0;
            while (n < queue.size() && before((Integer)queue.get(n)[1], (Long)queue.get(n)[3], sourceId, line))
            {
                final Object[] r = queue.get(n++);
                final byte[] raw = (byte[])r[5];
                events.reject((RejectReason)r[0], (Integer)r[1], (String)r[2], (Long)r[3], (String)r[4], raw, 0,
                    raw == null ? 0 : raw.length);
            }
            if (n > 0)
            {
                queue.subList(0, n).clear();
            }
        }
    }
}

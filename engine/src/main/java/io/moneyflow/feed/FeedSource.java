package io.moneyflow.feed;

import io.moneyflow.codec.CsvSplitter;
import io.moneyflow.codec.LineReader;
import io.moneyflow.ring.TickEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One input being read: its current stream, the layout recognised from its header, and the next good record
 * ({@link #head()}), which the {@link Feed} merges with the other sources by time. Used by the feed thread only.
 */
final class FeedSource
{
    private static final int BUFFER_SIZE = 1 << 16;

    private final int index;
    private final InputFiles.Input input;
    private final Layouts layouts;
    private final Layout forced;
    private final FeedListener listener;
    private final InputEvents events;
    private final TickEvent head = new TickEvent();
    private int sourceId = -1;

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
        final FeedListener listener, final InputEvents events)
    {
        this.index = index;
        this.input = input;
        this.layouts = layouts;
        this.forced = forced;
        this.listener = listener;
        this.events = events;
    }

    /**
     * Reads on to the next good record, reporting every bad line on the way.
     *
     * @return false when the source is exhausted.
     */
    boolean advance()
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
                    events.reject(RejectReason.TRUNCATED, sourceId, label, reader.lineNumber() + 1,
                        "input ends early (" + reader.failure() + ")", null, 0, 0);
                }
                closeStream();
                continue;
            }
            linesRead++;
            if (reader.truncated())
            {
                truncationReported = true;
                events.reject(RejectReason.TRUNCATED, sourceId, label, reader.lineNumber(),
                    "line cut off: input ends early (" + reader.failure() + ")", reader.buffer(), reader.lineStart(),
                    reader.lineEnd() - reader.lineStart());
                continue;
            }
            if (reader.tooLong())
            {
                events.reject(RejectReason.MALFORMED, sourceId, label, reader.lineNumber(),
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
            final RejectReason reason = decoder.decode(buffer, csv, head);
            if (reason != null)
            {
                reject(reason);
                continue;
            }
            head.sourceId = sourceId;
            head.line = reader.lineNumber();
            return true;
        }
    }

    private void reject(final RejectReason reason)
    {
        final byte[] line = reader.buffer();
        final int lineStart = reader.lineStart();
        final int lineLength = reader.lineEnd() - reader.lineStart();
        if (!events.wantsDetail(reason))
        {
            events.reject(reason, sourceId, label, reader.lineNumber(), null, line, lineStart, lineLength);
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
        events.reject(reason, sourceId, label, reader.lineNumber(), detail, line, lineStart, lineLength);
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
                    events.reject(RejectReason.TRUNCATED, -1, input.label(), 0, ex.getMessage(), null, 0, 0);
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
                events.reject(RejectReason.TRUNCATED, -1, input.label(), 1,
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
                    events.reject(RejectReason.TRUNCATED, -1, label, reader.lineNumber() + 1,
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

    void close()
    {
        closeStream();
        input.close();
    }

    TickEvent head()
    {
        return head;
    }

    int index()
    {
        return index;
    }

    String label()
    {
        return label;
    }

    long lineNumber()
    {
        return reader == null ? 0 : reader.lineNumber();
    }

    long linesRead()
    {
        return linesRead;
    }

    boolean recognisedAny()
    {
        return recognisedAny;
    }

}

package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.ring.RejectReason;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What happened to the input of a run besides the flows: rejections by reason with the first few lines of each,
 * symbols missing from the reference data, skipped files, sequence gaps.
 * <p>
 * Receives the feed's callbacks on the feed thread, mirrors the counts into the counters file header, and tells a
 * person through the {@code messages} sink (stderr on the command line), at most {@link #PRINT_LIMIT} lines per
 * reason. Read the results once the engine's ingestion has returned.
 */
public final class RunLog implements FeedListener
{
    /** Rejections printed per reason before the rest are only counted. */
    public static final int PRINT_LIMIT = 10;

    private final FlowCounters counters;
    private final Consumer<String> messages;
    private final ProgressSink progress;
    private final long[] rejectCounts = new long[RejectReason.values().length];
    private final Map<RejectReason, List<String>> samples = new EnumMap<>(RejectReason.class);
    private final Set<String> unknownSymbols = new LinkedHashSet<>();
    private final List<String> skipped = new ArrayList<>();
    private final List<String> nothingRead = new ArrayList<>();
    private long gaps;
    private long missing;

    /**
     * @param counters the run's counters, whose statistics the log adds to.
     * @param messages where rejections and notes go, one line each.
     * @param progress where progress lines go (see {@link ProgressSink#lines}).
     */
    public RunLog(final FlowCounters counters, final Consumer<String> messages, final Consumer<String> progress)
    {
        this(counters, messages, ProgressSink.lines(progress));
    }

    /**
     * @param counters the run's counters, whose statistics the log adds to.
     * @param messages where rejections and notes go, one line each.
     * @param progress where the run's progress goes.
     */
    public RunLog(final FlowCounters counters, final Consumer<String> messages, final ProgressSink progress)
    {
        this.counters = counters;
        // messages quote the input (rejected lines, file names): control characters are escaped for the terminal
        this.messages = line -> messages.accept(io.moneyflow.codec.Printable.of(line));
        this.progress = progress;
    }

    @Override
    public boolean wantsDetail(final RejectReason reason)
    {
        return rejectCounts[reason.ordinal()] < PRINT_LIMIT;
    }

    @Override
    public void onReject(final RejectReason reason, final String source, final long line, final String detail)
    {
        final long count = ++rejectCounts[reason.ordinal()];
        counters.addStat(CountersDescriptor.Stat.REJECTED.ordinal(), 1);
        counters.addStat(CountersDescriptor.REJECT_BASE + reason.ordinal(), 1);
        if (count <= PRINT_LIMIT)
        {
            final String text = source + ":" + line + ": " + reason.label() + ": " + detail;
            samples.computeIfAbsent(reason, r -> new ArrayList<>()).add(text);
            messages.accept("rejected " + text);
            if (count == PRINT_LIMIT)
            {
                messages.accept("(further '" + reason.label() + "' rejections are counted, not printed)");
            }
        }
    }

    @Override
    public void onSlot(final int slot, final long symbolKey, final int date, final int securityId)
    {
        counters.publishSlot(slot, SymbolCodes.format(symbolKey), date, securityId);
    }

    @Override
    public void onUnknownSymbol(final long symbolKey, final String source, final long line)
    {
        final String symbol = SymbolCodes.format(symbolKey);
        unknownSymbols.add(symbol);
        counters.addStat(CountersDescriptor.Stat.UNKNOWN_SYMBOLS.ordinal(), 1);
        if (unknownSymbols.size() <= PRINT_LIMIT)
        {
            messages.accept("note: " + symbol + " (first seen at " + source + ":" + line + ") is not in the " +
                "reference data; it is processed, and ratios that need reference figures stay empty");
            if (unknownSymbols.size() == PRINT_LIMIT)
            {
                messages.accept("note: further symbols missing from the reference data are counted, not printed");
            }
        }
    }

    @Override
    public void onGap(final int channel, final long from, final long to, final List<String> symbols)
    {
        gaps++;
        missing += to - from + 1;
        counters.addStat(CountersDescriptor.Stat.SEQUENCE_GAPS.ordinal(), 1);
        counters.addStat(CountersDescriptor.Stat.SEQUENCE_MISSING.ordinal(), to - from + 1);
        if (gaps <= PRINT_LIMIT)
        {
            messages.accept("gap: channel " + channel + " sequence " + (from == to ? Long.toString(from) :
                from + ".." + to) + " missing (" + (to - from + 1) + "); symbols on the channel: " +
                (symbols.isEmpty() ? "none yet" : String.join(", ", symbols)));
        }
    }

    @Override
    public void onProgress(
        final long linesRead, final long published, final String currentSource, final long bytesRead,
        final long totalBytes)
    {
        counters.addStat(CountersDescriptor.Stat.LINES_READ.ordinal(), linesRead - counters.stat(
            CountersDescriptor.Stat.LINES_READ.ordinal()));
        counters.addStat(CountersDescriptor.Stat.RECORDS_PUBLISHED.ordinal(), published - counters.stat(
            CountersDescriptor.Stat.RECORDS_PUBLISHED.ordinal()));
        progress.progress(linesRead, published, bytesRead, totalBytes, currentSource);
    }

    @Override
    public long progressIntervalNs()
    {
        return progress.intervalNs();
    }

    @Override
    public void onNote(final String source, final String note)
    {
        messages.accept("note: " + source + ": " + note);
    }

    @Override
    public void onSkipped(final String source, final String why)
    {
        skipped.add(source);
        messages.accept("skipped " + source + ": " + why);
    }

    @Override
    public void onNothingRead(final String source, final String why)
    {
        nothingRead.add(source);
        messages.accept("read nothing from " + source + ": " + why);
    }

    /**
     * @return rejections per reason, every reason present (zero when none).
     */
    public Map<RejectReason, Long> rejected()
    {
        final Map<RejectReason, Long> out = new EnumMap<>(RejectReason.class);
        for (final RejectReason reason : RejectReason.values())
        {
            out.put(reason, rejectCounts[reason.ordinal()]);
        }
        return out;
    }

    /**
     * @return total rejections.
     */
    public long rejectedTotal()
    {
        long total = 0;
        for (final long c : rejectCounts)
        {
            total += c;
        }
        return total;
    }

    /**
     * @param reason a reason.
     * @return the first rejections for it, as {@code source:line: reason: detail}.
     */
    public List<String> samples(final RejectReason reason)
    {
        return Collections.unmodifiableList(samples.getOrDefault(reason, List.of()));
    }

    /**
     * @return symbols seen that the reference data does not list, in order of first sight.
     */
    public List<String> unknownSymbols()
    {
        return List.copyOf(unknownSymbols);
    }

    /**
     * @return files or entries skipped because no layout recognised them.
     */
    public List<String> skipped()
    {
        return List.copyOf(skipped);
    }

    /**
     * @return files or entries whose layout was recognised but that gave no record (see
     * {@link FeedListener#onNothingRead}).
     */
    public List<String> nothingRead()
    {
        return List.copyOf(nothingRead);
    }

    /**
     * @return why a run must not pass for a good one: an input skipped, or one that gave no record; empty when
     * every input gave records. For a person, one line.
     */
    public String incompleteInput()
    {
        if (skipped.isEmpty() && nothingRead.isEmpty())
        {
            return "";
        }
        final StringBuilder sb = new StringBuilder();
        if (!skipped.isEmpty())
        {
            sb.append(skipped.size()).append(" input(s) skipped (").append(names(skipped)).append(')');
        }
        if (!nothingRead.isEmpty())
        {
            sb.append(sb.length() > 0 ? "; " : "").append(nothingRead.size())
                .append(" input(s) gave no record (").append(names(nothingRead)).append(')');
        }
        return sb.toString();
    }

    private static String names(final List<String> sources)
    {
        final int shown = Math.min(sources.size(), 3);
        final String list = String.join(", ", sources.subList(0, shown));
        return sources.size() > shown ? list + " and " + (sources.size() - shown) + " more" : list;
    }

    /**
     * @return sequence gaps detected.
     */
    public long gaps()
    {
        return gaps;
    }

    /**
     * @return sequence numbers missing in those gaps.
     */
    public long missing()
    {
        return missing;
    }
}

package io.moneyflow.feed;

import io.moneyflow.ring.RejectReason;

import java.util.List;

/**
 * What the feed tells its owner besides the records it publishes. Called on the feed thread only, and only for
 * events that are rare by nature (a rejection, a new slot, a gap), so implementations may allocate. Every method does
 * nothing unless overridden, so a listener overrides only what it wants.
 */
public interface FeedListener
{
    /** A listener that wants nothing: for reading an input without telling anyone (see {@code InputOrder}). */
    FeedListener SILENT = new FeedListener()
    {
    };

    /**
     * Whether the next rejection for this reason will be shown to a person, so that the feed builds its detail text
     * only then: a flood of bad input is counted without allocating.
     *
     * @param reason why a record is about to be rejected.
     * @return true when {@link #onReject} will use the detail.
     */
    default boolean wantsDetail(final RejectReason reason)
    {
        return false;
    }

    /**
     * A record was rejected.
     *
     * @param reason why.
     * @param source the file or archive entry.
     * @param line   1-based line number in that source.
     * @param detail what was wrong, for a person; null when {@link #wantsDetail} said it is not wanted.
     */
    default void onReject(final RejectReason reason, final String source, final long line, final String detail)
    {
    }

    /**
     * A symbol-day got a counters slot; no event for it has been published yet.
     *
     * @param slot       slot index, in order from 0.
     * @param symbolKey  packed symbol.
     * @param date       yyyymmdd.
     * @param securityId reference-data row, or -1 when the symbol is unknown.
     */
    default void onSlot(final int slot, final long symbolKey, final int date, final int securityId)
    {
    }

    /**
     * A symbol missing from the reference data was seen for the first time. It is still processed.
     *
     * @param symbolKey packed symbol.
     * @param source    where it was first seen.
     * @param line      line number there.
     */
    default void onUnknownSymbol(final long symbolKey, final String source, final long line)
    {
    }

    /**
     * A dense channel sequence is missing numbers: they did not arrive within the reordering window, or before the
     * channel (or the input) ended.
     *
     * @param channel  the channel.
     * @param from     first missing number.
     * @param to       last missing number.
     * @param symbols  the symbols seen on the channel that day, whose flows may miss records.
     */
    default void onGap(final int channel, final long from, final long to, final List<String> symbols)
    {
    }

    /**
     * Lines were read; called with the running total, at most a few times a second.
     *
     * @param linesRead     lines read so far, headers included.
     * @param published     records published so far.
     * @param currentSource the source being read.
     */
    default void onProgress(final long linesRead, final long published, final String currentSource)
    {
    }

    /**
     * How far the inputs have been read; called with the running totals, about every {@link #progressIntervalNs()}
     * while the inputs are read (sorted first or merged), and once at the end with an empty source. Calls
     * {@link #onProgress(long, long, String)} unless overridden.
     *
     * @param linesRead     lines read so far, headers included.
     * @param published     records published so far.
     * @param currentSource the source being read, as {@code label:line}; empty at the end of the inputs.
     * @param bytesRead     bytes of the inputs read so far, as they lie on disk (compressed bytes of a
     *                      {@code .gz} or an archive's entry), up to {@code totalBytes}.
     * @param totalBytes    the inputs' size on disk, summed.
     */
    default void onProgress(
        final long linesRead, final long published, final String currentSource, final long bytesRead,
        final long totalBytes)
    {
        onProgress(linesRead, published, currentSource);
    }

    /**
     * @return how often {@link #onProgress(long, long, String, long, long)} is wanted, in nanoseconds: about once a
     *         second unless overridden. Read once at the start of a run.
     */
    default long progressIntervalNs()
    {
        return 1_000_000_000L;
    }

    /**
     * Something about an input a person should know, e.g. a damaged archive being read from the front.
     *
     * @param source the file or entry.
     * @param note   what happened.
     */
    default void onNote(final String source, final String note)
    {
    }

    /**
     * A file or archive entry was skipped because no layout recognises it.
     *
     * @param source the file or entry.
     * @param why    what was wrong.
     */
    default void onSkipped(final String source, final String why)
    {
    }

    /**
     * A file or archive entry gave no record at all: its layout was recognised but no line of it could be read as a
     * record (each was rejected, or it holds only its header), or it ends before its first line. A run that read
     * nothing from an input must not pass for a good one.
     *
     * @param source the file or entry.
     * @param why    what was found instead, for a person.
     */
    default void onNothingRead(final String source, final String why)
    {
    }
}

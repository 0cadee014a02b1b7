package io.moneyflow.feed;

import io.moneyflow.ring.RejectReason;

/**
 * How a {@link FeedSource} reports to its {@link Feed}: rejected lines and newly opened streams, which both take
 * part in the input's positions and its journal. Feed thread only.
 */
interface InputEvents
{
    /**
     * @param reason a rejection about to be reported.
     * @return true when its detail text will be used; building it can be skipped otherwise.
     */
    boolean wantsDetail(RejectReason reason);

    /**
     * An input record was rejected.
     *
     * @param reason   why.
     * @param sourceId the stream it came from, or -1.
     * @param label    the stream's or input's name.
     * @param line     its line number, or 0.
     * @param detail   what was wrong, or null when not wanted.
     * @param raw      the rejected line's bytes, or null.
     * @param start    first byte of the line in {@code raw}.
     * @param length   the line's length.
     */
    void reject(RejectReason reason, int sourceId, String label, long line, String detail, byte[] raw, int start,
        int length);

    /**
     * A stream (file or archive entry) was opened and recognised.
     *
     * @param label its name.
     * @return its source id, counting from 0 in opening order.
     */
    int streamOpened(String label);
}

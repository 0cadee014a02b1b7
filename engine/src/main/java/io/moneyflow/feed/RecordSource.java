package io.moneyflow.feed;

import io.moneyflow.ring.TickEvent;

/**
 * One input as the {@link Feed} merges it: its next good record, in time order. A {@link FeedSource} reads an input
 * that is in time order as it goes; a {@link SortedSource} serves one that is not, sorted. Feed thread only.
 */
interface RecordSource
{
    /**
     * Moves to the next good record.
     *
     * @return false when the input is exhausted.
     */
    boolean advance();

    /**
     * @return the current record; valid after {@link #advance()} returned true, until the next call.
     */
    TickEvent head();

    /**
     * Takes the current record out of the source, leaving another event object in its place: so that a reader can
     * hold records without copying them.
     *
     * @param spare an event the source may write into from now on.
     * @return the current record.
     */
    TickEvent exchangeHead(TickEvent spare);

    /**
     * Reports the rejected lines that came before a record in the input: called just before the record is taken, so
     * that every line takes its input position in the input's order; with {@link Integer#MAX_VALUE} when the input is
     * done.
     *
     * @param sourceId the record's stream.
     * @param line     its line.
     */
    void flushRejections(int sourceId, long line);

    /**
     * @return the input's place among the run's inputs: the merge's last tie-break.
     */
    int index();

    /**
     * @return a name for progress messages.
     */
    String label();

    /**
     * @return the line being read, for progress messages.
     */
    long lineNumber();

    /**
     * @return lines read so far.
     */
    long linesRead();

    /**
     * Releases the input.
     */
    void close();
}

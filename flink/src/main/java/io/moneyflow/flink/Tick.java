package io.moneyflow.flink;

/**
 * One record on its way from the input that held it to its stock-day's engine: the stock-day it belongs to, where it
 * was in the run (its input's place in the run, its place in that input, and its instant there), and the record
 * itself in the engine's binary form (the journal's). Or, with no record, a count of the input's rejected lines of
 * one reason. A Flink POJO.
 */
public final class Tick
{
    /**
     * The stock-day: the stock's key ({@code SymbolCodes}, below 2^32) and its day (yyyymmdd, below 2^27), as
     * {@link #key(long, int)} packs them; 0 for a count of rejections or a note. One long: the job's sort by key
     * (batch execution) compares it at once.
     */
    public long key;
    /** The input's place among the run's inputs, as {@code flow} expands them. */
    public int input;
    /** The record's place in its input, from 0. */
    public long position;
    /**
     * The record's instant in its input, from 0: the number of its run of records of one date and millisecond over
     * all the input's stocks, as {@code flow}'s merge forms an input's instants ({@code InputRecords}).
     */
    public long instant;
    /** The record, encoded by the engine's {@code TickRecordEncoder}; null for a count of rejections. */
    public byte[] record;
    /** With no record: the rejection's reason ({@code RejectReason} ordinal). */
    public int reason;
    /** With no record: how many lines were rejected for it. */
    public long count;
    /** With no record and no count: a note about the input ({@code flow} prints it on stderr), or null. */
    public String note;
    /** With a note: whether {@code flow} would fail the run on it (an input skipped, or one with nothing read). */
    public boolean fails;

    /**
     * @param symbolKey the stock's key.
     * @param date      yyyymmdd.
     * @return the stock-day's key.
     */
    public static long key(final long symbolKey, final int date)
    {
        return symbolKey << 27 | date;
    }

    /** For Flink. */
    public Tick()
    {
    }
}

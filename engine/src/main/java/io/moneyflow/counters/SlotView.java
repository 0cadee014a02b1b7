package io.moneyflow.counters;

import org.agrona.concurrent.UnsafeBuffer;

import static io.moneyflow.counters.CountersDescriptor.*;

/**
 * A consistent copy of one slot record, filled by {@link FlowCountersReader#read(int, SlotView)}.
 * <p>
 * Reusable: one instance per reading thread. Money in 1/10000 yuan, volume in shares, prices in 1/10000 yuan.
 */
public final class SlotView
{
    private final UnsafeBuffer copy;
    private final int classCount;
    private final int barCount;
    private final int classOffset;
    private final int barOffset;
    private final int barStrideBytes;
    private String symbol;

    SlotView(final int recordLength, final int classCount, final int barCount)
    {
        this.copy = new UnsafeBuffer(new byte[recordLength]);
        this.classCount = classCount;
        this.barCount = barCount;
        this.classOffset = classBlockOffset(classCount);
        this.barOffset = barBlockOffset(classCount);
        this.barStrideBytes = barStride(classCount) * Long.BYTES;
    }

    UnsafeBuffer copyBuffer()
    {
        return copy;
    }

    /**
     * @return a copy of the whole record (identity, day and class fields, bars), as {@link
     *         FlowCounters#appendRecord(byte[])} takes it: exact, of this file's geometry.
     */
    public byte[] toBytes()
    {
        final byte[] bytes = new byte[copy.capacity()];
        copy.getBytes(0, bytes);
        return bytes;
    }

    void refreshSymbol()
    {
        symbol = FlowCounters.getAscii(copy, RECORD_SYMBOL_OFFSET, RECORD_SYMBOL_LENGTH);
    }

    /**
     * @return the symbol, {@code 000001.SZ}.
     */
    public String symbol()
    {
        return symbol;
    }

    /**
     * @return the trading date, yyyymmdd.
     */
    public int date()
    {
        return copy.getInt(RECORD_DATE_OFFSET);
    }

    /**
     * @return the reference-data row, or -1 when the symbol is not in the reference data.
     */
    public int securityId()
    {
        return copy.getInt(RECORD_SECURITY_OFFSET);
    }

    /**
     * @return the record's version when copied; even, and counts updates twice.
     */
    public long version()
    {
        return copy.getLong(RECORD_VERSION_OFFSET);
    }

    /**
     * @param field day field.
     * @return its value.
     */
    public long day(final DayField field)
    {
        return copy.getLong(field.offset());
    }

    /**
     * @param classIndex class.
     * @param field      class field.
     * @return its value.
     */
    public long classValue(final int classIndex, final ClassField field)
    {
        return copy.getLong(classOffset + (classIndex * CLASS_FIELDS + field.ordinal()) * Long.BYTES);
    }

    /**
     * @param bar   bar index.
     * @param field bar field.
     * @return its value.
     */
    public long bar(final int bar, final BarField field)
    {
        return copy.getLong(barOffset + bar * barStrideBytes + field.ordinal() * Long.BYTES);
    }

    /**
     * @param bar        bar index.
     * @param classIndex class.
     * @param field      per-class bar field.
     * @return its value.
     */
    public long barClass(final int bar, final int classIndex, final BarClassField field)
    {
        return copy.getLong(barOffset + bar * barStrideBytes +
            (BAR_FIELDS + classIndex * BAR_CLASS_FIELDS + field.ordinal()) * Long.BYTES);
    }

    /**
     * @return classes per record.
     */
    public int classCount()
    {
        return classCount;
    }

    /**
     * @return bars per record.
     */
    public int barCount()
    {
        return barCount;
    }
}

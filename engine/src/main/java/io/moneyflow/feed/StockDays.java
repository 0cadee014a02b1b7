package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import org.agrona.collections.Long2LongHashMap;

/**
 * Admission's first step: each record's stock and day get their security id and slot. A stock-day seen before costs
 * one hash lookup; a new one is assigned through the {@link SymbolTable} and announced to the listener (an unknown
 * symbol, a new slot). Feed thread only.
 */
final class StockDays
{
    /** {@link #find} result: more distinct symbols than the table was sized for. */
    static final long FULL_SYMBOLS = -2;
    /** {@link #find} result: more stock-days than the table was sized for. */
    static final long FULL_DAYS = -3;

    private final SymbolTable symbols;
    private final FeedListener listener;
    /** (symbol, date) to security id and slot, for stock-days seen before. */
    private final Long2LongHashMap slotByDay;

    /**
     * @param symbols      symbol and slot assignment, sized up front.
     * @param slotCapacity most slots.
     * @param listener     told of unknown symbols and new slots.
     */
    StockDays(final SymbolTable symbols, final int slotCapacity, final FeedListener listener)
    {
        this.symbols = symbols;
        this.listener = listener;
        this.slotByDay = new Long2LongHashMap(Math.max(1024, Integer.highestOneBit(slotCapacity * 2) * 2), 0.5f, -1);
    }

    /**
     * @param symbolKey the record's symbol.
     * @param date      its day, yyyyMMdd.
     * @param label     its input, for the listener.
     * @param line      its line there.
     * @return the security id in the high 32 bits and the slot in the low 32, or {@link #FULL_SYMBOLS} or
     *         {@link #FULL_DAYS} when the table has no room for it.
     */
    long find(final long symbolKey, final int date, final String label, final long line)
    {
        final long dayKey = key(symbolKey, date);
        final long known = slotByDay.get(dayKey);
        return known != -1 ? known : assign(dayKey, symbolKey, date, label, line);
    }

    private long assign(final long dayKey, final long symbolKey, final int date, final String label, final long line)
    {
        int id = symbols.securityId(symbolKey);
        if (id < 0)
        {
            id = symbols.addUnknown(symbolKey);
            if (id == SymbolTable.FULL)
            {
                return FULL_SYMBOLS;
            }
            listener.onUnknownSymbol(symbolKey, label, line);
        }
        int slot = symbols.slot(id, date);
        if (slot < 0)
        {
            slot = symbols.addSlot(id, date);
            if (slot == SymbolTable.FULL)
            {
                return FULL_DAYS;
            }
            listener.onSlot(slot, symbolKey, date, symbols.isKnown(id) ? id : -1);
        }
        final long found = ((long)id << 32) | slot;
        slotByDay.put(dayKey, found);
        return found;
    }

    /**
     * @param slot a slot assigned.
     * @return its stock's code, for messages.
     */
    String symbolOf(final int slot)
    {
        return SymbolCodes.format(symbols.symbolKeyOfSlot(slot));
    }

    private static long key(final long symbolKey, final int date)
    {
        final long day = ((long)(date / 10000) << 9) | ((date / 100 % 100) << 5) | (date % 100);
        return (symbolKey << 23) ^ (day & 0x7F_FFFF);
    }
}

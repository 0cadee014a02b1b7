package io.moneyflow.feed;

import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.Security;
import org.agrona.collections.Long2LongHashMap;

/**
 * Maps symbols to security ids and (security, date) pairs to counters slots, at the feed edge.
 * <p>
 * Securities in the reference data take ids 0..n-1 in file order; a symbol missing from it takes the next free id
 * the first time it is seen (it is still processed, and reported). Both maps are sized for the capacities given
 * and never grow while records flow. Used by the feed thread only.
 */
public final class SymbolTable
{
    /** Returned when a capacity is exhausted. */
    public static final int FULL = -1;

    private final ReferenceData reference;
    private final int securityCapacity;
    private final int slotCapacity;
    private final Long2LongHashMap securityByKey;
    private final Long2LongHashMap slotByDay;
    private final long[] keyBySecurity;
    private final int[] securityBySlot;
    private int securities;
    private int slots;

    /**
     * @param reference        the known securities.
     * @param securityCapacity most distinct symbols, known and unknown.
     * @param slotCapacity     most symbol-days.
     */
    public SymbolTable(final ReferenceData reference, final int securityCapacity, final int slotCapacity)
    {
        if (securityCapacity < reference.securities().size())
        {
            throw new IllegalArgumentException("security capacity " + securityCapacity + " is below the " +
                reference.securities().size() + " securities in the reference data");
        }
        this.reference = reference;
        this.securityCapacity = securityCapacity;
        this.slotCapacity = slotCapacity;
        this.securityByKey = new Long2LongHashMap(capacityFor(securityCapacity), 0.5f, -1);
        this.slotByDay = new Long2LongHashMap(capacityFor(slotCapacity), 0.5f, -1);
        this.keyBySecurity = new long[securityCapacity];
        this.securityBySlot = new int[slotCapacity];
        for (final Security security : reference.securities())
        {
            keyBySecurity[securities] = security.symbolKey();
            securityByKey.put(security.symbolKey(), securities++);
        }
    }

    private static int capacityFor(final int entries)
    {
        int capacity = 16;
        while (capacity < entries * 2 + 2)
        {
            capacity <<= 1;
        }
        return capacity * 2;
    }

    /**
     * @param symbolKey packed symbol.
     * @return its security id, or -1 when not seen yet.
     */
    public int securityId(final long symbolKey)
    {
        return (int)securityByKey.get(symbolKey);
    }

    /**
     * Gives an unknown symbol the next free id.
     *
     * @param symbolKey packed symbol, not yet known.
     * @return the new id, or {@link #FULL}.
     */
    int addUnknown(final long symbolKey)
    {
        if (securities == securityCapacity)
        {
            return FULL;
        }
        keyBySecurity[securities] = symbolKey;
        securityByKey.put(symbolKey, securities);
        return securities++;
    }

    /**
     * @param securityId security.
     * @param date       yyyymmdd.
     * @return the slot, or -1 when not assigned yet.
     */
    int slot(final int securityId, final int date)
    {
        return (int)slotByDay.get(((long)securityId << 32) | date);
    }

    /**
     * Assigns the next slot.
     *
     * @param securityId security.
     * @param date       yyyymmdd.
     * @return the slot, or {@link #FULL}.
     */
    int addSlot(final int securityId, final int date)
    {
        if (slots == slotCapacity)
        {
            return FULL;
        }
        slotByDay.put(((long)securityId << 32) | date, slots);
        securityBySlot[slots] = securityId;
        return slots++;
    }

    /**
     * @param securityId an id handed out by this table.
     * @return true when the reference data lists it.
     */
    public boolean isKnown(final int securityId)
    {
        return securityId < reference.securities().size();
    }

    /**
     * @param securityId an id handed out by this table.
     * @return its packed symbol.
     */
    public long symbolKey(final int securityId)
    {
        return keyBySecurity[securityId];
    }

    /**
     * @param slot a slot handed out by this table.
     * @return the packed symbol it holds.
     */
    public long symbolKeyOfSlot(final int slot)
    {
        return keyBySecurity[securityBySlot[slot]];
    }

    /**
     * @return slots handed out.
     */
    public int slotsUsed()
    {
        return slots;
    }

    /**
     * @return the reference data behind the known ids.
     */
    public ReferenceData reference()
    {
        return reference;
    }
}

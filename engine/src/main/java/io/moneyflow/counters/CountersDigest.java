package io.moneyflow.counters;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import static io.moneyflow.counters.CountersDescriptor.*;

/**
 * A digest of everything the engine computed: the scheme and bar geometry, the rejections by reason, and every slot
 * record (identity and values, without the seqlock version), taken in the order of symbol and date, so that the
 * order in which stocks first appeared in the input does not change it. Two runs that computed the same
 * numbers have the same digest; a live run and a replay of its journal must. Not for the hot path.
 */
public final class CountersDigest
{
    private CountersDigest()
    {
    }

    /**
     * @param counters a counters file whose writer has finished (or consistent per record while it writes).
     * @return {@code sha256:} and 64 hex digits.
     */
    public static String sha256(final FlowCounters counters)
    {
        return digest(counters, true);
    }

    /**
     * @param counters a counters file.
     * @return a digest of the slot records alone: what was computed for the stocks, not what was rejected.
     */
    public static String slotsSha256(final FlowCounters counters)
    {
        return digest(counters, false);
    }

    /**
     * @param counters a counters file.
     * @param ignored  day fields read as zero: for comparing a run that saw sequence gaps with one that did not
     *                 ({@link DayField#GAPS}, {@link DayField#GAP_MISSING}).
     * @return a digest of the slot records alone with those fields zeroed.
     */
    public static String slotsSha256(final FlowCounters counters, final DayField... ignored)
    {
        return digest(counters, false, ignored);
    }

    private static String digest(final FlowCounters counters, final boolean withRejections,
        final DayField... ignored)
    {
        final MessageDigest digest;
        try
        {
            digest = MessageDigest.getInstance("SHA-256");
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
        final byte[] header = new byte[CLASS_NAMES_OFFSET + MAX_CLASSES * CLASS_NAME_LENGTH - CLASS_COUNT_OFFSET];
        counters.buffer().getBytes(CLASS_COUNT_OFFSET, header);
        // class count, bars, bar minutes, record length, mode, main classes: then skip slots-used (a live value)
        digest.update(header, 0, SLOTS_USED_OFFSET - CLASS_COUNT_OFFSET);
        digest.update(header, SCHEME_NAME_OFFSET - CLASS_COUNT_OFFSET, header.length - (SCHEME_NAME_OFFSET -
            CLASS_COUNT_OFFSET));
        final byte[] longBytes = new byte[8];
        for (int i = Stat.REJECTED.ordinal(); withRejections && i < STATS_COUNT; i++)
        {
            if (i > Stat.REJECTED.ordinal() && i < REJECT_BASE)
            {
                continue;
            }
            // the health sample is read as zero, as it was before there was one
            putLong(longBytes, i >= HEALTH_BASE ? 0 : counters.stat(i));
            digest.update(longBytes);
        }
        final FlowCountersReader reader = new FlowCountersReader(counters);
        final SlotView view = reader.newView();
        final int slots = reader.slotsUsed();
        putLong(longBytes, slots);
        digest.update(longBytes);
        final String[] symbols = new String[slots];
        final int[] dates = new int[slots];
        final Integer[] order = new Integer[slots];
        for (int slot = 0; slot < slots; slot++)
        {
            reader.readHead(slot, view);
            symbols[slot] = view.symbol();
            dates[slot] = view.date();
            order[slot] = slot;
        }
        // Slots are numbered as stocks first appear, which depends on the order of the inputs; the digest does not.
        Arrays.sort(order, java.util.Comparator.<Integer, String>comparing(i -> symbols[i])
            .thenComparingInt(i -> dates[i]));
        final byte[] record = new byte[counters.recordLength()];
        for (final int slot : order)
        {
            reader.read(slot, view);
            view.copyBuffer().getBytes(0, record);
            for (final DayField field : ignored)
            {
                Arrays.fill(record, field.offset(), field.offset() + Long.BYTES, (byte)0);
            }
            digest.update(record, RECORD_SYMBOL_OFFSET, record.length - RECORD_SYMBOL_OFFSET);
        }
        final StringBuilder sb = new StringBuilder("sha256:");
        for (final byte b : digest.digest())
        {
            sb.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return sb.toString();
    }

    private static void putLong(final byte[] bytes, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(value >>> (8 * i));
        }
    }
}

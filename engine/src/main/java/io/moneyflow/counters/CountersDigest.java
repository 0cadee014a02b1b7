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
     * The digest of several engines' counters files taken as one run's: engines that shared a market, each with
     * its own stocks (a topic's partitions, say). Their rejections are summed and their stock-days taken together in
     * the order of symbol and date, so that the digest equals that of one engine that ran every record.
     *
     * @param files counters files of runs with the same settings (scheme, classes, bars, mode), each stock-day in one.
     * @return {@code sha256:} and 64 hex digits.
     * @throws IllegalArgumentException when the files' settings differ or a stock-day is in two of them.
     */
    public static String sha256(final java.util.List<FlowCounters> files)
    {
        return digest(files, true);
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
        return digest(java.util.List.of(counters), withRejections, ignored);
    }

    private static String digest(final java.util.List<FlowCounters> files, final boolean withRejections,
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
        final FlowCounters first = files.get(0);
        final byte[] header = settings(first);
        for (final FlowCounters other : files)
        {
            if (!Arrays.equals(header, settings(other)))
            {
                throw new IllegalArgumentException("counters files of runs with different settings (scheme, " +
                    "classes, bars or mode) are not one run's");
            }
        }
        digest.update(header);
        final byte[] longBytes = new byte[8];
        for (int i = Stat.REJECTED.ordinal(); withRejections && i < STATS_COUNT; i++)
        {
            if (i > Stat.REJECTED.ordinal() && i < REJECT_BASE)
            {
                continue;
            }
            long sum = 0;
            for (final FlowCounters counters : files)
            {
                // the health sample is read as zero, as it was before there was one
                sum += i >= HEALTH_BASE ? 0 : counters.stat(i);
            }
            putLong(longBytes, sum);
            digest.update(longBytes);
        }
        final java.util.List<FlowCountersReader> readers = new java.util.ArrayList<>();
        final java.util.List<SlotView> views = new java.util.ArrayList<>();
        final java.util.List<long[]> order = new java.util.ArrayList<>();
        final java.util.List<String> symbols = new java.util.ArrayList<>();
        final java.util.List<Integer> dates = new java.util.ArrayList<>();
        for (int f = 0; f < files.size(); f++)
        {
            final FlowCountersReader reader = new FlowCountersReader(files.get(f));
            final SlotView view = reader.newView();
            readers.add(reader);
            views.add(view);
            final int slots = reader.slotsUsed();
            for (int slot = 0; slot < slots; slot++)
            {
                reader.readHead(slot, view);
                order.add(new long[]{f, slot, symbols.size()});
                symbols.add(view.symbol());
                dates.add(view.date());
            }
        }
        putLong(longBytes, order.size());
        digest.update(longBytes);
        // Slots are numbered as stocks first appear, which depends on the order of the inputs; the digest does not.
        order.sort(java.util.Comparator.<long[], String>comparing(e -> symbols.get((int)e[2]))
            .thenComparingInt(e -> dates.get((int)e[2])));
        for (int i = 1; i < order.size(); i++)
        {
            final int a = (int)order.get(i - 1)[2];
            final int b = (int)order.get(i)[2];
            if (symbols.get(a).equals(symbols.get(b)) && dates.get(a).equals(dates.get(b)))
            {
                throw new IllegalArgumentException(symbols.get(a) + " " + dates.get(a) + " is in two counters " +
                    "files: they are not disjoint parts of one run");
            }
        }
        final byte[] record = new byte[first.recordLength()];
        for (final long[] entry : order)
        {
            final FlowCountersReader reader = readers.get((int)entry[0]);
            final SlotView view = views.get((int)entry[0]);
            reader.read((int)entry[1], view);
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

    /** The settings a digest covers: class count, bars, bar minutes, record length, mode, main classes, names. */
    private static byte[] settings(final FlowCounters counters)
    {
        final byte[] header = new byte[CLASS_NAMES_OFFSET + MAX_CLASSES * CLASS_NAME_LENGTH - CLASS_COUNT_OFFSET];
        counters.buffer().getBytes(CLASS_COUNT_OFFSET, header);
        // then skip slots-used (a live value)
        final byte[] settings = new byte[header.length - (SCHEME_NAME_OFFSET - SLOTS_USED_OFFSET)];
        System.arraycopy(header, 0, settings, 0, SLOTS_USED_OFFSET - CLASS_COUNT_OFFSET);
        System.arraycopy(header, SCHEME_NAME_OFFSET - CLASS_COUNT_OFFSET, settings,
            SLOTS_USED_OFFSET - CLASS_COUNT_OFFSET, header.length - (SCHEME_NAME_OFFSET - CLASS_COUNT_OFFSET));
        return settings;
    }

    private static void putLong(final byte[] bytes, final long value)
    {
        for (int i = 0; i < 8; i++)
        {
            bytes[i] = (byte)(value >>> (8 * i));
        }
    }
}

package io.moneyflow.counters;

import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * A reader in another process: started by the counters tests with the same class path and JVM flags.
 * <ul>
 *   <li>{@code dump FILE}: prints every slot record, field by field, one line each.</li>
 *   <li>{@code watch FILE EVENTS}: reads slot 0 as fast as it can until it has applied EVENTS events, checking the
 *   record's invariants on every read; prints {@code reads=N violations=V versions=D}.</li>
 * </ul>
 */
public final class CountersChild
{
    private CountersChild()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final Path file = Path.of(args[1]);
        FlowCounters counters = null;
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (counters == null)
        {
            try
            {
                counters = FlowCounters.openReadOnly(file);
            }
            catch (final IllegalStateException notYet)
            {
                if (System.nanoTime() > deadline)
                {
                    throw notYet;
                }
                Thread.onSpinWait();
            }
        }
        final FlowCountersReader reader = new FlowCountersReader(counters);
        if (args[0].equals("dump"))
        {
            final SlotView view = reader.newView();
            for (int slot = 0; slot < reader.slotsUsed(); slot++)
            {
                reader.read(slot, view);
                System.out.println(describe(view));
            }
        }
        else
        {
            final long events = Long.parseLong(args[2]);
            while (reader.slotsUsed() == 0)
            {
                Thread.onSpinWait();
            }
            // Tell the writer we are reading, so that it writes while we read.
            java.nio.file.Files.createFile(Path.of(args[1] + ".ready"));
            final SlotView view = reader.newView();
            long reads = 0;
            long violations = 0;
            final Set<Long> versions = new HashSet<>();
            do
            {
                reader.read(0, view);
                reads++;
                versions.add(view.version());
                if (!consistent(view))
                {
                    violations++;
                }
            }
            while (view.day(DayField.EVENTS) < events && System.nanoTime() < deadline);
            System.out.println("reads=" + reads + " violations=" + violations + " versions=" + versions.size() +
                " events=" + view.day(DayField.EVENTS));
        }
        counters.close();
    }

    /**
     * The invariants every consistent record satisfies.
     *
     * @param v a record copy.
     * @return true when they hold.
     */
    public static boolean consistent(final SlotView v)
    {
        long active = 0;
        long sideIn = 0;
        long sideOut = 0;
        for (int c = 0; c < v.classCount(); c++)
        {
            active += v.classValue(c, ClassField.ACTIVE_IN_AMOUNT) + v.classValue(c, ClassField.ACTIVE_OUT_AMOUNT);
            sideIn += v.classValue(c, ClassField.SIDE_IN_AMOUNT);
            sideOut += v.classValue(c, ClassField.SIDE_OUT_AMOUNT);
        }
        long barTurnover = 0;
        long barTrades = 0;
        for (int bar = 0; bar < v.barCount(); bar++)
        {
            barTurnover += v.bar(bar, BarField.TURNOVER);
            barTrades += v.bar(bar, BarField.TRADES);
        }
        final long turnover = v.day(DayField.TURNOVER);
        return active + v.day(DayField.NEUTRAL_TURNOVER) == turnover && sideIn == turnover && sideOut == turnover &&
            barTurnover == turnover && barTrades == v.day(DayField.TRADES) &&
            v.day(DayField.EVENTS) == v.day(DayField.TRADES);
    }

    static String describe(final SlotView v)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append(v.symbol()).append(' ').append(v.date()).append(' ').append(v.securityId());
        for (final DayField f : DayField.values())
        {
            sb.append(' ').append(v.day(f));
        }
        for (int c = 0; c < v.classCount(); c++)
        {
            for (final ClassField f : ClassField.values())
            {
                sb.append(' ').append(v.classValue(c, f));
            }
        }
        for (int bar = 0; bar < v.barCount(); bar++)
        {
            for (final BarField f : BarField.values())
            {
                sb.append(' ').append(v.bar(bar, f));
            }
            for (int c = 0; c < v.classCount(); c++)
            {
                for (final CountersDescriptor.BarClassField f : CountersDescriptor.BarClassField.values())
                {
                    sb.append(' ').append(v.barClass(bar, c, f));
                }
            }
        }
        return sb.toString();
    }
}

package io.moneyflow.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.WaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.moneyflow.codec.Labelled;

/** How a ring stage waits for the next event: the Disruptor wait strategy it is given. */
public enum RingWait implements Labelled
{
    /** Parks on a lock and condition until signalled (default): no CPU while idle, a wake-up's latency. */
    BLOCKING("blocking"),
    /** Spins, then yields, then sleeps briefly. */
    SLEEPING("sleeping"),
    /** Spins, then yields the processor: low latency, a core busy while idle. */
    YIELDING("yielding"),
    /** Spins: the lowest latency, a whole core always. */
    BUSY_SPIN("busy-spin");

    private final String label;

    RingWait(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name used on the command line and in reports.
     */
    @Override
    public String label()
    {
        return label;
    }

    /**
     * @return a new Disruptor wait strategy of this kind.
     */
    public WaitStrategy newStrategy()
    {
        return switch (this)
        {
            case BLOCKING -> new BlockingWaitStrategy();
            case SLEEPING -> new SleepingWaitStrategy();
            case YIELDING -> new YieldingWaitStrategy();
            case BUSY_SPIN -> new BusySpinWaitStrategy();
        };
    }

    /**
     * @param text {@code blocking}, {@code sleeping}, {@code yielding} or {@code busy-spin}, in any case.
     * @return the wait.
     * @throws IllegalArgumentException for anything else.
     */
    public static RingWait parse(final String text)
    {
        return Labelled.parse(values(), text, "wait strategy");
    }
}

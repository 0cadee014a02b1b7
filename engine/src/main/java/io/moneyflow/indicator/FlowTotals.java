package io.moneyflow.indicator;

/**
 * Inflow, outflow and net flow over a range of bars, in 1/10000 yuan: what the seed methods of {@link SeedFlows}
 * return.
 * <p>
 * Reusable and mutable: a caller keeps one per thread and passes it to every call, so the methods allocate nothing.
 * Not thread-safe. A field that overflowed a {@code long} is {@link Indicators#UNDEFINED}, and then so is the net.
 */
public final class FlowTotals
{
    private long inflow;
    private long outflow;
    private long net;

    /**
     * @return inflow over the range, 1/10000 yuan, or {@link Indicators#UNDEFINED}.
     */
    public long inflow()
    {
        return inflow;
    }

    /**
     * @return outflow over the range, 1/10000 yuan (a non-negative amount), or {@link Indicators#UNDEFINED}.
     */
    public long outflow()
    {
        return outflow;
    }

    /**
     * @return {@code inflow - outflow}, 1/10000 yuan, or {@link Indicators#UNDEFINED}.
     */
    public long net()
    {
        return net;
    }

    /**
     * Sets both flows and derives the net.
     *
     * @param inflow  1/10000 yuan, or {@link Indicators#UNDEFINED}.
     * @param outflow 1/10000 yuan, or {@link Indicators#UNDEFINED}.
     * @return this.
     */
    FlowTotals set(final long inflow, final long outflow)
    {
        this.inflow = inflow;
        this.outflow = outflow;
        this.net = Exact.subtract(inflow, outflow);
        return this;
    }

    @Override
    public String toString()
    {
        return "FlowTotals{inflow=" + inflow + ", outflow=" + outflow + ", net=" + net + '}';
    }
}

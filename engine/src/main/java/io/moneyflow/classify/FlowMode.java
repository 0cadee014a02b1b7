package io.moneyflow.classify;

import io.moneyflow.codec.Labelled;

/** What the size class is measured on. */
public enum FlowMode implements Labelled
{
    /** 逐笔: each fill by its own shares and amount. */
    TRADE("trade"),
    /** 逐单 (default): each order by its cumulative fills for the day; classes move up as fills accumulate. */
    ORDER("order"),
    /** Each order by its cumulative fills within the bar, as DolphinDB's minute-flow tutorial does. */
    ORDER_BAR("order-bar");

    private final String label;

    FlowMode(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name used on the command line and in output.
     */
    @Override
    public String label()
    {
        return label;
    }

    /**
     * @param text {@code trade}, {@code order} or {@code order-bar}.
     * @return the mode.
     * @throws IllegalArgumentException for anything else.
     */
    public static FlowMode parse(final String text)
    {
        return Labelled.parse(values(), text, "mode");
    }
}

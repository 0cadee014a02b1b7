package io.moneyflow.classify;

import io.moneyflow.codec.Labelled;

/**
 * How the aggressor of a fill is decided (DOMAIN.md section 2).
 */
public enum DirectionRule implements Labelled
{
    /**
     * Default: the exchange flag; else call-auction prints are neutral; else the order numbers (the later order is
     * the aggressor); else Lee-Ready on the latest snapshot's quotes, falling back to the tick test.
     */
    AUTO("auto"),
    /** The flag in the record only; fills without one are neutral. */
    FLAG("flag"),
    /** Order numbers only: buyNo &gt; sellNo is buyer-initiated; auction prints neutral. */
    ORDER_NO("order-no"),
    /** Tick test: uptick buy, downtick sell, zero tick takes the last non-zero tick's side. */
    TICK("tick"),
    /** Quote rule: price at or above the ask is a buy, at or below the bid a sell, inside unclassified. */
    QUOTE("quote"),
    /** Lee-Ready: above the midpoint buy, below sell, at the midpoint (or without quotes) the tick test. */
    LEE_READY("lee-ready");

    private final String label;

    DirectionRule(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name used on the command line.
     */
    @Override
    public String label()
    {
        return label;
    }

    /**
     * @param text one of the labels.
     * @return the rule.
     */
    public static DirectionRule parse(final String text)
    {
        return Labelled.parse(values(), text, "direction rule");
    }
}

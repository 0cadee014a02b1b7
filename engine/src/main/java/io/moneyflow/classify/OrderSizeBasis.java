package io.moneyflow.classify;

import io.moneyflow.codec.Labelled;

/**
 * In the order modes, which fills of an aggressive order size it for the active view.
 * The order-side view always sizes an order by all its fills.
 */
public enum OrderSizeBasis implements Labelled
{
    /**
     * Default: the fills in which the order was the aggressor, i.e. the trades grouped by the aggressor's order
     * number, as DolphinDB's tutorials do and as Tushare's "主动买卖单" describes.
     */
    AGGRESSIVE("aggressive"),
    /** Every fill of the order, aggressive or passive. */
    ALL("all");

    private final String label;

    OrderSizeBasis(final String label)
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
     * @param text {@code aggressive} or {@code all}.
     * @return the basis.
     */
    public static OrderSizeBasis parse(final String text)
    {
        return Labelled.parse(values(), text, "order size basis");
    }
}

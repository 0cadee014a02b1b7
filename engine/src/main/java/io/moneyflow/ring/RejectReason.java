package io.moneyflow.ring;

/**
 * Why the feed rejected an input record. Each reason has its own counter; a rejected record never reaches the
 * ring, and the records around it still do.
 */
public enum RejectReason
{
    /** Wrong number of fields, a number that does not parse, an unterminated quote, an over-long line. */
    MALFORMED("malformed"),
    /** A fill with a price of zero or below. */
    NON_POSITIVE_PRICE("non-positive-price"),
    /** A fill, cancel or order with a quantity of zero or below. */
    NON_POSITIVE_QTY("non-positive-qty"),
    /** A flag, exec type, side or order type that the layout does not define. */
    UNKNOWN_CODE("unknown-code"),
    /** A date or time that does not parse or is not a valid time. */
    BAD_TIME("bad-time"),
    /** A symbol field that is not a recognisable security code. */
    BAD_SYMBOL("bad-symbol"),
    /** A record whose time is earlier than its stream's latest by more than the allowed bound. */
    TIME_BACKWARDS("time-backwards"),
    /** A sequence number already seen in its channel: dropped so that nothing counts twice. */
    DUPLICATE("duplicate"),
    /** The end of a truncated file or archive: a line cut off part way, or data that could not be read. */
    TRUNCATED("truncated"),
    /** More symbol-days than the engine was sized for. */
    CAPACITY("capacity"),
    /** A binary frame with a bad checksum or an impossible length: dropped, and the stream resynchronised. */
    BAD_FRAME("bad-frame"),
    /**
     * A single record whose time jumps ahead of its stream while the record after it in the same input comes back:
     * a stray time, rejected alone so that the records behind it stand.
     */
    TIME_OUTLIER("time-outlier");

    private final String label;

    RejectReason(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name used in output, e.g. {@code non-positive-price}.
     */
    public String label()
    {
        return label;
    }
}

package io.moneyflow.indicator;

/**
 * Argument checks for the indicator methods: programming errors (a bad period, index range or output array) throw
 * {@link IllegalArgumentException}; values are never checked here (bad values give {@link Indicators#UNDEFINED}).
 * No varargs, so a check allocates nothing unless it throws.
 */
final class Checks
{
    private Checks()
    {
    }

    /**
     * @param from  first index, inclusive.
     * @param to    end, exclusive.
     * @param array an input array.
     * @throws IllegalArgumentException when the array is null or {@code [from, to)} is not within it.
     */
    static void range(final int from, final int to, final long[] array)
    {
        if (array == null)
        {
            throw new IllegalArgumentException("input array is null");
        }
        if (from < 0 || from > to || to > array.length)
        {
            throw new IllegalArgumentException("range [" + from + ", " + to + ") outside the " + array.length +
                " values of an input array");
        }
    }

    /**
     * @param first an input array, already checked.
     * @param other another input array of the same series.
     * @throws IllegalArgumentException when {@code other} is null or of another length.
     */
    static void sameLength(final long[] first, final long[] other)
    {
        if (other == null)
        {
            throw new IllegalArgumentException("input array is null");
        }
        if (other.length != first.length)
        {
            throw new IllegalArgumentException(
                "input arrays differ in length: " + other.length + " and " + first.length);
        }
    }

    /**
     * @param out the output array.
     * @param to  the end of the range it receives.
     * @throws IllegalArgumentException when it is null or shorter than {@code to}.
     */
    static void output(final long[] out, final int to)
    {
        if (out == null || out.length < to)
        {
            throw new IllegalArgumentException("output array must hold " + to + " values");
        }
    }

    /**
     * @param n a period in bars.
     * @throws IllegalArgumentException when below 1.
     */
    static void period(final int n)
    {
        if (n < 1)
        {
            throw new IllegalArgumentException("period must be at least 1: " + n);
        }
    }
}

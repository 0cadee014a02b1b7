package io.moneyflow.indicator;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

import static io.moneyflow.indicator.Indicators.UNDEFINED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exact arithmetic under every indicator. Expected values: by hand for the ties and limits, and {@code
 * BigDecimal}'s own half-even division (an independent implementation) for the properties.
 */
class ExactTest
{
    @Test
    void shouldRoundHalfwayQuotientsToTheEvenNeighbour()
    {
        // By hand: 5/2 = 2.5 -> 2, 7/2 = 3.5 -> 4, -5/2 = -2.5 -> -2, -7/2 -> -4, 5/3 = 1.67 -> 2, 4/3 = 1.33 -> 1.
        assertThat(Exact.mulDiv(5, 1, 2)).isEqualTo(2);
        assertThat(Exact.mulDiv(7, 1, 2)).isEqualTo(4);
        assertThat(Exact.mulDiv(-5, 1, 2)).isEqualTo(-2);
        assertThat(Exact.mulDiv(7, -1, 2)).isEqualTo(-4);
        assertThat(Exact.mulDiv(5, 1, 3)).isEqualTo(2);
        assertThat(Exact.mulDiv(4, 1, -3)).isEqualTo(-1);
    }

    @Test
    void shouldDivideProductsBeyondSixtyFourBitsExactly()
    {
        // (2^62 x 10^8) / 2^40 = 2^22 x 10^8 = 419,430,400,000,000 exactly, although the product needs 89 bits.
        assertThat(Exact.mulDiv(1L << 62, 100_000_000L, 1L << 40)).isEqualTo((1L << 22) * 100_000_000L);
        // (2^63 - 1)^2 / (2^63 - 1) = 2^63 - 1.
        assertThat(Exact.mulDiv(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void shouldGiveUndefinedForDivisionByZeroOverflowAndUndefinedArguments()
    {
        assertThat(Exact.mulDiv(1, 1, 0)).isEqualTo(UNDEFINED);
        assertThat(Exact.mulDiv(Long.MAX_VALUE, 2, 1)).isEqualTo(UNDEFINED);
        assertThat(Exact.mulDiv(UNDEFINED, 1, 1)).isEqualTo(UNDEFINED);
        assertThat(Exact.add(Long.MAX_VALUE, 1)).isEqualTo(UNDEFINED);
        assertThat(Exact.subtract(-2, Long.MAX_VALUE)).isEqualTo(UNDEFINED);
        assertThat(Exact.multiply(1L << 32, 1L << 31)).isEqualTo(UNDEFINED);
        assertThat(Exact.multiply(-(1L << 31), 1L << 31)).isEqualTo(-(1L << 62));
        assertThat(Exact.sum(new long[]{Long.MAX_VALUE, 1, -5}, 0, 3)).isEqualTo(UNDEFINED);
    }

    @Property(tries = 2000)
    void mulDivEqualsBigDecimalHalfEvenDivision(
        @ForAll("anyValue") final long a,
        @ForAll("anyValue") final long b,
        @ForAll("anyValue") final long c)
    {
        final long expected;
        if (c == 0)
        {
            expected = UNDEFINED;
        }
        else
        {
            final BigInteger quotient = new BigDecimal(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b)))
                .divide(BigDecimal.valueOf(c), 0, RoundingMode.HALF_EVEN).toBigIntegerExact();
            expected = quotient.bitLength() > 63 ? UNDEFINED : quotient.longValue();
        }
        assertThat(Exact.mulDiv(a, b, c)).as(a + " x " + b + " / " + c).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void addSubtractAndMultiplyAreExactOrUndefined(
        @ForAll("anyValue") final long a,
        @ForAll("anyValue") final long b)
    {
        assertThat(Exact.add(a, b)).isEqualTo(fit(BigInteger.valueOf(a).add(BigInteger.valueOf(b))));
        assertThat(Exact.subtract(a, b)).isEqualTo(fit(BigInteger.valueOf(a).subtract(BigInteger.valueOf(b))));
        assertThat(Exact.multiply(a, b)).isEqualTo(fit(BigInteger.valueOf(a).multiply(BigInteger.valueOf(b))));
    }

    /** Values of every size, both signs, with the edges, never the sentinel itself. */
    @Provide
    Arbitrary<Long> anyValue()
    {
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-1000, 1000),
            Arbitraries.longs().between(-(1L << 40), 1L << 40),
            Arbitraries.longs().between(Long.MIN_VALUE + 1, Long.MAX_VALUE),
            Arbitraries.of(0L, 1L, -1L, 2L, Long.MAX_VALUE, Long.MIN_VALUE + 1, 1L << 62, 3_037_000_499L));
    }

    private static long fit(final BigInteger exact)
    {
        return exact.bitLength() > 63 ? UNDEFINED : exact.longValue();
    }
}

package io.moneyflow.tools;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report's numbers are written from long arithmetic; each must read exactly as the BigDecimal text it replaced
 * ({@code toPlainString} of the exact value, stripped of trailing zeros or at a fixed scale, percentages rounded
 * half-even), which is the reference here.
 */
class MoneyTest
{
    @Provide
    Arbitrary<Long> values()
    {
        // small values (all the fraction's shapes), amounts of a day, and the extremes
        return Arbitraries.oneOf(
            Arbitraries.longs().between(-100_000, 100_000),
            Arbitraries.longs().between(-10_000_000_000_000_000L, 10_000_000_000_000_000L),
            Arbitraries.longs(),
            Arbitraries.of(0L, 1L, -1L, 9_999L, 10_000L, -10_000L, 10_500L, Long.MAX_VALUE, Long.MIN_VALUE,
                Long.MIN_VALUE + 1));
    }

    @Property(tries = 3000)
    void yuanReadsAsTheExactValueWithoutTrailingZeros(@ForAll("values") final long minor)
    {
        assertThat(Money.yuan(minor)).isEqualTo(BigDecimal.valueOf(minor, 4).stripTrailingZeros().toPlainString());
    }

    @Property(tries = 3000)
    void priceKeepsAtLeastTwoPlaces(@ForAll("values") final long minor)
    {
        final BigDecimal value = BigDecimal.valueOf(minor, 4).stripTrailingZeros();
        assertThat(Money.price(minor)).isEqualTo(
            (value.scale() < 2 ? value.setScale(2, RoundingMode.UNNECESSARY) : value).toPlainString());
    }

    @Property(tries = 3000)
    void plainKeepsEveryPlaceOfItsScale(@ForAll("values") final long unscaled, @ForAll @IntRange(max = 18) final int scale)
    {
        assertThat(Money.appendPlain(new StringBuilder("x"), unscaled, scale).toString())
            .isEqualTo("x" + BigDecimal.valueOf(unscaled, scale).toPlainString());
    }

    @Property(tries = 5000)
    void percentRoundsHalfEvenAsBigDecimal(
        @ForAll("values") final long numerator, @ForAll("values") final long denominator,
        @ForAll @IntRange(max = 6) final int scale)
    {
        final StringBuilder text = new StringBuilder();
        final boolean written = Money.appendPercent(text, numerator, denominator, scale);
        final BigDecimal reference = Money.percent(numerator, denominator, scale);
        assertThat(written).isEqualTo(reference != null);
        assertThat(text.toString()).isEqualTo(reference == null ? "" : reference.toPlainString());
    }

    @Test
    void percentTiesGoToTheEvenLastPlace()
    {
        // hand-computed: 1/800 = 0.125 %, 3/800 = 0.375 %: at two places the tie goes to the even digit
        assertThat(percent(1, 800, 2)).isEqualTo("0.12");
        assertThat(percent(3, 800, 2)).isEqualTo("0.38");
        assertThat(percent(-1, 800, 2)).isEqualTo("-0.12");
        assertThat(percent(-3, 800, 2)).isEqualTo("-0.38");
        // 1/3 = 33.3333...%, 2/3 = 66.6666...%; a value that rounds to zero has no sign
        assertThat(percent(1, 3, 4)).isEqualTo("33.3333");
        assertThat(percent(-2, 3, 4)).isEqualTo("-66.6667");
        assertThat(percent(-1, 3_000_000_000L, 4)).isEqualTo("0.0000");
    }

    @Test
    void yuanAndPriceOfHandPickedAmounts()
    {
        assertThat(Money.yuan(24_264_719_725_200L)).isEqualTo("2426471972.52");
        assertThat(Money.yuan(1_000_000)).isEqualTo("100");
        assertThat(Money.yuan(0)).isEqualTo("0");
        assertThat(Money.yuan(-5)).isEqualTo("-0.0005");
        assertThat(Money.price(103_400)).isEqualTo("10.34");
        assertThat(Money.price(100_000)).isEqualTo("10.00");
        assertThat(Money.price(105_000)).isEqualTo("10.50");
        assertThat(Money.price(101_234)).isEqualTo("10.1234");
    }

    private static String percent(final long numerator, final long denominator, final int scale)
    {
        final StringBuilder text = new StringBuilder();
        Money.appendPercent(text, numerator, denominator, scale);
        return text.toString();
    }
}

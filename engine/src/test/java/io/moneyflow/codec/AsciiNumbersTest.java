package io.moneyflow.codec;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class AsciiNumbersTest
{
    private static long scaled(final String text, final int scale)
    {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return AsciiNumbers.parseScaled(b, 0, b.length, scale);
    }

    private static long exact(final String text, final int scale)
    {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return AsciiNumbers.parseScaledExact(b, 0, b.length, scale);
    }

    @ParameterizedTest
    @CsvSource({
        // float noise in real vendor files rounds to the exchange tick
        "7.400000000000001, 74000",
        "1854.980000000000018, 18549800",
        "1801.00999999999999, 18010100",
        "1845.75999999999999, 18457600",
        "3379.36999999999989, 33793700",
        "12.48, 124800",
        "0, 0",
        "-14.70, -147000",
        "+1, 10000",
        "' 9.99 ', 99900",
        "6.24467892461E9, 62446789246100",
        "1.5e-3, 15",
        "0.00005, 1",
        "0.00004999, 0",
        "1797000, 17970000000"
    })
    void shouldParseDecimalsToTenThousandthsRoundingHalfUp(final String text, final long expected)
    {
        assertThat(scaled(text, 4)).isEqualTo(expected);
    }

    @Test
    void shouldRoundOnDigitsBeyondTheEighteenthSignificant()
    {
        // 19 significant digits: the 19th is the first below the result's unit and decides the rounding
        assertThat(scaled("99999999999999.99995", 4)).isEqualTo(1_000_000_000_000_000_000L);
        assertThat(scaled("99999999999999.99994", 4)).isEqualTo(999_999_999_999_999_999L);
        // digits that would land inside the result cannot be held exactly
        assertThat(scaled("922337203685477.5807", 4)).isEqualTo(AsciiNumbers.INVALID);
    }

    @Test
    void shouldDivideForNegativeScales()
    {
        // an integer field holding price x 1000 (SSE raw): 1797.000 yuan
        assertThat(scaled("1797000", 1)).isEqualTo(17_970_000L);
        // a field holding price x 10^6 read with scale -2
        assertThat(scaled("12345678", -2)).isEqualTo(123_457L);
    }

    @ParameterizedTest
    @CsvSource({"''", "abc", "1.2.3", "12a", "-", "1e", "--1", "99999999999999999999999"})
    void shouldRejectMalformedOrOverflowingText(final String text)
    {
        assertThat(scaled(text, 4)).isEqualTo(AsciiNumbers.INVALID);
    }

    @Test
    void shouldRefuseRoundingWhenExactnessIsRequired()
    {
        assertThat(exact("100", 0)).isEqualTo(100);
        assertThat(exact("100.0", 0)).isEqualTo(100);
        assertThat(exact("100.5", 0)).isEqualTo(AsciiNumbers.INVALID);
        assertThat(exact("1.04", 0)).isEqualTo(AsciiNumbers.INVALID);
        // shares x 1000 in the SSE raw feed: 100000 means 100 shares, 100500 is not whole
        assertThat(exact("100000", -3)).isEqualTo(100);
        assertThat(exact("100500", -3)).isEqualTo(AsciiNumbers.INVALID);
    }

    @Test
    void shouldParseIntegers()
    {
        final byte[] b = "  -42 ".getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiNumbers.parseLong(b, 0, b.length)).isEqualTo(-42);
        final byte[] max = "9223372036854775807".getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiNumbers.parseLong(max, 0, max.length)).isEqualTo(Long.MAX_VALUE);
        final byte[] over = "9223372036854775808".getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiNumbers.parseLong(over, 0, over.length)).isEqualTo(AsciiNumbers.INVALID);
        final byte[] bad = "4x".getBytes(StandardCharsets.US_ASCII);
        assertThat(AsciiNumbers.parseLong(bad, 0, bad.length)).isEqualTo(AsciiNumbers.INVALID);
    }

    /**
     * A field of digits alone, the common case: its value must be the decimal value of the digits (BigDecimal's)
     * times 10^scale, whichever of the three parsers reads it.
     */
    @Property(tries = 2000)
    void shouldReadPlainDigitsAsTheirDecimalValue(
        @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 18) final String digits,
        @ForAll @IntRange(min = 0, max = 17) final int scale)
    {
        final byte[] b = ("x" + digits + ",").getBytes(StandardCharsets.US_ASCII);
        final int end = b.length - 1;
        if (digits.length() + scale > 18)
        {
            return;
        }
        final long expected = new BigDecimal(digits).movePointRight(scale).longValueExact();
        assertThat(AsciiNumbers.parseScaled(b, 1, end, scale)).isEqualTo(expected);
        assertThat(AsciiNumbers.parseScaledPlain(b, 1, end, scale)).isEqualTo(expected);
        assertThat(AsciiNumbers.parseScaledExact(b, 1, end, scale)).isEqualTo(expected);
    }

    /**
     * The eight-bytes-at-a-time reading of a field: its value is the digits' decimal value (Long.parseLong's) when
     * the field is 1 to 16 digits alone, whatever bytes follow it in the buffer; anything else (a sign, a space, a
     * point, a letter, a byte above 0x7F, 17 digits or more, too few bytes after the start to read a word) answers
     * -1, and the general path then reads it.
     */
    @Property(tries = 5000)
    void shouldReadUpToSixteenDigitsAloneEightBytesAtATime(
        @ForAll @CharRange(from = '0', to = '9') @CharRange(from = '+', to = '/') @CharRange(from = '9', to = ';')
        @StringLength(min = 0, max = 20) final String field,
        @ForAll @StringLength(min = 0, max = 12) final String after,
        @ForAll @IntRange(min = 0, max = 3) final int before)
    {
        final String text = "x".repeat(before) + field + after;
        final byte[] b = text.getBytes(StandardCharsets.ISO_8859_1);
        final int start = before;
        final int end = before + field.length();
        final boolean digitsAlone = field.matches("[0-9]{1,16}");
        final long got = AsciiNumbers.plainDigits(b, start, end);
        if (!digitsAlone || start + 8 > b.length)
        {
            assertThat(got).isEqualTo(-1);
        }
        else
        {
            assertThat(got).isEqualTo(Long.parseLong(field));
        }
        // whichever path reads it, the parsers agree with the decimal value
        if (field.matches("[0-9]{1,18}"))
        {
            assertThat(AsciiNumbers.parseLong(b, start, end)).isEqualTo(Long.parseLong(field));
            assertThat(AsciiNumbers.parseScaled(b, start, end, 0)).isEqualTo(Long.parseLong(field));
        }
        else if (!field.strip().matches("[+-]?[0-9]+"))
        {
            assertThat(AsciiNumbers.parseLong(b, start, end)).isEqualTo(AsciiNumbers.INVALID);
        }
    }

    /**
     * Digits divided by a power of ten, on both paths (a long tail after the field, and none): the scaled parser
     * rounds half away from zero as BigDecimal's HALF_UP does, and the exact one refuses what would need rounding.
     */
    @Property(tries = 3000)
    void shouldDivideDigitsAsBigDecimalRoundsThem(
        @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 18) final String digits,
        @ForAll @IntRange(min = -18, max = -1) final int scale,
        @ForAll final boolean tail)
    {
        final byte[] b = (digits + (tail ? ",12345678" : "")).getBytes(StandardCharsets.US_ASCII);
        final BigDecimal moved = new BigDecimal(digits).movePointRight(scale);
        final long rounded = moved.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        assertThat(AsciiNumbers.parseScaled(b, 0, digits.length(), scale)).isEqualTo(rounded);
        final boolean whole = moved.stripTrailingZeros().scale() <= 0;
        assertThat(AsciiNumbers.parseScaledExact(b, 0, digits.length(), scale))
            .isEqualTo(whole ? rounded : AsciiNumbers.INVALID);
    }

    /**
     * Digits, a point and digits (a vendor's price), 2 to 18 digits in all, at every scale from -6 to 8, on both paths
     * (bytes after the field, or none): BigDecimal's value moved by the scale and rounded HALF_UP (half away from
     * zero, for these positive values); the exact parser refuses what would need rounding. With 19 digits and more
     * the general parser reads it (covered above).
     */
    @Property(tries = 3000)
    void shouldReadADecimalAsBigDecimalScalesIt(
        @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 10) final String whole,
        @ForAll @CharRange(from = '0', to = '9') @StringLength(min = 1, max = 8) final String fraction,
        @ForAll @IntRange(min = -6, max = 8) final int scale,
        @ForAll final boolean tail)
    {
        final String field = whole + "." + fraction;
        final byte[] b = (field + (tail ? ",20230201,9" : "")).getBytes(StandardCharsets.US_ASCII);
        final BigDecimal moved = new BigDecimal(field).movePointRight(scale);
        final long rounded = moved.setScale(0, java.math.RoundingMode.HALF_UP).longValueExact();
        assertThat(AsciiNumbers.parseScaled(b, 0, field.length(), scale)).as(field).isEqualTo(rounded);
        assertThat(AsciiNumbers.parseScaledPlain(b, 0, field.length(), scale)).as(field).isEqualTo(rounded);
        final boolean whole0 = moved.stripTrailingZeros().scale() <= 0;
        assertThat(AsciiNumbers.parseScaledExact(b, 0, field.length(), scale)).as(field)
            .isEqualTo(whole0 ? rounded : AsciiNumbers.INVALID);
    }
}

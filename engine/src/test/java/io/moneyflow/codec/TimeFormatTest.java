package io.moneyflow.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class TimeFormatTest
{
    private static boolean parse(final TimeFormat format, final String text)
    {
        final byte[] b = text.getBytes(StandardCharsets.US_ASCII);
        return format.parse(b, 0, b.length);
    }

    private static int ms(final int h, final int m, final int s, final int millis)
    {
        return ((h * 60 + m) * 60 + s) * 1000 + millis;
    }

    @Test
    void shouldParseDolphinDbDateTimes()
    {
        final TimeFormat format = new TimeFormat("yyyy.MM.ddTHH:mm:ss.SSS");
        assertThat(parse(format, "2023.02.01T09:25:00.320")).isTrue();
        assertThat(format.date()).isEqualTo(20230201);
        assertThat(format.timeOfDayMs()).isEqualTo(ms(9, 25, 0, 320));
    }

    @Test
    void shouldParseSseHundredthsWithoutLeadingZero()
    {
        // SSE TradeTime HHMMSSss in 1/100 s, as an integer: 9250080 is 09:25:00.80
        final TimeFormat format = new TimeFormat("HHmmssSS");
        assertThat(parse(format, "9250080")).isTrue();
        assertThat(format.timeOfDayMs()).isEqualTo(ms(9, 25, 0, 800));
        assertThat(parse(format, "14302506")).isTrue();
        assertThat(format.timeOfDayMs()).isEqualTo(ms(14, 30, 25, 60));
    }

    @Test
    void shouldParseCompactDateTimesAndMissingFractions()
    {
        final TimeFormat compact = new TimeFormat("yyyyMMddHHmmss");
        assertThat(parse(compact, "20190201092502")).isTrue();
        assertThat(compact.date()).isEqualTo(20190201);
        assertThat(compact.timeOfDayMs()).isEqualTo(ms(9, 25, 2, 0));

        final TimeFormat withFraction = new TimeFormat("HH:mm:ss.SSS");
        assertThat(parse(withFraction, "10:00:01")).isTrue();
        assertThat(withFraction.timeOfDayMs()).isEqualTo(ms(10, 0, 1, 0));
        assertThat(parse(withFraction, "10:00:01.123456")).isTrue();
        assertThat(withFraction.timeOfDayMs()).isEqualTo(ms(10, 0, 1, 123));
    }

    @Test
    void shouldRefuseInvalidTimes()
    {
        final TimeFormat format = new TimeFormat("yyyy.MM.ddTHH:mm:ss.SSS");
        assertThat(parse(format, "2023.02.01T24:00:00.000")).isFalse();
        assertThat(parse(format, "2023.13.01T09:00:00.000")).isFalse();
        assertThat(parse(format, "2023-02-01T09:00:00.000")).isFalse();
        assertThat(parse(format, "")).isFalse();
        assertThat(parse(format, "2023.02.01T09:00:0x.000")).isFalse();
        assertThat(parse(format, "2023.02.30T09:00:00.000")).isFalse();
        assertThat(parse(format, "2023.04.31T09:00:00.000")).isFalse();
        assertThat(parse(format, "2024.02.29T09:00:00.000")).isTrue();
        assertThat(parse(format, "2023.02.29T09:00:00.000")).isFalse();
    }

    @Test
    void shouldReadShorterFractionsAsTheDigitsTheyHave()
    {
        final TimeFormat format = new TimeFormat("HH:mm:ss.SSS");
        assertThat(parse(format, "09:30:00.5")).isTrue();
        assertThat(format.timeOfDayMs()).isEqualTo(ms(9, 30, 0, 500));
        assertThat(parse(format, "09:30:00.25")).isTrue();
        assertThat(format.timeOfDayMs()).isEqualTo(ms(9, 30, 0, 250));
    }

    @Test
    void shouldFindTheTradingDateInAFileName()
    {
        assertThat(TimeFormat.dateFromName("data/20230201.zip!20230201/trade.csv")).isEqualTo(20230201);
        assertThat(TimeFormat.dateFromName("ddb-l2-20230201/x/trade.csv")).isEqualTo(20230201);
        assertThat(TimeFormat.dateFromName("trade-123456789.csv")).isZero();
        assertThat(TimeFormat.dateFromName("trade.csv")).isZero();
    }

    @Test
    void shouldFormatDatesAsTheFormatterDid()
    {
        for (final int date : new int[]{20230201, 19000101, 29991231, 20240229, 10000101, 99991231, 9991231, 0})
        {
            assertThat(TimeFormat.formatDate(date))
                .isEqualTo(String.format("%04d-%02d-%02d", date / 10000, date / 100 % 100, date % 100));
        }
    }
}

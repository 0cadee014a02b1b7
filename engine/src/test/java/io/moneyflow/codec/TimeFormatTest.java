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

    @Test
    void shouldReadNineDigitTimesDirectlyAsTheGeneralLoopDoes()
    {
        // every text of 7 to 10 characters over digits, a space, a colon and a letter, by a fixed-seed generator, and
        // the edges of each field: the direct reading and the general loop agree on verdict and value
        final TimeFormat direct = new TimeFormat("HHmmssSSS");
        final TimeFormat general = new TimeFormat("HHmmssSSS", false);
        final java.util.Random random = new java.util.Random(7);
        final byte[] alphabet = "0123456789012345678901234567890123456789 :x".getBytes(StandardCharsets.US_ASCII);
        final java.util.List<String> texts = new java.util.ArrayList<>(java.util.List.of(
            "000000000", "235959999", "240000000", "236000000", "235960000", "093000000", "150000000", "92500000",
            " 93000000", "09300000 ", "09:300000"));
        for (int n = 0; n < 200_000; n++)
        {
            final byte[] text = new byte[7 + random.nextInt(4)];
            for (int i = 0; i < text.length; i++)
            {
                text[i] = alphabet[random.nextInt(alphabet.length)];
            }
            texts.add(new String(text, StandardCharsets.US_ASCII));
        }
        int read = 0;
        for (final String text : texts)
        {
            final byte[] bytes = ("," + text + ",").getBytes(StandardCharsets.US_ASCII);
            final boolean a = direct.parse(bytes, 1, bytes.length - 1);
            final boolean b = general.parse(bytes, 1, bytes.length - 1);
            assertThat(a).as(text).isEqualTo(b);
            if (a)
            {
                assertThat(direct.timeOfDayMs()).as(text).isEqualTo(general.timeOfDayMs());
                read++;
            }
        }
        assertThat(read).isGreaterThan(1_000);
    }
}

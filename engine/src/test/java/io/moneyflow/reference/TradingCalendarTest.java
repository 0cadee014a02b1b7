package io.moneyflow.reference;

import io.moneyflow.Samples;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The bundled SSE/SZSE calendar, checked against holiday weeks known by hand from the exchanges' own notices and the
 * State Council's holiday schedules (not from the generator's sources), and the window arithmetic on it.
 */
class TradingCalendarTest
{
    private static final TradingCalendar CALENDAR = TradingCalendar.load(Samples.config("calendar/sse-szse.csv"));

    private static List<Integer> tradingDays(final int from, final int to)
    {
        final List<Integer> days = new ArrayList<>();
        for (java.time.LocalDate d = date(from); !d.isAfter(date(to)); d = d.plusDays(1))
        {
            final int day = d.getYear() * 10_000 + d.getMonthValue() * 100 + d.getDayOfMonth();
            if (CALENDAR.isTradingDay(day))
            {
                days.add(day);
            }
        }
        return days;
    }

    private static java.time.LocalDate date(final int yyyymmdd)
    {
        return java.time.LocalDate.of(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    @Test
    void shouldCloseTheSpringFestivalWeeks()
    {
        // 2019: closed Monday 02-04 to Friday 02-08 (the Level-1 sample's two days are either side of it)
        assertThat(tradingDays(20190201, 20190211)).containsExactly(20190201, 20190211);
        // 2023: closed 01-23 to 01-27; 01-28 and 01-29 were make-up working days, yet the exchanges stayed closed
        assertThat(tradingDays(20230120, 20230131)).containsExactly(20230120, 20230130, 20230131);
        // 2020: the holiday extended for the epidemic, closed to Friday 01-31, reopened Monday 02-03
        assertThat(tradingDays(20200123, 20200203)).containsExactly(20200123, 20200203);
        // 2024: the exchanges also closed on New Year's Eve, Friday 02-09, a working day for the rest of China
        assertThat(CALENDAR.isTradingDay(20240208)).isTrue();
        assertThat(CALENDAR.closure(20240209)).isEqualTo("Chinese New Year's Eve");
        assertThat(tradingDays(20240208, 20240219)).containsExactly(20240208, 20240219);
    }

    @Test
    void shouldCloseTheNationalDayWeeks()
    {
        // 2023: Mid-Autumn and National Day together, closed Friday 09-29 to Friday 10-06; 10-07 and 10-08 were
        // make-up working days (closed: weekend)
        assertThat(tradingDays(20230928, 20231009)).containsExactly(20230928, 20231009);
        assertThat(CALENDAR.closure(20231007)).isEqualTo("weekend");
        // 2019: closed 10-01 to 10-07
        assertThat(tradingDays(20190930, 20191008)).containsExactly(20190930, 20191008);
        // 2015: the exchanges closed for the Victory Day parade, 09-03 and 09-04
        assertThat(tradingDays(20150902, 20150907)).containsExactly(20150902, 20150907);
    }

    @Test
    void shouldCountWindowsInTradingDays()
    {
        // the 5 trading days ending 2023-02-07: 02-01, 02, 03, 06, 07 (the weekend 02-04 and 02-05 left out)
        assertThat(CALENDAR.window(20230207, 5)).containsExactly(20230201, 20230202, 20230203, 20230206, 20230207);
        assertThat(CALENDAR.window(20230204, 3)).as("a Saturday ends no window").isNull();
        // the 3 trading days before 2019-02-11 reach across the Spring Festival week
        assertThat(CALENDAR.tradingDaysBefore(20190211, 3)).containsExactly(20190201, 20190131, 20190130);
        assertThat(CALENDAR.previous(20230206)).isEqualTo(20230203);
        // the span: 2007 to 2026; nothing is known outside it, and no window reaches before its start
        assertThat(CALENDAR.covers(20061229)).isFalse();
        assertThat(CALENDAR.covers(20270104)).isFalse();
        assertThat(CALENDAR.isTradingDay(20270104)).isFalse();
        assertThat(CALENDAR.closure(20270104)).isNull();
        // 2007-01-01 to 01-03 closed: 01-04 and 01-05 are the first trading days known
        assertThat(CALENDAR.window(20070105, 2)).containsExactly(20070104, 20070105);
        assertThat(CALENDAR.window(20070105, 3)).isNull();
        assertThat(CALENDAR.tradingDaysBefore(20070105, 5)).containsExactly(20070104);
    }

    @Test
    void shouldCountAYearsTradingDaysAsTheHolidayNoticesDo()
    {
        // by hand from the exchanges' holiday notices: 2019 has 261 weekdays, closed 01-01, 02-04..08 (5), 04-05,
        // 05-01..03 (3), 06-07, 09-13, 10-01..04 and 10-07 (5): 17, so 244
        assertThat(tradingDays(20190101, 20191231)).hasSize(244);
        // 2023: 260 weekdays, closed 01-02, 01-23..27 (5), 04-05, 05-01..03 (3), 06-22..23 (2), 09-29, 10-02..06 (5):
        // 18, so 242
        assertThat(tradingDays(20230101, 20231231)).hasSize(242);
    }

    @Test
    void shouldRefuseAMalformedCalendar()
    {
        assertThatThrownBy(() -> TradingCalendar.fromText("date,closed\n2023-01-02,x\n", "t"))
            .hasMessageContaining("must come before 'date,closed'");
        assertThatThrownBy(() -> TradingCalendar.fromText("first,2023-01-01\nlast,2023-12-31\ndate,closed\n" +
            "2023-01-07,x\n", "t")).hasMessageContaining("is a saturday");
        assertThatThrownBy(() -> TradingCalendar.fromText("first,2023-01-01\nlast,2023-12-31\ndate,closed\n" +
            "2024-01-02,x\n", "t")).hasMessageContaining("outside");
        assertThatThrownBy(() -> TradingCalendar.fromText("first,2023-01-01\nlast,2023-12-31\n", "t"))
            .hasMessageContaining("no 'date,closed' header");
    }
}

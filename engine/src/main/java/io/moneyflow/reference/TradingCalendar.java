package io.moneyflow.reference;

import io.moneyflow.codec.ConfigLines;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The trading days of the Shanghai and Shenzhen stock exchanges (交易日历), which N-day windows count:
 * {@code config/calendar/sse-szse.csv}.
 * <p>
 * The file declares the span it covers and lists every weekday in it on which the exchanges are closed:
 * <pre>
 * # comments
 * first,2007-01-01
 * last,2026-12-31
 * date,closed
 * 2007-01-01,New Year's Day
 * ...
 * </pre>
 * A day from {@code first} to {@code last} is a trading day when it is a Monday to Friday and not listed; Saturdays
 * and Sundays never are (the exchanges stay closed on the weekend days that China makes working days). Outside the
 * span nothing is known: {@link #covers(int)} is false and no window reaches there. Immutable; loaded once per command.
 * Dates are {@code yyyymmdd} ints, as the counters keep them.
 */
public final class TradingCalendar
{
    /** The header of the closures. */
    public static final String HEADER = "date,closed";

    private final int first;
    private final int last;
    /** Every trading day of the span, ascending. */
    private final int[] days;
    private final Map<Integer, String> closures;

    private TradingCalendar(final int first, final int last, final Map<Integer, String> closures)
    {
        this.first = first;
        this.last = last;
        this.closures = closures;
        final int[] all = new int[(int)(toDate(last).toEpochDay() - toDate(first).toEpochDay()) + 1];
        int n = 0;
        for (LocalDate d = toDate(first); !d.isAfter(toDate(last)); d = d.plusDays(1))
        {
            final int day = toInt(d);
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY &&
                !closures.containsKey(day))
            {
                all[n++] = day;
            }
        }
        this.days = Arrays.copyOf(all, n);
    }

    /**
     * Loads a calendar file.
     *
     * @param file the CSV file.
     * @return the calendar.
     * @throws IllegalArgumentException naming the file and line when it is malformed.
     * @throws UncheckedIOException     when it cannot be read.
     */
    public static TradingCalendar load(final Path file)
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            return parse(reader, file.toString());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read trading calendar " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param text  a calendar file's text.
     * @param label where it came from, for errors.
     * @return the calendar.
     */
    public static TradingCalendar fromText(final String text, final String label)
    {
        try
        {
            return parse(new BufferedReader(new StringReader(text)), label);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static TradingCalendar parse(final BufferedReader reader, final String label) throws IOException
    {
        int first = 0;
        int last = 0;
        boolean header = false;
        final Map<Integer, String> closures = new HashMap<>();
        final ConfigLines lines = ConfigLines.trimmed(reader);
        String trimmed;
        while ((trimmed = lines.next()) != null)
        {
            final int lineNumber = lines.lineNumber();
            final int comma = trimmed.indexOf(',');
            final String key = comma < 0 ? trimmed : trimmed.substring(0, comma).trim();
            final String value = comma < 0 ? "" : trimmed.substring(comma + 1).trim();
            if (!header)
            {
                switch (key)
                {
                    case "first" -> first = date(value, label, lineNumber);
                    case "last" -> last = date(value, label, lineNumber);
                    case "date" ->
                    {
                        if (!trimmed.replace(" ", "").equals(HEADER))
                        {
                            throw new IllegalArgumentException(label + ":" + lineNumber + ": expected '" + HEADER + "'");
                        }
                        if (first == 0 || last == 0 || last < first)
                        {
                            throw new IllegalArgumentException(label + ":" + lineNumber +
                                ": 'first,yyyy-MM-dd' and 'last,yyyy-MM-dd' (not before first) must come before '" +
                                HEADER + "'");
                        }
                        header = true;
                    }
                    default -> throw new IllegalArgumentException(label + ":" + lineNumber +
                        ": expected 'first,DATE', 'last,DATE' or '" + HEADER + "'");
                }
                continue;
            }
            final int day = date(key, label, lineNumber);
            if (day < first || day > last)
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": " + key + " is outside " +
                    format(first) + " to " + format(last));
            }
            final DayOfWeek weekday = toDate(day).getDayOfWeek();
            if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY)
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": " + key + " is a " +
                    weekday.toString().toLowerCase(java.util.Locale.ROOT) + ": list only weekdays");
            }
            if (closures.put(day, value) != null)
            {
                throw new IllegalArgumentException(label + ":" + lineNumber + ": " + key + " listed twice");
            }
        }
        if (!header)
        {
            throw new IllegalArgumentException(label + ": no '" + HEADER + "' header");
        }
        return new TradingCalendar(first, last, closures);
    }

    private static int date(final String text, final String label, final int line)
    {
        try
        {
            return toInt(LocalDate.parse(text));
        }
        catch (final DateTimeParseException ex)
        {
            throw new IllegalArgumentException(label + ":" + line + ": '" + text + "' is not a date such as 2023-02-01");
        }
    }

    private static LocalDate toDate(final int yyyymmdd)
    {
        return LocalDate.of(yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    private static int toInt(final LocalDate date)
    {
        return date.getYear() * 10_000 + date.getMonthValue() * 100 + date.getDayOfMonth();
    }

    /**
     * @param yyyymmdd a day.
     * @return it as {@code yyyy-MM-dd}.
     */
    public static String format(final int yyyymmdd)
    {
        return String.format("%04d-%02d-%02d", yyyymmdd / 10_000, yyyymmdd / 100 % 100, yyyymmdd % 100);
    }

    /**
     * @return the first day the calendar covers, yyyymmdd.
     */
    public int first()
    {
        return first;
    }

    /**
     * @return the last day the calendar covers, yyyymmdd.
     */
    public int last()
    {
        return last;
    }

    /**
     * @param date yyyymmdd.
     * @return true when the calendar knows whether the exchanges traded that day.
     */
    public boolean covers(final int date)
    {
        return date >= first && date <= last;
    }

    /**
     * @param date yyyymmdd.
     * @return true when the day is covered and the exchanges traded; false when they were closed or it is not covered.
     */
    public boolean isTradingDay(final int date)
    {
        return Arrays.binarySearch(days, date) >= 0;
    }

    /**
     * @param date yyyymmdd.
     * @return why the exchanges were closed on a listed weekday ("Spring Festival"), "weekend", or null on a trading
     *         day or outside the calendar.
     */
    public String closure(final int date)
    {
        if (!covers(date) || isTradingDay(date))
        {
            return null;
        }
        final String name = closures.get(date);
        return name != null ? name : "weekend";
    }

    /**
     * The trading days before a day, the latest first: at most {@code n}, fewer when the calendar begins sooner.
     *
     * @param date yyyymmdd (need not be a trading day).
     * @param n    how many.
     * @return the days; empty when the day is outside the calendar.
     */
    public int[] tradingDaysBefore(final int date, final int n)
    {
        if (!covers(date))
        {
            return new int[0];
        }
        final int at = Arrays.binarySearch(days, date);
        final int end = at >= 0 ? at : -at - 1; // index of the first trading day not before the date
        final int count = Math.min(n, end);
        final int[] before = new int[count];
        for (int i = 0; i < count; i++)
        {
            before[i] = days[end - 1 - i];
        }
        return before;
    }

    /**
     * The N trading days ending on a trading day, the earliest first.
     *
     * @param date yyyymmdd.
     * @param n    the window's length, at least 1.
     * @return the days, or null when the date is not a trading day or the window begins before the calendar does.
     */
    public int[] window(final int date, final int n)
    {
        final int at = Arrays.binarySearch(days, date);
        if (at < 0 || at + 1 < n)
        {
            return null;
        }
        return Arrays.copyOfRange(days, at + 1 - n, at + 1);
    }

    /**
     * @param date yyyymmdd.
     * @return the trading day before it, or 0 when the calendar does not say.
     */
    public int previous(final int date)
    {
        final int[] before = tradingDaysBefore(date, 1);
        return before.length == 0 ? 0 : before[0];
    }

    /**
     * @return how many trading days the calendar covers.
     */
    public int size()
    {
        return days.length;
    }
}

package io.moneyflow.codec;

/**
 * A compiled date-time pattern that parses ASCII timestamps without allocating.
 * <p>
 * Pattern letters: {@code yyyy} year, {@code MM} month, {@code dd} day, {@code HH} hour, {@code mm} minute,
 * {@code ss} second, {@code S...} fraction of a second (one digit per {@code S}: {@code SSS} milliseconds,
 * {@code SS} hundredths as in SSE's HHMMSSss). Every other character is a literal that must match, so
 * {@code yyyy.MM.ddTHH:mm:ss.SSS} reads DolphinDB's {@code 2023.02.01T09:25:00.320}.
 * <p>
 * Numeric-only patterns ({@code HHmmssSSS}) accept a shorter field as left-padded with zeros, the way exchange
 * integers drop leading zeros ({@code 9250080} for 09:25:00.80). A field that stops just before the fraction
 * separator reads as fraction zero; extra fraction digits are truncated to milliseconds.
 * <p>
 * One instance per source, used by one thread: {@link #parse(byte[], int, int)} stores its result in
 * {@link #date()} and {@link #timeOfDayMs()}.
 */
public final class TimeFormat
{
    private static final byte LITERAL = 0;
    private static final byte YEAR = 1;
    private static final byte MONTH = 2;
    private static final byte DAY = 3;
    private static final byte HOUR = 4;
    private static final byte MINUTE = 5;
    private static final byte SECOND = 6;
    private static final byte FRACTION = 7;

    private final String pattern;
    private final byte[] kinds;
    private final byte[] literals;
    private final boolean numericOnly;
    private final boolean hasDate;
    private final boolean hasTime;
    private final int fractionDigits;
    /** The pattern is HHmmssSSS, which {@link #parse} reads directly when the text is nine digits. */
    private final boolean compactTime;

    private int date;
    private int timeOfDayMs;

    /**
     * Compiles a pattern.
     *
     * @param pattern such as {@code HH:mm:ss.SSS}.
     * @throws IllegalArgumentException when the pattern holds neither a date nor a time.
     */
    public TimeFormat(final String pattern)
    {
        this(pattern, true);
    }

    /**
     * @param pattern as above.
     * @param direct  false to read HHmmssSSS with the general loop too: for tests that compare the two.
     */
    TimeFormat(final String pattern, final boolean direct)
    {
        this.pattern = pattern;
        final int length = pattern.length();
        kinds = new byte[length];
        literals = new byte[length];
        boolean onlyFields = true;
        boolean date = false;
        boolean time = false;
        int fraction = 0;
        for (int i = 0; i < length; i++)
        {
            final char c = pattern.charAt(i);
            final byte kind;
            switch (c)
            {
                case 'y': kind = YEAR; date = true; break;
                case 'M': kind = MONTH; date = true; break;
                case 'd': kind = DAY; date = true; break;
                case 'H': kind = HOUR; time = true; break;
                case 'm': kind = MINUTE; time = true; break;
                case 's': kind = SECOND; time = true; break;
                case 'S': kind = FRACTION; fraction++; break;
                default: kind = LITERAL; onlyFields = false; break;
            }
            if (c > 127)
            {
                throw new IllegalArgumentException("time pattern must be ASCII: " + pattern);
            }
            kinds[i] = kind;
            literals[i] = (byte)c;
        }
        if (!date && !time)
        {
            throw new IllegalArgumentException("time pattern has neither date nor time letters: " + pattern);
        }
        this.numericOnly = onlyFields;
        this.hasDate = date;
        this.hasTime = time;
        this.fractionDigits = fraction;
        this.compactTime = direct && pattern.equals("HHmmssSSS");
    }

    /**
     * Parses one field.
     *
     * @param buffer holding ASCII text.
     * @param start  first byte, inclusive.
     * @param end    last byte, exclusive.
     * @return true when the text matches and is a valid date and time; the result is then in {@link #date()} and
     * {@link #timeOfDayMs()}.
     */
    public boolean parse(final byte[] buffer, final int start, final int end)
    {
        if (compactTime && end - start == 9)
        {
            // HHmmssSSS, every digit present: the common time of Level-2 files, read as the loop below reads it
            final int h1 = buffer[start] - '0';
            final int h2 = buffer[start + 1] - '0';
            final int m1 = buffer[start + 2] - '0';
            final int m2 = buffer[start + 3] - '0';
            final int s1 = buffer[start + 4] - '0';
            final int s2 = buffer[start + 5] - '0';
            final int f1 = buffer[start + 6] - '0';
            final int f2 = buffer[start + 7] - '0';
            final int f3 = buffer[start + 8] - '0';
            if ((h1 | h2 | m1 | m2 | s1 | s2 | f1 | f2 | f3 | (9 - h1) | (9 - h2) | (9 - m1) | (9 - m2) | (9 - s1) |
                (9 - s2) | (9 - f1) | (9 - f2) | (9 - f3)) >= 0)
            {
                final int hour = h1 * 10 + h2;
                final int minute = m1 * 10 + m2;
                final int second = s1 * 10 + s2;
                if (hour > 23 || minute > 59 || second > 59)
                {
                    return false;
                }
                this.timeOfDayMs = ((hour * 60 + minute) * 60 + second) * 1000 + f1 * 100 + f2 * 10 + f3;
                return true;
            }
        }
        final int s = AsciiText.trimStart(buffer, start, end);
        final int e = AsciiText.trimEnd(buffer, s, end);
        final int textLength = e - s;
        if (textLength == 0)
        {
            return false;
        }
        final int patternLength = kinds.length;
        final int pad = numericOnly && textLength < patternLength ? patternLength - textLength : 0;

        int year = 0;
        int month = 0;
        int day = 0;
        int hour = 0;
        int minute = 0;
        int second = 0;
        int fraction = 0;
        int fractionRead = 0;
        int t = s - pad;
        int p = 0;
        for (; p < patternLength; p++, t++)
        {
            final byte kind = kinds[p];
            if (t >= e)
            {
                // A field ending just before the fraction separator reads as fraction zero, and a shorter fraction
                // (09:30:00.5) as the digits it has.
                if (kind == LITERAL && p + 1 < patternLength && kinds[p + 1] == FRACTION && remainingAreFraction(p + 1))
                {
                    break;
                }
                if (kind == FRACTION && fractionRead > 0 && remainingAreFraction(p))
                {
                    break;
                }
                return false;
            }
            final int digit = t < s ? 0 : buffer[t] - '0';
            if (kind == LITERAL)
            {
                if (buffer[t] != literals[p])
                {
                    return false;
                }
                continue;
            }
            if (digit < 0 || digit > 9)
            {
                return false;
            }
            switch (kind)
            {
                case YEAR: year = year * 10 + digit; break;
                case MONTH: month = month * 10 + digit; break;
                case DAY: day = day * 10 + digit; break;
                case HOUR: hour = hour * 10 + digit; break;
                case MINUTE: minute = minute * 10 + digit; break;
                case SECOND: second = second * 10 + digit; break;
                default:
                    fraction = fraction * 10 + digit;
                    fractionRead++;
                    break;
            }
        }
        if (p == patternLength)
        {
            // Extra fraction digits (microseconds and finer) are truncated to milliseconds.
            while (t < e && fractionDigits > 0 && kinds[patternLength - 1] == FRACTION)
            {
                final int digit = buffer[t] - '0';
                if (digit < 0 || digit > 9)
                {
                    return false;
                }
                t++;
            }
            if (t != e)
            {
                return false;
            }
        }

        if (hasDate)
        {
            if (!validDate(year, month, day))
            {
                return false;
            }
            this.date = year * 10000 + month * 100 + day;
        }
        if (hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }
        int ms = fraction;
        for (int i = fractionRead; i < 3; i++)
        {
            ms *= 10;
        }
        for (int i = 3; i < fractionRead; i++)
        {
            ms /= 10;
        }
        this.timeOfDayMs = hasTime ? ((hour * 60 + minute) * 60 + second) * 1000 + ms : 0;
        return true;
    }

    /**
     * @param year  the year.
     * @param month 1 to 12.
     * @param day   1 to 31.
     * @return true when it is a day of the calendar between 1900 and 2999: the dates the engine accepts.
     */
    public static boolean validDate(final int year, final int month, final int day)
    {
        return month >= 1 && month <= 12 && day >= 1 && year >= 1900 && year <= 2999 && day <= daysIn(year, month);
    }

    private static int daysIn(final int year, final int month)
    {
        switch (month)
        {
            case 2:
                return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28;
            case 4: case 6: case 9: case 11:
                return 30;
            default:
                return 31;
        }
    }

    private boolean remainingAreFraction(final int from)
    {
        for (int i = from; i < kinds.length; i++)
        {
            if (kinds[i] != FRACTION)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * The date of the last successful parse.
     *
     * @return yyyymmdd, or whatever was last parsed when the pattern has no date letters.
     */
    public int date()
    {
        return date;
    }

    /**
     * The time of day of the last successful parse.
     *
     * @return milliseconds since midnight.
     */
    public int timeOfDayMs()
    {
        return timeOfDayMs;
    }

    /**
     * Whether the pattern carries a date.
     *
     * @return true when it has year, month and day letters.
     */
    public boolean hasDate()
    {
        return hasDate;
    }

    /**
     * Whether the pattern carries a time of day.
     *
     * @return true when it has hour, minute or second letters.
     */
    public boolean hasTime()
    {
        return hasTime;
    }

    @Override
    public String toString()
    {
        return pattern;
    }

    /**
     * Finds a trading date written as eight digits ({@code yyyyMMdd}) in a file or entry name, such as
     * {@code 20230201.zip!20230201/trade.csv}. Used once per file, for layouts whose rows carry only a time.
     *
     * @param name the path or label to search.
     * @return the last valid yyyymmdd in the name, or 0 when there is none.
     */
    public static int dateFromName(final CharSequence name)
    {
        int found = 0;
        int runStart = -1;
        for (int i = 0; i <= name.length(); i++)
        {
            final boolean digit = i < name.length() && Character.isDigit(name.charAt(i)) && name.charAt(i) < 128;
            if (digit && runStart < 0)
            {
                runStart = i;
            }
            else if (!digit && runStart >= 0)
            {
                if (i - runStart == 8)
                {
                    final int value = Integer.parseInt(name.subSequence(runStart, i).toString());
                    final int year = value / 10000;
                    final int month = value / 100 % 100;
                    final int day = value % 100;
                    if (year >= 1990 && year <= 2999 && month >= 1 && month <= 12 && day >= 1 && day <= 31)
                    {
                        found = value;
                    }
                }
                runStart = -1;
            }
        }
        return found;
    }

    /**
     * Formats milliseconds since midnight as {@code HH:mm:ss.SSS}.
     *
     * @param timeOfDayMs milliseconds since midnight.
     * @return the text.
     */
    public static String formatTime(final int timeOfDayMs)
    {
        final int ms = timeOfDayMs % 1000;
        final int totalSeconds = timeOfDayMs / 1000;
        return String.format("%02d:%02d:%02d.%03d", totalSeconds / 3600, totalSeconds / 60 % 60, totalSeconds % 60, ms);
    }

    /**
     * @param date yyyyMMdd.
     * @param days days to add, may be negative.
     * @return the date that many calendar days on, yyyyMMdd. Not for the hot path.
     */
    public static int plusDays(final int date, final int days)
    {
        final java.time.LocalDate moved = java.time.LocalDate.of(date / 10_000, date / 100 % 100, date % 100)
            .plusDays(days);
        return moved.getYear() * 10_000 + moved.getMonthValue() * 100 + moved.getDayOfMonth();
    }

    /**
     * Formats yyyymmdd as {@code yyyy-MM-dd}.
     *
     * @param date yyyymmdd.
     * @return the ISO text.
     */
    public static String formatDate(final int date)
    {
        final int year = date / 10000;
        final int month = date / 100 % 100;
        final int day = date % 100;
        if (year < 1000 || year > 9999)
        {
            return String.format("%04d-%02d-%02d", year, month, day);
        }
        // a report prints one per row: java.util.Formatter parses its pattern at every call
        final char[] text = {
            (char)('0' + year / 1000), (char)('0' + year / 100 % 10), (char)('0' + year / 10 % 10),
            (char)('0' + year % 10), '-', (char)('0' + month / 10), (char)('0' + month % 10), '-',
            (char)('0' + day / 10), (char)('0' + day % 10)};
        return new String(text);
    }
}

package io.moneyflow.tools;

import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.indicator.Indicators;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.Security;
import io.moneyflow.reference.TradingCalendar;
import io.moneyflow.signal.AlertRules.Alert;
import io.moneyflow.signal.AlertRules.Figures;
import io.moneyflow.signal.AlertRules;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Evaluates the signals on windows that have closed, from a counters file (of a run that is going or has ended):
 * <ul>
 *     <li>a minute: the intraday signals on each stock's day so far, for every minute whose bar has closed; an
 *     alert is raised when a signal starts to hold, not again while it keeps holding;</li>
 *     <li>a day: every signal on each stock's and sector's whole day, the multi-day ones with the trading days the
 *     history store holds right before it, back to the first trading day it lacks (a hole ends a run of days: three
 *     stored days around a missing one are not three days running), and the RSI on those days' closes.</li>
 * </ul>
 * The same counters always give the same alerts. One thread.
 */
final class AlertEngine
{
    private final AlertRules rules;
    private final ReferenceData reference;
    /** Per slot: the bars already evaluated, and the intraday signals holding after the last of them. */
    private final Map<Integer, Integer> evaluatedBars = new HashMap<>();
    private final Map<Integer, java.util.Set<String>> holding = new HashMap<>();

    AlertEngine(final AlertRules rules, final ReferenceData reference)
    {
        this.rules = rules;
        this.reference = reference;
    }

    /**
     * Evaluates every minute that has closed and has not been evaluated.
     *
     * @param reader    the counters.
     * @param closedBar bars before this index have closed (the bar count when the run has ended).
     * @return the alerts raised.
     */
    List<Alert> minutes(final FlowCountersReader reader, final int closedBar)
    {
        return minutes(reader, closedBar, 0);
    }

    /**
     * Evaluates every minute of one day that has closed and has not been evaluated.
     *
     * @param reader    the counters.
     * @param closedBar bars before this index have closed (the bar count when the run has ended).
     * @param date      only the stocks' days of this date, yyyymmdd; 0 for every day.
     * @return the alerts raised.
     */
    List<Alert> minutes(final FlowCountersReader reader, final int closedBar, final int date)
    {
        final FlowCounters counters = reader.counters();
        final TradingSession session = new TradingSession(counters.barMinutes());
        final int mainClasses = counters.mainClassCount();
        final List<Alert> alerts = new ArrayList<>();
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.read(slot, view);
            if (date != 0 && view.date() != date)
            {
                continue;
            }
            final Security security = reference.find(io.moneyflow.codec.SymbolCodes.parse(view.symbol()), view.date());
            final long prevClose = prevClose(view, security);
            final int from = evaluatedBars.getOrDefault(slot, 0);
            final int to = Math.min(closedBar, view.barCount());
            long turnover = 0;
            long volume = 0;
            long mainIn = 0;
            long mainOut = 0;
            long close = 0;
            final java.util.Set<String> active = holding.computeIfAbsent(slot, k -> new java.util.HashSet<>());
            for (int bar = 0; bar < to; bar++)
            {
                turnover += view.bar(bar, BarField.TURNOVER);
                volume += view.bar(bar, BarField.VOLUME);
                for (int c = 0; c < mainClasses; c++)
                {
                    mainIn += view.barClass(bar, c, BarClassField.ACTIVE_IN);
                    mainOut += view.barClass(bar, c, BarClassField.ACTIVE_OUT);
                }
                if (view.bar(bar, BarField.TRADES) > 0)
                {
                    close = view.bar(bar, BarField.CLOSE);
                }
                if (bar < from || view.bar(bar, BarField.TRADES) == 0)
                {
                    continue;
                }
                final int closeMs = session.barStartMs(bar) + counters.barMinutes() * 60_000;
                final Figures f = new Figures(view.symbol(), view.date(), close, prevClose, turnover, volume, mainIn,
                    mainOut, -1);
                final java.util.Set<String> now = new java.util.HashSet<>();
                for (final Alert a : rules.intraday(f, "stock", counters.barMinutes() + "m", closeMs))
                {
                    now.add(a.signal());
                    if (!active.contains(a.signal()))
                    {
                        alerts.add(a);
                    }
                }
                active.clear();
                active.addAll(now);
            }
            evaluatedBars.put(slot, Math.max(from, to));
        }
        return alerts;
    }

    private static long prevClose(final SlotView view, final Security security)
    {
        final long snapshot = view.day(DayField.SNAPSHOT_PREV_CLOSE);
        if (snapshot > 0)
        {
            return snapshot;
        }
        return security != null && security.prevClose() != Security.ABSENT ? security.prevClose() : 0;
    }

    /**
     * Evaluates every signal on the stocks' and sectors' whole days of one date of a report, the multi-day ones with
     * the days stored before it: only those trading days (by the calendar) that follow on without a hole up to the day
     * before. A date that is not a trading day, or that the calendar does not cover, has no days before it.
     *
     * @param report   the days.
     * @param history  the store with the days before (null: the multi-day signals stay quiet).
     * @param date     the day to evaluate, yyyymmdd.
     * @param calendar the trading calendar.
     * @return the alerts raised.
     */
    List<Alert> days(final FlowReport report, final HistoryStore history, final int date, final TradingCalendar calendar)
    {
        final List<Alert> alerts = new ArrayList<>();
        final Map<String, FlowRow> sectors = new HashMap<>();
        for (final FlowRow s : report.sectors())
        {
            sectors.put(s.symbol + "@" + s.date, s);
        }
        final int[] prior = history != null && calendar.isTradingDay(date) ? calendar.tradingDaysBefore(date, 60) :
            new int[0];
        for (final FlowRow r : report.allStocks())
        {
            if (r.date != date)
            {
                continue;
            }
            final List<Figures> before = new ArrayList<>();
            final List<Long> closes = new ArrayList<>();
            for (final Map<String, Object> d : running(history, "stock_day", r.symbol, prior))
            {
                before.add(figures(d, r.symbol));
                closes.add(0, d.get("close") == null ? 0 : ((BigDecimal)d.get("close")).movePointRight(4)
                    .longValueExact());
            }
            // without a previous close of its own, the close of the trading day right before (stored), else none
            final long prevClose = r.prevClose > 0 ? r.prevClose : before.isEmpty() ? 0 : before.get(0).close();
            final Figures today = new Figures(r.symbol, r.date, r.close, prevClose, r.turnover, r.volume, r.mainIn(),
                r.mainOut(), r.floatShares == Security.ABSENT ? -1 : r.floatShares);
            closes.add(r.close);
            final List<Figures> theirs = new ArrayList<>();
            for (final String name : r.sectors)
            {
                final FlowRow s = sectors.get(name + "@" + r.date);
                if (s != null && s.members > 1)
                {
                    theirs.add(new Figures(name, r.date, 0, 0, s.turnover, s.volume, s.mainIn(), s.mainOut(), -1));
                }
            }
            alerts.addAll(rules.day(today, before, rsi(closes), theirs, "stock"));
        }
        for (final FlowRow s : report.sectors())
        {
            if (s.date != date)
            {
                continue;
            }
            final List<Figures> before = new ArrayList<>();
            for (final Map<String, Object> d : running(history, "sector_day", s.symbol, prior))
            {
                before.add(figures(d, s.symbol));
            }
            final Figures today = new Figures(s.symbol, s.date, 0, 0, s.turnover, s.volume, s.mainIn(), s.mainOut(), -1);
            alerts.addAll(rules.day(today, before, null, List.of(), "sector"));
        }
        return alerts;
    }

    /**
     * The stored rows of the trading days before a day, the latest first, up to the first one not stored.
     *
     * @param prior the trading days before, the latest first.
     */
    private static List<Map<String, Object>> running(final HistoryStore history, final String table, final String name,
        final int[] prior)
    {
        final List<Map<String, Object>> rows = new ArrayList<>();
        if (history == null || prior.length == 0)
        {
            return rows;
        }
        final Map<Integer, Map<String, Object>> stored = history.days(table, name, prior[prior.length - 1], prior[0]);
        for (final int day : prior)
        {
            final Map<String, Object> row = stored.get(day);
            if (row == null)
            {
                break;
            }
            rows.add(row);
        }
        return rows;
    }

    /** RSI of the daily closes, the latest last, in percent; null with too few closes. */
    private BigDecimal rsi(final List<Long> closes)
    {
        if (closes.size() <= rules.rsiPeriod() || closes.contains(0L))
        {
            return null;
        }
        final long[] c = new long[closes.size()];
        for (int i = 0; i < c.length; i++)
        {
            c[i] = closes.get(i);
        }
        final long last = Indicators.rsi(c, rules.rsiPeriod())[c.length - 1];
        return Indicators.isUndefined(last) ? null :
            BigDecimal.valueOf(last).divide(BigDecimal.valueOf(Indicators.MICROS), 6, RoundingMode.HALF_EVEN);
    }

    private static Figures figures(final Map<String, Object> d, final String subject)
    {
        final LocalDate date = (LocalDate)d.get("date");
        return new Figures(subject, date.getYear() * 10000 + date.getMonthValue() * 100 + date.getDayOfMonth(),
            money(d.get("close")), money(d.get("prev_close")), money(d.get("turnover")),
            d.get("volume") == null ? 0 : ((Number)d.get("volume")).longValue(), money(d.get("main_in")),
            money(d.get("main_out")), d.get("float_shares") == null ? -1 : ((Number)d.get("float_shares")).longValue());
    }

    private static long money(final Object value)
    {
        return value == null ? 0 : ((BigDecimal)value).movePointRight(4).setScale(0, RoundingMode.UNNECESSARY)
            .longValueExact();
    }
}

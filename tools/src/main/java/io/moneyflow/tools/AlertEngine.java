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
import io.moneyflow.tools.AlertRules.Alert;
import io.moneyflow.tools.AlertRules.Figures;

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
 *     <li>a day: every signal on each stock's and sector's whole day, the multi-day ones with the days the history
 *     store holds before it (its RSI on the daily closes).</li>
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
        final FlowCounters counters = reader.counters();
        final TradingSession session = new TradingSession(counters.barMinutes());
        final int mainClasses = counters.mainClassCount();
        final List<Alert> alerts = new ArrayList<>();
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.read(slot, view);
            final Security security = reference.find(io.moneyflow.codec.SymbolCodes.parse(view.symbol()));
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
     * Evaluates every signal on the stocks' and sectors' whole days of a report.
     *
     * @param report  the days.
     * @param history the store with the days before (null: the multi-day signals stay quiet).
     * @return the alerts raised.
     */
    List<Alert> days(final FlowReport report, final HistoryStore history)
    {
        final List<Alert> alerts = new ArrayList<>();
        final Map<String, FlowRow> sectors = new HashMap<>();
        for (final FlowRow s : report.sectors())
        {
            sectors.put(s.symbol + "@" + s.date, s);
        }
        for (final FlowRow r : report.allStocks())
        {
            final List<Figures> before = new ArrayList<>();
            final List<Long> closes = new ArrayList<>();
            if (history != null)
            {
                for (final Map<String, Object> d : history.daysBefore(r.symbol, r.date, 60))
                {
                    before.add(figures(d, r.symbol));
                    closes.add(0, d.get("close") == null ? 0 : ((BigDecimal)d.get("close")).movePointRight(4)
                        .longValueExact());
                }
            }
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
            final List<Figures> before = new ArrayList<>();
            if (history != null)
            {
                for (final Map<String, Object> d : history.query("select * from sector_day where sector = ? and " +
                    "date < cast(? as date) order by date desc limit 60", s.symbol, HistoryStore.formatDate(s.date)))
                {
                    before.add(figures(d, s.symbol));
                }
            }
            final Figures today = new Figures(s.symbol, s.date, 0, 0, s.turnover, s.volume, s.mainIn(), s.mainOut(), -1);
            alerts.addAll(rules.day(today, before, null, List.of(), "sector"));
        }
        return alerts;
    }

    /** RSI of the daily closes, the latest last, in percent; null with too few closes. */
    private BigDecimal rsi(final List<Long> closes)
    {
        if (closes.size() <= rules.rsiPeriod || closes.contains(0L))
        {
            return null;
        }
        final long[] c = new long[closes.size()];
        for (int i = 0; i < c.length; i++)
        {
            c[i] = closes.get(i);
        }
        final long last = Indicators.rsi(c, rules.rsiPeriod)[c.length - 1];
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

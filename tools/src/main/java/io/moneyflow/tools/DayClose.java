package io.moneyflow.tools;

import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.TradingCalendar;
import io.moneyflow.signal.AlertRules.Alert;
import io.moneyflow.signal.AlertRules;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The end of a run with {@code --history} or {@code --alerts} ({@code flow}, {@code replay}, {@code run},
 * {@code close-day}): the run's days one at a time, in date order, exactly as runs of one day each would end. For each
 * day: the volume ratio's 5 trading days before it are read from the store, its minutes and its day are evaluated
 * against the days stored before it (the run's own earlier days included, once stored), the new alerts are journaled,
 * and then, with {@code --history}, the day is stored. So a backfill of many days in one run stores the same history
 * and raises the same alerts as the days run one by one. One thread.
 */
final class DayClose
{
    /** The order alerts are journaled in: by day, minute, kind, subject, signal. */
    private static final Comparator<Alert> ORDER = Comparator.comparingInt(Alert::date).thenComparingInt(Alert::timeMs)
        .thenComparing(Alert::kind).thenComparing(Alert::subject).thenComparing(Alert::signal)
        .thenComparing(Alert::against).thenComparing(Alert::window);

    private DayClose()
    {
    }

    /**
     * @param report    the run's report (its volume ratios are filled in).
     * @param reader    the run's counters, for the minute alerts.
     * @param reference the run's reference data.
     * @param store     the history store, open.
     * @param dataDir   where the alerts go.
     * @param rules     the alert thresholds, or null for no alerts.
     * @param history   store each day.
     * @param err       where notes and alerts are printed.
     * @return the days stored.
     */
    static Set<Integer> close(final FlowReport report, final FlowCountersReader reader, final ReferenceData reference,
        final HistoryStore store, final Path dataDir, final AlertRules rules, final boolean history,
        final PrintStream err)
    {
        final TradingCalendar calendar = Home.tradingCalendar();
        final Set<Integer> stored = new TreeSet<>();
        final AlertEngine engine = rules == null ? null : new AlertEngine(rules, reference);
        int fresh = 0;
        int raised = 0;
        try (AlertJournal journal = rules == null ? null : new AlertJournal(store, dataDir))
        {
            for (final int date : report.dates())
            {
                note(calendar, date, err);
                report.volumes(store, calendar, date);
                if (engine != null)
                {
                    final List<Alert> alerts = new ArrayList<>(engine.minutes(reader, Integer.MAX_VALUE, date));
                    alerts.addAll(engine.days(report, store, date, calendar));
                    alerts.sort(ORDER);
                    for (final Alert a : journal.record(alerts))
                    {
                        err.println("moneyflow: alert " + AlertJournal.json(a));
                        fresh++;
                    }
                    raised += alerts.size();
                }
                if (history)
                {
                    stored.addAll(store.store(report, date));
                }
            }
        }
        if (engine != null)
        {
            err.println("moneyflow: " + fresh + " new alert(s) (" + raised + " raised) journaled in " +
                dataDir.resolve("alerts"));
        }
        return stored;
    }

    /** Says once when a day of the run is not a trading day, or is outside the calendar: it has no N-day windows. */
    private static void note(final TradingCalendar calendar, final int date, final PrintStream err)
    {
        final String day = HistoryStore.formatDate(date);
        if (!calendar.covers(date))
        {
            err.println("moneyflow: " + day + " is outside the trading calendar (" +
                TradingCalendar.format(calendar.first()) + " to " + TradingCalendar.format(calendar.last()) +
                ", config/calendar/sse-szse.csv): its N-day windows, volume ratio and multi-day signals are unknown");
        }
        else if (!calendar.isTradingDay(date))
        {
            err.println("moneyflow: " + day + " is not an SSE/SZSE trading day (" + calendar.closure(date) +
                "): it has no N-day windows, volume ratio or multi-day signals, and is in no other day's window");
        }
    }
}

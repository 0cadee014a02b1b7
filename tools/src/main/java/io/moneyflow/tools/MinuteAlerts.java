package io.moneyflow.tools;

import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.signal.AlertRules.Alert;

import java.io.PrintStream;
import java.util.List;

/**
 * A live run's intraday alerts, raised as minutes close: once a second a thread reads the counters, takes a bar as
 * closed when the exchange time of some stock has passed it, evaluates the closed minutes not evaluated yet, and
 * journals the new alerts. The run's end evaluates every window again; the journal keeps each alert once.
 */
final class MinuteAlerts implements Runnable
{
    private final FlowCountersReader reader;
    private final AlertEngine engine;
    private final HistoryStore store;
    private final AlertJournal journal;
    private final PrintStream err;
    private final Thread thread;
    private volatile boolean running = true;

    private MinuteAlerts(final FlowCountersReader reader, final ReferenceData reference, final OutputOptions output,
        final PrintStream err)
    {
        this.reader = reader;
        this.engine = new AlertEngine(output.rules(), reference);
        this.store = HistoryStore.open(DataDir.history(output.dataDir));
        this.journal = new AlertJournal(store, DataDir.dir(output.dataDir));
        this.err = err;
        this.thread = new Thread(this, "moneyflow-alerts");
        this.thread.setDaemon(true);
    }

    static MinuteAlerts start(final FlowCountersReader reader, final ReferenceData reference,
        final OutputOptions output, final PrintStream err)
    {
        final MinuteAlerts alerts = new MinuteAlerts(reader, reference, output, err);
        alerts.thread.start();
        return alerts;
    }

    @Override
    public void run()
    {
        final TradingSession session = new TradingSession(reader.counters().barMinutes());
        final SlotView view = reader.newView();
        while (running)
        {
            try
            {
                Thread.sleep(1_000);
            }
            catch (final InterruptedException ex)
            {
                return;
            }
            int latestMs = -1;
            for (int slot = 0; slot < reader.slotsUsed(); slot++)
            {
                reader.read(slot, view);
                latestMs = Math.max(latestMs, (int)view.day(DayField.LAST_TIME));
            }
            final int closedBar = latestMs < 0 ? 0 : session.barIndex(latestMs);
            if (closedBar <= 0)
            {
                continue;
            }
            final List<Alert> fresh = journal.record(engine.minutes(reader, closedBar));
            for (final Alert a : fresh)
            {
                err.println("moneyflow: alert " + AlertJournal.json(a));
            }
        }
    }

    /** Stops the thread and closes the journal and the store (the run's end opens them again). */
    void stop()
    {
        running = false;
        thread.interrupt();
        try
        {
            thread.join(5_000);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        journal.close();
        store.close();
    }
}

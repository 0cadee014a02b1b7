package io.moneyflow.tools;

import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.tools.AlertRules.Alert;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The end of a run with --alerts: every closed minute and every day evaluated, the new alerts journaled and printed.
 */
final class Alerting
{
    private Alerting()
    {
    }

    /**
     * @return the alerts that were new.
     */
    static List<Alert> raise(final FlowReport report, final FlowCountersReader reader, final ReferenceData reference,
        final HistoryStore store, final Path dataDir, final AlertRules rules, final PrintStream err)
    {
        final AlertEngine engine = new AlertEngine(rules, reference);
        final List<Alert> raised = new ArrayList<>(engine.minutes(reader, Integer.MAX_VALUE));
        raised.addAll(engine.days(report, store));
        final List<Alert> fresh;
        try (AlertJournal journal = new AlertJournal(store, dataDir))
        {
            fresh = journal.record(raised);
        }
        for (final Alert a : fresh)
        {
            err.println("moneyflow: alert " + AlertJournal.json(a));
        }
        err.println("moneyflow: " + fresh.size() + " new alert(s) (" + raised.size() + " raised) journaled in " +
            dataDir.resolve("alerts"));
        return fresh;
    }
}

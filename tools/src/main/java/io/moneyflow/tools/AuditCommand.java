package io.moneyflow.tools;

import io.moneyflow.journal.ReplayFilter;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalException;
import io.moneyflow.journal.JournalHeader;
import io.moneyflow.ring.TickEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow audit}: a stock's flows as they stood at an instant, and the journal records they came from.
 */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Print a stock's flows as they stood at an instant of the trading day, rebuilt from the journal, " +
        "with the journal index range, input positions and record count they came from. The same question " +
        "always gets the same answer.")
final class AuditCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    JournalOption journal;

    @Option(names = "--at", required = true, paramLabel = "HH:MM:SS[.fff]", description = "The instant.")
    String at;

    @Option(names = "--symbol", required = true, paramLabel = "SYMBOL", description = "The stock, e.g. 000001.SZ.")
    String symbol;

    @Option(names = "--date", paramLabel = "yyyy-MM-dd",
        description = "The trading day. Default: the last day the journal holds for the stock.")
    String date;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call()
    {
        FileOutput.check(output.file, output.format, spec);
        final long key = EngineOptions.symbol(symbol, spec);
        final int atMs = Replays.time(at, "--at", spec);
        int day = Replays.date(date, spec);
        try (Journal source = journal.open())
        {
            if (day == 0)
            {
                day = lastDate(source, key);
                if (day == 0)
                {
                    throw new JournalException("journal " + journal.dir + " holds no record of " +
                        SymbolCodes.format(key));
                }
            }
            final Replays.Replayed replayed = Replays.replay(source, new ReplayFilter(Set.of(key), day, atMs), 0,
                System.err);
            try (Run run = replayed.run())
            {
                run.quiet = output.quiet;
                final FlowReport report = FlowReport.read(run.engine.reader(), replayed.context().reference(),
                    Set.of(key));
                final Map<String, Object> audit = new LinkedHashMap<>();
                audit.put("symbol", SymbolCodes.format(key));
                audit.put("date", TimeFormat.formatDate(day));
                audit.put("at", TimeFormat.formatTime(atMs));
                audit.put("records", replayed.replay().applied());
                audit.put("firstPosition", replayed.replay().firstPosition());
                audit.put("lastPosition", replayed.replay().lastPosition());
                audit.put("firstIndex", Journal.hex(replayed.replay().firstIndex()));
                audit.put("lastIndex", Journal.hex(replayed.replay().lastIndex()));
                FlowCommand.print(report, run, output.format, output.file, System.out, System.err,
                    Map.of("audit", audit));
                if (output.format != Format.json)
                {
                    System.err.println("moneyflow: " + audit.get("symbol") + " as of " + audit.get("date") + " " +
                        audit.get("at") + ": " + String.format("%,d", replayed.replay().applied()) +
                        " journal records, input positions " + audit.get("firstPosition") + ".." +
                        audit.get("lastPosition") + ", excerpts " + audit.get("firstIndex") + ".." +
                        audit.get("lastIndex") + " of " + journal.dir);
                }
                return run.finish() ? 0 : 1;
            }
        }
    }

    private static int lastDate(final Journal journal, final long key)
    {
        final int[] last = {0};
        journal.read(new Journal.Visitor()
        {
            @Override
            public void onHeader(final JournalHeader header)
            {
            }

            @Override
            public boolean onRecord(final TickEvent record, final long excerptIndex)
            {
                if (record.symbolKey == key && record.date > last[0])
                {
                    last[0] = record.date;
                }
                return true;
            }
        });
        return last[0];
    }
}

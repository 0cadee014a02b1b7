package io.moneyflow.tools;

import io.moneyflow.journal.ReplayFilter;
import io.moneyflow.journal.Journal;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow replay}: rebuilds the counters from a journal and prints what {@code flow} printed.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Rebuild the counters from a journal (with the settings the journal recorded) and print what " +
        "'flow' prints. Without filters the output and its digest equal the live run's.")
final class ReplayCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Mixin
    JournalOption journal;

    @Option(names = "--until", paramLabel = "HH:MM:SS[.fff]",
        description = "Replay only records at or before this time (on --date, or on every day).")
    String until;

    @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "The day --until applies to; earlier days " +
        "are replayed whole, later ones not at all.")
    String date;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL",
        description = "Replay (and print) only these symbols; rejections are then left out.")
    List<String> symbols;

    @Option(names = "--speed", defaultValue = "max", paramLabel = "SPEED",
        description = "max (default), or a multiple of real time such as 1x or 60x, pacing records by their times.")
    String speed;

    @Mixin
    OutputOptions output;

    @Mixin
    HttpOption http;

    @Override
    public Integer call()
    {
        FileOutput.check(output.file, output.format, spec);
        final Set<Long> filter = EngineOptions.symbols(symbols, spec);
        final int untilMs = until == null ? -1 : Replays.time(until, "--until", spec);
        final int untilDate = Replays.date(date, spec);
        final double pace = Replays.speed(speed, spec);
        http.dataDir = output.dataDir;
        try (Journal source = journal.open())
        {
            final Replays.Replayed replayed = Replays.replay(source, new ReplayFilter(filter, untilDate, untilMs), pace,
                System.err, http);
            try (Run run = replayed.run())
            {
                run.quiet = output.quiet;
                final FlowReport report = FlowReport.read(run.engine.reader(), replayed.context().reference(), filter)
                    .groups(output.sectors, output.markets);
                try
                {
                    output.close(report, run.engine.reader(), replayed.context().reference(), System.err);
                }
                finally
                {
                    FlowCommand.print(report, run, output.format, output.file, System.out, System.err, Map.of());
                }
                if (!output.quiet)
                {
                    System.err.println("moneyflow: replayed " + String.format("%,d", replayed.replay().applied()) +
                        " records from journal " + journal.dir);
                }
                return run.finish() ? 0 : 1;
            }
        }
    }
}

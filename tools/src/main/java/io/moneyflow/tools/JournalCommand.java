package io.moneyflow.tools;

import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow journal verify|repair DIR}.
 */
@Command(
    name = "journal",
    mixinStandardHelpOptions = true,
    description = "Check or repair a journal.",
    subcommands = {JournalCommand.Verify.class, JournalCommand.Repair.class})
final class JournalCommand implements Runnable
{
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "choose verify or repair");
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Read the whole journal and check every excerpt (framing, CRC-32C, input positions) and that " +
            "nothing written is missing from its tail. Exit 0 when sound, 1 when damaged.")
    static final class Verify implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory.")
        Path dir;

        @Override
        public Integer call()
        {
            try (Journal journal = Replays.open(dir))
            {
                final Journal.ReadResult result = journal.read(null);
                final String summary = String.format("%,d excerpts (%s..%s), %,d records, input positions 1..%,d, " +
                    "%d sources", result.excerpts(), Journal.hex(result.firstIndex()), Journal.hex(result.lastIndex()),
                    result.records(), result.lastPosition(), result.sources());
                if (result.damage() == null)
                {
                    System.out.println("journal " + dir + ": sound: " + summary);
                    if (result.header() != null)
                    {
                        System.out.println("  mode " + result.header().get("mode") + ", scheme " +
                            result.header().get("scheme.name") + ", bars " + result.header().get("barMinutes") + "m");
                    }
                    return 0;
                }
                System.out.println("journal " + dir + ": damaged: " + result.damage());
                System.out.println("  sound before the damage: " + summary);
                System.out.println("  'moneyflow journal repair " + dir + "' keeps those and drops " +
                    result.droppedExcerpts() + " excerpt(s) after them (" + result.droppedRecords() + " records)");
                return 1;
            }
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Keep every complete record up to the first damage and drop the damaged tail. The damaged " +
            "journal is moved beside the repaired one. Rerunning 'flow' with the same inputs and --journal then " +
            "reads the dropped records from the input again.")
    static final class Repair implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory. No engine may be using it.")
        Path dir;

        @Override
        public Integer call()
        {
            try (Journal journal = Replays.open(dir))
            {
                final Journal.ReadResult check = journal.read(null);
                if (check.damage() == null)
                {
                    System.out.println("journal " + dir + " is sound; nothing to repair");
                    return 0;
                }
            }
            try
            {
                final Journal.RepairResult result = Journal.repair(dir);
                System.out.println("journal " + dir + " repaired: kept " + String.format("%,d", result.kept()) +
                    " records (input positions 1.." + String.format("%,d", result.lastPosition()) + "); dropped " +
                    result.droppedExcerpts() + " damaged excerpt(s) holding " + result.droppedRecords() +
                    " records" + (result.missingPositions() > 0 ? ", and " + result.missingPositions() +
                    " input positions that were written but are missing" : "") + "; the damaged journal is kept at " +
                    result.damagedCopy());
                return 0;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot repair " + dir + ": " + ex.getMessage(), ex);
            }
            catch (final JournalException ex)
            {
                throw ex;
            }
        }
    }
}

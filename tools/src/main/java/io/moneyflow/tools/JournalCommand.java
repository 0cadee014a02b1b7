package io.moneyflow.tools;

import io.moneyflow.journal.Journal;
import io.moneyflow.journal.JournalException;
import io.moneyflow.journal.JournalRepair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
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
        description = "Read the whole journal and check every excerpt (framing, CRC-32C, input positions), that " +
            "nothing written is missing from its tail, and that Chronicle Queue can open it. Needs no write access. " +
            "Exit 0 when sound, 1 when damaged (then it says what 'journal repair' would keep and lose).")
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
                String damage = result.damage();
                if (damage == null)
                {
                    damage = JournalRepair.chronicleCheck(dir);
                }
                final String summary = String.format("%,d excerpts (%s..%s), %,d records, input positions 1..%,d, " +
                    "%d sources", result.excerpts(), Journal.hex(result.firstIndex()), Journal.hex(result.lastIndex()),
                    result.records(), result.lastPosition(), result.sources());
                if (damage == null)
                {
                    System.out.println("journal " + dir + ": sound: " + summary);
                    if (result.header() != null)
                    {
                        System.out.println("  mode " + result.header().get("mode") + ", scheme " +
                            result.header().get("scheme.name") + ", bars " + result.header().get("barMinutes") + "m");
                    }
                    if (result.lostPositions() > 0)
                    {
                        System.out.println(String.format("  %,d input records are missing: an earlier repair " +
                            "found them damaged (replay and audit say which)", result.lostPositions()));
                    }
                    for (final String note : result.notes())
                    {
                        System.out.println("  note: " + note);
                    }
                    return 0;
                }
                System.out.println("journal " + dir + ": damaged: " + damage);
                if (result.excerpts() > 0)
                {
                    System.out.println("  sound before the damage: " + summary);
                }
                final JournalRepair.Plan plan = JournalRepair.plan(dir);
                if (!plan.repairable())
                {
                    System.out.println("  " + JournalRepair.unrepairable(dir));
                    return 1;
                }
                System.out.println("  'moneyflow journal repair " + dir + "' would:");
                describe(plan, System.out);
                return 1;
            }
        }
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
        description = "Keep every sound excerpt of a damaged journal: a damaged excerpt is skipped and the excerpts " +
            "after it are kept when their framing and checksum are sound; the input positions lost are marked, so " +
            "that replay and audit report them. The damaged journal, with every byte it held, is moved beside the " +
            "repaired one. Says exactly what was kept and lost.")
    static final class Repair implements Callable<Integer>
    {
        @Parameters(paramLabel = "DIR", description = "The journal directory. No engine may be using it.")
        Path dir;

        @Override
        public Integer call()
        {
            if (!Journal.exists(dir) && !java.nio.file.Files.isDirectory(dir))
            {
                throw new JournalException("no journal at " + dir);
            }
            final JournalRepair.Result result = JournalRepair.repair(dir);
            if (result.damagedCopy() == null)
            {
                System.out.println("journal " + dir + " is sound; nothing to repair");
                for (final String note : result.plan().notes())
                {
                    System.out.println("  note: " + note);
                }
                return 0;
            }
            System.out.println("journal " + dir + " repaired:");
            describe(result.plan(), System.out);
            System.out.println("  the damaged journal, every byte of it, is kept at " + result.damagedCopy());
            return 0;
        }
    }

    private static final int MAX_LINES = 10;

    /** What a repair keeps and loses, a line each. */
    static void describe(final JournalRepair.Plan plan, final PrintStream out)
    {
        out.println(String.format("  keep %,d records (input positions 1..%,d, %d sources)", plan.keptRecords(),
            plan.lastPosition(), plan.sources()));
        if (plan.lost().isEmpty())
        {
            out.println("  lose no input record inside the journal");
        }
        for (final JournalRepair.Lost lost : plan.lost())
        {
            out.println(String.format("  lose input positions %,d..%,d (%,d records): %s", lost.from(), lost.to(),
                lost.count(), lost.what()));
        }
        if (plan.tailMissing() > 0)
        {
            out.println(String.format("  lack the last %,d input records written (positions %,d..%,d): a file run " +
                "continued on the journal reads them from its inputs again; a live run's are lost", plan.tailMissing(),
                plan.lastPosition() + 1, plan.lastPosition() + plan.tailMissing()));
        }
        final List<String> damage = new java.util.ArrayList<>(plan.damage());
        plan.lost().forEach(lost -> damage.removeIf(lost.what()::contains));
        list("damaged", damage, out);
        list("set aside", plan.setAside(), out);
        list("left out", plan.notes(), out);
        if (plan.chronicle() != null)
        {
            out.println("  rebuild the queue's files, which Chronicle Queue cannot open (" + plan.chronicle() + ")");
        }
    }

    private static void list(final String label, final List<String> lines, final PrintStream out)
    {
        for (int i = 0; i < lines.size() && i < MAX_LINES; i++)
        {
            out.println("  " + label + ": " + lines.get(i));
        }
        if (lines.size() > MAX_LINES)
        {
            out.println("  " + label + ": and " + (lines.size() - MAX_LINES) + " more");
        }
    }
}

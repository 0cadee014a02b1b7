package io.moneyflow.tools;

import io.moneyflow.journal.Journal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Crash safety: the engine, journaling a real day, is killed with SIGKILL at random moments; every restart with the
 * same journal and inputs recovers from the journal and continues, and the last one ends with output and digest
 * identical to an uninterrupted run: nothing lost, nothing counted twice.
 */
class JournalCrashTest
{
    @TempDir
    Path dir;

    private Process start(final List<String> args, final int attempt) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(System.getProperty("moneyflow.jvm.flags").trim().split("\\s+")));
        command.add("-Dmoneyflow.home=" + Cli.root());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MoneyflowCli.class.getName());
        command.addAll(args);
        // Each run's standard error is kept, so that a failure shows what the engine said.
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr-" + attempt + ".txt").toFile()).start();
    }

    private static void deleteRecursively(final Path path) throws java.io.IOException
    {
        if (Files.exists(path))
        {
            try (var walk = Files.walk(path))
            {
                for (final Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
                {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldEndIdenticalToAnUninterruptedRunAfterRandomKills() throws Exception
    {
        final long seed = Long.getLong("moneyflow.crash.seed", System.nanoTime());
        System.out.println("JournalCrashTest seed " + seed);
        final Random random = new Random(seed);
        final String input = Cli.sample("ddb-l2-20230201");
        final Cli uninterrupted = Cli.run("flow", "-q", "--format", "json", input);
        assertThat(uninterrupted.exit).isZero();

        final Path journal = dir.resolve("journal");
        final List<String> args = List.of("flow", "-q", "--format", "json", "--journal", journal.toString(),
            "--journal-batch", "64", input);
        // How long a whole child run takes here and now (start-up included): kills are spread over it, so that they
        // land in start-up, in the replay of what earlier runs journaled, and in the run, however loaded the machine.
        final long wholeStartNs = System.nanoTime();
        final Process whole = start(args, 100);
        final String wholeOut = new String(whole.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(whole.waitFor()).isZero();
        assertThat(wholeOut).isEqualTo(uninterrupted.out);
        final long wholeMs = (System.nanoTime() - wholeStartNs) / 1_000_000;
        deleteRecursively(journal);
        System.out.println("a whole run takes " + wholeMs + " ms");
        int killed = 0;
        long previous = 0;
        for (int attempt = 0; killed < 5; attempt++)
        {
            assertThat(attempt).as("attempts (seed " + seed + ")").isLessThan(20);
            final Process child = start(args, attempt);
            // each restart first replays what earlier runs journaled: kills from a fifth of a whole run to its end
            // land in start-up, in replay and in the run
            final long delayMs = wholeMs / 5 + (long)(random.nextDouble() * wholeMs * 4 / 5);
            if (child.waitFor(delayMs, TimeUnit.MILLISECONDS))
            {
                // It finished before the kill: its output must already be the uninterrupted run's. Start afresh.
                final String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(out).as("seed " + seed).isEqualTo(uninterrupted.out);
                System.out.println("attempt " + attempt + ": finished within " + delayMs + " ms; new journal");
                deleteRecursively(journal);
                previous = 0;
                continue;
            }
            child.destroyForcibly().waitFor();
            killed++;
            final long journaled = JournalCrashTest.killedJournalLength(journal,
                "seed " + seed + ", attempt " + attempt);
            assertThat(journaled).as("the journal never shrinks (seed " + seed + ")").isGreaterThanOrEqualTo(previous);
            previous = journaled;
            System.out.println("attempt " + attempt + ": killed after " + delayMs + " ms; input records journaled: " +
                journaled);
        }

        final Process last = start(args, 99);
        final String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final int exit = last.waitFor();
        assertThat(exit).as("seed " + seed + "; standard error: " +
            Files.readString(dir.resolve("stderr-99.txt"), StandardCharsets.UTF_8)).isZero();
        assertThat(out).as("seed " + seed).isEqualTo(uninterrupted.out);
    }

    /**
     * What a SIGKILL leaves is a sound journal: a prefix of the run, every excerpt complete and checked.
     *
     * @param journal the killed run's journal, which may not exist yet.
     * @param as      what the assertion names.
     * @return the input positions it holds, 0 for none.
     */
    static long killedJournalLength(final Path journal, final String as)
    {
        if (!Journal.exists(journal))
        {
            return 0;
        }
        try (Journal j = Journal.open(journal))
        {
            final Journal.ReadResult check = j.read(null);
            assertThat(check.damage()).as(as).isNull();
            return check.lastPosition();
        }
    }
}

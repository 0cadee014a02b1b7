package io.moneyflow.tools;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the HTTP tests serve: the bundled day replayed with {@code --http} while a test asks, and five stored days with
 * their alerts for a data directory.
 */
final class ServedRuns
{
    /**
     * A replay going on in this process, serving its counters.
     *
     * @param port   where it serves.
     * @param replay the replay's end.
     */
    record Replaying(int port, CompletableFuture<Cli> replay)
    {
    }

    private ServedRuns()
    {
    }

    /**
     * Journals the bundled day 2023-02-01, then replays the journal paced, serving on a free port.
     *
     * @param journal where the journal goes.
     * @param speed   the pace, e.g. 1800x (the day's 5 h 45 min in about 12 s).
     * @return the replay, started.
     */
    static Replaying replayBundledDay(final Path journal, final String speed) throws IOException
    {
        final Cli flow = Cli.run("flow", "-q", "--format", "csv", "--journal", journal.toString(),
            Cli.sample("ddb-l2-20230201"));
        assertThat(flow.exit).as(flow.err).isZero();
        final int port;
        try (ServerSocket free = new ServerSocket(0))
        {
            port = free.getLocalPort();
        }
        return new Replaying(port, CompletableFuture.supplyAsync(() -> Cli.run("replay", "-q", "--format", "csv",
            "--journal", journal.toString(), "--speed", speed, "--http", Integer.toString(port))));
    }

    /**
     * As AlertsCommandTest: 000001.SZ's day split over the five trading days 2023-02-01 to 2023-02-07, each run with
     * {@code --history --alerts} into a data directory, under a rule whose floor every day passes (persistent main
     * force from the third day).
     *
     * @param dir  where the days and the rules are written.
     * @param data the data directory.
     * @return the last day's counters file.
     */
    static Path fiveStoredDays(final Path dir, final Path data) throws IOException
    {
        return storeDays(dir, data, 0, SampleDays.FIVE_DAYS.length);
    }

    /**
     * Stores some of those five days, as {@link #fiveStoredDays} does all of them.
     *
     * @param from the first day's index, 0 to 4.
     * @param to   after the last one's.
     * @return the last day's counters file.
     */
    static Path storeDays(final Path dir, final Path data, final int from, final int to) throws IOException
    {
        final Path rules = dir.resolve("alerts.properties");
        Files.writeString(rules, "persistent.days = 3\npersistent.minMainNetYuan = -1000000000000\n");
        final Path lastDay = dir.resolve("last.counters");
        final List<Path> days = SampleDays.szDays(dir, SampleDays.FIVE_DAYS);
        for (int i = from; i < to; i++)
        {
            final List<String> args = new ArrayList<>(List.of("flow", "-q", "--format", "csv", "--history", "--alerts",
                "--alert-rules", rules.toString(), "--data-dir", data.toString()));
            if (i == to - 1)
            {
                args.addAll(List.of("--counters", lastDay.toString()));
            }
            args.add(days.get(i).toString());
            final Cli run = Cli.run(args.toArray(String[]::new));
            assertThat(run.exit).as(run.err).isZero();
        }
        return lastDay;
    }

    /** @return each sample of a Prometheus text exposition, by its name and labels. */
    static java.util.Map<String, Double> metrics(final String text)
    {
        final java.util.Map<String, Double> samples = new java.util.HashMap<>();
        text.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).forEach(l ->
        {
            final int space = l.lastIndexOf(' ');
            samples.put(l.substring(0, space), Double.parseDouble(l.substring(space + 1)));
        });
        return samples;
    }
}

package io.moneyflow.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.function.Predicate;

/**
 * {@code moneyflow alerts}: the journaled alerts, one JSON object per line, optionally followed as they are raised.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    description = "Print the alerts journaled in DATA_DIR/alerts (raised by flow, replay, run or close-day with " +
        "--alerts), oldest first, one JSON object per line: date, time, window (the minute or the day that closed), " +
        "signal, kind (stock or sector), subject, values and limits. --follow keeps printing new ones.")
final class AlertsCommand implements Callable<Integer>
{
    @Option(names = "--date", paramLabel = "yyyy-MM-dd", description = "Only this day's alerts.")
    String date;

    @Option(names = "--signal", paramLabel = "NAME", description = "Only this signal, e.g. persistent-main-force.")
    String signal;

    @Option(names = "--subject", paramLabel = "NAME", description = "Only this stock or sector.")
    String subject;

    @Option(names = "--follow", description = "Keep printing alerts as they are journaled, until interrupted.")
    boolean follow;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where the alerts live. Default: $MONEYFLOW_DATA, else var/ in the installation.")
    Path dataDir;

    @Override
    public Integer call()
    {
        final Path dir = DataDir.dir(dataDir);
        if (!Files.isDirectory(dir.resolve("alerts")) && !follow)
        {
            System.err.println("moneyflow: no alerts journaled in " + dir.resolve("alerts"));
            return 0;
        }
        Predicate<String> filter = line -> true;
        if (date != null)
        {
            final String d = "\"date\":\"" + date + "\"";
            filter = filter.and(line -> line.contains(d));
        }
        if (signal != null)
        {
            final String s = "\"signal\":\"" + signal + "\"";
            filter = filter.and(line -> line.contains(s));
        }
        if (subject != null)
        {
            final String s = "\"subject\":\"" + subject + "\"";
            filter = filter.and(line -> line.contains(s));
        }
        AlertJournal.read(dir, filter, follow, line ->
        {
            System.out.println(line);
            System.out.flush();
        });
        return 0;
    }
}

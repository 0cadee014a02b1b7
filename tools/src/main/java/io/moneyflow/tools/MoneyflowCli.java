package io.moneyflow.tools;

import io.moneyflow.feed.InputFiles;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The {@code moneyflow} command line. Exit codes: 0 success, 1 failure (unreadable input, internal error),
 * 2 bad usage.
 */
@Command(
    name = "moneyflow",
    mixinStandardHelpOptions = true,
    version = "moneyflow 0.1.0",
    description = "Money flow (资金流向) from Level-2 stock market data: who was the aggressor, how big the order " +
        "behind each trade, and the resulting inflow, outflow and net flow per stock.",
    subcommands = {
        FlowCommand.class,
        MinutesCommand.class,
        AccuracyCommand.class,
        DemoCommand.class,
        CountersCommand.class,
        ReplayCommand.class,
        AuditCommand.class,
        JournalCommand.class,
        FeedServeCommand.class,
        RunCommand.class,
        GenCommand.class,
        BenchCommand.class,
        CloseDayCommand.class,
        HistoryCommand.class,
        RankCommand.class,
        ExportCommand.class,
        AlertsCommand.class,
        CommandLine.HelpCommand.class
    })
public final class MoneyflowCli implements Runnable
{
    static
    {
        // before any command opens a Chronicle queue (the journal, the alerts): moneyflow never phones home
        io.moneyflow.journal.ChronicleAnalytics.disable();
    }

    @picocli.CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run()
    {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. 'moneyflow demo'");
    }

    /**
     * Builds the command line with its error handling: one clear line for input problems, exit 1.
     *
     * @return the configured command line.
     */
    public static CommandLine commandLine()
    {
        final CommandLine cli = new CommandLine(new MoneyflowCli());
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) ->
        {
            commandLine.getErr().println("moneyflow: " + io.moneyflow.codec.Printable.of(message(ex)));
            return 1;
        });
        return cli;
    }

    private static String message(final Exception ex)
    {
        if (ex instanceof InputFiles.InputException || ex instanceof UncheckedIOException ||
            ex instanceof io.moneyflow.journal.JournalException ||
            ex instanceof IllegalArgumentException || ex instanceof IllegalStateException)
        {
            return ex.getMessage();
        }
        return ex.toString();
    }

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        // Output is UTF-8 whatever the locale (LANG=C in cron and containers would print names as '?').
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        final CommandLine cli = commandLine();
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }
}

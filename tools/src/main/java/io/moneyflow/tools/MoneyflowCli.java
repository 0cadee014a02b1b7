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
    version = MoneyflowCli.VERSION,
    description = MoneyflowCli.DESCRIPTION,
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
    static final String VERSION = "moneyflow 0.1.0";
    static final String DESCRIPTION = "Money flow (资金流向) from Level-2 stock market data: who was the aggressor, " +
        "how big the order behind each trade, and the resulting inflow, outflow and net flow per stock.";

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
        return configure(new CommandLine(new MoneyflowCli()));
    }

    /**
     * The command line for these arguments: when the first names a command, the top level with that command alone,
     * since building every command's model (picocli reads each one's annotations by reflection) took about 0.3 s of
     * every run's start; else the whole command line. Either parses and runs the same.
     *
     * @param args command-line arguments.
     * @return the configured command line.
     */
    public static CommandLine commandLine(final String[] args)
    {
        final Class<?> command = args.length > 0 ? commandNamed(args[0]) : null;
        if (command == null)
        {
            return commandLine();
        }
        final CommandLine cli = new CommandLine(new Lean());
        cli.addSubcommand(command);
        return configure(cli);
    }

    /**
     * @return the class of the command (not help) that this name or alias names, or null.
     */
    static Class<?> commandNamed(final String name)
    {
        for (final Class<?> command : MoneyflowCli.class.getAnnotation(Command.class).subcommands())
        {
            final Command spec = command.getAnnotation(Command.class);
            if (command == CommandLine.HelpCommand.class || spec == null)
            {
                continue;
            }
            if (spec.name().equals(name) || java.util.Arrays.asList(spec.aliases()).contains(name))
            {
                return command;
            }
        }
        return null;
    }

    /** The top level of {@link #commandLine(String[])}: this one's options and text, and no command of its own. */
    @Command(name = "moneyflow", mixinStandardHelpOptions = true, version = VERSION, description = DESCRIPTION)
    static final class Lean implements Runnable
    {
        @picocli.CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run()
        {
            throw new CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. 'moneyflow demo'");
        }
    }

    private static CommandLine configure(final CommandLine cli)
    {
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
        final CommandLine cli = commandLine(args);
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }
}

package io.moneyflow.tools;

import io.moneyflow.feed.InputFiles;
import io.moneyflow.reference.ReferenceData;
import picocli.CommandLine.Command;
import picocli.CommandLine;

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
    versionProvider = MoneyflowCli.Version.class,
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
        PublishCommand.class,
        GenCommand.class,
        BenchCommand.class,
        CloseDayCommand.class,
        HistoryCommand.class,
        RankCommand.class,
        ExportCommand.class,
        ImportReferenceCommand.class,
        AlertsCommand.class,
        ServeCommand.class,
        TopCommand.class,
        ChartCommand.class,
        CompletionCommand.class,
        CommandLine.HelpCommand.class
    })
public final class MoneyflowCli implements Runnable
{
    /** {@code --version}: the POM's version, written into the jar when it is built (version.properties). */
    static final class Version implements CommandLine.IVersionProvider
    {
        @Override
        public String[] getVersion()
        {
            return new String[]{"moneyflow " + version()};
        }
    }

    /** @return the POM's version, as the build wrote it beside this class. */
    static String version()
    {
        try (java.io.InputStream in = MoneyflowCli.class.getResourceAsStream("version.properties"))
        {
            if (in == null)
            {
                throw new IllegalStateException("version.properties is missing from the jar");
            }
            final java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version");
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
    static final String DESCRIPTION = "Money flow (资金流向) from Level-2 stock market data: who was the aggressor, " +
        "how big the order behind each trade, and the resulting inflow, outflow and net flow per stock.";

    static
    {
        // before any command opens a Chronicle queue (the journal, the alerts): moneyflow never phones home
        io.moneyflow.journal.ChronicleAnalytics.disable();
        headless();
    }

    /**
     * Java's headless mode, set before any AWT class loads (here, without loading chart's classes into every
     * command): chart draws its PNG off screen, and no command needs a display (a DISPLAY naming one that is gone
     * would otherwise fail it). A value the JVM was given is kept.
     */
    static void headless()
    {
        if (System.getProperty("java.awt.headless") == null)
        {
            System.setProperty("java.awt.headless", "true");
        }
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
     * Each command's name and class, as the {@code subcommands} above list them (LeanCommandLineTest keeps the two
     * equal): by name, so that finding one loads and reads no other.
     */
    static final java.util.Map<String, String> COMMANDS = java.util.Map.ofEntries(
        java.util.Map.entry("flow", "FlowCommand"),
        java.util.Map.entry("minutes", "MinutesCommand"),
        java.util.Map.entry("accuracy", "AccuracyCommand"),
        java.util.Map.entry("demo", "DemoCommand"),
        java.util.Map.entry("counters", "CountersCommand"),
        java.util.Map.entry("replay", "ReplayCommand"),
        java.util.Map.entry("audit", "AuditCommand"),
        java.util.Map.entry("journal", "JournalCommand"),
        java.util.Map.entry("feed-serve", "FeedServeCommand"),
        java.util.Map.entry("run", "RunCommand"),
        java.util.Map.entry("publish", "PublishCommand"),
        java.util.Map.entry("gen", "GenCommand"),
        java.util.Map.entry("bench", "BenchCommand"),
        java.util.Map.entry("close-day", "CloseDayCommand"),
        java.util.Map.entry("history", "HistoryCommand"),
        java.util.Map.entry("rank", "RankCommand"),
        java.util.Map.entry("export", "ExportCommand"),
        java.util.Map.entry("import-reference", "ImportReferenceCommand"),
        java.util.Map.entry("alerts", "AlertsCommand"),
        java.util.Map.entry("serve", "ServeCommand"),
        java.util.Map.entry("top", "TopCommand"),
        java.util.Map.entry("chart", "ChartCommand"),
        java.util.Map.entry("completion", "CompletionCommand"));

    /**
     * @return the class of the command (not help) of this name, or null.
     */
    static Class<?> commandNamed(final String name)
    {
        final String simpleName = COMMANDS.get(name);
        if (simpleName == null)
        {
            return null;
        }
        try
        {
            return Class.forName(MoneyflowCli.class.getPackageName() + "." + simpleName);
        }
        catch (final ClassNotFoundException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** The top level of {@link #commandLine(String[])}: this one's options and text, and no command of its own. */
    @Command(name = "moneyflow", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = DESCRIPTION)
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
            return Messages.forCli(ex.getMessage());
        }
        return ex.toString();
    }

    /**
     * The commands that read the securities file (through {@link EngineOptions}) as they start. A command left out
     * only loads the file as ever, without the head start.
     */
    private static final java.util.Set<String> READ_SECURITIES =
        java.util.Set.of("flow", "run", "replay", "minutes", "accuracy", "close-day");

    /**
     * For a command that reads the securities file, starts reading it on a thread of its own while the command line
     * is parsed ({@link ReferenceData#readAhead}): the file {@code --securities} names, else the installation's.
     * The command then loads it as ever, and gets what was read when it is the same, unchanged file.
     */
    static void readAheadSecurities(final String[] args)
    {
        if (args.length == 0 || !READ_SECURITIES.contains(args[0]))
        {
            return;
        }
        String named = null;
        for (int i = 1; i < args.length; i++)
        {
            if (args[i].equals("--"))
            {
                break;
            }
            if (args[i].equals("--securities") && i + 1 < args.length)
            {
                named = args[i + 1];
            }
            else if (args[i].startsWith("--securities="))
            {
                named = args[i].substring("--securities=".length());
            }
        }
        try
        {
            ReferenceData.readAhead(named != null ? java.nio.file.Path.of(named) : Home.securities());
        }
        catch (final RuntimeException ex)
        {
            // a path the command line will refuse, with its own message
        }
    }

    /**
     * @param args command-line arguments.
     */
    public static void main(final String[] args)
    {
        // Output is UTF-8 whatever the locale (LANG=C in cron and containers would print names as '?').
        System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8));
        readAheadSecurities(args);
        io.moneyflow.codec.csv.Layouts.readAhead();
        final CommandLine cli = commandLine(args);
        cli.setOut(new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true));
        System.exit(cli.execute(args));
    }
}

package io.moneyflow.tools;

import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code --progress}: how a run shows its progress on stderr. By default a bar on a terminal, and the lines a run has
 * always printed otherwise (a file, a pipe: what scripts and tests read).
 */
final class ProgressOption
{
    /** How progress is shown. */
    enum Mode
    {
        /** A bar when stderr is a terminal, lines otherwise. */
        auto,
        /** The bar, wherever stderr goes. */
        bar,
        /** A line about once a second. */
        lines,
        /** Nothing. */
        none
    }

    /** Set by the launcher: whether its stderr is a terminal ({@code [ -t 2 ]}). */
    static final String TTY_PROPERTY = "moneyflow.stderr.tty";
    /** Set by the launcher on a terminal: its width in columns. */
    static final String COLUMNS_PROPERTY = "moneyflow.stderr.columns";

    @Option(names = "--progress", defaultValue = "auto", paramLabel = "MODE",
        description = "Progress on stderr: auto (default: a bar with percent, rates and time left when stderr is a " +
            "terminal, else a line a second), bar, lines or none. -q shows none.")
    Mode mode = Mode.auto;

    /**
     * @param quiet {@code -q}.
     * @param env   the environment (TERM, COLUMNS).
     * @return how progress is shown: none when quiet; for auto, the bar when stderr is a terminal that can redraw a
     *         line (TERM is not {@code dumb}), else lines.
     */
    Mode resolve(final boolean quiet, final Map<String, String> env)
    {
        if (quiet)
        {
            return Mode.none;
        }
        if (mode != Mode.auto)
        {
            return mode;
        }
        return stderrIsTerminal() && !"dumb".equals(env.get("TERM")) ? Mode.bar : Mode.lines;
    }

    /**
     * @param err   where the bar is drawn.
     * @param env   the environment (COLUMNS).
     * @return a bar as wide as the terminal.
     */
    static ProgressBar bar(final PrintStream err, final Map<String, String> env)
    {
        return new ProgressBar(err, columns(env), System::nanoTime);
    }

    /**
     * Whether stderr is a terminal. Java 17 cannot ask of stderr alone ({@code System.console()} needs stdin and
     * stdout to be one, and is null for {@code moneyflow flow day.zip > out.csv}), so: the launcher's answer
     * ({@code -Dmoneyflow.stderr.tty}, from {@code [ -t 2 ]}); else, on Linux, where file descriptor 2 leads (a
     * {@code /dev/pts/N} or {@code /dev/ttyN}); else {@code System.console()}.
     */
    static boolean stderrIsTerminal()
    {
        final String told = System.getProperty(TTY_PROPERTY);
        if (told != null && !told.isBlank())
        {
            return Boolean.parseBoolean(told.trim());
        }
        final Path fd = Path.of("/proc/self/fd/2");
        if (Files.isSymbolicLink(fd))
        {
            try
            {
                final String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            }
            catch (final java.io.IOException | SecurityException ex)
            {
                // fall through
            }
        }
        return System.console() != null;
    }

    /**
     * @return the terminal's width: COLUMNS when exported, else what the launcher measured, else 80.
     */
    static int columns(final Map<String, String> env)
    {
        for (final String value : new String[] {env.get("COLUMNS"), System.getProperty(COLUMNS_PROPERTY)})
        {
            if (value != null)
            {
                try
                {
                    final int columns = Integer.parseInt(value.trim());
                    if (columns > 0)
                    {
                        return columns;
                    }
                }
                catch (final NumberFormatException ignored)
                {
                    // the next
                }
            }
        }
        return 80;
    }
}

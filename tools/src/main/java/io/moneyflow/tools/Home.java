package io.moneyflow.tools;

import io.moneyflow.reference.ReferenceData;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where moneyflow is installed: the folder holding {@code config/} and {@code data/sample/}. The launcher passes
 * it as {@code -Dmoneyflow.home}; otherwise {@code MONEYFLOW_HOME}, otherwise the working directory or its parent.
 */
final class Home
{
    private Home()
    {
    }

    static Path dir()
    {
        final String property = System.getProperty("moneyflow.home");
        if (property != null && !property.isBlank())
        {
            return Path.of(property);
        }
        final String env = System.getenv("MONEYFLOW_HOME");
        if (env != null && !env.isBlank())
        {
            return Path.of(env);
        }
        final Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("config")))
        {
            return cwd;
        }
        final Path parent = cwd.getParent();
        if (parent != null && Files.isDirectory(parent.resolve("config")))
        {
            return parent;
        }
        return cwd;
    }

    static Path securities()
    {
        return dir().resolve("config").resolve("securities.csv");
    }

    /**
     * The reference data of a reader of another run's counters ({@code counters}, {@code top}): names and sectors
     * only dress its table, so a file that is not there gives none.
     *
     * @param named the file {@code --securities} named, or null for the installation's.
     * @return its reference data, or none when it is not a file.
     */
    static ReferenceData referenceOrNone(final Path named)
    {
        final Path file = named != null ? named : securities();
        return Files.isRegularFile(file) ? ReferenceData.load(file) : ReferenceData.empty();
    }

    static Path calendar()
    {
        return dir().resolve("config").resolve("calendar").resolve("sse-szse.csv");
    }

    /**
     * @return the SSE/SZSE trading calendar of the installation, which N-day windows count.
     * @throws IllegalStateException when the file is missing.
     */
    static io.moneyflow.reference.TradingCalendar tradingCalendar()
    {
        final Path file = calendar();
        if (!Files.isRegularFile(file))
        {
            throw new IllegalStateException("no trading calendar at " + file + ": N-day windows count its trading days");
        }
        return io.moneyflow.reference.TradingCalendar.load(file);
    }

    static Path sample()
    {
        return dir().resolve("data").resolve("sample");
    }
}

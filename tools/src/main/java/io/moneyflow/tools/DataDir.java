package io.moneyflow.tools;

import java.nio.file.Path;

/**
 * The data directory: where the history store ({@code history.duckdb}) and the alerts ({@code alerts.jsonl}) live.
 * {@code --data-dir DIR}, else {@code MONEYFLOW_DATA}, else {@code var/} in the installation.
 */
final class DataDir
{
    private DataDir()
    {
    }

    static Path dir(final Path option)
    {
        if (option != null)
        {
            return option;
        }
        final String env = System.getenv("MONEYFLOW_DATA");
        if (env != null && !env.isBlank())
        {
            return Path.of(env);
        }
        return Home.dir().resolve("var");
    }

    static Path history(final Path option)
    {
        return dir(option).resolve("history.duckdb");
    }

    static Path alerts(final Path option)
    {
        return dir(option).resolve("alerts.jsonl");
    }
}

package io.moneyflow.tools;

import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --data-dir} of the commands that read or write the history store ({@code close-day}, {@code history},
 * {@code rank}, {@code export}).
 */
final class HistoryStoreDir
{
    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where the history store lives. Default: $MONEYFLOW_DATA, else var/ in the installation.")
    Path dataDir;

    /**
     * @return the data directory ({@link DataDir#dir}).
     */
    Path dir()
    {
        return DataDir.dir(dataDir);
    }

    /**
     * @return the history store's file ({@link DataDir#history}).
     */
    Path file()
    {
        return DataDir.history(dataDir);
    }

    /**
     * For a command that only reads the store.
     *
     * @param hint said on stderr after the file's name when there is no store, or empty.
     * @return the history store's file, or null when there is none (said on stderr).
     */
    Path existing(final String hint)
    {
        final Path file = file();
        if (!Files.isRegularFile(file))
        {
            System.err.println("moneyflow: no history store at " + file + hint);
            return null;
        }
        return file;
    }
}

package io.moneyflow.tools;

import io.moneyflow.journal.Journal;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --journal} of the commands that read a run's journal ({@code replay}, {@code audit}).
 */
final class JournalOption
{
    @Option(names = "--journal", required = true, paramLabel = "DIR", description = "The journal directory.")
    Path dir;

    /**
     * @return the journal, opened for reading ({@link Replays#open}).
     */
    Journal open()
    {
        return Replays.open(dir);
    }
}

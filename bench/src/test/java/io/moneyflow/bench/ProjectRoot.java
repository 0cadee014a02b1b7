package io.moneyflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** The project's root directory, for tests that run its scripts on the packaged jar. */
final class ProjectRoot
{
    private ProjectRoot()
    {
    }

    /**
     * @param marker a file the root holds, relative to it (e.g. {@code bin/moneyflow}).
     * @return the nearest directory at or above the one the test runs in that holds it.
     */
    static Path holding(final String marker)
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isRegularFile(dir.resolve(marker)))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new IllegalStateException(marker + " not found above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}

package io.moneyflow;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the bundled sample data (data/sample at the project root) from a module's working directory.
 */
public final class Samples
{
    private Samples()
    {
    }

    /**
     * @param relative path under data/sample.
     * @return the file.
     */
    public static Path path(final String relative)
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null)
        {
            final Path candidate = dir.resolve("data").resolve("sample");
            if (Files.isDirectory(candidate))
            {
                final Path file = candidate.resolve(relative);
                if (!Files.exists(file))
                {
                    throw new IllegalStateException("sample file missing: " + file);
                }
                return file;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("data/sample not found above " + Path.of("").toAbsolutePath());
    }

    /**
     * @param relative path under config.
     * @return the file.
     */
    public static Path config(final String relative)
    {
        return path("").getParent().getParent().resolve("config").resolve(relative);
    }
}

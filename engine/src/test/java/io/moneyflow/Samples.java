package io.moneyflow;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.LongPredicate;
import java.util.zip.ZipFile;

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
     * Writes the trades of the 2023-02-01 sample day (tradeData.csv of ddb-l2-20230201/tradeData.zip) without some of
     * its data lines: the input of a run that computes what a run over the records kept computes.
     *
     * @param file    where to write them.
     * @param dropped whether the data line at a position (1-based, after the header) is left out.
     * @return the file.
     */
    public static Path tradeDataWithout(final Path file, final LongPredicate dropped) throws IOException
    {
        try (ZipFile zip = new ZipFile(path("ddb-l2-20230201/tradeData.zip").toFile());
             BufferedReader reader = new BufferedReader(new InputStreamReader(
                 zip.getInputStream(zip.getEntry("tradeData.csv")), StandardCharsets.UTF_8));
             BufferedWriter writer = Files.newBufferedWriter(file))
        {
            writer.write(reader.readLine());
            writer.newLine();
            String line;
            long position = 0;
            while ((line = reader.readLine()) != null)
            {
                if (!dropped.test(++position))
                {
                    writer.write(line);
                    writer.newLine();
                }
            }
        }
        return file;
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

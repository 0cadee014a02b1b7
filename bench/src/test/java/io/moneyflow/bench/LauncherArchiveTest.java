package io.moneyflow.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The launcher's class-data archive ({@code bin/moneyflow}, {@code tools/target/moneyflow.jsa}): made on first use,
 * made again when the jar is newer, and never a change to what a command prints, whether the archive is fresh, stale
 * or damaged (the JVM's messages about it must not mix with the output: a CSV on stdout would carry them). Here, in
 * the module built after the jar, because it runs the launcher on the packaged jar.
 */
class LauncherArchiveTest
{
    private static final String DAY = "data/sample/ddb-l2-20230201";

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldMakeTheArchiveAndPrintTheSameBytesWithItOrWithoutIt() throws IOException, InterruptedException
    {
        final Path root = ProjectRoot.holding("bin/moneyflow");
        final Path jar = root.resolve("tools/target/moneyflow.jar");
        final Path archive = root.resolve("tools/target/moneyflow.jsa");
        if (!Files.isRegularFile(jar))
        {
            fail(jar + " is missing: run 'mvn -B verify' from the project root (it packages tools before bench)");
        }
        final String without = flow(root, Map.of("MONEYFLOW_CDS", "off"));
        assertThat(without).startsWith("symbol,").doesNotContain("[warning]").doesNotContain("cds");

        // first use: the archive is made, and the run prints the same bytes
        Files.deleteIfExists(archive);
        assertThat(flow(root, Map.of())).isEqualTo(without);
        assertThat(archive).isRegularFile();
        assertThat(Files.size(archive)).isPositive();

        // an archive older than the jar (the jar rebuilt since): made again, same bytes
        final long jarTime = Files.getLastModifiedTime(jar).toMillis();
        Files.setLastModifiedTime(archive, FileTime.fromMillis(jarTime - 60_000));
        assertThat(flow(root, Map.of())).isEqualTo(without);
        assertThat(Files.getLastModifiedTime(archive).toMillis()).isGreaterThanOrEqualTo(jarTime);

        // an archive the JVM cannot use (damaged, or made by another JVM): it runs without it, same bytes and no
        // message of the JVM's about it
        Files.delete(archive);
        Files.writeString(archive, "not an archive");
        assertThat(flow(root, Map.of())).isEqualTo(without);

        // leave a good archive for the runs after this test
        Files.delete(archive);
        assertThat(flow(root, Map.of())).isEqualTo(without);
        assertThat(archive).isRegularFile();
    }

    /** stdout of {@code bin/moneyflow flow --format csv -q DAY}, which must exit 0 with nothing on stderr. */
    private static String flow(final Path root, final Map<String, String> env) throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile("launcher-archive", ".csv");
        final Path err = Files.createTempFile("launcher-archive", ".err");
        try
        {
            final ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("bin/moneyflow").toString(), "flow",
                "--format", "csv", "-q", root.resolve(DAY).toString())
                .directory(root.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
            builder.environment().remove("MONEYFLOW_JAVA_OPTS");
            builder.environment().remove("MONEYFLOW_CDS");
            builder.environment().putAll(env);
            final Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES))
            {
                process.destroyForcibly();
                fail("bin/moneyflow flow did not finish in 2 minutes");
            }
            final String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit; stderr: %s", stderr).isZero();
            assertThat(stderr).as("stderr").isEmpty();
            return Files.readString(out, StandardCharsets.UTF_8);
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

package io.moneyflow.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code java -jar moneyflow.jar ...} with no JVM flag at all: the jar's manifest opens and exports what Agrona and
 * Chronicle need ({@code Add-Opens}, {@code Add-Exports}), and the command line turns Chronicle's analytics off itself.
 * It prints the same bytes as the launcher, which gives the JVM its flags, and {@code --version} prints the POM's
 * version. Here, in the module built after the jar.
 */
class PlainJarTest
{
    private static final String DAY = "data/sample/ddb-l2-20230201";

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldRunWithNoJvmFlagAsTheLauncherDoes() throws IOException, InterruptedException
    {
        final Path root = ProjectRoot.holding("bin/moneyflow");
        final Path jar = root.resolve("tools/target/moneyflow.jar");
        if (!Files.isRegularFile(jar))
        {
            fail(jar + " is missing: run 'mvn -B verify' from the project root (it packages tools before bench)");
        }
        final String java = ProcessHandle.current().info().command().orElse("java");
        final String plain = run(root, List.of(java, "-Dmoneyflow.home=" + root, "-jar", jar.toString(), "flow",
            "--format", "csv", "-q", root.resolve(DAY).toString()));
        final String launched = run(root, List.of("bash", root.resolve("bin/moneyflow").toString(), "flow", "--format",
            "csv", "-q", root.resolve(DAY).toString()));
        assertThat(plain).startsWith("symbol,").isEqualTo(launched);
        assertThat(run(root, List.of(java, "-jar", jar.toString(), "--version")).trim())
            .isEqualTo("moneyflow " + System.getProperty("moneyflow.version"));
        // what makes it work: the manifest's opens and exports, those of the POM
        try (java.util.jar.JarFile file = new java.util.jar.JarFile(jar.toFile()))
        {
            final java.util.jar.Attributes main = file.getManifest().getMainAttributes();
            assertThat(List.of(main.getValue("Add-Opens").trim().split("\\s+"))).containsExactlyInAnyOrder(
                System.getProperty("moneyflow.manifest.opens").trim().split("\\s+"));
            assertThat(List.of(main.getValue("Add-Exports").trim().split("\\s+"))).containsExactlyInAnyOrder(
                System.getProperty("moneyflow.manifest.exports").trim().split("\\s+"));
        }
    }

    /** @return stdout of a command that must exit 0 with nothing on stderr (no JVM warning either). */
    private static String run(final Path root, final List<String> command) throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile("plain-jar", ".out");
        final Path err = Files.createTempFile("plain-jar", ".err");
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(root.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().remove("MONEYFLOW_JAVA_OPTS");
            builder.environment().remove("JAVA_TOOL_OPTIONS");
            builder.environment().remove("JDK_JAVA_OPTIONS");
            final Process process = builder.start();
            if (!process.waitFor(2, TimeUnit.MINUTES))
            {
                process.destroyForcibly();
                fail(command + " did not finish in 2 minutes");
            }
            final String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit of %s; stderr: %s", command, stderr).isZero();
            assertThat(stderr).as("stderr of %s", command).isEmpty();
            return Files.readString(out, StandardCharsets.UTF_8);
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

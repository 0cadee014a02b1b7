package io.moneyflow.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The release a user unpacks and runs without Maven: {@code tools/target/moneyflow-VERSION.tar.gz} (and {@code .zip}),
 * unpacked into a temporary folder, runs the demo with only a Java runtime and a shell's basic tools on the PATH (no
 * Maven: the launcher finds {@code lib/moneyflow.jar} and builds nothing), and prints what the source tree's launcher
 * prints. Here, in the module built after the release.
 */
class ReleaseTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldRunTheDemoFromTheUnpackedReleaseWithNoMaven() throws IOException, InterruptedException
    {
        final Path root = ProjectRoot.holding("bin/moneyflow");
        final String version = System.getProperty("moneyflow.version");
        final Path tarball = root.resolve("tools/target/moneyflow-" + version + ".tar.gz");
        final Path zip = root.resolve("tools/target/moneyflow-" + version + ".zip");
        if (!Files.isRegularFile(tarball) || !Files.isRegularFile(zip))
        {
            fail(tarball + " or its .zip is missing: run 'mvn -B verify' from the project root (it packages tools " +
                "before bench)");
        }
        run(dir, List.of("tar", "xzf", tarball.toString()), System.getenv("PATH"));
        final Path home = dir.resolve("moneyflow-" + version);
        for (final String part : List.of("bin/moneyflow", "lib/moneyflow.jar", "config/securities.csv",
            "config/layouts/ddb-l2.layout", "data/sample/ddb-l2-20230201", "README.md", "NOTICE", "docs/dashboard.png"))
        {
            assertThat(home.resolve(part)).as(part).exists();
        }
        assertThat(home.resolve("tools")).as("no source tree").doesNotExist();
        assertThat(Files.isExecutable(home.resolve("bin/moneyflow"))).isTrue();

        // a PATH with java and the few tools the launcher uses, and no Maven
        final Path tools = Files.createDirectories(dir.resolve("path"));
        final String java = ProcessHandle.current().info().command().orElseThrow();
        Files.createSymbolicLink(tools.resolve("java"), Path.of(java));
        for (final String tool : List.of("bash", "dirname", "find", "mktemp", "mv", "rm", "cat"))
        {
            Files.createSymbolicLink(tools.resolve(tool), which(tool));
        }
        final String[] released = run(home, List.of(home.resolve("bin/moneyflow").toString(), "demo"),
            tools.toString());
        final String[] fromSource = run(root, List.of("bash", root.resolve("bin/moneyflow").toString(), "demo"),
            System.getenv("PATH"));
        // the same table; the first line names the sample's path, the release's own
        assertThat(released[0]).contains(home.resolve("data/sample").toString()).contains("000001.SZ");
        assertThat(released[0].replace(home.toString(), root.toString())).isEqualTo(fromSource[0]);
        assertThat(digest(released[1])).startsWith("sha256:").isEqualTo(digest(fromSource[1]));
        assertThat(released[1]).doesNotContain("building");
        assertThat(home.resolve("tools")).as("nothing built").doesNotExist();
        assertThat(run(home, List.of(home.resolve("bin/moneyflow").toString(), "--version"), tools.toString())[0]
            .trim()).isEqualTo("moneyflow " + version);

        // the release's other items with nothing but Java: a reference's columns, Parquet (DuckDB's native library
        // from the jar), the shell completion
        final String bin = home.resolve("bin/moneyflow").toString();
        final Path parquet = dir.resolve("tushare.parquet");
        final String[] tushare = run(home, List.of(bin, "flow", "-q", "--scheme", "tushare", "--columns", "tushare",
            "--format", "csv", "data/sample/ddb-l2-20230201"), tools.toString());
        assertThat(tushare[0]).startsWith("ts_code,trade_date,buy_sm_vol,buy_sm_amount,").contains("\n000001.SZ,20230201,");
        run(home, List.of(bin, "flow", "-q", "--scheme", "tushare", "--columns", "tushare", "--format", "parquet",
            "--out", parquet.toString(), "data/sample/ddb-l2-20230201"), tools.toString());
        assertThat(Files.size(parquet)).isPositive();
        assertThat(run(home, List.of(bin, "completion"), tools.toString())[0]).contains("complete -F");

        // the .zip holds the same files
        final List<String> tarEntries = new ArrayList<>();
        try (var walk = Files.walk(home))
        {
            walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".jsa"))
                .forEach(p -> tarEntries.add(dir.relativize(p).toString()));
        }
        final List<String> zipEntries = new ArrayList<>();
        try (InputStream in = Files.newInputStream(zip); ZipInputStream entries = new ZipInputStream(in))
        {
            ZipEntry entry;
            while ((entry = entries.getNextEntry()) != null)
            {
                if (!entry.isDirectory())
                {
                    zipEntries.add(entry.getName());
                }
            }
        }
        assertThat(zipEntries).containsExactlyInAnyOrderElementsOf(tarEntries);
    }

    private static String digest(final String stderr)
    {
        return stderr.lines().filter(l -> l.startsWith("moneyflow: digest ")).findFirst().orElse("")
            .replace("moneyflow: digest ", "");
    }

    private static Path which(final String tool)
    {
        for (final String dir : System.getenv("PATH").split(":"))
        {
            final Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate))
            {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on the PATH");
    }

    /** @return stdout and stderr of a command that must exit 0. */
    private static String[] run(final Path in, final List<String> command, final String path)
        throws IOException, InterruptedException
    {
        final Path out = Files.createTempFile("release", ".out");
        final Path err = Files.createTempFile("release", ".err");
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command).directory(in.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().put("PATH", path);
            builder.environment().remove("MONEYFLOW_JAVA_OPTS");
            builder.environment().remove("MONEYFLOW_DATA");
            final Process process = builder.start();
            if (!process.waitFor(3, TimeUnit.MINUTES))
            {
                process.destroyForcibly();
                fail(command + " did not finish in 3 minutes");
            }
            final String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("exit of %s; stderr: %s", command, stderr).isZero();
            return new String[]{Files.readString(out, StandardCharsets.UTF_8), stderr};
        }
        finally
        {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}

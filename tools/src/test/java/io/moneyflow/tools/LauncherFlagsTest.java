package io.moneyflow.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JVM flags live in the parent POM (for Surefire and JMH forks) and in bin/moneyflow: they must not drift.
 */
class LauncherFlagsTest
{
    @Test
    void shouldGiveTheLauncherTheSameJvmFlagsAsThePom() throws IOException
    {
        final String pomFlags = System.getProperty("moneyflow.jvm.flags");
        assertThat(pomFlags).as("set by Surefire from the parent POM").isNotBlank();
        final List<String> fromPom = Arrays.asList(pomFlags.trim().split("\\s+"));

        final List<String> fromLauncher = new ArrayList<>();
        boolean inside = false;
        for (final String line : Files.readAllLines(Cli.root().resolve("bin").resolve("moneyflow")))
        {
            final String t = line.trim();
            if (t.startsWith("JVM_FLAGS=("))
            {
                inside = true;
            }
            else if (inside && t.equals(")"))
            {
                inside = false;
            }
            else if (inside && !t.isEmpty())
            {
                fromLauncher.add(t);
            }
        }
        assertThat(fromLauncher).containsExactlyElementsOf(fromPom);
        assertThat(fromPom).contains("-Dchronicle.analytics.disable=true",
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED");

        // the jar's manifest entries (java -jar needs no flag): the same opens and exports, module/package each
        final List<String> opens = new ArrayList<>();
        final List<String> exports = new ArrayList<>();
        for (final String flag : fromPom)
        {
            if (flag.startsWith("--add-opens="))
            {
                opens.add(flag.substring("--add-opens=".length(), flag.lastIndexOf('=')));
            }
            else if (flag.startsWith("--add-exports="))
            {
                exports.add(flag.substring("--add-exports=".length(), flag.lastIndexOf('=')));
            }
        }
        assertThat(Arrays.asList(System.getProperty("moneyflow.manifest.opens").trim().split("\\s+")))
            .containsExactlyInAnyOrderElementsOf(opens);
        assertThat(Arrays.asList(System.getProperty("moneyflow.manifest.exports").trim().split("\\s+")))
            .containsExactlyInAnyOrderElementsOf(exports);
    }

    @Test
    void shouldPrintThePomsVersion()
    {
        final Cli version = Cli.run("--version");
        assertThat(version.exit).isZero();
        assertThat(version.out.trim()).isEqualTo("moneyflow " + System.getProperty("moneyflow.version"));
        assertThat(System.getProperty("moneyflow.version")).as("set by Surefire from the POM").matches("\\d+\\.\\d+.*");
    }
}

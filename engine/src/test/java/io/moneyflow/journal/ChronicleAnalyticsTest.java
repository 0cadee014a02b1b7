package io.moneyflow.journal;

import io.moneyflow.Samples;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 8: Chronicle Queue's analytics (a DNS lookup and a request to an analytics host, and a client id
 * written into the home directory) were off only when the launcher passed its flag; running the jar directly or
 * embedding the engine phoned home. The engine now switches them off itself. Proven in a child JVM with a home
 * directory of its own, without the flag and without JUnit on its class path (Chronicle mutes its analytics when it
 * finds JUnit, which would make this test pass whatever the engine did). The second test is the control: the same
 * program with analytics asked for explicitly writes the file (its network requests go to a proxy that does not
 * exist), so the first cannot pass for a reason other than the engine's.
 */
class ChronicleAnalyticsTest
{
    private static final String CLIENT_ID = ".chronicle.analytics.client.id";

    @TempDir
    Path dir;

    private Path runProbe(final String... extraFlags) throws Exception
    {
        final Path home = Files.createDirectories(dir.resolve("home"));
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        final String flags = System.getProperty("moneyflow.jvm.flags", "");
        assertThat(flags).as("run the tests through Maven").isNotBlank();
        command.addAll(Arrays.stream(flags.trim().split("\\s+"))
            .filter(flag -> !flag.startsWith("-D" + ChronicleAnalytics.PROPERTY)).toList());
        command.addAll(List.of(extraFlags));
        command.add("-Duser.home=" + home);
        command.add("-cp");
        command.add(Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
            .filter(entry -> !entry.contains("junit")).collect(Collectors.joining(File.pathSeparator)));
        command.add(AnalyticsProbe.class.getName());
        command.add(dir.resolve("journal").toString());
        command.add(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz").toString());
        final Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(out).isZero();
        // 26,169 trades and the source's name; Chronicle Queue opens the journal
        assertThat(out).contains("records 26170").contains("chronicle null");
        return home;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldWriteNoAnalyticsFileWhenTheEngineIsEmbeddedWithoutTheFlag() throws Exception
    {
        final Path home = runProbe();
        assertThat(home.resolve(CLIENT_ID)).doesNotExist();
        assertThat(home.resolve(".chronicle.analytics.last")).doesNotExist();
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldSeeTheAnalyticsFileWhenAnalyticsAreAskedForExplicitly() throws Exception
    {
        final Path home = runProbe("-D" + ChronicleAnalytics.PROPERTY + "=false", "-Dhttps.proxyHost=127.0.0.1",
            "-Dhttps.proxyPort=9", "-Dhttp.proxyHost=127.0.0.1", "-Dhttp.proxyPort=9");
        assertThat(home.resolve(CLIENT_ID)).exists();
    }
}

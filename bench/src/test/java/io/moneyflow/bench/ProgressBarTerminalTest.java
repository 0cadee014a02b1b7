package io.moneyflow.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The progress bar in a real terminal: the launcher ({@code bin/moneyflow flow}) runs in a 100x30 tmux pane with its
 * stdout sent to a file, as {@code moneyflow flow day > out.csv} is run, and the pane shows the bar in its last state
 * (100 %, the bytes and the time taken) on a line of its own, the lines after it clean; the CSV holds no trace of
 * it. With stderr sent to a file too, the run prints the progress lines of old, no bar. Here, in the module built
 * after the jar, because it runs the launcher on the packaged jar. No timing is asserted: whatever the machine's
 * load, the bar is drawn from the feed's first report on.
 */
class ProgressBarTerminalTest
{
    private static final String DAY = "data/sample/ddb-l2-20230201";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldDrawTheBarOnTheTerminalWhileStdoutGoesToAFile() throws IOException, InterruptedException
    {
        final Path root = ProjectRoot.holding("bin/moneyflow");
        final Path jar = root.resolve("tools/target/moneyflow.jar");
        if (!Files.isRegularFile(jar))
        {
            fail(jar + " is missing: run 'mvn -B verify' from the project root (it packages tools before bench)");
        }
        final Path out = dir.resolve("out.csv");
        final Path err = dir.resolve("err.txt");
        final String launcher = "env -u MONEYFLOW_JAVA_OPTS -u COLUMNS bash " + root.resolve("bin/moneyflow") +
            " flow --format csv " + root.resolve(DAY);
        final String command = "cd " + dir + " && " + launcher + " > " + out + "; echo BAR-EXIT $?; " +
            launcher + " > " + dir.resolve("out2.csv") + " 2> " + err + "; echo LINES-EXIT $?; sleep 120";
        try (Tmux tmux = new Tmux("moneyflow-progress", 100, 30, command))
        {
            final String pane = tmux.await(p -> p.contains("LINES-EXIT"), "both runs' ends", 240);
            assertThat(pane).contains("BAR-EXIT 0").contains("LINES-EXIT 0");
            final List<String> lines = pane.lines().toList();
            // the bar's last state, on a line of its own, as wide as 100 columns allow (a 20-cell bar)
            final List<String> bars = lines.stream().filter(l -> l.startsWith("[")).toList();
            assertThat(bars).as(pane).hasSize(1);
            final String bar = bars.get(0);
            assertThat(bar).matches("\\[#{20}\\] 100%  [0-9.]+ [kMG]?B/s  [0-9.]+ [kM]? ?records/s  5\\.5 MB in " +
                "\\d+:\\d\\d");
            assertThat(bar.length()).isLessThan(100);
            // the lines after it start clean, prefixed as ever
            final int at = lines.indexOf(bar);
            assertThat(lines.get(at + 1)).startsWith("moneyflow: digest sha256:");
            assertThat(lines).noneMatch(l -> l.startsWith("moneyflow: read "));
        }
        final String csv = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(csv).startsWith("symbol,").doesNotContain("\r").doesNotContain("[#");
        assertThat(Files.readString(dir.resolve("out2.csv"), StandardCharsets.UTF_8)).isEqualTo(csv);
        // stderr to a file: no bar, the lines of old
        final String lines = Files.readString(err, StandardCharsets.UTF_8);
        assertThat(lines).doesNotContain("\r").doesNotContain("[#").contains("moneyflow: digest sha256:");
        assertThat(lines.lines().filter(l -> l.startsWith("moneyflow: read ")))
            .isNotEmpty().allMatch(l -> l.matches("moneyflow: read [0-9,]+ lines, [0-9,]+ records( \\.\\.\\. .*)?"));
    }
}

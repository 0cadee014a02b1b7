package io.moneyflow.tools;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The progress bar ({@link ProgressBar}) from fixed numbers and a clock that moves only when told: percent, rates and
 * time left worked out by hand, the width kept, messages printed on lines of their own, the last state left on its
 * line; and which of bar, lines or nothing a run shows ({@link ProgressOption}).
 */
class ProgressBarTest
{
    private static final long SECOND = 1_000_000_000L;

    /** A clock that moves only when told. */
    private static final class Clock
    {
        long now = 7 * SECOND;
    }

    @Test
    void shouldDrawPercentRatesAndTimeLeftFromTheBytesRead()
    {
        // 4.2 MB of 10 MB in 2 s: 42 %, 2.1 MB/s, 3,000,000 records in 2 s = 1.5 M/s, 5.8 MB left at 2.1 MB/s = 2.76 s
        assertThat(ProgressBar.render(3_000_000, 4_200_000, 10_000_000, "/data/day/20230201.zip!20230201/trade.csv:1234",
            2 * SECOND, 100))
            .isEqualTo("[########............]  42%  2.1 MB/s  1.5 M records/s  ETA 0:03  reading 20230201.zip!trade.csv");
        // nothing read yet: no rate, no time left
        assertThat(ProgressBar.render(0, 0, 10_000_000, "a.csv:1", 0, 80))
            .isEqualTo("[..........]   0%  - B/s  - records/s  ETA -:--  reading a.csv");
        // an hour and more left: h:mm:ss; 999 bytes a second, 999 records a second
        assertThat(ProgressBar.render(999, 999, 3_600_000, "x/b.txt.gz:9", SECOND, 80))
            .isEqualTo("[..........]   0%  999 B/s  999 records/s  ETA 1:00:03  reading b.txt.gz");
        // done: 100 %, the bytes and the time taken in place of the time left, no input named
        assertThat(ProgressBar.render(12_345_678, 2_500_000_000L, 2_500_000_000L, "", 61 * SECOND + 1, 80))
            .isEqualTo("[##########] 100%  41.0 MB/s  202.4 k records/s  2.5 GB in 1:02");
    }

    @Test
    void shouldFitTheTerminalsWidthLeavingOutTheNameFirst()
    {
        final String source = "/a/very/long/directory/name/of/inputs/shanghai-and-shenzhen-level2-20230201.zip!trade.csv:1";
        for (int width = 10; width <= 200; width++)
        {
            final String line = ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, width);
            assertThat(line.length()).as("width " + width).isLessThan(Math.max(width, 11));
            assertThat(line).as("width " + width).startsWith("[").contains("]");
        }
        // 80 columns: the name's end kept, cut in front
        final String at80 = ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, 80);
        assertThat(at80).isEqualTo("[#####.....]  50%  50.0 kB/s  5.0 k records/s  ETA 0:01  reading ...p!trade.csv");
        // 40 columns: a narrower bar, the name, the time left and the records' rate left out; then the bytes' rate
        assertThat(ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, 40))
            .isEqualTo("[##...]  50%  50.0 kB/s");
        assertThat(ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, 20)).isEqualTo("[##...]  50%");
        // 120 columns: a wider bar, more of the name; 160: all of it
        assertThat(ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, 120)).hasSize(119)
            .startsWith("[###############...............]  50%").endsWith("reading ...n-level2-20230201.zip!trade.csv");
        assertThat(ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, 160))
            .endsWith("ETA 0:01  reading shanghai-and-shenzhen-level2-20230201.zip!trade.csv");
    }

    @Test
    void shouldCountAChineseNameInTerminalColumns()
    {
        // each of these characters takes two columns: the line must still fit, or the terminal wraps it and every
        // redraw piles up a line
        final String source = "/数据/上海证券交易所逐笔成交/二〇二三年二月一日成交明细.csv:1";
        for (int width = 10; width <= 200; width++)
        {
            final String line = ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, width);
            assertThat(FlowReport.columns(line)).as("width " + width).isLessThan(Math.max(width, 11));
        }
        assertThat(ProgressBar.render(5_000, 50_000, 100_000, source, SECOND, 80))
            // 65 columns before the name, 79 at most: 14 for "..." and 11 of the name, "交明细.csv" (10)
            .isEqualTo("[#####.....]  50%  50.0 kB/s  5.0 k records/s  ETA 0:01  reading ...交明细.csv");
        assertThat(ProgressBar.tail("上海abc", 5)).isEqualTo("海abc");
        assertThat(ProgressBar.tail("上海abc", 4)).isEqualTo("abc");
    }

    @Test
    void shouldRedrawInPlaceKeepMessagesWholeAndEndWithANewline()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final Clock clock = new Clock();
        final ProgressBar bar = new ProgressBar(err, 80, () -> clock.now);
        assertThat(bar.intervalNs()).isEqualTo(200_000_000L);

        // no bar drawn yet: a message is a plain line
        bar.message("moneyflow: note: first");
        clock.now += SECOND;
        bar.progress(10, 9, 25, 100, "in/a.csv:10");
        final String first = "[##........]  25%  25 B/s  9 records/s  ETA 0:03  reading a.csv";
        assertThat(text(bytes)).isEqualTo("moneyflow: note: first\n\r" + first);

        // a message while the bar is up: the bar's line cleared, the message, the bar again
        bytes.reset();
        bar.message("moneyflow: rejected in/a.csv:11: bad");
        assertThat(text(bytes)).isEqualTo("\r" + " ".repeat(first.length()) + "\r" +
            "moneyflow: rejected in/a.csv:11: bad\n\r" + first);

        // a shorter line next: what is left of the longer one blanked
        bytes.reset();
        clock.now += SECOND;
        bar.progress(20, 19, 50, 100, "b:20");
        final String second = "[#####.....]  50%  25 B/s  9 records/s  ETA 0:02  reading b";
        assertThat(text(bytes)).isEqualTo("\r" + second + " ".repeat(first.length() - second.length()) + "\r" + second);

        // the end: drawn done and left on its line
        bytes.reset();
        clock.now += 2 * SECOND;
        bar.progress(40, 39, 100, 100, "");
        final String done = "[##########] 100%  25 B/s  9 records/s  100 B in 0:04";
        assertThat(text(bytes)).startsWith("\r" + done).endsWith(done + "\n");
        bytes.reset();
        bar.message("moneyflow: digest sha256:0");
        bar.close();
        assertThat(text(bytes)).isEqualTo("moneyflow: digest sha256:0\n");
    }

    @Test
    void shouldDrawNothingForARunThatEndsBeforeItsFirstReportAndEndALineCutShort()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        final Clock clock = new Clock();
        final ProgressBar quiet = new ProgressBar(err, 80, () -> clock.now);
        quiet.progress(1, 1, 10, 10, "");
        quiet.close();
        assertThat(text(bytes)).isEmpty();

        // a run that stops part way (an unreadable input): its line ended, so that the error starts on its own
        final ProgressBar cut = new ProgressBar(err, 80, () -> clock.now);
        clock.now += SECOND;
        cut.progress(1, 1, 5, 10, "a.csv:1");
        cut.close();
        assertThat(text(bytes)).startsWith("\r[#####.....]  50%").endsWith("\n");
    }

    @Test
    void shouldShowTheBarOnlyOnATerminalUnlessAskedAndNothingWhenQuiet()
    {
        final ProgressOption option = new ProgressOption();
        final String before = System.getProperty(ProgressOption.TTY_PROPERTY);
        try
        {
            System.setProperty(ProgressOption.TTY_PROPERTY, "true");
            assertThat(option.resolve(false, Map.of("TERM", "xterm"))).isEqualTo(ProgressOption.Mode.bar);
            assertThat(option.resolve(false, Map.of("TERM", "dumb"))).isEqualTo(ProgressOption.Mode.lines);
            assertThat(option.resolve(true, Map.of())).isEqualTo(ProgressOption.Mode.none);
            System.setProperty(ProgressOption.TTY_PROPERTY, "false");
            assertThat(option.resolve(false, Map.of("TERM", "xterm"))).isEqualTo(ProgressOption.Mode.lines);
            option.mode = ProgressOption.Mode.bar;
            assertThat(option.resolve(false, Map.of())).isEqualTo(ProgressOption.Mode.bar);
            assertThat(option.resolve(true, Map.of())).isEqualTo(ProgressOption.Mode.none);
            option.mode = ProgressOption.Mode.none;
            assertThat(option.resolve(false, Map.of())).isEqualTo(ProgressOption.Mode.none);
        }
        finally
        {
            if (before == null)
            {
                System.clearProperty(ProgressOption.TTY_PROPERTY);
            }
            else
            {
                System.setProperty(ProgressOption.TTY_PROPERTY, before);
            }
        }
        assertThat(ProgressOption.columns(Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(ProgressOption.columns(Map.of("COLUMNS", "wide"))).isEqualTo(
            System.getProperty(ProgressOption.COLUMNS_PROPERTY) == null ? 80 :
                Integer.parseInt(System.getProperty(ProgressOption.COLUMNS_PROPERTY)));
    }

    @Test
    void shouldPrintTheSameLinesAsBeforeWhenStderrIsNoTerminal()
    {
        final Cli run = Cli.run("flow", "--progress", "lines", "--format", "csv",
            Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        assertThat(run.exit).isZero();
        assertThat(run.err).doesNotContain("\r").doesNotContain("[#");
        assertThat(run.err.lines().filter(l -> l.startsWith("moneyflow: read ")))
            .isNotEmpty().allMatch(l -> l.matches("moneyflow: read [0-9,]+ lines, [0-9,]+ records( \\.\\.\\. .*:\\d+)?"));
        // forced, the bar goes to stderr even here; -q shows nothing
        assertThat(Cli.run("flow", "--progress", "bar", "--format", "csv",
            Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")).err).contains("\r[").contains("] 100%");
        assertThat(Cli.run("flow", "-q", "--progress", "bar", "--format", "csv",
            Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")).err).isEmpty();
    }

    private static String text(final ByteArrayOutputStream bytes)
    {
        return bytes.toString(StandardCharsets.UTF_8);
    }
}

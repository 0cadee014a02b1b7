package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Alerts end to end: raised when a run with --alerts ends (minutes and days), journaled once, printed by
 * {@code moneyflow alerts} and written as JSON lines. The days are the real 000001.SZ day of 2023-02-01 split five
 * ways and dated on the five trading days 2023-02-01 to 2023-02-07 (as in HistoryCommandTest); each rule's logic is
 * tested in AlertRulesTest, here thresholds are chosen so that which days fire is plain: a floor every day passes.
 */
class AlertsCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    @Test
    void shouldRaiseJournalAndPrintEachAlertOnce() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path rules = dir.resolve("alerts.properties");
        // a floor every day passes (main net above -10^12 yuan): persistent on the third day and after, never twice
        Files.writeString(rules, "persistent.days = 3\npersistent.minMainNetYuan = -1000000000000\n");
        for (final Path day : SampleDays.szDays(dir, SampleDays.FIVE_DAYS))
        {
            final Cli run = Cli.run("flow", "-q", "--format", "csv", "--history", "--alerts", "--alert-rules",
                rules.toString(), "--data-dir", data.toString(), day.toString());
            assertThat(run.exit).as(run.err).isZero();
            assertThat(run.err).contains("new alert(s)");
        }
        final Cli persistent = Cli.run("alerts", "--signal", "persistent-main-force", "--subject", "000001.SZ",
            "--data-dir", data.toString());
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : persistent.out.lines().toList())
        {
            lines.add(JSON.readTree(line));
        }
        assertThat(lines.stream().map(n -> n.get("date").asText()).toList())
            .containsExactly("2023-02-03", "2023-02-06", "2023-02-07");
        assertThat(lines.get(0).get("window").asText()).isEqualTo("day");
        assertThat(lines.get(0).get("subject").asText()).isEqualTo("000001.SZ");
        assertThat(lines.get(0).get("limits").get("mainNetAtLeastYuan").decimalValue()).isEqualByComparingTo("-1000000000000");
        // and its sector (银行 in config/securities.csv, with 000001.SZ its only stock here) the same days
        assertThat(Cli.run("alerts", "--signal", "persistent-main-force", "--subject", "银行", "--data-dir",
            data.toString()).out.lines().map(l -> l.substring(9, 19)).toList())
            .containsExactly("2023-02-03", "2023-02-06", "2023-02-07");

        // intraday signals are evaluated on every closed minute: each alert at a minute's end, window 1m
        final Cli all = Cli.run("alerts", "--data-dir", data.toString());
        for (final String line : all.out.lines().toList())
        {
            final JsonNode n = JSON.readTree(line);
            if (n.get("window").asText().equals("1m"))
            {
                assertThat(n.get("time").asText()).endsWith(":00.000");
                assertThat(n.get("signal").asText()).isIn("accumulation-divergence", "distribution-divergence");
            }
        }
        // the JSON lines file holds exactly what the journal holds
        assertThat(Files.readAllLines(data.resolve("alerts.jsonl"))).isEqualTo(all.out.lines().toList());

        // the same day again raises nothing new
        final Cli again = Cli.run("flow", "-q", "--format", "csv", "--alerts", "--alert-rules", rules.toString(),
            "--data-dir", data.toString(), SampleDays.szDays(dir, SampleDays.FIVE_DAYS).get(4).toString());
        assertThat(again.err).contains("0 new alert(s)");
        assertThat(Cli.run("alerts", "--data-dir", data.toString()).out.lines().count())
            .isEqualTo(all.out.lines().count());
    }

    @Test
    void shouldStayQuietOnANearMiss() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path rules = dir.resolve("alerts.properties");
        // six days running needed, five stored
        Files.writeString(rules, "persistent.days = 6\npersistent.minMainNetYuan = -1000000000000\n");
        for (final Path day : SampleDays.szDays(dir, SampleDays.FIVE_DAYS))
        {
            assertThat(Cli.run("flow", "-q", "--format", "csv", "--history", "--alerts", "--alert-rules",
                rules.toString(), "--data-dir", data.toString(), day.toString()).exit).isZero();
        }
        assertThat(Cli.run("alerts", "--signal", "persistent-main-force", "--data-dir", data.toString()).out).isBlank();
    }

    @Test
    void shouldNotCountDaysRunningAcrossATradingDayNotStored() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path rules = dir.resolve("alerts.properties");
        Files.writeString(rules, "persistent.days = 3\npersistent.minMainNetYuan = -1000000000000\n");
        // 2023-02-03, a trading day, is missing: 02-01, 02-02, 02-06 are three stored days but not three days running,
        // nor are 02-02, 02-06, 02-07
        for (final Path day : SampleDays.szDays(dir, "2023-02-01", "2023-02-02", "2023-02-06", "2023-02-07"))
        {
            final Cli run = Cli.run("flow", "-q", "--format", "csv", "--history", "--alerts", "--alert-rules",
                rules.toString(), "--data-dir", data.toString(), day.toString());
            assertThat(run.exit).as(run.err).isZero();
        }
        assertThat(Cli.run("alerts", "--signal", "persistent-main-force", "--data-dir", data.toString()).out).isBlank();
        // 02-08 has 02-07 and 02-06 right before it: three days running, the weekend no hole
        final Path eighth = SampleDays.szDays(dir, "2023-02-03", "2023-02-08").get(1);
        assertThat(Cli.run("flow", "-q", "--format", "csv", "--history", "--alerts", "--alert-rules", rules.toString(),
            "--data-dir", data.toString(), eighth.toString()).exit).isZero();
        assertThat(Cli.run("alerts", "--signal", "persistent-main-force", "--subject", "000001.SZ", "--data-dir",
            data.toString()).out.lines().map(l -> l.substring(9, 19)).toList()).containsExactly("2023-02-08");
    }

    @Test
    void shouldRaiseTheSameAlertsFromCloseDay() throws Exception
    {
        final Path rules = dir.resolve("alerts.properties");
        Files.writeString(rules, "persistent.days = 3\npersistent.minMainNetYuan = -1000000000000\n");
        final Path byFlow = dir.resolve("by-flow");
        final Path byCloseDay = dir.resolve("by-close-day");
        for (final Path day : SampleDays.szDays(dir, SampleDays.FIVE_DAYS))
        {
            assertThat(Cli.run("flow", "-q", "--format", "csv", "--history", "--alerts", "--alert-rules",
                rules.toString(), "--data-dir", byFlow.toString(), day.toString()).exit).isZero();
            final Cli close = Cli.run("close-day", "-q", "--alerts", "--alert-rules", rules.toString(), "--data-dir",
                byCloseDay.toString(), day.toString());
            assertThat(close.exit).as(close.err).isZero();
        }
        final List<String> expected = Cli.run("alerts", "--data-dir", byFlow.toString()).out.lines().toList();
        assertThat(expected).isNotEmpty();
        assertThat(Cli.run("alerts", "--data-dir", byCloseDay.toString()).out.lines().toList()).isEqualTo(expected);
    }
}

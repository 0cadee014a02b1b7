package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A backfill (many days in one run) ends exactly as the same days run one at a time in date order: the same history
 * tables, the same alerts in the same order (multi-day signals included), the same printed rows (volume ratio
 * included). The days are the real 2023-02-01 trades of 000001.SZ and 600000.SH cut seven ways (every seventh fill)
 * and dated on seven consecutive SSE/SZSE trading days across the 2023 Spring Festival closure (2023-01-23 to 01-27),
 * so that each day has real prices and flows of its own. Nothing here is computed by the code under test: the two
 * ways of running are compared with each other.
 */
class BackfillTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] DAYS = {"2023-01-18", "2023-01-19", "2023-01-20", "2023-01-30", "2023-01-31",
        "2023-02-01", "2023-02-02"};
    /** Every table of the store; stored_at (when a row was written) is the one column that may differ. */
    private static final String[] TABLES = {"stock_day", "stock_day_class", "sector_day", "market_day", "alerts"};

    @TempDir
    Path dir;

    /** Writes the seven days into DIR/days/, one file each; returns them in date order. */
    private List<Path> days() throws Exception
    {
        final Path folder = Files.createDirectories(dir.resolve("days"));
        return SampleDays.read(line -> true).write(DAYS, k -> folder.resolve("day" + k + ".csv"));
    }

    private Path rules() throws Exception
    {
        // floors every day passes, so that the multi-day signals fire from their third day on
        final Path rules = dir.resolve("alerts.properties");
        Files.writeString(rules, "persistent.days = 3\npersistent.minMainNetYuan = -1000000000000\n" +
            "bigOrder.days = 3\nbigOrder.sharePct = 0\n");
        return rules;
    }

    /** Every table's rows, stored_at left out, in a fixed order. */
    private static Map<String, List<Map<String, Object>>> tables(final Path data)
    {
        final Map<String, List<Map<String, Object>>> tables = new LinkedHashMap<>();
        try (HistoryStore store = HistoryStore.open(data.resolve("history.duckdb")))
        {
            for (final String table : TABLES)
            {
                tables.put(table, store.query("select * exclude (" + (table.equals("stock_day") ? "stored_at" :
                    "date") + ")" + (table.equals("stock_day") ? "" : ", date") + " from " + table + " order by all"));
            }
        }
        return tables;
    }

    /** The rows of one day in a flow JSON's symbols, sectors and markets arrays. */
    private static List<JsonNode> rowsOf(final JsonNode flow, final String date)
    {
        final List<JsonNode> rows = new ArrayList<>();
        for (final String array : List.of("symbols", "sectors", "markets"))
        {
            for (final JsonNode row : flow.get(array))
            {
                if (row.get("date").asText().equals(date))
                {
                    rows.add(row);
                }
            }
        }
        return rows;
    }

    @Test
    @Timeout(300)
    void shouldStoreAndAlertAManyDayFlowRunAsTheDaysRunOneByOne() throws Exception
    {
        final List<Path> days = days();
        final Path rules = rules();
        final Path oneByOne = dir.resolve("one-by-one");
        final Path together = dir.resolve("together");
        final List<JsonNode> printed = new ArrayList<>();
        for (final Path day : days)
        {
            final Cli run = Cli.run("flow", "-q", "--format", "json", "--history", "--alerts", "--alert-rules",
                rules.toString(), "--data-dir", oneByOne.toString(), day.toString());
            assertThat(run.exit).as(run.err).isZero();
            printed.add(JSON.readTree(run.out));
        }
        final Cli backfill = Cli.run("flow", "-q", "--format", "json", "--history", "--alerts", "--alert-rules",
            rules.toString(), "--data-dir", together.toString(), dir.resolve("days").toString());
        assertThat(backfill.exit).as(backfill.err).isZero();

        assertThat(tables(together)).isEqualTo(tables(oneByOne));
        final List<String> alerts = Cli.run("alerts", "--data-dir", oneByOne.toString()).out.lines().toList();
        assertThat(Cli.run("alerts", "--data-dir", together.toString()).out.lines().toList()).isEqualTo(alerts);
        assertThat(Files.readAllLines(together.resolve("alerts.jsonl")))
            .isEqualTo(Files.readAllLines(oneByOne.resolve("alerts.jsonl")));
        // the multi-day signals fired in the backfill: 3 days running from the third trading day on, for both stocks
        // and their sector (the Spring Festival week is no hole: 01-20 and 01-30 are consecutive trading days)
        final List<String> persistent = Cli.run("alerts", "--signal", "persistent-main-force", "--subject", "000001.SZ",
            "--data-dir", together.toString()).out.lines().map(l -> l.substring(9, 19)).toList();
        assertThat(persistent).containsExactly(DAYS[2], DAYS[3], DAYS[4], DAYS[5], DAYS[6]);
        assertThat(alerts.stream().filter(l -> l.contains("\"big-order-share\"") && l.contains("\"银行\""))).hasSize(5);

        // what the backfill printed for each day is what that day's own run printed, volume ratio included
        final JsonNode all = JSON.readTree(backfill.out);
        for (int k = 0; k < DAYS.length; k++)
        {
            assertThat(rowsOf(all, DAYS[k])).as(DAYS[k]).isEqualTo(rowsOf(printed.get(k), DAYS[k]));
        }
        final JsonNode last = rowsOf(all, DAYS[6]).get(0).get("indicators");
        assertThat(last.get("volumeRatio").isNull()).as("5 trading days stored before 02-02").isFalse();
        assertThat(last.get("volumeRatioHoles").asInt()).isZero();
        // 01-30: of the 5 trading days before (01-16 to 01-20) 01-16 and 01-17 were never stored; 01-31: 01-17
        assertThat(rowsOf(all, DAYS[3]).get(0).get("indicators").get("volumeRatioHoles").asInt()).isEqualTo(2);
        assertThat(rowsOf(all, DAYS[4]).get(0).get("indicators").get("volumeRatioHoles").asInt()).isEqualTo(1);
        assertThat(rowsOf(all, DAYS[4]).get(0).get("indicators").get("volumeRatio").isNull()).isTrue();

        // a replay of a journal of the seven days ends the same way (run, live, shares the code)
        final Path journal = dir.resolve("journal");
        assertThat(Cli.run("flow", "-q", "--format", "csv", "--journal", journal.toString(),
            dir.resolve("days").toString()).exit).isZero();
        final Path replayed = dir.resolve("replayed");
        final Cli replay = Cli.run("replay", "-q", "--format", "json", "--journal", journal.toString(), "--history",
            "--alerts", "--alert-rules", rules.toString(), "--data-dir", replayed.toString());
        assertThat(replay.exit).as(replay.err).isZero();
        assertThat(tables(replayed)).isEqualTo(tables(oneByOne));
        assertThat(Cli.run("alerts", "--data-dir", replayed.toString()).out.lines().toList()).isEqualTo(alerts);
    }

    @Test
    @Timeout(300)
    void shouldStoreAndAlertAManyDayCloseDayAsTheDaysClosedOneByOne() throws Exception
    {
        final List<Path> days = days();
        final Path rules = rules();
        final Path oneByOne = dir.resolve("one-by-one");
        final Path together = dir.resolve("together");
        for (final Path day : days)
        {
            final Cli close = Cli.run("close-day", "-q", "--alerts", "--alert-rules", rules.toString(), "--data-dir",
                oneByOne.toString(), day.toString());
            assertThat(close.exit).as(close.err).isZero();
        }
        final Cli backfill = Cli.run("close-day", "-q", "--alerts", "--alert-rules", rules.toString(), "--data-dir",
            together.toString(), dir.resolve("days").toString());
        assertThat(backfill.exit).as(backfill.err).isZero();
        assertThat(backfill.out.lines().map(l -> l.substring(7, 17)).toList()).containsExactly(DAYS);

        assertThat(tables(together)).isEqualTo(tables(oneByOne));
        final List<String> alerts = Cli.run("alerts", "--data-dir", oneByOne.toString()).out.lines().toList();
        assertThat(alerts).anyMatch(l -> l.contains("\"persistent-main-force\""));
        assertThat(Cli.run("alerts", "--data-dir", together.toString()).out.lines().toList()).isEqualTo(alerts);
    }
}

package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history store: days stored by close-day and flow --history, N-day windows, replacing a day, ranking and
 * export. The days are built from the real 000001.SZ day of 2023-02-01 (every fifth fill, the k-th of each five,
 * dated on the k-th of five trading days): real prices, different flows each day. The expected window values come from each day's own
 * {@code flow --format json} run, summed here with BigDecimal, never from the store. The days are dated on consecutive
 * SSE/SZSE trading days, 2023-02-01 to 2023-02-07, as the windows count trading days.
 */
class HistoryCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path dir;

    private static JsonNode flow(final Path day) throws Exception
    {
        final Cli cli = Cli.run("flow", "--format", "json", "-q", day.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        return JSON.readTree(cli.out).get("symbols").get(0);
    }

    private static BigDecimal main(final JsonNode row, final String side)
    {
        return row.get("active").get("XL").get(side).decimalValue().add(row.get("active").get("L").get(side).decimalValue());
    }

    @Test
    void shouldKeepDaysAndComputeTheirNDayWindows() throws Exception
    {
        final Path data = dir.resolve("data");
        final List<Path> days = SampleDays.szDays(dir, SampleDays.FIVE_DAYS);
        final List<JsonNode> expected = new ArrayList<>();
        for (final Path day : days)
        {
            expected.add(flow(day));
            final Cli store = Cli.run("close-day", "-q", "--data-dir", data.toString(), day.toString());
            assertThat(store.exit).as(store.err).isZero();
        }
        final Cli history = Cli.run("history", "000001.SZ", "--format", "json", "--data-dir", data.toString());
        assertThat(history.exit).as(history.err).isZero();
        final JsonNode rows = JSON.readTree(history.out);
        assertThat(rows).hasSize(5);
        for (int k = 0; k < 5; k++)
        {
            assertThat(rows.get(k).get("date").asText()).isEqualTo(SampleDays.FIVE_DAYS[k]);
            assertThat(rows.get(k).get("mainNet").decimalValue()).isEqualByComparingTo(expected.get(k).get("mainNet").decimalValue());
            assertThat(rows.get(k).get("turnover").decimalValue()).isEqualByComparingTo(expected.get(k).get("turnover").decimalValue());
        }
        // the 3-day window ending on the fifth day: days 3, 4, 5
        BigDecimal net = BigDecimal.ZERO;
        BigDecimal gross = BigDecimal.ZERO;
        BigDecimal turnover = BigDecimal.ZERO;
        for (int k = 2; k < 5; k++)
        {
            final JsonNode e = expected.get(k);
            net = net.add(e.get("mainNet").decimalValue());
            gross = gross.add(main(e, "in")).add(main(e, "out"));
            turnover = turnover.add(e.get("turnover").decimalValue());
        }
        final JsonNode last = rows.get(4);
        assertThat(last.get("mainNet3d").decimalValue()).isEqualByComparingTo(net);
        assertThat(last.get("mainRatioSeed3d").decimalValue()).isEqualByComparingTo(
            net.multiply(BigDecimal.valueOf(100)).divide(gross, 4, RoundingMode.HALF_EVEN));
        assertThat(last.get("mainRatioVendor3d").decimalValue()).isEqualByComparingTo(
            net.multiply(BigDecimal.valueOf(100)).divide(turnover, 4, RoundingMode.HALF_EVEN));
        // the 5-day window holds all five; the 10-day one is empty with five days stored
        BigDecimal net5 = BigDecimal.ZERO;
        for (final JsonNode e : expected)
        {
            net5 = net5.add(e.get("mainNet").decimalValue());
        }
        assertThat(last.get("mainNet5d").decimalValue()).isEqualByComparingTo(net5);
        assertThat(last.get("mainNet10d").isNull()).isTrue();
        assertThat(rows.get(1).get("mainNet3d").isNull()).as("two days stored on day 2").isTrue();

        // a day stored again replaces, never doubles
        assertThat(Cli.run("close-day", "-q", "--data-dir", data.toString(), days.get(4).toString()).exit).isZero();
        final JsonNode again = JSON.readTree(Cli.run("history", "000001.SZ", "--format", "json", "--data-dir",
            data.toString()).out);
        assertThat(again).hasSize(5);
        assertThat(again.get(4).get("mainNet5d").decimalValue()).isEqualByComparingTo(net5);

        // the market and the sector (银行 in config/securities.csv) of a day equal the stock, its only member
        final JsonNode market = JSON.readTree(Cli.run("history", "--market", "ALL", "--format", "json", "--data-dir",
            data.toString()).out);
        assertThat(market.get(4).get("mainNet").decimalValue()).isEqualByComparingTo(expected.get(4).get("mainNet").decimalValue());
        final JsonNode sector = JSON.readTree(Cli.run("history", "--sector", "银行", "--format", "json", "--data-dir",
            data.toString()).out);
        assertThat(sector.get(4).get("stocks").asInt()).isEqualTo(1);
    }

    @Test
    void shouldMarkAWindowWithHolesRatherThanShortenIt() throws Exception
    {
        final Path data = dir.resolve("data");
        // 2023-02-03 (a trading day) is never stored; 2023-02-04 is a Saturday, stored all the same
        final List<Path> days = SampleDays.szDays(dir, "2023-02-01", "2023-02-02", "2023-02-04", "2023-02-06",
            "2023-02-07");
        for (final Path day : days)
        {
            final Cli stored = Cli.run("close-day", "-q", "--data-dir", data.toString(), day.toString());
            assertThat(stored.exit).as(stored.err).isZero();
            assertThat(stored.err.contains("2023-02-04 is not an SSE/SZSE trading day (weekend)"))
                .isEqualTo(day.toString().contains("2023-02-04"));
        }
        final JsonNode rows = JSON.readTree(Cli.run("history", "000001.SZ", "--format", "json", "--data-dir",
            data.toString()).out);
        assertThat(rows).hasSize(5);
        // 02-06: its 3 trading days are 02-02, 02-03, 02-06; 02-03 is missing, so no sum over the other two
        final JsonNode monday = rows.get(3);
        assertThat(monday.get("date").asText()).isEqualTo("2023-02-06");
        assertThat(monday.get("holes3d").asInt()).isEqualTo(1);
        assertThat(monday.get("days3").asInt()).isEqualTo(2);
        assertThat(monday.get("mainNet3d").isNull()).isTrue();
        assertThat(monday.get("mainRatioSeed3d").isNull()).isTrue();
        // 02-02: 01-31 is not stored
        assertThat(rows.get(1).get("holes3d").asInt()).isEqualTo(1);
        // the Saturday is no trading day: it ends no window and is in none
        final JsonNode saturday = rows.get(2);
        assertThat(saturday.get("tradingDay").isBoolean()).isTrue();
        assertThat(saturday.get("tradingDay").booleanValue()).isFalse();
        assertThat(monday.get("tradingDay").booleanValue()).isTrue();
        assertThat(saturday.get("holes3d").isNull()).isTrue();
        assertThat(saturday.get("mainNet3d").isNull()).isTrue();
        // 02-07's 5 trading days are 02-01 to 02-07 less the weekend: only 02-03 is missing; its 10 and 20 trading
        // days (back to 01-18 across the Spring Festival week, and to 12-20) hold 4 stored days
        assertThat(rows.get(4).get("holes5d").asInt()).isEqualTo(1);
        final Cli table = Cli.run("history", "000001.SZ", "--data-dir", data.toString());
        assertThat(table.out.lines().filter(l -> l.startsWith("2023-02-04")).findFirst().orElseThrow()).endsWith("closed");
        assertThat(table.out.lines().filter(l -> l.startsWith("2023-02-07")).findFirst().orElseThrow())
            .endsWith("1/1/6/16");

        // rank leaves the stock out of a window with holes, and says so
        final JsonNode ranked = JSON.readTree(Cli.run("rank", "--window", "3d", "--date", "2023-02-07", "--format",
            "json", "--data-dir", data.toString()).out);
        assertThat(ranked.get("rows")).isEmpty();
        assertThat(ranked.get("windowHoles").asInt()).isEqualTo(1);
        final Cli saturdayRank = Cli.run("rank", "--window", "3d", "--date", "2023-02-04", "--data-dir",
            data.toString());
        assertThat(saturdayRank.exit).isEqualTo(1);
        assertThat(saturdayRank.err).contains("2023-02-04 is not an SSE/SZSE trading day");
        // with 02-03 stored the window is whole, and ranks
        assertThat(Cli.run("close-day", "-q", "--data-dir", data.toString(),
            SampleDays.szDays(dir, "2023-02-03").get(0).toString())
            .exit).isZero();
        assertThat(Cli.run("rank", "--window", "3d", "--date", "2023-02-07", "--format", "csv", "--data-dir",
            data.toString()).out.lines().skip(1).map(l -> l.split(",")[1]).toList()).containsExactly("000001.SZ");
    }

    @Test
    void shouldStoreADayGivenInPartsAndRankItsStocks() throws Exception
    {
        final Path data = dir.resolve("data");
        // the three stocks of 2023-02-01 stored in two runs: tradeData (000001.SZ, 600000.SH), then 600519.SH
        assertThat(Cli.run("flow", "-q", "--history", "--data-dir", data.toString(),
            Cli.sample("ddb-l2-20230201/tradeData.zip")).exit).isZero();
        assertThat(Cli.run("close-day", "-q", "--data-dir", data.toString(),
            Cli.sample("ddb-l2-20230201/20230201.zip")).exit).isZero();
        final JsonNode all = JSON.readTree(Cli.run("flow", "--format", "json", "-q",
            Cli.sample("ddb-l2-20230201")).out).get("markets");
        JsonNode allMarket = null;
        for (final JsonNode m : all)
        {
            if (m.get("market").asText().equals("ALL"))
            {
                allMarket = m;
            }
        }
        final JsonNode stored = JSON.readTree(Cli.run("history", "--market", "ALL", "--format", "json", "--data-dir",
            data.toString()).out).get(0);
        assertThat(stored.get("stocks").asInt()).isEqualTo(3);
        assertThat(stored.get("mainNet").decimalValue()).isEqualByComparingTo(allMarket.get("mainNet").decimalValue());
        assertThat(stored.get("turnover").decimalValue()).isEqualByComparingTo(allMarket.get("turnover").decimalValue());

        // main net of the day (flow's table of the bundled day): 600000.SH -12,796,644.46 > 000001.SZ -198,540,416.23
        // > 600519.SH -458,986,119.52; by the ratio: 600519.SH -7.35 % > 000001.SZ -8.18 % > 600000.SH -9.32 %
        final Cli byNet = Cli.run("rank", "--format", "csv", "--data-dir", data.toString());
        assertThat(byNet.out.lines().skip(1).map(l -> l.split(",")[1]).toList())
            .containsExactly("600000.SH", "000001.SZ", "600519.SH");
        final Cli byRatio = Cli.run("rank", "--by", "mainNetRatio", "--format", "csv", "--data-dir", data.toString());
        assertThat(byRatio.out.lines().skip(1).map(l -> l.split(",")[1]).toList())
            .containsExactly("600519.SH", "000001.SZ", "600000.SH");
        final Cli sectors = Cli.run("rank", "--sectors", "--format", "csv", "--data-dir", data.toString());
        assertThat(sectors.out.lines().skip(1).map(l -> l.split(",")[1]).toList()).containsExactly("银行", "白酒");
        assertThat(Cli.run("rank", "--window", "3d", "--format", "csv", "--data-dir", data.toString()).out.lines())
            .as("one day stored: no 3-day window").hasSize(1);
    }

    @Test
    void shouldExportEveryTableToCsvAndParquet() throws Exception
    {
        final Path data = dir.resolve("data");
        assertThat(Cli.run("close-day", "-q", "--data-dir", data.toString(), Cli.sample("ddb-l2-20230201")).exit)
            .isZero();
        final Path csv = dir.resolve("stock_day.csv");
        assertThat(Cli.run("export", "stock_day", "--out", csv.toString(), "--data-dir", data.toString()).exit).isZero();
        final List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("date,symbol,name,exchange,sectors");
        assertThat(lines).hasSize(1 + 3);
        final Path classes = dir.resolve("classes.parquet");
        assertThat(Cli.run("export", "stock_day_class", "--out", classes.toString(), "--data-dir", data.toString())
            .exit).isZero();
        // read back with DuckDB itself: 3 stocks x 4 classes, and the Parquet magic at both ends
        final byte[] bytes = Files.readAllBytes(classes);
        assertThat(new String(bytes, 0, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        assertThat(new String(bytes, bytes.length - 4, 4, StandardCharsets.US_ASCII)).isEqualTo("PAR1");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
            var r = c.createStatement().executeQuery("select count(*) from read_parquet('" + classes + "')"))
        {
            r.next();
            assertThat(r.getLong(1)).isEqualTo(12);
        }
        assertThat(Cli.run("export", "nothing", "--out", csv.toString(), "--data-dir", data.toString()).exit)
            .isEqualTo(2);
    }
}

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code --columns}: each preset's header is its reference's own field list (DolphinDB's published result file,
 * Tushare's moneyflow documentation (doc_id=170), AkShare's East Money columns), and each of its cells is the engine's
 * own figure of the same run in the reference's unit and class; the stored days give the same rows as the runs that
 * stored them, through history, rank and export alike.
 */
class ColumnsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Tushare moneyflow's output fields, in its documented order (tushare.pro/document/2?doc_id=170). */
    private static final String TUSHARE = "ts_code,trade_date,buy_sm_vol,buy_sm_amount,sell_sm_vol,sell_sm_amount," +
        "buy_md_vol,buy_md_amount,sell_md_vol,sell_md_amount,buy_lg_vol,buy_lg_amount,sell_lg_vol,sell_lg_amount," +
        "buy_elg_vol,buy_elg_amount,sell_elg_vol,sell_elg_amount,net_mf_vol,net_mf_amount";

    /**
     * AkShare's stock_individual_fund_flow columns (East Money's fflow/daykline), after the 代码 and 名称 of its
     * ranking variant (stock_individual_fund_flow_rank).
     */
    private static final String EASTMONEY = "代码,名称,日期,收盘价,涨跌幅,主力净流入-净额,主力净流入-净占比," +
        "超大单净流入-净额,超大单净流入-净占比,大单净流入-净额,大单净流入-净占比,中单净流入-净额,中单净流入-净占比," +
        "小单净流入-净额,小单净流入-净占比";

    @TempDir
    Path dir;

    @Test
    void shouldReproduceDolphinDbsPublishedMinuteFlowFileInItsOwnColumns() throws Exception
    {
        // DolphinDB's tutorial: a big order has more than 50,000 shares, summed per aggressive order within the minute
        final Path scheme = dir.resolve("dolphindb.csv");
        Files.writeString(scheme, "class,minShares,minAmount\nBig,50001,\nSmall,,\n");
        final Cli minutes = Cli.run("minutes", "-q", "--symbol", "600000.SH", "--columns", "dolphindb", "--scheme",
            scheme.toString(), "--mode", "order-bar", "--format", "csv",
            Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        assertThat(minutes.exit).as(minutes.err).isZero();
        final List<String> published = Files.readAllLines(Path.of(Cli.sample(
            "ddb-sse-600000-20200102/published_dolphindb_minute_flow_600000.csv")), StandardCharsets.UTF_8);
        final List<String> ours = minutes.out.lines().toList();
        // the very header of DolphinDB's result table
        assertThat(ours.get(0)).isEqualTo(published.get(0));
        for (int i = 1; i < published.size(); i++)
        {
            final String[] theirs = published.get(i).split(",");
            final String[] mine = ours.get(i).split(",");
            assertThat(mine[0]).isEqualTo(theirs[0]);
            assertThat(mine[1]).isEqualTo(theirs[1]);
            for (int c = 2; c < theirs.length; c++)
            {
                // DolphinDB printed doubles (5948470.4399999995): to the cent
                assertThat(new BigDecimal(mine[c])).as(theirs[0] + " " + published.get(0).split(",")[c])
                    .isEqualByComparingTo(new BigDecimal(theirs[c]).setScale(2, RoundingMode.HALF_EVEN));
            }
        }
        assertThat(published).hasSize(12);
    }

    @Test
    void shouldNameTheDayAsTushareDoesInLotsAndTenThousandYuan() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201");
        final Cli tushare = Cli.run("flow", "-q", "--scheme", "tushare", "--columns", "tushare", "--format", "csv", day);
        assertThat(tushare.exit).as(tushare.err).isZero();
        final Cli json = Cli.run("flow", "-q", "--scheme", "tushare", "--format", "json", day);
        final List<String> lines = tushare.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo(TUSHARE);
        final Map<String, JsonNode> stocks = new HashMap<>();
        for (final JsonNode s : JSON.readTree(json.out).get("symbols"))
        {
            stocks.put(s.get("symbol").asText(), s);
        }
        assertThat(lines).hasSize(1 + stocks.size());
        final String[] sizes = {"S", "M", "L", "XL"};
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] cells = line.split(",");
            final JsonNode stock = stocks.get(cells[0]);
            assertThat(cells[1]).isEqualTo("20230201");
            BigDecimal buyAndSell = BigDecimal.ZERO;
            BigDecimal net = BigDecimal.ZERO;
            for (int s = 0; s < 4; s++)
            {
                final JsonNode flows = stock.get("active").get(sizes[s]);
                final int at = 2 + 4 * s;
                // 手 = 100 shares; 万元 = 10,000 yuan
                assertThat(new BigDecimal(cells[at]).movePointRight(2)).isEqualByComparingTo(flows.get("inVolume").decimalValue());
                assertThat(new BigDecimal(cells[at + 1]).movePointRight(4)).isEqualByComparingTo(flows.get("in").decimalValue());
                assertThat(new BigDecimal(cells[at + 2]).movePointRight(2)).isEqualByComparingTo(flows.get("outVolume").decimalValue());
                assertThat(new BigDecimal(cells[at + 3]).movePointRight(4)).isEqualByComparingTo(flows.get("out").decimalValue());
                buyAndSell = buyAndSell.add(new BigDecimal(cells[at + 1])).add(new BigDecimal(cells[at + 3]));
                net = net.add(new BigDecimal(cells[at + 1])).subtract(new BigDecimal(cells[at + 3]));
            }
            // net_mf: the active buys' net of the active sells (Tushare: "主动买卖单的净值")
            assertThat(new BigDecimal(cells[19])).isEqualByComparingTo(net);
            // every fill is a buy, a sell or neutral: with the neutral turnover they make the day's turnover
            assertThat(buyAndSell.movePointRight(4).add(stock.get("neutralTurnover").decimalValue()))
                .isEqualByComparingTo(stock.get("turnover").decimalValue());
            if (cells[0].equals("000001.SZ"))
            {
                // the exchange's turnover of the day (Tushare daily, as RealDayTotalsTest)
                assertThat(stock.get("turnover").decimalValue()).isEqualByComparingTo("2426471972.52");
            }
        }
    }

    @Test
    void shouldNameTheDayAsEastMoneyDoesInTheOrderSideView() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201");
        final Cli east = Cli.run("flow", "-q", "--columns", "eastmoney", "--format", "csv", day);
        assertThat(east.exit).as(east.err).isZero();
        final Cli json = Cli.run("flow", "-q", "--format", "json", day);
        final List<String> lines = east.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo(EASTMONEY);
        final Map<String, JsonNode> stocks = new HashMap<>();
        for (final JsonNode s : JSON.readTree(json.out).get("symbols"))
        {
            stocks.put(s.get("symbol").asText().substring(0, 6), s);
        }
        final String[] classes = {"XL", "L", "M", "S"};
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] cells = line.split(",");
            final JsonNode stock = stocks.get(cells[0]);
            assertThat(cells[1]).isEqualTo(stock.get("name").asText());
            assertThat(cells[2]).isEqualTo("2023-02-01");
            final BigDecimal turnover = stock.get("turnover").decimalValue();
            BigDecimal sum = BigDecimal.ZERO;
            for (int c = 0; c < 4; c++)
            {
                final BigDecimal net = new BigDecimal(cells[7 + 2 * c]);
                assertThat(net).isEqualByComparingTo(stock.get("orderSide").get(classes[c]).get("net").decimalValue());
                assertThat(new BigDecimal(cells[8 + 2 * c])).isEqualByComparingTo(
                    net.multiply(BigDecimal.valueOf(100)).divide(turnover, 4, RoundingMode.HALF_EVEN));
                sum = sum.add(net);
            }
            // East Money's 主力 = 超大单 + 大单; in the order-side view the four classes' nets add up to zero
            assertThat(new BigDecimal(cells[5])).isEqualByComparingTo(
                new BigDecimal(cells[7]).add(new BigDecimal(cells[9])));
            assertThat(sum).isZero();
        }
        // 平安银行 closed at 14.70 after 14.99 (the exchange's daily bar): (14.70 - 14.99) / 14.99 = -1.9346 %
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("000001,平安银行,2023-02-01,14.70,-1.9346,"));
    }

    @Test
    void shouldGiveTheStoredDaysTheRowsOfTheRunsThatStoredThem() throws Exception
    {
        final Path data = dir.resolve("data");
        ServedRuns.fiveStoredDays(dir, data);
        final List<String> runs = new ArrayList<>();
        for (final Path day : SampleDays.szDays(dir, SampleDays.FIVE_DAYS))
        {
            final Cli flow = Cli.run("flow", "-q", "--columns", "tushare", "--format", "csv", day.toString());
            assertThat(flow.exit).as(flow.err).isZero();
            runs.add(flow.out.lines().toList().get(1));
        }
        final Cli history = Cli.run("history", "000001.SZ", "--columns", "tushare", "--format", "csv", "--data-dir",
            data.toString());
        assertThat(history.exit).as(history.err).isZero();
        assertThat(history.out.lines().toList()).containsExactlyElementsOf(
            concat(TUSHARE, runs));
        final Cli latest = Cli.run("history", "000001.SZ", "--days", "2", "--columns", "tushare", "--format", "csv",
            "--data-dir", data.toString());
        assertThat(latest.out.lines().toList()).containsExactlyElementsOf(concat(TUSHARE, runs.subList(3, 5)));
        final Cli rank = Cli.run("rank", "--columns", "tushare", "--format", "csv", "--data-dir", data.toString());
        assertThat(rank.exit).as(rank.err).isZero();
        assertThat(rank.out.lines().toList()).containsExactly(TUSHARE, runs.get(4));

        final Path csv = dir.resolve("moneyflow.csv");
        final Cli export = Cli.run("export", "stock_day", "--columns", "tushare", "--out", csv.toString(),
            "--data-dir", data.toString());
        assertThat(export.exit).as(export.err).isZero();
        assertThat(Files.readAllLines(csv, StandardCharsets.UTF_8)).containsExactlyElementsOf(concat(TUSHARE, runs));
        // Parquet: the same table, codes and Tushare's yyyymmdd dates kept text
        final Path parquet = dir.resolve("moneyflow.parquet");
        assertThat(Cli.run("export", "stock_day", "--columns", "tushare", "--out", parquet.toString(), "--data-dir",
            data.toString()).exit).isZero();
        FileOutputTest.assertSameTable(parquet, Files.readString(csv, StandardCharsets.UTF_8));
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet r = sql.executeQuery("select typeof(ts_code), typeof(trade_date), typeof(net_mf_amount) " +
                 "from '" + parquet + "' limit 1"))
        {
            assertThat(r.next()).isTrue();
            assertThat(List.of(r.getString(1), r.getString(2), r.getString(3)))
                .containsExactly("VARCHAR", "VARCHAR", "DECIMAL(38,6)");
        }
    }

    @Test
    void shouldKeepCodesAsTextInParquetAndGiveJsonNumbers() throws Exception
    {
        final Path parquet = dir.resolve("east.parquet");
        final Cli written = Cli.run("flow", "-q", "--columns", "eastmoney", "--format", "parquet", "--out",
            parquet.toString(), Cli.sample("ddb-l2-20230201"));
        assertThat(written.exit).as(written.err).isZero();
        final Cli csv = Cli.run("flow", "-q", "--columns", "eastmoney", "--format", "csv",
            Cli.sample("ddb-l2-20230201"));
        FileOutputTest.assertSameTable(parquet, csv.out);
        try (Connection db = DriverManager.getConnection("jdbc:duckdb:"); Statement sql = db.createStatement();
             ResultSet r = sql.executeQuery("select \"代码\" from '" + parquet + "' order by 1 limit 1"))
        {
            assertThat(r.next()).isTrue();
            assertThat(r.getString(1)).isEqualTo("000001");
        }
        final Cli json = Cli.run("flow", "-q", "--columns", "dolphindb", "--format", "json",
            Cli.sample("ddb-l2-20230201"));
        final JsonNode first = JSON.readTree(json.out).get(0);
        assertThat(first.get("SecurityID").isTextual()).isTrue();
        assertThat(first.get("TotalAmount").isNumber()).isTrue();
        assertThat(first.get("TotalAmount").decimalValue()).isEqualByComparingTo("2426471972.52");
    }

    @Test
    void shouldRefuseWhatAPresetCannotName()
    {
        final String day = Cli.sample("ddb-l2-20230201");
        final Cli bars = Cli.run("minutes", "--symbol", "000001.SZ", "--columns", "tushare", day);
        assertThat(bars.exit).isEqualTo(2);
        assertThat(bars.err).contains("Tushare's moneyflow is a daily table, with no bars");
        final Cli seed = Cli.run("flow", "--scheme", "seed", "--columns", "eastmoney", day);
        assertThat(seed.exit).isEqualTo(2);
        assertThat(seed.err).contains("--columns eastmoney names four size classes").contains("has 2");
        final Cli sector = Cli.run("history", "--sector", "银行", "--columns", "tushare", "--data-dir",
            dir.toString());
        assertThat(sector.exit).isEqualTo(2);
        assertThat(sector.err).contains("give a SYMBOL");
        final Cli window = Cli.run("rank", "--window", "5d", "--columns", "eastmoney", "--data-dir", dir.toString());
        assertThat(window.exit).isEqualTo(2);
        assertThat(window.err).contains("--window today");
        final Cli table = Cli.run("export", "market_day", "--columns", "dolphindb", "--out",
            dir.resolve("x.csv").toString(), "--data-dir", dir.toString());
        assertThat(table.exit).isEqualTo(2);
        assertThat(table.err).contains("export stock_day");
    }

    @Test
    void shouldKeepAFundsThirdPlaceOfPrice()
    {
        // an ETF trades in 0.001 yuan: 2.123 closes at 2.123, up 0.0471 % from 2.122 ((2.123 - 2.122) / 2.122 = 0.04712 %)
        final String[] classes = {"XL", "L", "M", "S"};
        final long[] none = new long[4];
        final Columns.Table table = Columns.eastmoney.days(List.of(new Columns.Day("510300.SH", "沪深300ETF", 20230201,
            2_1230, 2_1220, 1_000_0000, classes, none, none, none, none, none, none)));
        assertThat(table.rows().get(0)[3]).isEqualTo(new BigDecimal("2.123"));
        assertThat(table.rows().get(0)[4]).isEqualTo(new BigDecimal("0.0471"));
    }

    private static List<String> concat(final String header, final List<String> rows)
    {
        final List<String> all = new ArrayList<>(List.of(header));
        all.addAll(rows);
        return all;
    }
}

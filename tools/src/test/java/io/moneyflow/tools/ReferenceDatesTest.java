package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each day of a run takes the reference data of its own date: the bundled samples of 2019, 2020 and 2023 each get
 * their own previous close from the dated config/securities.csv, and an undated figure is never applied to any day
 * (a 2023 previous close on a 2020 day made its price change +69 % and raised a false distribution divergence).
 */
class ReferenceDatesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** symbol@date to prevClose (null when unknown) of a flow run's JSON. */
    private static Map<String, JsonNode> prevCloses(final String... args) throws Exception
    {
        final Cli cli = Cli.run(args);
        assertThat(cli.exit).as(cli.err).isZero();
        final Map<String, JsonNode> closes = new LinkedHashMap<>();
        for (final JsonNode row : JSON.readTree(cli.out).get("symbols"))
        {
            closes.put(row.get("symbol").asText() + "@" + row.get("date").asText(), row.get("prevClose"));
        }
        return closes;
    }

    @Test
    void shouldGiveEverySampleDayItsOwnPreviousClose() throws Exception
    {
        // the Level-1 sample: two trading days either side of the 2019 Spring Festival closure. The previous close of
        // 2019-02-11 is the close of 2019-02-01, which the sample's own last fill of that day shows (11.20, 10.77,
        // 27.68); those of 2019-02-01 are the closes of 2019-01-31 (Sina and Tushare agree, docs/REFERENCE-DATA.md)
        final Map<String, JsonNode> level1 = prevCloses("flow", "-q", "--format", "json",
            Cli.sample("tdx-level1-201902"));
        assertThat(level1.get("000001.SZ@2019-02-01").decimalValue()).isEqualByComparingTo("11.10");
        assertThat(level1.get("000001.SZ@2019-02-11").decimalValue()).isEqualByComparingTo("11.20");
        assertThat(level1.get("600000.SH@2019-02-01").decimalValue()).isEqualByComparingTo("10.73");
        assertThat(level1.get("600000.SH@2019-02-11").decimalValue()).isEqualByComparingTo("10.77");
        assertThat(level1.get("000002.SZ@2019-02-11").decimalValue()).isEqualByComparingTo("27.68");
        // no source gave 600004.SH's: unknown, never another day's
        assertThat(level1.get("600004.SH@2019-02-11").isNull()).isTrue();
        // the DolphinDB tutorial day: the close of 2019-12-31
        assertThat(prevCloses("flow", "-q", "--format", "json", Cli.sample("ddb-sse-600000-20200102/" +
            "20200102_SH_trade.csv.gz")).get("600000.SH@2020-01-02").decimalValue()).isEqualByComparingTo("12.37");
        // the Level-2 day: the close of 2023-01-31 (600519.SH's from the exchange's own snapshot, the same 1845.76)
        final Map<String, JsonNode> level2 = prevCloses("flow", "-q", "--format", "json", Cli.sample("ddb-l2-20230201"));
        assertThat(level2.get("600000.SH@2023-02-01").decimalValue()).isEqualByComparingTo("7.37");
        assertThat(level2.get("000001.SZ@2023-02-01").decimalValue()).isEqualByComparingTo("14.99");
        assertThat(level2.get("600519.SH@2023-02-01").decimalValue()).isEqualByComparingTo("1845.76");
    }

    @Test
    void shouldApplyNoUndatedFigureToAnyDay() throws Exception
    {
        // the undated file this project shipped before: 2023 previous closes with no date
        final Path undated = dir.resolve("securities.csv");
        Files.writeString(undated, "symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose\n" +
            "000001.SZ,平安银行,SZ,银行,,19405918198,,14.99\n600000.SH,浦发银行,SH,银行,,,,7.37\n");
        final Path data = dir.resolve("data");
        final Cli cli = Cli.run("flow", "-q", "--format", "json", "--alerts", "--securities", undated.toString(),
            "--data-dir", data.toString(), Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        assertThat(cli.exit).as(cli.err).isZero();
        assertThat(cli.err).contains("2 row(s) without a validFrom give float shares, total shares, PE or a previous " +
            "close, which no day uses");
        final JsonNode row = JSON.readTree(cli.out).get("symbols").get(0);
        assertThat(row.get("name").asText()).as("an undated row still names the stock").isEqualTo("浦发银行");
        assertThat(row.get("prevClose").isNull()).isTrue();
        // no price change, so no divergence: with 7.37 the day's close 12.48 was +69 %
        assertThat(Cli.run("alerts", "--signal", "distribution-divergence", "--data-dir", data.toString()).out)
            .isBlank();
        // with the dated file the day's change is +0.89 % (12.37 to 12.48): no divergence either
        final Path dated = dir.resolve("dated");
        assertThat(Cli.run("flow", "-q", "--alerts", "--data-dir", dated.toString(),
            Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")).exit).isZero();
        assertThat(Cli.run("alerts", "--signal", "distribution-divergence", "--data-dir", dated.toString()).out)
            .isBlank();
    }
}

package io.moneyflow.tools;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.Security;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow import-reference} on small real exports (resources reference-imports/, SOURCE.md there): every
 * expected value below is read off the export's row by hand.
 */
class ImportReferenceCommandTest
{
    @TempDir
    Path dir;

    private static String data(final String name)
    {
        try
        {
            return Path.of(ImportReferenceCommandTest.class.getResource("reference-imports/" + name).toURI()).toString();
        }
        catch (final URISyntaxException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static long key(final String symbol)
    {
        return SymbolCodes.parse(symbol);
    }

    @Test
    void shouldImportTushareStockBasicAndDailyBasicIntoDatedRows() throws IOException
    {
        final Path out = dir.resolve("securities.csv");
        final Cli cli = Cli.run("import-reference", "--tushare-basic", data("tushare-stock_basic.csv"),
            "--tushare-daily", data("tushare-daily_basic-20250403.csv"), "--out", out.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        assertThat(cli.err).doesNotContain("rejected").contains("30 imported rows (15 symbols) written to " + out);
        final String text = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(text).startsWith("# Imported by 'moneyflow import-reference'").contains(ReferenceData.DATED_HEADER);
        // stock_basic 600519.SH,600519,贵州茅台,贵州,白酒,...: an undated row, its name and industry
        assertThat(text).contains("\n600519.SH,贵州茅台,SH,白酒,,,,,\n");
        // daily_basic 600519.SH,20250403,close 1568.88,... pe 22.8559, total_share 125619.78, float_share 125619.78
        // (万股): 125619.78 x 10,000 = 1,256,197,800 shares; 2025-04-04 (Tomb-Sweeping Day) closed, so the row of
        // 2025-04-03 holds from 2025-04-07, whose previous close is 2025-04-03's close
        assertThat(text).contains("\n600519.SH,贵州茅台,SH,白酒,1256197800,1256197800,22.8559,1568.88,2025-04-07\n");
        // 000001.SZ: float_share 1940557.185 -> 19,405,571,850; total_share 1940591.8198 -> 19,405,918,198 (the
        // total config/securities.csv gives for 2023 from another source); pe 4.9443; close 11.34
        assertThat(text).contains("\n000001.SZ,平安银行,SZ,银行,19405571850,19405918198,4.9443,11.34,2025-04-07\n");
        // 000002.SZ has no pe (a loss: Tushare leaves it empty); 430047.BJ is a Beijing stock
        assertThat(text).contains("\n000002.SZ,万科A,SZ,全国地产,9716935865,11930709471,,7.14,2025-04-07\n");
        assertThat(text).contains("\n430047.BJ,诺思兰德,BJ,生物制药,180106427,274271974,,14.96,2025-04-07\n");

        // the engine reads it back: the row of 2025-04-07 there, its prevClose on that day only
        final ReferenceData reference = ReferenceData.load(out);
        assertThat(reference.rows()).hasSize(30);
        final Security onDay = reference.find(key("600519.SH"), 20250407);
        assertThat(onDay.name()).isEqualTo("贵州茅台");
        assertThat(onDay.sectors()).containsExactly("白酒");
        assertThat(onDay.floatShares()).isEqualTo(1_256_197_800L);
        assertThat(onDay.peX10000()).isEqualTo(228_559L);
        assertThat(onDay.prevClose()).isEqualTo(15_688_800L);
        final Security dayAfter = reference.find(key("600519.SH"), 20250408);
        assertThat(dayAfter.prevClose()).isEqualTo(Security.ABSENT);
        assertThat(dayAfter.totalShares()).isEqualTo(1_256_197_800L);
        // before 2025-04-07, the undated row names the stock and gives no figure
        final Security before = reference.find(key("600519.SH"), 20230201);
        assertThat(before.name()).isEqualTo("贵州茅台");
        assertThat(before.sectors()).containsExactly("白酒");
        assertThat(before.hasFigures()).isFalse();
    }

    @Test
    void shouldReadAnExportWithAByteOrderMarkAndItsOwnColumnOrder() throws IOException
    {
        final Cli cli = Cli.run("import-reference", "--tushare-basic", data("tushare-stock_basic-bom.csv"),
            "--tushare-daily", data("tushare-daily_basic-20260206.csv"));
        assertThat(cli.exit).as(cli.err).isZero();
        // stock_basic ts_code,name,industry,symbol,market with a BOM: 601318.SH,中国平安,保险; daily_basic
        // 601318.SH,20260206,close 66.9,pb 1.312,pe 9.34 (no share columns): 2026-02-06 is a Friday, so the row
        // holds from Monday 2026-02-09
        assertThat(cli.out).contains("\n601318.SH,中国平安,SH,保险,,,9.34,66.9,2026-02-09\n");
        // 000004.SZ,*ST国华 (no pe); 000002.SZ's name with its full-width Ａ as the export writes it
        assertThat(cli.out).contains("\n000004.SZ,*ST国华,SZ,软件服务,,,,9.77,2026-02-09\n");
        assertThat(cli.out).contains("\n000002.SZ,万科Ａ,SZ,全国地产,,,,4.81,2026-02-09\n");
        assertThat(ReferenceData.fromText(cli.out, "stdout").rows()).hasSize(14);
    }

    @Test
    void shouldImportAkShareSpotTableAsRowsOfItsDay()
    {
        // stock_zh_a_spot_em taken after the close of 2025-07-09 (SOURCE.md: its 最新价 and 昨收 are the closes of
        // 2025-07-09 and 2025-07-08 in an unadjusted AkShare daily series)
        final Cli cli = Cli.run("import-reference", "--akshare-spot", data("akshare-stock_zh_a_spot_em-20250709.csv"),
            "--spot-date", "2025-07-09", "--tushare-basic", data("tushare-stock_basic.csv"));
        assertThat(cli.exit).as(cli.err).isZero();
        // 1620,600519,贵州茅台,...,昨收 1416.11,...,市盈率-动态 16.6; the sector from stock_basic
        assertThat(cli.out).contains("\n600519.SH,贵州茅台,SH,白酒,,,16.6,1416.11,2025-07-09\n");
        // 831039 (an old Beijing code), 688529 (a loss: 市盈率-动态 -28.11), 833994 (no trade that day: no PE,
        // 昨收 32.9)
        assertThat(cli.out).contains("\n831039.BJ,国义招标,BJ,,,,50.07,11.31,2025-07-09\n");
        assertThat(cli.out).contains("\n688529.SH,豪森智能,SH,,,,-28.11,17.58,2025-07-09\n");
        assertThat(cli.out).contains("\n833994.BJ,翰博高新,BJ,,,,,32.9,2025-07-09\n");
        final ReferenceData reference = ReferenceData.fromText(cli.out, "stdout");
        assertThat(reference.find(key("600519.SH"), 20250709).prevClose()).isEqualTo(14_161_100L);
        assertThat(reference.find(key("688529.SH"), 20250709).peX10000()).isEqualTo(-281_100L);
    }

    @Test
    void shouldRejectBadRowsWithTheirLineAndKeepTheGoodOnes() throws IOException
    {
        // the header and 600519.SH's row of the bundled export, then rows spoilt on purpose, one fault each
        final List<String> export = Files.readAllLines(Path.of(data("tushare-daily_basic-20250403.csv")));
        final String good = export.get(1);
        final Path file = dir.resolve("daily_basic.csv");
        Files.write(file, List.of(export.get(0), good,
            good.replace(",125619.78,125619.78,", ",125619.78,125619.78123,"),
            good.replace("20250403", "20250404"),
            good.replace("600519.SH", "600519"),
            good.replace("1568.88", "1568.8x"),
            good.replace("600519.SH", "600519.SH")));
        final Cli cli = Cli.run("import-reference", "--tushare-daily", file.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        assertThat(cli.err)
            .contains(file + ":3: float_share 125619.78123 (10,000 shares) is 1256197812.3 shares, not a whole " +
                "number; row rejected")
            .contains(file + ":4: trade_date 20250404 is not an SSE/SZSE trading day (Tomb-Sweeping Day)")
            .contains(file + ":5: ts_code '600519' is not a code such as 600519.SH")
            .contains(file + ":6: close '1568.8x' is not a number")
            .contains(file + ":7: 600519.SH valid from 2025-04-07 twice (first at " + file + ":2)")
            .contains(file + ": 6 rows read, 1 imported, 5 rejected")
            .contains("1 imported rows (1 symbols) written to stdout; 5 rows rejected");
        assertThat(cli.out).contains("\n600519.SH,,SH,,1256197800,1256197800,22.8559,1568.88,2025-04-07\n");
    }

    @Test
    void shouldFailLoudlyWhenNothingIsImported() throws IOException
    {
        final Path empty = dir.resolve("empty.csv");
        Files.writeString(empty, "");
        final Cli none = Cli.run("import-reference", "--tushare-basic", empty.toString());
        assertThat(none.exit).isOne();
        assertThat(none.err).contains(empty + " is empty");

        final Path headerOnly = dir.resolve("header.csv");
        Files.writeString(headerOnly, "ts_code,symbol,name,area,industry,market,list_date\n");
        final Path out = dir.resolve("never.csv");
        final Cli nothing = Cli.run("import-reference", "--tushare-basic", headerOnly.toString(), "--out",
            out.toString());
        assertThat(nothing.exit).isOne();
        assertThat(nothing.err).contains("imported nothing");
        assertThat(out).doesNotExist();

        final Path wrong = dir.resolve("daily.csv");
        Files.writeString(wrong, "code,date,close\n600519,2025-04-03,1568.88\n");
        final Cli noColumn = Cli.run("import-reference", "--tushare-daily", wrong.toString());
        assertThat(noColumn.exit).isOne();
        assertThat(noColumn.err).contains("no column 'ts_code'");

        final Path gbk = dir.resolve("gbk.csv");
        Files.write(gbk, "ts_code,name,industry\n600519.SH,贵州茅台,白酒\n".getBytes("GBK"));
        final Cli notUtf8 = Cli.run("import-reference", "--tushare-basic", gbk.toString());
        assertThat(notUtf8.exit).isOne();
        assertThat(notUtf8.err).contains("is not UTF-8 text");

        final Cli noDate = Cli.run("import-reference", "--akshare-spot",
            data("akshare-stock_zh_a_spot_em-20250709.csv"));
        assertThat(noDate.exit).isEqualTo(2);
        assertThat(noDate.err).contains("--spot-date");
    }

    @Test
    void shouldGiveFlowTheSameNumbersWithAnImportedFile() throws IOException
    {
        final String day = Cli.sample("ddb-l2-20230201");
        final Cli bundled = Cli.run("flow", "-q", "--format", "csv", day);
        assertThat(bundled.exit).as(bundled.err).isZero();

        // the bundled file with the imported names added: the sample day's rows are kept, so every figure is equal
        final Path merged = dir.resolve("merged.csv");
        final Cli merge = Cli.run("import-reference", "--tushare-basic", data("tushare-stock_basic.csv"),
            "--merge", Cli.root().resolve("config/securities.csv").toString(), "--out", merged.toString());
        assertThat(merge.exit).as(merge.err).isZero();
        assertThat(merge.err).contains("config/securities.csv: 15 rows kept");
        final Cli withMerged = Cli.run("flow", "-q", "--format", "csv", "--securities", merged.toString(), day);
        assertThat(withMerged.exit).as(withMerged.err).isZero();
        assertThat(withMerged.out).isEqualTo(bundled.out);

        // the imported file alone: names and sectors (undated rows), no figure of the day, the same flows
        final Path imported = dir.resolve("imported.csv");
        assertThat(Cli.run("import-reference", "--tushare-basic", data("tushare-stock_basic.csv"), "--out",
            imported.toString()).exit).isZero();
        final Cli withImported = Cli.run("flow", "-q", "--format", "json", "--securities", imported.toString(), day);
        assertThat(withImported.exit).as(withImported.err).isZero();
        assertThat(field(withImported.out, "name"))
            .containsExactly("000001.SZ=平安银行", "600000.SH=浦发银行", "600519.SH=贵州茅台");
        final Cli bundledJson = Cli.run("flow", "-q", "--format", "json", day);
        assertThat(field(withImported.out, "mainNet")).isEqualTo(field(bundledJson.out, "mainNet")).hasSize(3);
        assertThat(field(withImported.out, "turnover")).isEqualTo(field(bundledJson.out, "turnover"));
    }

    /** @return each stock's symbol and one field, as the JSON report gives them. */
    private static List<String> field(final String json, final String name) throws IOException
    {
        final com.fasterxml.jackson.databind.JsonNode root = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(json);
        final List<String> values = new java.util.ArrayList<>();
        for (final com.fasterxml.jackson.databind.JsonNode stock : root.get("symbols"))
        {
            values.add(stock.get("symbol").asText() + "=" + stock.get(name).asText());
        }
        return values;
    }
}

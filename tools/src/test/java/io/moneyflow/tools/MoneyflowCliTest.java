package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MoneyflowCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"flow", "minutes", "accuracy", "demo", "counters", "feed-serve", "run"})
    void shouldPrintHelpForEveryCommand(final String command)
    {
        final Cli cli = Cli.run(command, "--help");
        assertThat(cli.exit).isZero();
        assertThat(cli.out).contains("Usage: moneyflow " + command);
    }

    @Test
    void shouldExitTwoWithOneLineOnBadUsage()
    {
        final Cli unknownOption = Cli.run("flow", "--bogus", Cli.sample("ddb-l2-20230201"));
        assertThat(unknownOption.exit).isEqualTo(2);
        assertThat(unknownOption.err).startsWith("Unknown option: '--bogus'");

        final Cli badMode = Cli.run("flow", "--mode", "weekly", Cli.sample("ddb-l2-20230201"));
        assertThat(badMode.exit).isEqualTo(2);
        assertThat(badMode.err.lines().findFirst().orElseThrow())
            .isEqualTo("unknown mode 'weekly': expected trade, order or order-bar");

        final Cli noCommand = Cli.run();
        assertThat(noCommand.exit).isEqualTo(2);

        // values only the engine's own validation knows are still usage errors
        for (final String[] bad : List.of(new String[]{"--bar", "7m"}, new String[]{"--wait", "spin-forever"},
            new String[]{"--max-backwards-ms", "-1"}))
        {
            final Cli cli = Cli.run("flow", bad[0], bad[1], Cli.sample("ddb-l2-20230201"));
            assertThat(cli.exit).as(String.join(" ", bad)).isEqualTo(2);
        }
    }

    @Test
    void shouldPrintUtf8WhateverTheLocale() throws Exception
    {
        final String launcher = ProcessHandle.current().info().command().orElse("java");
        final List<String> command = new ArrayList<>(List.of(launcher));
        command.addAll(List.of(System.getProperty("moneyflow.jvm.flags").trim().split("\\s+")));
        command.addAll(List.of("-Dfile.encoding=US-ASCII", "-Dsun.stdout.encoding=US-ASCII",
            "-Dmoneyflow.home=" + Cli.root(), "-cp", System.getProperty("java.class.path"),
            MoneyflowCli.class.getName(), "flow", "-q", "--format", "csv", "--symbols", "000001.SZ",
            Cli.sample("ddb-l2-20230201/tradeData.zip")));
        final ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("LANG", "C");
        builder.environment().put("LC_ALL", "C");
        final Process process = builder.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final String out = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        assertThat(out).contains("000001.SZ,平安银行,2023-02-01");
    }

    @Test
    void shouldLeaveOutASymbolWhoseEveryRecordWasRejected() throws IOException
    {
        final Path file = dir.resolve("one-bad-symbol.csv");
        Files.write(file, List.of(
            "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum",
            "600000,XSHG,2020.01.02T10:00:05.000,12.50,100,1250,20,10",
            "600004,XSHG,2020.01.02T10:00:05.000,-1,100,1250,20,10",
            "600004,XSHG,2020.01.02T10:00:06.000,-1,100,1250,21,11"));
        final Cli cli = Cli.run("flow", "-q", "--format", "csv", file.toString());
        assertThat(cli.exit).isZero();
        assertThat(cli.out.lines().toList()).hasSize(2);
        assertThat(cli.out).doesNotContain("600004.SH");
    }

    @Test
    void shouldExitOneWithOneClearLineForAnUnreadableInput()
    {
        final Cli cli = Cli.run("flow", dir.resolve("missing.csv").toString());
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.err.strip()).isEqualTo("moneyflow: input not found: " + dir.resolve("missing.csv"));
    }

    @Test
    void shouldRunTheDemoOnTheBundledSample()
    {
        final Cli cli = Cli.run("demo", "--quiet");
        assertThat(cli.exit).isZero();
        assertThat(cli.out).contains("000001.SZ", "600000.SH", "600519.SH", "2,426,471,972.52", "6,244,678,924.61");
    }

    @Test
    void shouldPrintTheFlowAsOneJsonObject() throws IOException
    {
        final Cli cli = Cli.run("flow", "--quiet", "--format", "json", Cli.sample("ddb-l2-20230201"));
        assertThat(cli.exit).isZero();
        final JsonNode root = JSON.readTree(cli.out);
        final JsonNode symbols = root.get("symbols");
        assertThat(symbols).hasSize(3);
        final JsonNode szse = symbols.get(0);
        assertThat(szse.get("symbol").asText()).isEqualTo("000001.SZ");
        assertThat(szse.get("date").asText()).isEqualTo("2023-02-01");
        // Tushare daily for 000001.SZ on 2023-02-01
        assertThat(szse.get("turnover").decimalValue()).isEqualByComparingTo("2426471972.52");
        assertThat(szse.get("volume").asLong()).isEqualTo(165_342_148L);
        assertThat(szse.get("trades").asLong()).isEqualTo(133_815);
        assertThat(szse.get("cancels").asLong()).isEqualTo(32_996);
        for (final String field : List.of("outerVolume", "innerVolume", "neutralTurnover", "mainNet", "mainNetRatio"))
        {
            assertThat(szse.has(field)).as(field).isTrue();
        }
        // Main net is XL + L of the active view, in yuan; the ratio is percent of turnover.
        final JsonNode active = szse.get("active");
        assertThat(active.fieldNames()).toIterable().containsExactly("XL", "L", "M", "S");
        final BigDecimal main = active.get("XL").get("net").decimalValue().add(active.get("L").get("net").decimalValue());
        assertThat(szse.get("mainNet").decimalValue()).isEqualByComparingTo(main);
        final BigDecimal ratio = main.multiply(BigDecimal.valueOf(100))
            .divide(szse.get("turnover").decimalValue(), 4, java.math.RoundingMode.HALF_EVEN);
        assertThat(szse.get("mainNetRatio").decimalValue()).isEqualByComparingTo(ratio);
        for (final String c : List.of("XL", "L", "M", "S"))
        {
            final JsonNode cls = active.get(c);
            assertThat(cls.get("in").decimalValue().subtract(cls.get("out").decimalValue()))
                .isEqualByComparingTo(cls.get("net").decimalValue());
        }
        // Order-side nets sum to zero.
        BigDecimal sideNet = BigDecimal.ZERO;
        for (final JsonNode cls : (Iterable<JsonNode>)() -> szse.get("orderSide").elements())
        {
            sideNet = sideNet.add(cls.get("net").decimalValue());
        }
        assertThat(sideNet).isEqualByComparingTo("0");
        // Every reject reason is listed, all zero for this clean day.
        final List<String> reasons = new ArrayList<>();
        root.get("rejected").fieldNames().forEachRemaining(reasons::add);
        // the reasons the README documents, in its order
        assertThat(reasons).containsExactly("malformed", "non-positive-price", "non-positive-qty", "unknown-code",
            "bad-time", "bad-symbol", "time-backwards", "duplicate", "truncated", "capacity", "bad-frame", "time-outlier");
        root.get("rejected").elements().forEachRemaining(n -> assertThat(n.asLong()).isZero());
        assertThat(root.get("excluded").get("cancel").asLong()).isEqualTo(32_996);
        // 600519.SH: the exchange's own final snapshot equals the engine's totals.
        final JsonNode moutai = symbols.get(2);
        assertThat(moutai.get("exchangeSnapshot").get("turnover").decimalValue())
            .isEqualByComparingTo(moutai.get("turnover").decimalValue());
    }

    @Test
    void shouldPrintCsvWithOneRowPerStockAndFilterBySymbol()
    {
        final Cli cli = Cli.run("flow", "-q", "--format", "csv", "--symbols", "600519.SH", "--scheme", "tushare",
            "--mode", "trade", Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(cli.exit).isZero();
        final List<String> lines = cli.out.lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("symbol,name,date,open,high,low,close,prevClose,trades,volume,turnover");
        assertThat(lines.get(1)).startsWith("600519.SH,贵州茅台,2023-02-01,1854.98,1859.00,1811.40,1844.97,1845.76,27135," +
            "3397389,6244678924.61,");
    }

    @Test
    void shouldPrintMinuteBarsMatchingDolphinDbsPublishedFlow() throws IOException
    {
        final Path scheme = dir.resolve("dolphindb.csv");
        Files.writeString(scheme, "class,minShares,minAmount\nBig,50001,\nSmall,,\n");
        final Cli cli = Cli.run("minutes", "-q", "--symbol", "600000.SH", "--mode", "order-bar", "--scheme",
            scheme.toString(), "--format", "csv", Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        assertThat(cli.exit).isZero();
        final List<String> lines = cli.out.lines().toList();
        assertThat(lines.get(0)).isEqualTo("date,time,open,high,low,close,volume,turnover,trades,outerVolume," +
            "innerVolume,active.Big.in,active.Big.out,active.Small.in,active.Small.out,mainNet,mfi14,cmf20,obv,ad");
        // DolphinDB's published 09:30 row: BuySmall 8,440,949.74, BuyBig 4,462,138, SellSmall 8,884,097.66,
        // SellBig 6,429,656.
        assertThat(lines.get(1)).startsWith("2020-01-02,09:30,").contains(",4462138,6429656,8440949.74,8884097.66,");
    }

    @Test
    void shouldMeasureTheOrderNumberRuleAtOneHundredPercentOnSse() throws IOException
    {
        final Cli cli = Cli.run("accuracy", "-q", "--rule", "order-no", "--format", "json",
            Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(cli.exit).isZero();
        final JsonNode total = JSON.readTree(cli.out).get("total");
        // 12,601 B + 13,971 S flagged trades (data/sample SOURCE), all agreeing with the order-number rule
        assertThat(total.get("measured").asLong()).isEqualTo(26_572);
        assertThat(total.get("agree").asLong()).isEqualTo(26_572);
        assertThat(total.get("accuracy").decimalValue()).isEqualByComparingTo("100");
    }

    @Test
    void shouldRefuseToMeasureTheFlagAgainstItself()
    {
        final Cli cli = Cli.run("accuracy", "--rule", "flag", Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(cli.exit).isEqualTo(2);
    }

    @Test
    void shouldReadACountersFileFromAnotherRun() throws IOException
    {
        final Path counters = dir.resolve("run.counters");
        final Cli flow = Cli.run("flow", "-q", "--counters", counters.toString(), "--format", "csv",
            Cli.sample("ddb-l2-20230201/tradeData.zip"));
        assertThat(flow.exit).isZero();
        final Cli read = Cli.run("counters", "--format", "csv", counters.toString());
        assertThat(read.exit).isZero();
        assertThat(read.out).isEqualTo(flow.out);

        final Cli notCounters = Cli.run("counters", Cli.sample("ddb-l2-20230201/tradeData.zip"));
        assertThat(notCounters.exit).isEqualTo(1);
        assertThat(notCounters.err).contains("is not a moneyflow counters file");
    }

    @Test
    void shouldReportRejectionsOnStderrAndCountThemInJson() throws IOException
    {
        final Path file = dir.resolve("bad.csv");
        final List<String> lines = new ArrayList<>();
        lines.add("SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum");
        lines.add("600000,XSHG,2020.01.02T10:00:00.000,12.50,100,1250,20,10");
        lines.add("600000,XSHG,2020.01.02T10:00:01.000,-12.50,100,1250,21,11");
        lines.add("600000,XSHG,2020.01.02T10:00:02.000,12.50,100");
        lines.add("600000,XSHG,2020.01.02T10:00:03.000,12.51,200,2502,22,12");
        Files.write(file, lines);
        final Cli cli = Cli.run("flow", "-q", "--format", "json", file.toString());
        assertThat(cli.exit).isZero();
        assertThat(cli.err).contains("moneyflow: rejected " + file + ":3: non-positive-price: TradePrice = '-12.50'");
        assertThat(cli.err).contains("moneyflow: rejected " + file + ":4: malformed");
        final JsonNode root = JSON.readTree(cli.out);
        assertThat(root.get("rejected").get("non-positive-price").asLong()).isEqualTo(1);
        assertThat(root.get("rejected").get("malformed").asLong()).isEqualTo(1);
        assertThat(root.get("symbols").get(0).get("trades").asLong()).isEqualTo(2);
        assertThat(root.get("symbols").get(0).get("turnover").decimalValue()).isEqualByComparingTo("3752");
    }

    @Test
    void shouldSumEachSectorAndMarketFromItsStocks() throws Exception
    {
        final Cli cli = Cli.run("flow", "--format", "json", Cli.sample("ddb-l2-20230201"));
        assertThat(cli.exit).as(cli.err).isZero();
        final JsonNode root = JSON.readTree(cli.out);
        final java.util.Map<String, JsonNode> stocks = new java.util.HashMap<>();
        root.get("symbols").forEach(r -> stocks.put(r.get("symbol").asText(), r));
        final java.util.Map<String, JsonNode> sectors = new java.util.HashMap<>();
        root.get("sectors").forEach(r -> sectors.put(r.get("sector").asText(), r));
        final java.util.Map<String, JsonNode> markets = new java.util.HashMap<>();
        root.get("markets").forEach(r -> markets.put(r.get("market").asText(), r));
        // config/securities.csv: 000001.SZ and 600000.SH are 银行, 600519.SH is 白酒
        assertThat(sectors.keySet()).containsExactlyInAnyOrder("银行", "白酒");
        assertThat(markets.keySet()).containsExactlyInAnyOrder("SSE", "SZSE", "ALL");
        // by hand from the stock rows: 2,426,471,972.52 + 137,294,549.42 = 2,563,766,521.94;
        // -198,540,416.23 - 12,796,644.46 = -211,337,060.69
        assertThat(sectors.get("银行").get("turnover").decimalValue()).isEqualByComparingTo("2563766521.94");
        assertThat(sectors.get("银行").get("mainNet").decimalValue()).isEqualByComparingTo("-211337060.69");
        assertThat(sectors.get("银行").get("stocks").asInt()).isEqualTo(2);
        // and every group, every class: the sum of its members' values
        check(markets.get("ALL"), List.of(stocks.get("000001.SZ"), stocks.get("600000.SH"), stocks.get("600519.SH")));
        check(markets.get("SSE"), List.of(stocks.get("600000.SH"), stocks.get("600519.SH")));
        check(markets.get("SZSE"), List.of(stocks.get("000001.SZ")));
        check(sectors.get("白酒"), List.of(stocks.get("600519.SH")));
        check(sectors.get("银行"), List.of(stocks.get("000001.SZ"), stocks.get("600000.SH")));

        final Cli table = Cli.run("flow", "--sectors", "--markets", Cli.sample("ddb-l2-20230201"));
        assertThat(table.out).contains("sector:银行").contains("market:SSE").contains("market:ALL");
    }

    private static void check(final JsonNode group, final List<JsonNode> members)
    {
        for (final String field : List.of("turnover", "volume", "trades", "outerVolume", "innerVolume", "mainNet"))
        {
            java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
            for (final JsonNode m : members)
            {
                sum = sum.add(m.get(field).decimalValue());
            }
            assertThat(group.get(field).decimalValue()).as(field).isEqualByComparingTo(sum);
        }
        for (final String view : List.of("active", "orderSide"))
        {
            group.get(view).fieldNames().forEachRemaining(c ->
            {
                java.math.BigDecimal in = java.math.BigDecimal.ZERO;
                for (final JsonNode m : members)
                {
                    in = in.add(m.get(view).get(c).get("in").decimalValue());
                }
                assertThat(group.get(view).get(c).get("in").decimalValue()).as(view + " " + c).isEqualByComparingTo(in);
            });
        }
    }

    @Test
    void shouldRefuseCountersOnPublishBeforeReachingABroker()
    {
        // the publisher's counters would hold the rejections the consumer of partition 0 counts too
        final Cli publish = Cli.run("publish", "--kafka", "127.0.0.1:1", "--topic", "t", "--counters",
            dir.resolve("pub.counters").toString(), Cli.sample("ddb-l2-20230201"));
        assertThat(publish.exit).isEqualTo(2);
        assertThat(publish.err).contains("--counters is for the engines that consume the topic");
    }
}

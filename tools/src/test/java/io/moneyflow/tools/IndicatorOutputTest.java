package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBar;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.volume.AccumulationDistributionIndicator;
import org.ta4j.core.indicators.volume.ChaikinMoneyFlowIndicator;
import org.ta4j.core.indicators.volume.MoneyFlowIndexIndicator;
import org.ta4j.core.indicators.volume.OnBalanceVolumeIndicator;
import org.ta4j.core.num.DecimalNum;
import org.ta4j.core.num.Num;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DOMAIN.md section 4 figures as the commands print them: worked by hand on a constructed day, checked against the
 * exchange's own snapshot book, and compared with ta4j 0.17 on the engine's real minute bars and on daily bars stored
 * in the history store.
 */
class IndicatorOutputTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum";
    /** Half a micro plus a hair: ta4j's DecimalNum value rounded to our 6 places. */
    private static final BigDecimal TOLERANCE = new BigDecimal("0.0000005000001");

    @TempDir
    Path dir;

    /**
     * Six fills of 600000.SH, each its own order on both sides (so each fill's class is its own size), previous close
     * 10.00, float 1,000,000 shares, PE 20. Direction by order numbers (the later order is the aggressor).
     * <pre>
     *  #  time      price   qty     amount   side  class   bar (1m)
     *  1  09:30:10  10.10  30,000  303,000   B     L       09:30
     *  2  09:30:40  10.20   1,000   10,200   S     S       09:30
     *  3  09:31:05  10.15   5,000   50,750   S     M       09:31
     *  4  09:33:00  10.00  20,000  200,000   S     L       09:33
     *  5  09:36:00  10.05   2,000   20,100   B     S       09:36
     *  6  09:36:30  10.02   1,000   10,020   S     S       09:36
     * </pre>
     */
    private Path constructedDay(final String date) throws Exception
    {
        final String d = date.replace("-", ".");
        final Path file = dir.resolve("day-" + date + ".csv");
        Files.write(file, List.of(HEADER,
            "600000,XSHG," + d + "T09:30:10.000,10.10,30000,303000,101,1",
            "600000,XSHG," + d + "T09:30:40.000,10.20,1000,10200,2,102",
            "600000,XSHG," + d + "T09:31:05.000,10.15,5000,50750,3,103",
            "600000,XSHG," + d + "T09:33:00.000,10.00,20000,200000,4,104",
            "600000,XSHG," + d + "T09:36:00.000,10.05,2000,20100,105,5",
            "600000,XSHG," + d + "T09:36:30.000,10.02,1000,10020,6,106"));
        return file;
    }

    private Path securities() throws Exception
    {
        final Path file = dir.resolve("securities.csv");
        // dated: the share counts and PE hold from 2023-03-03 on; the previous close 10.00 is that of 2023-03-10 only
        Files.write(file, List.of("symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose,validFrom",
            "600000.SH,浦发银行,SH,银行,1000000,2000000,20,,2023-03-03",
            "600000.SH,浦发银行,SH,银行,1000000,2000000,20,10.00,2023-03-10"));
        return file;
    }

    private static void flowEquals(final JsonNode flows, final String in, final String out, final String net)
    {
        assertThat(flows.get("in").decimalValue()).isEqualByComparingTo(in);
        assertThat(flows.get("out").decimalValue()).isEqualByComparingTo(out);
        assertThat(flows.get("net").decimalValue()).isEqualByComparingTo(net);
    }

    @Test
    void shouldPrintEveryIndicatorOfAConstructedDayAsComputedByHand() throws Exception
    {
        final Path data = dir.resolve("data");
        final Path securities = securities();
        // five earlier days with the same fills, for the volume ratio: 5 x 59,000 shares
        for (final String date : List.of("2023-03-03", "2023-03-06", "2023-03-07", "2023-03-08", "2023-03-09"))
        {
            final Cli stored = Cli.run("close-day", "-q", "--securities", securities.toString(), "--data-dir",
                data.toString(), constructedDay(date).toString());
            assertThat(stored.exit).as(stored.err).isZero();
        }
        final Cli cli = Cli.run("flow", "-q", "--format", "json", "--history", "--securities", securities.toString(),
            "--data-dir", data.toString(), constructedDay("2023-03-10").toString());
        assertThat(cli.exit).as(cli.err).isZero();
        final JsonNode stock = JSON.readTree(cli.out).get("symbols").get(0);
        final JsonNode ind = stock.get("indicators");
        final JsonNode seed = ind.get("seed");

        // outer 32,000 (#1, #5), inner 27,000; VWAP = 594,070 / 59,000; 5,000 x VWAP = 50,344.91525... yuan
        assertThat(seed.get("outerMinusInnerTimesVwap").decimalValue()).isEqualByComparingTo("50344.9153");

        // tick: #1 10.10 > previous close 10.00 in 303,000; #2 up in 10,200; #3 down out 50,750; #4 down out 200,000;
        // #5 up in 20,100; #6 down out 10,020
        final JsonNode price = seed.get("priceChange");
        flowEquals(price.get("tick"), "333300", "260770", "72530");
        // 1m closes 10.20 (09:30), 10.15, 10.00, 10.02: up 313,200, down 50,750, down 200,000, up 30,120
        flowEquals(price.get("1m"), "343320", "250750", "92570");
        // 5m closes 10.00 (09:30-09:34, unchanged from 10.00: nothing), 10.02 (09:35-09:39, up: 30,120)
        flowEquals(price.get("5m"), "30120", "0", "30120");
        // up-buy / down-sell: only the B turnover of up ticks or bars, the S turnover of down ones
        final JsonNode variant = seed.get("upBuyDownSell");
        flowEquals(variant.get("tick"), "323100", "260770", "62330"); // #2 (S on an up tick) left out
        flowEquals(variant.get("1m"), "323100", "250750", "72350"); // B of 09:30 (303,000) and 09:36 (20,100)
        flowEquals(variant.get("5m"), "20100", "0", "20100");

        // main = L: in 303,000 (#1), out 200,000 (#4); all classes: in 323,100, out 270,970; turnover 594,070
        assertThat(stock.get("mainNet").decimalValue()).isEqualByComparingTo("103000");
        assertThat(ind.get("mainNetRatio").decimalValue()).isEqualByComparingTo("17.338024"); // 103,000 / 594,070
        assertThat(ind.get("netRatio").decimalValue()).isEqualByComparingTo("8.775060"); // 52,130 / 594,070
        assertThat(ind.get("bigOrderShare").decimalValue()).isEqualByComparingTo("84.670157"); // 503,000 / 594,070
        assertThat(ind.get("turnoverRate").decimalValue()).isEqualByComparingTo("5.9"); // 59,000 / 1,000,000
        // main net shares 30,000 - 20,000 over the float
        assertThat(ind.get("netInflowRateVsFloat").decimalValue()).isEqualByComparingTo("1");
        // (103,000 / (1,000,000 x 10.02) x 100) x 5.9 / 20 = 1.027944 x 0.295
        assertThat(ind.get("flowIntensity").decimalValue()).isEqualByComparingTo("0.303244");
        // last traded bar 09:36, the 7th minute: (59,000 / 7) / (295,000 / (5 x 240)) = 240 / 7
        assertThat(ind.get("minutesTraded").asInt()).isEqualTo(7);
        assertThat(ind.get("volumeRatio").decimalValue()).isEqualByComparingTo("34.285714");
        // no snapshot: no book
        assertThat(ind.get("orderImbalance5").isNull()).isTrue();
        assertThat(ind.get("orderImbalance10").isNull()).isTrue();

        // four traded bars: too few for MFI(14) and CMF(20)
        final JsonNode bars = ind.get("bars");
        assertThat(bars.get("traded").asInt()).isEqualTo(4);
        assertThat(bars.get("mfi14").isNull()).isTrue();
        assertThat(bars.get("cmf20").isNull()).isTrue();
        // OBV from 0: 09:31 down -5,000, 09:33 down -20,000, 09:36 up +3,000
        assertThat(bars.get("obv").asLong()).isEqualTo(-22_000);
        // A/D from 0 at the first bar: 09:31 and 09:33 are one-price bars (multiplier 0); 09:36 H 10.05 L 10.02
        // C 10.02: multiplier -1, -3,000
        assertThat(bars.get("ad").decimalValue()).isEqualByComparingTo("-3000");

        // the sector and the market of one stock carry its sums; price indicators are a stock's only
        final JsonNode sector = JSON.readTree(cli.out).get("sectors").get(0);
        assertThat(sector.get("sector").asText()).isEqualTo("银行");
        flowEquals(sector.get("indicators").get("seed").get("priceChange").get("1m"), "343320", "250750", "92570");
        assertThat(sector.get("indicators").get("volumeRatio").decimalValue()).isEqualByComparingTo("34.285714");
        assertThat(sector.get("indicators").get("turnoverRate").decimalValue()).isEqualByComparingTo("5.9");
        assertThat(sector.get("indicators").get("flowIntensity").isNull()).as("a sector has no PE").isTrue();
        assertThat(sector.get("indicators").has("bars")).isFalse();

        // the same figures in the CSV
        final Cli csv = Cli.run("flow", "-q", "--format", "csv", "--securities", securities.toString(),
            constructedDay("2023-03-10").toString());
        final List<String> header = List.of(csv.out.lines().findFirst().orElseThrow().split(","));
        final String[] row = csv.out.lines().skip(1).findFirst().orElseThrow().split(",");
        assertThat(row[header.indexOf("seed.priceChange.tick.net")]).isEqualTo("72530");
        assertThat(row[header.indexOf("seed.upBuyDownSell.1m.in")]).isEqualTo("323100");
        assertThat(row[header.indexOf("flowIntensity")]).isEqualTo("0.303244");
        assertThat(row[header.indexOf("obv")]).isEqualTo("-22000");
        assertThat(row[header.indexOf("volumeRatio")]).as("no history asked for").isEmpty();
    }

    @Test
    void shouldTakeTheOrderImbalanceFromTheLatestSnapshotBook() throws Exception
    {
        // the exchange's own last 600519 snapshot of the day, read here from the raw file
        long bid5 = 0, ask5 = 0, bid10 = 0, ask10 = 0;
        try (ZipFile zip = new ZipFile(Cli.sample("ddb-l2-20230201/20230201.zip"));
            BufferedReader in = new BufferedReader(new InputStreamReader(
                zip.getInputStream(zip.getEntry("20230201/snapshot.csv")), StandardCharsets.UTF_8)))
        {
            final List<String> columns = List.of(in.readLine().split(",", -1));
            String line;
            String[] last = null;
            while ((line = in.readLine()) != null)
            {
                final String[] cells = line.split(",", -1);
                if (cells[columns.indexOf("SecurityID")].equals("600519"))
                {
                    last = cells;
                }
            }
            assertThat(last).isNotNull();
            for (int level = 1; level <= 10; level++)
            {
                final long bid = Long.parseLong(last[columns.indexOf("BidVolume" + level)]);
                final long ask = Long.parseLong(last[columns.indexOf("AskVolume" + level)]);
                bid10 += bid;
                ask10 += ask;
                if (level <= 5)
                {
                    bid5 += bid;
                    ask5 += ask;
                }
            }
        }
        final Cli cli = Cli.run("flow", "-q", "--format", "json", "--symbols", "600519.SH",
            Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(cli.exit).as(cli.err).isZero();
        final JsonNode ind = JSON.readTree(cli.out).get("symbols").get(0).get("indicators");
        assertThat(ind.get("orderDifference5").asLong()).isEqualTo(bid5 - ask5);
        assertThat(ind.get("orderDifference10").asLong()).isEqualTo(bid10 - ask10);
        assertThat(ind.get("orderImbalance5").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(bid5 - ask5)
            .multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(bid5 + ask5), 6, RoundingMode.HALF_EVEN));
        assertThat(ind.get("orderImbalance10").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(bid10 - ask10)
            .multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(bid10 + ask10), 6, RoundingMode.HALF_EVEN));
        assertThat(bid5 + ask5).as("a real book").isPositive();
    }

    @Test
    void shouldSumASectorsSeedFlowsFromItsStocks() throws Exception
    {
        final Cli cli = Cli.run("flow", "-q", "--format", "json", Cli.sample("ddb-l2-20230201"));
        assertThat(cli.exit).as(cli.err).isZero();
        final JsonNode report = JSON.readTree(cli.out);
        JsonNode banks = null;
        for (final JsonNode s : report.get("sectors"))
        {
            banks = s.get("sector").asText().equals("银行") ? s : banks;
        }
        assertThat(banks).isNotNull();
        assertThat(banks.get("stocks").asInt()).isEqualTo(2); // 000001.SZ and 600000.SH in config/securities.csv
        for (final String method : List.of("priceChange", "upBuyDownSell"))
        {
            for (final String g : List.of("tick", "1m", "5m"))
            {
                for (final String side : List.of("in", "out"))
                {
                    BigDecimal sum = BigDecimal.ZERO;
                    for (final JsonNode s : report.get("symbols"))
                    {
                        if (!s.get("symbol").asText().equals("600519.SH"))
                        {
                            sum = sum.add(s.get("indicators").get("seed").get(method).get(g).get(side).decimalValue());
                        }
                    }
                    assertThat(banks.get("indicators").get("seed").get(method).get(g).get(side).decimalValue())
                        .as(method + " " + g + " " + side).isEqualByComparingTo(sum).isPositive();
                }
            }
        }
    }

    /**
     * The minutes command's MFI(14), CMF(20), OBV and A/D of 600519.SH's real 1-minute bars against ta4j on the same
     * bars (OHLCV as the command prints them). Where ta4j departs by design (its MFI clamps a window that only rose or
     * only fell; its CMF and A/D are NaN from a one-price bar on) the bar is not compared; the counts say how many
     * were.
     */
    @Test
    void shouldMatchTa4jOnTheRealMinuteBars() throws Exception
    {
        final Cli cli = Cli.run("minutes", "-q", "--symbol", "600519.SH", "--format", "json",
            Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(cli.exit).as(cli.err).isZero();
        final JsonNode bars = JSON.readTree(cli.out).get("bars");
        final BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DecimalNum.class).build();
        final ZonedDateTime start = ZonedDateTime.of(2023, 2, 1, 9, 31, 0, 0, ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < bars.size(); i++)
        {
            final JsonNode b = bars.get(i);
            series.addBar(new BaseBar(Duration.ofMinutes(1), start.plusMinutes(i), b.get("open").decimalValue(),
                b.get("high").decimalValue(), b.get("low").decimalValue(), b.get("close").decimalValue(),
                b.get("volume").decimalValue(), b.get("turnover").decimalValue()));
        }
        final int mfi = compare(bars, "mfi14", new MoneyFlowIndexIndicator(series, 14), 14, true);
        final int cmf = compare(bars, "cmf20", new ChaikinMoneyFlowIndicator(series, 20), 19, false);
        final int obv = compare(bars, "obv", new OnBalanceVolumeIndicator(series), 0, false);
        final int ad = compare(bars, "ad", new AccumulationDistributionIndicator(series), 0, false);
        assertThat(bars.size()).isEqualTo(238);
        assertThat(obv).isEqualTo(238);
        assertThat(mfi).isGreaterThan(200);
        assertThat(cmf).isGreaterThan(100);
        assertThat(ad).isGreaterThan(100);

        // the flow report's bar figures are the last bar's
        final Cli flow = Cli.run("flow", "-q", "--format", "json", "--symbols", "600519.SH",
            Cli.sample("ddb-l2-20230201/20230201.zip"));
        final JsonNode day = JSON.readTree(flow.out).get("symbols").get(0).get("indicators").get("bars");
        final JsonNode last = bars.get(bars.size() - 1);
        for (final String field : List.of("mfi14", "cmf20", "obv", "ad"))
        {
            assertThat(day.get(field).decimalValue()).as(field).isEqualByComparingTo(last.get(field).decimalValue());
        }
    }

    /** Compares a printed series with ta4j's from bar {@code first} on; returns the bars compared. */
    private static int compare(
        final JsonNode bars, final String field, final Indicator<Num> ta4j, final int first, final boolean clamps)
    {
        int compared = 0;
        for (int i = 0; i < bars.size(); i++)
        {
            final JsonNode ours = bars.get(i).get(field);
            if (i < first)
            {
                assertThat(ours.isNull()).as(field + " bar " + i).isTrue();
                continue;
            }
            final Num theirs = ta4j.getValue(i);
            if (theirs.isNaN())
            {
                continue;
            }
            if (clamps && (ours.decimalValue().signum() == 0 || ours.decimalValue().compareTo(BigDecimal.valueOf(100))
                == 0))
            {
                continue;
            }
            assertThat(ours.decimalValue().subtract(new BigDecimal(theirs.toString())).abs())
                .as(field + " bar " + i).isLessThanOrEqualTo(TOLERANCE);
            compared++;
        }
        return compared;
    }

    /**
     * Daily bars: the real 000001.SZ day of 2023-02-01 cut into 21 runs of consecutive fills, each stored as a day of
     * its own (the 21 trading days 2023-03-01 to 2023-03-29), so that each day has real prices and its own high, low,
     * close and volume.
     * The history command's daily MFI(14), CMF(20), OBV, A/D and RSI(14) equal ta4j's on bars built here from the
     * fills themselves, and its volume ratio the hand formula.
     */
    @Test
    void shouldMatchTa4jOnDailyBarsFromTheHistoryStore() throws Exception
    {
        final SampleDays sample = SampleDays.sz();
        final String header = sample.header;
        final List<String> fills = new ArrayList<>(sample.lines);
        final List<String> columns = List.of(header.split(","));
        final int priceAt = columns.indexOf("TradePrice");
        final int qtyAt = columns.indexOf("TradeQty");
        final int typeAt = columns.indexOf("ExecType");
        // 000001.SZ's fills (ExecType F; type 4 records are cancellations, priced 0)
        fills.removeIf(f -> !f.split(",")[5].equals("000001") || !f.split(",")[typeAt].equals("F"));
        final int days = 21;
        final List<String> file = new ArrayList<>(List.of(header));
        final BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DecimalNum.class).build();
        final long[] volume = new long[days];
        final int per = fills.size() / days;
        // the SSE/SZSE trading days of March 2023 (no holiday; weekends 4-5, 11-12, 18-19, 25-26 left out)
        final int[] march = {1, 2, 3, 6, 7, 8, 9, 10, 13, 14, 15, 16, 17, 20, 21, 22, 23, 24, 27, 28, 29};
        for (int d = 0; d < days; d++)
        {
            final String date = String.format("2023.03.%02d", march[d]);
            BigDecimal open = null, high = null, low = null, close = null;
            for (final String fill : fills.subList(d * per, d == days - 1 ? fills.size() : (d + 1) * per))
            {
                file.add(fill.replace("2023.02.01T", date + "T"));
                final String[] cells = fill.split(",");
                // the file's prices carry binary noise (7.400000000000001); the exchange's tick is 0.01 yuan
                final BigDecimal p = new BigDecimal(cells[priceAt]).setScale(4, RoundingMode.HALF_EVEN);
                open = open == null ? p : open;
                high = high == null || p.compareTo(high) > 0 ? p : high;
                low = low == null || p.compareTo(low) < 0 ? p : low;
                close = p;
                volume[d] += Long.parseLong(cells[qtyAt]);
            }
            series.addBar(new BaseBar(Duration.ofDays(1), ZonedDateTime.of(2023, 3, march[d], 15, 0, 0, 0,
                ZoneId.of("Asia/Shanghai")), open, high, low, close, BigDecimal.valueOf(volume[d]), BigDecimal.ZERO));
        }
        final Path input = dir.resolve("days.csv");
        Files.write(input, file);
        final Path data = dir.resolve("data");
        final Cli stored = Cli.run("close-day", "-q", "--data-dir", data.toString(), input.toString());
        assertThat(stored.exit).as(stored.err).isZero();
        final Cli cli = Cli.run("history", "000001.SZ", "--days", "30", "--format", "json", "--data-dir",
            data.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        final JsonNode rows = JSON.readTree(cli.out);
        assertThat(rows.size()).isEqualTo(days);
        for (int d = 0; d < days; d++)
        {
            assertThat(rows.get(d).get("volume").asLong()).isEqualTo(volume[d]);
        }
        final int mfi = compare(rows, "mfi14", new MoneyFlowIndexIndicator(series, 14), 14, true);
        final int cmf = compare(rows, "cmf20", new ChaikinMoneyFlowIndicator(series, 20), 19, false);
        final int obv = compare(rows, "obv", new OnBalanceVolumeIndicator(series), 0, false);
        final int ad = compare(rows, "ad", new AccumulationDistributionIndicator(series), 0, false);
        final int rsi = compare(rows, "rsi14", new RSIIndicator(new ClosePriceIndicator(series), 14), 14, true);
        assertThat(new int[] {mfi, cmf, obv, ad, rsi}).containsExactly(7, 2, 21, 21, 7);
        // volume ratio of a whole day: volume / (sum of the 5 days before / 5)
        for (int d = 0; d < days; d++)
        {
            final JsonNode ratio = rows.get(d).get("volumeRatio");
            if (d < 5)
            {
                assertThat(ratio.isNull()).isTrue();
                continue;
            }
            final long before = volume[d - 5] + volume[d - 4] + volume[d - 3] + volume[d - 2] + volume[d - 1];
            assertThat(ratio.decimalValue()).as("day " + d).isEqualByComparingTo(BigDecimal.valueOf(volume[d] * 5)
                .divide(BigDecimal.valueOf(before), 6, RoundingMode.HALF_EVEN));
        }
        // --days keeps the windows of the days before the ones shown
        final JsonNode latest = JSON.readTree(Cli.run("history", "000001.SZ", "--days", "1", "--format", "json",
            "--data-dir", data.toString()).out);
        assertThat(latest.get(0).get("mfi14").decimalValue()).isEqualByComparingTo(rows.get(days - 1).get("mfi14")
            .decimalValue());
    }
}

package io.moneyflow.feed;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.Samples;
import io.moneyflow.TestRuns;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.counters.SlotView;
import io.moneyflow.ring.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Files as vendors ship them: sorted by time, by stock, one per stock, trades and orders apart or in one archive.
 * Each stock's records must reach the engine in its exchange order whatever the order of the files, so every
 * arrangement of the same records gives the same digest. The expected values are the runs of the files as shipped
 * (whose totals other tests check against the exchanges' own), never numbers taken from this code.
 */
class InputOrderTest
{
    @TempDir
    Path dir;

    private static String digest(final EngineContext context, final List<Path> inputs)
    {
        try (Engine engine = Engine.launch(context))
        {
            engine.ingest(inputs, m -> { }, m -> { });
            assertThat(engine.exceptions().errors()).isZero();
            // the digest covers every counter of every stock and day, and the rejections by reason
            return CountersDigest.sha256(engine.counters());
        }
    }

    private static String digest(final List<Path> inputs)
    {
        return digest(new EngineContext(), inputs);
    }

    private static List<String> entry(final Path zip, final String name) throws IOException
    {
        try (ZipFile file = new ZipFile(zip.toFile()))
        {
            final ZipEntry entry = file.getEntry(name);
            try (InputStream in = file.getInputStream(entry))
            {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            }
        }
    }

    private static List<String> gunzip(final Path gz) throws IOException
    {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz)))
        {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** The header, then the rows sorted (stably) by a key. */
    private static List<String> sorted(final List<String> lines, final Comparator<String> by)
    {
        final List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        rows.sort(by);
        final List<String> out = new ArrayList<>();
        out.add(lines.get(0));
        out.addAll(rows);
        return out;
    }

    private static Comparator<String> byColumn(final int column)
    {
        return Comparator.comparing((String line) -> line.split(",", -1)[column]);
    }

    /** The rows of each value of a column, in a file of their own, header first. */
    private static Map<String, List<String>> split(final List<String> lines, final Function<String, String> key)
    {
        final Map<String, List<String>> parts = new LinkedHashMap<>();
        for (final String row : lines.subList(1, lines.size()))
        {
            parts.computeIfAbsent(key.apply(row), k -> new ArrayList<>(List.of(lines.get(0)))).add(row);
        }
        return parts;
    }

    private Path write(final String name, final List<String> lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
        return file;
    }

    private Path zip(final String name, final Map<String, List<String>> entries) throws IOException
    {
        final Path file = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(file)))
        {
            for (final Map.Entry<String, List<String>> e : entries.entrySet())
            {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write((String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }

    @Test
    void shouldGiveTheBundledDayTheSameDigestInEveryFileOrder() throws IOException
    {
        final Path sse = Samples.path("ddb-l2-20230201/20230201.zip");
        final Path trades = Samples.path("ddb-l2-20230201/tradeData.zip");
        // As shipped: tradeData.csv is sorted by stock (600000.SH, then 000001.SZ), 20230201.zip holds 600519.SH's
        // trades, orders and snapshots in three entries, each in time order.
        final String shipped = digest(List.of(sse, trades));

        final List<String> tradeData = entry(trades, "tradeData.csv");
        // tradeData by time (TradeTime, column 10)
        final Path byTime = write("by-time/tradeData.csv", sorted(tradeData, byColumn(10)));
        final List<Path> sseFiles = new ArrayList<>();
        for (final String name : List.of("trade.csv", "entrust.csv", "snapshot.csv"))
        {
            sseFiles.add(write("sse/20230201/" + name, entry(sse, "20230201/" + name)));
        }
        final List<Path> timeOrdered = new ArrayList<>(sseFiles);
        timeOrdered.add(byTime);
        assertThat(digest(timeOrdered)).isEqualTo(shipped);

        // one file per stock, the files in another order than the stocks'
        final List<Path> perStock = new ArrayList<>();
        for (final Map.Entry<String, List<String>> e : split(tradeData, l -> l.split(",", -1)[5]).entrySet())
        {
            perStock.add(0, write("per-stock/" + e.getKey() + ".csv", e.getValue()));
        }
        perStock.add(dir.resolve("sse"));
        assertThat(digest(perStock)).isEqualTo(shipped);

        // the time-ordered trades and 600519.SH's files in one archive
        final Map<String, List<String>> together = new LinkedHashMap<>();
        together.put("20230201/trade.csv", entry(sse, "20230201/trade.csv"));
        together.put("20230201/tradeData.csv", Files.readAllLines(byTime));
        together.put("20230201/entrust.csv", entry(sse, "20230201/entrust.csv"));
        together.put("20230201/snapshot.csv", entry(sse, "20230201/snapshot.csv"));
        assertThat(digest(List.of(zip("together.zip", together)))).isEqualTo(shipped);

        // sorted in runs of 10,000 records written to disk and merged: the same
        assertThat(digest(new EngineContext().sortRunRecords(10_000).sortDir(Files.createDirectories(
            dir.resolve("runs"))), List.of(sse, trades))).isEqualTo(shipped);
        try (var left = Files.list(dir.resolve("runs")))
        {
            assertThat(left).as("sorted runs are deleted").isEmpty();
        }
    }

    @Test
    void shouldGiveAMultiDayFileSortedByStockTheDigestOfTheSameRecordsByTime() throws IOException
    {
        // Six stocks over two days (2019-02-01 and 2019-02-11), sorted by stock, then time.
        final Path shipped = Samples.path("tdx-level1-201902/trans.csv.gz");
        final String expected = digest(List.of(shipped));
        final List<String> lines = gunzip(shipped);
        // datetime (column 1) is yyyyMMddHHmmss, so its text sorts by time
        assertThat(digest(List.of(write("by-time.csv", sorted(lines, byColumn(1)))))).isEqualTo(expected);
        final List<Path> perDay = new ArrayList<>();
        for (final Map.Entry<String, List<String>> e : split(lines, l -> l.split(",", -1)[1].substring(0, 8))
            .entrySet())
        {
            perDay.add(write("per-day/" + e.getKey() + ".csv", e.getValue()));
        }
        assertThat(digest(perDay)).isEqualTo(expected);
        final List<Path> perStock = new ArrayList<>();
        for (final Map.Entry<String, List<String>> e : split(lines, l -> l.split(",", -1)[0]).entrySet())
        {
            perStock.add(write("per-stock/" + e.getKey() + ".csv", e.getValue()));
        }
        // one file per stock, each holding both days
        assertThat(digest(perStock)).isEqualTo(expected);
    }

    /**
     * Two SSE stocks with their order streams (balances after fills on arrival), in a trade file and an order file
     * each sorted by stock, then time: the layout vendors most often ship. The second stock is the real 600519.SH day
     * again under another code, so both stocks must end with the flows 600519.SH has alone, to the last counter.
     */
    @Test
    void shouldGiveEachStockOfFilesSortedByStockTheFlowsItHasAlone() throws IOException
    {
        final Path sse = Samples.path("ddb-l2-20230201/20230201.zip");
        final TestRuns.Result alone = TestRuns.run(new EngineContext(), sse);
        final List<Path> byStock = new ArrayList<>();
        final List<Path> byTime = new ArrayList<>();
        for (final String name : List.of("trade.csv", "entrust.csv", "snapshot.csv"))
        {
            final List<String> lines = entry(sse, "20230201/" + name);
            final int symbolColumn = List.of(lines.get(0).split(",")).indexOf("SecurityID");
            final List<String> both = new ArrayList<>(lines);
            for (final String row : lines.subList(1, lines.size()))
            {
                final String[] f = row.split(",", -1);
                f[symbolColumn] = "600518";
                both.add(String.join(",", f));
            }
            // 600518 first, then 600519, each in its own time order
            byStock.add(write("by-stock/20230201/" + name, sorted(both, byColumn(symbolColumn))));
            // UpdateTime, TradTime, OrderTime
            final int timeColumn = name.equals("snapshot.csv") ? 0 : 4;
            byTime.add(write("by-time/20230201/" + name, sorted(both, byColumn(timeColumn))));
        }
        final TestRuns.Result result = TestRuns.run(new EngineContext(), byStock.toArray(new Path[0]));
        assertThat(result.log.rejectedTotal()).isZero();
        assertSameFlows(result.slot("600518.SH"), alone.slot("600519.SH"));
        assertSameFlows(result.slot("600519.SH"), alone.slot("600519.SH"));
        assertThat(digest(byStock)).isEqualTo(digest(byTime));
    }

    private static void assertSameFlows(final SlotView actual, final SlotView expected)
    {
        for (final DayField f : DayField.values())
        {
            assertThat(actual.day(f)).as("%s %s", actual.symbol(), f).isEqualTo(expected.day(f));
        }
        for (int c = 0; c < expected.classCount(); c++)
        {
            for (final ClassField f : ClassField.values())
            {
                assertThat(actual.classValue(c, f)).as("%s class %d %s", actual.symbol(), c, f)
                    .isEqualTo(expected.classValue(c, f));
            }
        }
        for (int b = 0; b < expected.barCount(); b++)
        {
            for (final BarField f : BarField.values())
            {
                assertThat(actual.bar(b, f)).as("%s bar %d %s", actual.symbol(), b, f).isEqualTo(expected.bar(b, f));
            }
            for (int c = 0; c < expected.classCount(); c++)
            {
                for (final BarClassField f : BarClassField.values())
                {
                    assertThat(actual.barClass(b, c, f)).isEqualTo(expected.barClass(b, c, f));
                }
            }
        }
    }

    /**
     * Issue 11: in DolphinDB's 600000.SH tutorial day, line 1002's time set to 14:55 made the next 24,869 records
     * "time-backwards". The stray record alone is rejected, and the day equals the day without that line.
     */
    @Test
    void shouldRejectAStrayTimeAloneAndKeepEveryRecordBehindIt() throws IOException
    {
        final List<String> lines = gunzip(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        final List<String> stray = new ArrayList<>(lines);
        stray.set(1001, lines.get(1001).replace("2020.01.02T09:31:05.000", "2020.01.02T14:55:00.000"));
        assertThat(stray.get(1001)).contains("T14:55:00.000");
        final List<String> without = new ArrayList<>(lines);
        without.remove(1001);

        final TestRuns.Result result = TestRuns.run(new EngineContext(), write("stray.csv", stray));
        assertThat(result.log.rejected().get(RejectReason.TIME_OUTLIER)).isEqualTo(1);
        assertThat(result.log.rejectedTotal()).isEqualTo(1);
        assertThat(result.log.samples(RejectReason.TIME_OUTLIER).get(0)).contains("stray.csv:1002: time-outlier")
            .contains("14:55:00.000");
        final TestRuns.Result clean = TestRuns.run(new EngineContext(), write("without.csv", without));
        assertSameFlows(result.slot("600000.SH"), clean.slot("600000.SH"));
        assertThat(result.slot("600000.SH").day(DayField.TRADES)).isEqualTo(lines.size() - 2);

        // a record that goes back is still rejected alone, as before
        final List<String> back = new ArrayList<>(lines);
        back.set(20001, lines.get(20001).replaceFirst("T1\\d:\\d\\d", "T09:30"));
        final TestRuns.Result backwards = TestRuns.run(new EngineContext(), write("back.csv", back));
        assertThat(backwards.log.rejected().get(RejectReason.TIME_BACKWARDS)).isEqualTo(1);
        assertThat(backwards.log.rejectedTotal()).isEqualTo(1);
    }

    /**
     * A sparse stock in a file sorted by stock: its second trade hours after its first, and the next stock's first
     * record early in the day. That is no stray time: nothing is rejected.
     */
    @Test
    void shouldNotTakeTheLastTradeOfASparseStockForAStrayTime() throws IOException
    {
        final String header = "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum";
        final Path file = write("sparse.csv", List.of(header,
            "600001,XSHG,2020.01.02T09:30:00.000,10.00,100,1000,2,1",
            "600001,XSHG,2020.01.02T09:30:00.500,10.00,100,1000,4,3",
            "600002,XSHG,2020.01.02T09:25:00.000,10.00,100,1000,6,5",
            "600002,XSHG,2020.01.02T14:00:00.000,10.00,100,1000,8,7",
            "600003,XSHG,2020.01.02T09:25:00.200,10.00,100,1000,10,9",
            "600003,XSHG,2020.01.02T09:31:00.000,10.00,100,1000,12,11"));
        final TestRuns.Result result = TestRuns.run(new EngineContext(), file);
        assertThat(result.log.rejectedTotal()).isZero();
        assertThat(result.slot("600002.SH").day(DayField.TRADES)).isEqualTo(2);
    }

    private static final String DENSE_LAYOUT = String.join("\n",
        "name = dense-test",
        "[trade]",
        "match = ChannelNo, ApplSeqNum, BidApplSeqNum, OfferApplSeqNum, SecurityID, TradePrice, TradeQty, TradeTime",
        "symbol = SecurityID",
        "exchange.default = SZ",
        "datetime = TradeTime",
        "datetime.format = yyyy.MM.ddTHH:mm:ss.SSS",
        "price = TradePrice",
        "qty = TradeQty",
        "buyNo = BidApplSeqNum",
        "sellNo = OfferApplSeqNum",
        "channel = ChannelNo",
        "seq = ApplSeqNum",
        "seq.dense = true",
        "");

    private static String denseRow(final int seq, final String code, final String time)
    {
        return "2011," + seq + "," + (1000 + seq) + "," + seq + "," + code + ",10.00,100,2023.02.01T" + time;
    }

    /**
     * A vendor whose channel numbers disagree with time across stocks: 000001's numbers 1 to 6 come after 000002's
     * 7 to 12 in time. By time or by stock, every number is delivered once, so none is a duplicate and none is
     * missing; the same file given twice is all duplicates; a number left out is one gap.
     */
    @Test
    void shouldJudgeADenseChannelByItsNumbersWhateverTheirOrderInTime() throws IOException
    {
        final EngineContext dense = new EngineContext().layouts(Layouts.bundled().with(List.of(
            Layout.parse(DENSE_LAYOUT, "dense-test"))));
        final String header = "ChannelNo,ApplSeqNum,BidApplSeqNum,OfferApplSeqNum,SecurityID,TradePrice,TradeQty," +
            "TradeTime";
        final List<String> a = new ArrayList<>();
        final List<String> b = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            a.add(denseRow(1 + i, "000001", "09:30:0" + i + ".000"));
            b.add(denseRow(7 + i, "000002", "09:29:0" + i + ".000"));
        }
        final List<String> byStock = new ArrayList<>(List.of(header));
        byStock.addAll(a);
        byStock.addAll(b);
        final List<String> byTime = new ArrayList<>(List.of(header));
        byTime.addAll(b);
        byTime.addAll(a);
        for (final List<String> lines : List.of(byStock, byTime))
        {
            final Path file = write("dense-" + lines.get(1).substring(5, 7) + ".csv", lines);
            final TestRuns.Result result = TestRuns.run(dense, file);
            assertThat(result.log.rejectedTotal()).as(String.join("\n", result.messages)).isZero();
            assertThat(result.log.gaps()).isZero();
            assertThat(result.slot("000001.SZ").day(DayField.TRADES) + result.slot("000002.SZ").day(DayField.TRADES))
                .isEqualTo(12);
            final TestRuns.Result twice = TestRuns.run(dense, file, file);
            assertThat(twice.log.rejected().get(RejectReason.DUPLICATE)).isEqualTo(12);
            assertThat(twice.log.gaps()).isZero();
        }
        final List<String> holed = new ArrayList<>(byTime);
        holed.remove(denseRow(4, "000001", "09:30:03.000"));
        final TestRuns.Result gap = TestRuns.run(dense, write("holed.csv", holed));
        assertThat(gap.log.rejectedTotal()).isZero();
        assertThat(gap.log.gaps()).isEqualTo(1);
        assertThat(gap.log.missing()).isEqualTo(1);
    }
}

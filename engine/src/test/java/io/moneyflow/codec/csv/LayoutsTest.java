package io.moneyflow.codec.csv;

import io.moneyflow.EngineContext;
import io.moneyflow.Samples;
import io.moneyflow.TestRuns;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.feed.InputFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LayoutsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldShipTheFourLayoutsTestedOnRealDataAndTheSyntheticDays()
    {
        assertThat(Layouts.bundled().names())
            .containsExactlyInAnyOrder("ddb-l2", "ddb-tutorial", "sse-raw", "tdx-level1", "mf-gen");
    }

    @Test
    void shouldReadTheBundledLayoutsOnceWhetherReadAheadOrNot() throws IOException
    {
        // the layout files of config/layouts, which the build puts in the jar
        final List<String> files;
        try (java.util.stream.Stream<Path> listed = Files.list(Path.of("../config/layouts")))
        {
            files = listed.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".layout"))
                .map(n -> n.substring(0, n.length() - ".layout".length())).sorted().toList();
        }
        Layouts.readAhead();
        final Layouts read = Layouts.bundled();
        assertThat(read.all()).extracting(Layout::name).containsExactlyElementsOf(files);
        assertThat(Layouts.bundled()).isSameAs(read);
    }

    @Test
    void shouldRecogniseEachBundledFileFromItsHeader()
    {
        final Layouts layouts = Layouts.bundled();
        assertThat(layouts.recognise(List.of("ChannelNo", "ApplSeqNum", "MDStreamID", "BidApplSeqNum",
            "OfferApplSeqNum", "SecurityID", "SecurityIDSource", "TradePrice", "TradeQty", "ExecType", "TradeTime",
            "LocalTime", "SeqNo", "DataStatus", "TradeMoney", "TradeBSFlag", "BizIndex", "OrderKind", "Market"), null)
            .layout().name()).isEqualTo("ddb-l2");
        assertThat(layouts.recognise(List.of("DataStatus", "TradeIndex", "TradeChan", "SecurityID", "TradTime",
            "TradPrice", "TradVolume", "TradeMoney", "TradeBuyNo", "TradeSellNo", "TradeBSFlag", "BizIndex",
            "LocalTime", "SeqNo"), null).section().kind()).isEqualTo(RecordLayout.TRADE);
        assertThat(layouts.recognise(List.of("DataStatus", "OrderIndex", "OrderChannel", "SecurityID", "OrderTime",
            "OrderType", "OrderNO", "OrderPrice", "Balance", "OrderBSFlag", "BizIndex", "LocalTime", "SeqNo"), null)
            .section().kind()).isEqualTo(RecordLayout.ORDER);
        assertThat(layouts.recognise(List.of("SecurityID", "Market", "TradeTime", "TradePrice", "TradeQty",
            "TradeAmount", "BuyNum", "SellNum"), null).layout().name()).isEqualTo("ddb-tutorial");
        assertThat(layouts.recognise(List.of("symbol", "datetime", "price", "vol_lots", "buyorsell"), null)
            .layout().name()).isEqualTo("tdx-level1");
        assertThatThrownBy(() -> layouts.recognise(List.of("a", "b"), null))
            .hasMessageContaining("no known layout matches");
    }

    @Test
    void shouldReadAllThreeKindsOfTheSseRawDayInOneRun()
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext(), Samples.path("ddb-l2-20230201/20230201.zip"));
        assertThat(result.slot("600519.SH").day(DayField.SNAPSHOTS)).isEqualTo(5_109);
        assertThat(result.slot("600519.SH").day(DayField.BUY_ORDERS)).isPositive();
        assertThat(result.slot("600519.SH").day(DayField.TRADES)).isEqualTo(27_135);
    }

    @Test
    void shouldReadANewVendorsFileFromAUserLayoutWithoutCode() throws IOException
    {
        // A made-up vendor: tab-separated, headerless, prices in 1/1000 yuan, HTSC-style flags 1/2/0.
        final Path layout = dir.resolve("vendor.layout");
        Files.writeString(layout, String.join("\n",
            "name = vendor-x",
            "delimiter = tab",
            "[trade]",
            "columns = code, day, clock, px, vol, bno, sno, bs",
            "symbol = code",
            "date = day",
            "date.format = yyyyMMdd",
            "time = clock",
            "time.format = HHmmssSSS",
            "price = px",
            "price.scale = 1000",
            "qty = vol",
            "buyNo = bno",
            "sellNo = sno",
            "flag = bs",
            "flag.B = 1",
            "flag.S = 2",
            "flag.N = 0",
            ""));
        final Path file = dir.resolve("vendor.txt");
        Files.writeString(file, "600000\t20230201\t100000000\t7400\t100\t20\t10\t1\n" +
            "600000\t20230201\t100000120\t7410\t300\t21\t30\t2\n");
        final EngineContext context = new EngineContext().forcedLayout(Layouts.load(layout));
        final TestRuns.Result result = TestRuns.run(context, file);
        assertThat(result.log.rejectedTotal()).isZero();
        // 7.400 x 100 + 7.410 x 300 = 740 + 2,223 = 2,963 yuan; one buyer-, one seller-initiated
        assertThat(result.slot("600000.SH").day(DayField.TURNOVER)).isEqualTo(2_963L * 10_000);
        assertThat(result.slot("600000.SH").day(DayField.OUTER_VOLUME)).isEqualTo(100);
        assertThat(result.slot("600000.SH").day(DayField.INNER_VOLUME)).isEqualTo(300);
    }

    @Test
    void shouldExplainLayoutMistakes()
    {
        assertThatThrownBy(() -> Layout.parse("name = x\n[trade]\nmatch = a\nsymbol = a\nprise = b\n", "x.layout"))
            .hasMessageContaining("unknown key 'prise'");
        assertThatThrownBy(() -> Layout.parse("[trade]\nmatch = a\n", "x.layout")).hasMessageContaining("name");
        assertThatThrownBy(() -> Layout.parse("name = x\n[quotes]\nmatch = a\n", "x.layout"))
            .hasMessageContaining("unknown section [quotes]");
        assertThatThrownBy(() -> Layout.parse("name = x\n[trade]\nmatch = a\nsymbol = a\ndatetime = t\n" +
            "datetime.format = yyyyMMdd\nprice = p\nqty = q\nflag = f\n", "x.layout"))
            .hasMessageContaining("needs its codes");
    }

    @Test
    void shouldRefuseAFileTheForcedLayoutDoesNotDescribe()
    {
        final EngineContext context = new EngineContext().forcedLayout(Layouts.bundled().resolve("tdx-level1"));
        assertThatThrownBy(() -> TestRuns.run(context, Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")))
            .isInstanceOf(InputFiles.InputException.class)
            .hasMessageContaining("no section of layout 'tdx-level1' matches");
    }

    @Test
    void shouldSkipUnrecognisedFilesInADirectoryWithANote()
    {
        final TestRuns.Result result = TestRuns.run(new EngineContext(), Samples.path("ddb-sse-600000-20200102"));
        assertThat(result.log.skipped()).singleElement().asString().endsWith("published_dolphindb_minute_flow_600000.csv");
        assertThat(result.slot("600000.SH").day(DayField.TRADES)).isEqualTo(26_169);
    }

    @Test
    void shouldNameAMissingInput()
    {
        assertThatThrownBy(() -> InputFiles.expand(List.of(dir.resolve("nope.csv"))))
            .hasMessage("input not found: " + dir.resolve("nope.csv"));
    }
}

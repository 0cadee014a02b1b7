package io.moneyflow;

import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.SlotView;
import io.moneyflow.feed.RunLog;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bad input is rejected with file, line and reason, counted, and never costs the good records around it.
 */
class BadInputTest
{
    private static final String HEADER = "ChannelNo,ApplSeqNum,MDStreamID,BidApplSeqNum,OfferApplSeqNum,SecurityID," +
        "SecurityIDSource,TradePrice,TradeQty,ExecType,TradeTime,LocalTime,SeqNo,DataStatus,TradeMoney,TradeBSFlag," +
        "BizIndex,OrderKind,Market";

    @TempDir
    Path dir;

    private static String row(final int seq, final String price, final String qty, final String exec,
        final String time, final String flag)
    {
        return "2013," + seq + ",011,20" + seq + ",10" + seq + ",000001,102," + price + "," + qty + "," + exec +
            ",2023.02.01T" + time + ",,,,," + flag + ",,,SZ";
    }

    @Test
    void shouldRejectEachBadLineWithFileLineAndReasonAndKeepTheGoodOnes() throws IOException
    {
        final Path file = dir.resolve("mixed.csv");
        final List<String> lines = List.of(
            HEADER,
            row(1, "14.70", "100", "F", "10:00:00.000", ""),                   // line 2 good: 1,470.00
            "2013,2,011,202,102,000001",                                      // line 3 too few fields
            row(3, "-14.70", "100", "F", "10:00:01.000", ""),                  // line 4 negative price
            row(4, "14.71", "200", "F", "10:00:02.000", ""),                   // line 5 good: 2,942.00
            row(5, "0", "100", "F", "10:00:03.000", ""),                       // line 6 zero price on a fill
            row(6, "14.72", "0", "F", "10:00:04.000", ""),                     // line 7 zero quantity
            row(7, "14.72", "-5", "F", "10:00:05.000", ""),                    // line 8 negative quantity
            row(8, "14.72", "100", "X", "10:00:06.000", ""),                   // line 9 unknown exec type
            row(9, "14.72", "100", "F", "10:00:07.000", "Q"),                  // line 10 unknown flag
            row(10, "14.72", "100", "F", "25:00:07.000", ""),                  // line 11 bad time
            row(11, "fourteen", "100", "F", "10:00:08.000", ""),               // line 12 price not a number
            row(12, "14.73", "300", "F", "10:00:09.000", "").replace(",000001,", ",ABC,"), // line 13 bad symbol
            row(13, "14.73", "300", "F", "10:00:10.000", ""),                  // line 14 good: 4,419.00
            "2013,14,\"011,204,104,000001,102,14.73,300,F,2023.02.01T10:00:11.000,,,,,,,,,SZ", // line 15 open quote
            row(15, "0", "500", "4", "10:00:12.000", ""),                      // line 16 a cancel: excluded, counted
            row(16, "14.74", "100", "F", "10:00:13.000", "")                   // line 17 good: 1,474.00
        );
        Files.write(file, lines, StandardCharsets.UTF_8);

        final TestRuns.Result result = TestRuns.run(new EngineContext(), file);
        final RunLog log = result.log;

        assertThat(log.rejected().get(RejectReason.MALFORMED)).isEqualTo(3);
        assertThat(log.rejected().get(RejectReason.NON_POSITIVE_PRICE)).isEqualTo(2);
        assertThat(log.rejected().get(RejectReason.NON_POSITIVE_QTY)).isEqualTo(2);
        assertThat(log.rejected().get(RejectReason.UNKNOWN_CODE)).isEqualTo(2);
        assertThat(log.rejected().get(RejectReason.BAD_TIME)).isEqualTo(1);
        assertThat(log.rejected().get(RejectReason.BAD_SYMBOL)).isEqualTo(1);
        assertThat(log.rejectedTotal()).isEqualTo(11);
        assertThat(log.samples(RejectReason.NON_POSITIVE_PRICE)).containsExactly(
            file + ":4: non-positive-price: TradePrice = '-14.70'",
            file + ":6: non-positive-price: TradePrice = '0'");
        assertThat(log.samples(RejectReason.MALFORMED)).anySatisfy(s -> assertThat(s).startsWith(file + ":3: malformed"));
        assertThat(log.samples(RejectReason.MALFORMED)).anySatisfy(s -> assertThat(s).startsWith(file + ":12: malformed"));
        assertThat(log.samples(RejectReason.MALFORMED)).anySatisfy(s -> assertThat(s).startsWith(file + ":15: malformed"));
        assertThat(log.samples(RejectReason.UNKNOWN_CODE)).containsExactly(
            file + ":9: unknown-code: ExecType = 'X'",
            file + ":10: unknown-code: TradeBSFlag = 'Q'");
        assertThat(log.samples(RejectReason.BAD_TIME)).containsExactly(
            file + ":11: bad-time: TradeTime = '2023.02.01T25:00:07.000'");
        assertThat(result.messages).anySatisfy(m -> assertThat(m).startsWith("rejected " + file + ":7: non-positive-qty"));

        final SlotView v = result.slot("000001.SZ");
        assertThat(v.day(DayField.TRADES)).isEqualTo(4);
        assertThat(v.day(DayField.VOLUME)).isEqualTo(700);
        // 1,470.00 + 2,942.00 + 4,419.00 + 1,474.00 = 10,305.00 yuan
        assertThat(v.day(DayField.TURNOVER)).isEqualTo(10_305L * 10_000);
        assertThat(v.day(DayField.CANCELS)).isEqualTo(1);
        assertThat(v.day(DayField.CANCEL_VOLUME)).isEqualTo(500);
    }

    @Test
    void shouldCountEveryCompleteLineOfATruncatedZipAndRejectTheCutOne() throws IOException
    {
        final byte[] whole = Files.readAllBytes(Samples.path("ddb-l2-20230201/tradeData.zip"));
        final byte[] cut = Arrays.copyOf(whole, whole.length * 3 / 5);
        final Path file = dir.resolve("truncated.zip");
        Files.write(file, cut);

        // Count the complete data lines an independent reader gets out of the same bytes.
        final long complete = completeLines(new ZipInputStream(new ByteArrayInputStream(cut)), true) - 1;

        final TestRuns.Result result = TestRuns.run(new EngineContext(), file);
        assertThat(result.log.rejected().get(RejectReason.TRUNCATED)).isEqualTo(1);
        assertThat(result.log.rejectedTotal()).isEqualTo(1);
        assertThat(result.log.samples(RejectReason.TRUNCATED).get(0)).startsWith(file + "!tradeData.csv:");
        long records = 0;
        for (final SlotView v : result.slots.values())
        {
            records += v.day(DayField.TRADES) + v.day(DayField.CANCELS);
        }
        assertThat(complete).isGreaterThan(50_000);
        assertThat(records).isEqualTo(complete);
    }

    @Test
    void shouldCountEveryCompleteLineOfATruncatedGzip() throws IOException
    {
        final byte[] whole = Files.readAllBytes(Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz"));
        final byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        final Path file = dir.resolve("truncated.csv.gz");
        Files.write(file, cut);
        final long complete = completeLines(new GZIPInputStream(new ByteArrayInputStream(cut)), false) - 1;

        final TestRuns.Result result = TestRuns.run(new EngineContext(), file);
        assertThat(result.log.rejected().get(RejectReason.TRUNCATED)).isEqualTo(1);
        assertThat(result.slot("600000.SH").day(DayField.TRADES)).isEqualTo(complete);
        assertThat(complete).isGreaterThan(5_000);
    }

    private static long completeLines(final InputStream in, final boolean zip) throws IOException
    {
        if (zip)
        {
            ((ZipInputStream)in).getNextEntry();
        }
        long newlines = 0;
        final byte[] buffer = new byte[8192];
        try
        {
            int n;
            while ((n = in.read(buffer)) > 0)
            {
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] == '\n')
                    {
                        newlines++;
                    }
                }
            }
        }
        catch (final IOException expected)
        {
            // the stream is cut: everything up to here counted
        }
        return newlines;
    }

    @Test
    void shouldDropDuplicatesSoThatTheSameFileTwiceCountsOnce()
    {
        final Path day = Samples.path("ddb-l2-20230201/tradeData.zip");
        final TestRuns.Result once = TestRuns.run(new EngineContext(), day);
        final TestRuns.Result twice = TestRuns.run(new EngineContext(), day, day);

        // tradeData.csv has 181,683 rows, each with a channel sequence number: the second copy is all duplicates.
        assertThat(twice.log.rejected().get(RejectReason.DUPLICATE)).isEqualTo(181_683);
        for (final String symbol : List.of("000001.SZ", "600000.SH"))
        {
            for (final DayField field : DayField.values())
            {
                assertThat(twice.slot(symbol).day(field)).as(symbol + " " + field).isEqualTo(once.slot(symbol).day(field));
            }
        }
    }

    @Test
    void shouldRejectTimeGoingBackwardsBeyondTheBound() throws IOException
    {
        final Path file = dir.resolve("backwards.csv");
        Files.write(file, List.of(
            "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum",
            "600000,XSHG,2020.01.02T10:00:05.000,12.50,100,1250,20,10",
            "600000,XSHG,2020.01.02T10:00:04.500,12.50,100,1250,21,11",   // 0.5 s back: within the 1 s bound
            "600000,XSHG,2020.01.02T10:00:02.000,12.50,100,1250,22,12",   // 3 s back: rejected
            "600000,XSHG,2020.01.02T10:00:06.000,12.50,100,1250,23,13"));
        final TestRuns.Result result = TestRuns.run(new EngineContext(), file);
        assertThat(result.log.rejected().get(RejectReason.TIME_BACKWARDS)).isEqualTo(1);
        assertThat(result.log.samples(RejectReason.TIME_BACKWARDS).get(0)).startsWith(file + ":4: time-backwards");
        assertThat(result.slot("600000.SH").day(DayField.TRADES)).isEqualTo(3);
    }

    @Test
    void shouldReportGapsOnADenseSequenceWithoutRejectingAnything() throws IOException
    {
        final Path layout = dir.resolve("dense.layout");
        Files.writeString(layout, String.join("\n",
            "name = dense-test",
            "[trade]",
            "match = sym, ts, px, qty, seq",
            "symbol = sym",
            "datetime = ts",
            "datetime.format = yyyyMMddHHmmssSSS",
            "price = px",
            "qty = qty",
            "channel = ch",
            "seq = seq",
            "seq.dense = true", ""));
        final Path file = dir.resolve("dense.csv");
        Files.write(file, List.of("sym,ts,px,qty,seq,ch",
            "600000.SH,20230201100000000,7.40,100,1,1",
            "600000.SH,20230201100001000,7.40,100,2,1",
            "600000.SH,20230201100002000,7.41,100,5,1",      // 3 and 4 missing
            "600000.SH,20230201100003000,7.41,100,5,1",      // duplicate of 5
            "600000.SH,20230201100004000,7.42,100,6,1"));
        final EngineContext context = new EngineContext().layouts(Layouts.bundled().with(List.of(Layouts.load(layout))));
        final TestRuns.Result result = TestRuns.run(context, file);
        assertThat(result.log.gaps()).isEqualTo(1);
        assertThat(result.log.missing()).isEqualTo(2);
        assertThat(result.log.rejected().get(RejectReason.DUPLICATE)).isEqualTo(1);
        assertThat(result.slot("600000.SH").day(DayField.TRADES)).isEqualTo(4);
    }

    @Test
    void shouldProcessAndReportASymbolMissingFromTheReferenceData() throws IOException
    {
        final Path securities = dir.resolve("securities.csv");
        Files.writeString(securities, ReferenceData.HEADER + "\n600519.SH,贵州茅台,SH,白酒,,1256197800,,1845.76\n");
        final TestRuns.Result result = TestRuns.run(new EngineContext().reference(ReferenceData.load(securities)),
            Samples.path("ddb-l2-20230201/tradeData.zip"));
        assertThat(result.log.unknownSymbols()).containsExactly("600000.SH", "000001.SZ");
        assertThat(result.slot("000001.SZ").securityId()).isEqualTo(-1);
        assertThat(result.slot("000001.SZ").day(DayField.TRADES)).isEqualTo(133_815);
    }
}

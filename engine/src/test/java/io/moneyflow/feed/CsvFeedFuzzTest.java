package io.moneyflow.feed;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz test of the file path from bytes to the ring (Jazzer): a file of each bundled layout (its real header, then
 * the fuzzer's lines) goes through the line reader, the CSV splitter, the layout's record decoder (numbers, noisy
 * prices, times, codes, symbols) and the {@link Feed}'s checks, exactly as in {@code moneyflow flow}. Plain
 * {@code mvn test} runs it on the regression corpus in {@code CsvFeedFuzzTestInputs/}, which starts from real lines
 * of the bundled sample files; {@code JAZZER_FUZZ=1} fuzzes it (docs/FUZZING.md).
 * <p>
 * What must hold, whatever the lines hold: nothing throws; every record that reaches the ring makes sense
 * ({@link RecordChecks}); every line that is not empty (a line of spaces is rejected as malformed) is either published or rejected, exactly once, under its own
 * line number.
 */
class CsvFeedFuzzTest
{
    /** The files the bundled layouts read: a name (some layouts take the date from it) and the real header. */
    private static final String[][] FILES = {
        {"tradeData.csv", "ChannelNo,ApplSeqNum,MDStreamID,BidApplSeqNum,OfferApplSeqNum,SecurityID,SecurityIDSource," +
            "TradePrice,TradeQty,ExecType,TradeTime,LocalTime,SeqNo,DataStatus,TradeMoney,TradeBSFlag,BizIndex," +
            "OrderKind,Market"},
        {"20230201/trade.csv", "DataStatus,TradeIndex,TradeChan,SecurityID,TradTime,TradPrice,TradVolume,TradeMoney," +
            "TradeBuyNo,TradeSellNo,TradeBSFlag,BizIndex,LocalTime,SeqNo"},
        {"20230201/entrust.csv", "DataStatus,OrderIndex,OrderChannel,SecurityID,OrderTime,OrderType,OrderNO," +
            "OrderPrice,Balance,OrderBSFlag,BizIndex,LocalTime,SeqNo"},
        {"20230201/snapshot.csv", snapshotHeader()},
        {"20200102_SH_trade.csv", "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum"},
        {"trans.csv", "symbol,datetime,price,vol_lots,buyorsell"},
    };
    private static final Layouts LAYOUTS = Layouts.bundled();

    private static String snapshotHeader()
    {
        final StringBuilder header = new StringBuilder("UpdateTime,SecurityID,ImageStatus,PreCloPrice,OpenPrice," +
            "HighPrice,LowPrice,LastPrice,ClosePrice,InstruStatus,TradNumber,TradVolume,Turnover");
        for (int i = 1; i <= 10; i++)
        {
            header.append(",BidPrice").append(i).append(",BidVolume").append(i)
                .append(",AskPrice").append(i).append(",AskVolume").append(i);
        }
        return header.toString();
    }

    /**
     * @param input first byte: which file (its value modulo the number of layouts' files); the rest: the lines after
     *              the header.
     */
    @FuzzTest(maxDuration = "10m")
    void everyLineIsPublishedOrRejectedOnceAndOnlySaneRecordsReachTheRing(final byte[] input)
    {
        if (input.length < 1)
        {
            return;
        }
        final String[] file = FILES[(input[0] & 0xFF) % FILES.length];
        final byte[] header = (file[1] + "\n").getBytes(StandardCharsets.US_ASCII);
        final byte[] bytes = new byte[header.length + input.length - 1];
        System.arraycopy(header, 0, bytes, 0, header.length);
        System.arraycopy(input, 1, bytes, header.length, input.length - 1);

        final Checker checker = new Checker();
        final Feed feed = new Feed(checker, LAYOUTS, null, new SymbolTable(ReferenceData.empty(), 64, 64), 64, 1000,
            checker);
        feed.run(List.of(new MemoryInput(file[0], bytes)));

        final Map<Long, Integer> expected = new TreeMap<>();
        for (final long line : nonEmptyDataLines(bytes))
        {
            expected.put(line, 1);
        }
        assertThat(checker.lines).as("line numbers published or rejected").isEqualTo(expected);
        assertThat(feed.position()).as("input positions").isEqualTo(checker.positions);
    }

    /** Lines as the line reader cuts them: at '\n', without a '\r' before it; empty lines are skipped. */
    private static List<Long> nonEmptyDataLines(final byte[] bytes)
    {
        final List<Long> lines = new ArrayList<>();
        long number = 0;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++)
        {
            if (i == bytes.length && start == bytes.length)
            {
                break;
            }
            if (i == bytes.length || bytes[i] == '\n')
            {
                number++;
                int end = i;
                if (end > start && bytes[end - 1] == '\r')
                {
                    end--;
                }
                if (number > 1 && end > start)
                {
                    lines.add(number);
                }
                start = i + 1;
            }
        }
        return lines;
    }

    /** One file held in memory. */
    private static final class MemoryInput implements InputFiles.Input
    {
        private final String label;
        private final byte[] bytes;
        private boolean opened;
        private InputStream stream;

        MemoryInput(final String label, final byte[] bytes)
        {
            this.label = label;
            this.bytes = bytes;
        }

        @Override
        public String label()
        {
            return label;
        }

        @Override
        public boolean discovered()
        {
            return false;
        }

        @Override
        public boolean nextStream()
        {
            if (opened)
            {
                stream = null;
                return false;
            }
            opened = true;
            stream = new ByteArrayInputStream(bytes);
            return true;
        }

        @Override
        public String streamLabel()
        {
            return label;
        }

        @Override
        public InputFiles.Input reopen()
        {
            return new MemoryInput(label, bytes);
        }

        @Override
        public InputStream stream()
        {
            return stream;
        }

        @Override
        public void close()
        {
            stream = null;
        }
    }

    /** The ring and the listener: checks every record published, tallies line numbers. */
    private static final class Checker implements RecordSink, FeedListener
    {
        private final Map<Long, Integer> lines = new TreeMap<>();
        private long positions;
        private long lastPosition;

        @Override
        public void publish(final TickEvent e)
        {
            if (e.type == TickEvent.GAP || e.type == TickEvent.GAP_SLOT)
            {
                return;
            }
            RecordChecks.assertSane(e);
            assertThat(e.position).as("position").isGreaterThan(lastPosition);
            lastPosition = e.position;
            positions++;
            lines.merge(e.line, 1, Integer::sum);
        }

        @Override
        public boolean wantsDetail(final RejectReason reason)
        {
            return true;
        }

        @Override
        public void onReject(final RejectReason reason, final String source, final long line, final String detail)
        {
            positions++;
            lines.merge(line, 1, Integer::sum);
        }

    }
}

package io.moneyflow.feed;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live feed releases each dense channel's records in sequence order, whatever order they arrive in; positions
 * follow on in the order records reach the ring; a hole holds the records behind it until it fills or is declared a
 * gap; a record rejected for its content still fills its number. Expected orders worked out by hand.
 */
class FeedInOrderTest
{
    private final List<String> published = new ArrayList<>();
    private final List<String> gaps = new ArrayList<>();
    private final List<String> rejects = new ArrayList<>();
    private final Feed feed;

    FeedInOrderTest()
    {
        final FeedListener listener = new FeedListener()
        {
            @Override
            public boolean wantsDetail(final RejectReason reason)
            {
                return true;
            }

            @Override
            public void onReject(final RejectReason reason, final String source, final long line, final String detail)
            {
                rejects.add(reason.label() + "@" + line);
            }

            @Override
            public void onGap(final int channel, final long from, final long to, final List<String> symbols)
            {
                gaps.add(channel + ":" + from + "-" + to);
            }

        };
        final RecordSink sink = e ->
        {
            switch (e.type)
            {
                case TickEvent.TRADE -> published.add("T" + e.sequence + "#" + e.position);
                case TickEvent.GAP -> published.add("GAP" + e.buyNo + "-" + e.sellNo);
                default ->
                {
                }
            }
        };
        feed = new Feed(sink, Layouts.bundled(), null, new SymbolTable(ReferenceData.empty(), 64, 64), 64, 1000,
            listener);
        feed.denseSequences(true, true);
        feed.releaseInOrder(true);
    }

    private static TickEvent trade(final long seq, final int timeMs)
    {
        final TickEvent e = new TickEvent();
        e.clearInput();
        e.type = TickEvent.TRADE;
        e.symbolKey = SymbolCodes.parse("000001.SZ");
        e.date = 20230201;
        e.timeMs = timeMs;
        e.price = 100_000;
        e.qty = 100;
        e.amount = e.price * e.qty;
        e.channel = 2011;
        e.sequence = seq;
        e.denseSequence = true;
        e.sourceId = 0;
        e.line = seq;
        return e;
    }

    @Test
    void shouldReleaseSwappedRecordsInSequenceOrderWithPositionsInThatOrder()
    {
        // 2 arrives before 1, 4 before 3; 4's time is 5 s after 3's, which would be rejected as time-backwards if
        // the records were taken in arrival order
        feed.acceptLive(trade(2, 34_200_000), "live");
        assertThat(published).as("2 waits for 1").isEmpty();
        feed.acceptLive(trade(1, 34_200_000), "live");
        feed.acceptLive(trade(4, 34_210_000), "live");
        feed.acceptLive(trade(3, 34_205_000), "live");
        feed.finishChannels();
        assertThat(published).containsExactly("T1#1", "T2#2", "T3#3", "T4#4");
        assertThat(rejects).isEmpty();
        assertThat(gaps).isEmpty();
    }

    @Test
    void shouldReleaseTheRecordsBehindAHoleAfterItsGap()
    {
        feed.acceptLive(trade(1, 34_200_000), "live");
        feed.acceptLive(trade(3, 34_200_000), "live");
        feed.acceptLive(trade(4, 34_200_000), "live");
        feed.acceptLive(trade(3, 34_200_000), "live");
        assertThat(published).containsExactly("T1#1");
        assertThat(rejects).as("3 again, while held: a duplicate").containsExactly("duplicate@3");
        feed.channelHeartbeat(2011, 5, true);
        // the duplicate took position 2 when it was reported
        assertThat(published).containsExactly("T1#1", "GAP2-2", "T3#3", "T4#4", "GAP5-5");
        assertThat(gaps).containsExactly("2011:2-2", "2011:5-5");
    }

    @Test
    void shouldCountARecordRejectedForItsContentAsArrivedNotMissing()
    {
        feed.acceptLive(trade(1, 34_200_000), "live");
        feed.acceptLive(trade(3, 34_200_000), "live");
        final TickEvent bad = trade(2, 34_200_000);
        feed.rejectSequenced(bad, RejectReason.NON_POSITIVE_PRICE, "live", "LastPx", null, 0, 0);
        feed.finishChannels();
        assertThat(rejects).containsExactly("non-positive-price@2");
        assertThat(gaps).isEmpty();
        assertThat(published).containsExactly("T1#1", "T3#3");
    }
}

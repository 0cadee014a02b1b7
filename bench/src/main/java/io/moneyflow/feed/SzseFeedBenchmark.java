package io.moneyflow.feed;

import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.codec.szse.SzseDescriptor;
import io.moneyflow.codec.szse.SzseEncoder;
import io.moneyflow.codec.szse.SzseFrame;
import io.moneyflow.codec.szse.SzseFrameReader;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.IntArrayList;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The live feed's per-frame work on real records: cut one SZSE Binary frame from the received bytes (length and
 * checksum), decode it (300191 or 300192), check it against the feed's state (symbol, slot, channel sequence, time)
 * and hand it to the ring's publisher. The frames are the 181,683 records of tradeData.zip (000001.SZ and 600000.SH,
 * 2023-02-01) encoded as SZSE Binary and held in a direct buffer, as a socket read leaves them; the publisher only
 * counts, so the ring is not measured. After each pass the sequence numbers are moved on by the pass's length (and
 * the checksums redone) so that the next pass is new to the channel sequences; that rewrite, once per 181,683 frames,
 * is inside the measurement. Run with {@code -prof gc}: it must show about 0 B/op.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class SzseFeedBenchmark
{
    @Param({"data/sample/ddb-l2-20230201/tradeData.zip"})
    public String sample;

    private UnsafeBuffer frames;
    private final IntArrayList starts = new IntArrayList();
    private final IntArrayList lengths = new IntArrayList();
    private final Int2IntHashMap perChannel = new Int2IntHashMap(0);
    private final SzseFrameReader reader = new SzseFrameReader();
    private SzseFeed szse;
    private int next;
    private long published;

    @Setup
    public void setUp()
    {
        final int capacity = 1 << 12;
        final UnsafeBuffer encoded = new UnsafeBuffer(ByteBuffer.allocateDirect(64 << 20));
        final int[] at = {0};
        final Feed source = new Feed(e ->
        {
            if (e.type != TickEvent.TRADE && e.type != TickEvent.CANCEL && e.type != TickEvent.ORDER)
            {
                return;
            }
            final int channel = e.channel > 0 && e.channel <= 0xFFFF ? e.channel : 1;
            final int seq = perChannel.get(channel) + 1;
            perChannel.put(channel, seq);
            final int length = e.type == TickEvent.ORDER ? SzseEncoder.order(encoded, at[0], e, channel, seq) :
                SzseEncoder.trade(encoded, at[0], e, channel, seq);
            starts.addInt(at[0]);
            lengths.addInt(length);
            at[0] += length;
        }, Layouts.bundled(), null, new SymbolTable(ReferenceData.empty(), capacity, capacity), capacity,
            Integer.MAX_VALUE, Quiet.INSTANCE);
        source.run(InputFiles.expand(List.of(Path.of(sample).toAbsolutePath())));
        frames = encoded;

        // the engine's side: a live feed, releasing in sequence order, whose publisher counts
        final Feed feed = new Feed(e -> published++, Layouts.bundled(), null,
            new SymbolTable(ReferenceData.empty(), capacity, capacity), capacity, Integer.MAX_VALUE, Quiet.INSTANCE);
        feed.denseSequences(true, true);
        feed.releaseInOrder(true);
        szse = new SzseFeed(feed, "bench");
        szse.arrived(System.nanoTime());
    }

    /**
     * @return records published so far, so that nothing is optimised away.
     */
    @Benchmark
    public long readDecodeAndCheckOneFrame()
    {
        final int i = next;
        reader.read(frames, starts.getInt(i), lengths.getInt(i), szse);
        if (i + 1 == starts.size())
        {
            nextPass();
            next = 0;
        }
        else
        {
            next = i + 1;
        }
        return published;
    }

    private void nextPass()
    {
        for (int i = 0; i < starts.size(); i++)
        {
            final int start = starts.getInt(i);
            final int body = start + SzseDescriptor.HEADER_LENGTH;
            final int channel = frames.getShort(body, SzseFrame.ORDER) & 0xFFFF;
            frames.putLong(body + 2, frames.getLong(body + 2, SzseFrame.ORDER) + perChannel.get(channel),
                SzseFrame.ORDER);
            SzseFrame.putTrailer(frames, start, lengths.getInt(i) - SzseDescriptor.HEADER_LENGTH -
                SzseDescriptor.TRAILER_LENGTH);
        }
    }

    /** Says nothing. */
    private enum Quiet implements FeedListener
    {
        INSTANCE;

        @Override
        public boolean wantsDetail(final RejectReason reason)
        {
            return false;
        }

        @Override
        public void onReject(final RejectReason reason, final String source, final long line, final String detail)
        {
            throw new IllegalStateException("rejected " + source + ":" + line + " " + reason);
        }

        @Override
        public void onGap(final int channel, final long from, final long to, final List<String> symbols)
        {
            throw new IllegalStateException("gap " + channel + " " + from + "-" + to);
        }

    }
}

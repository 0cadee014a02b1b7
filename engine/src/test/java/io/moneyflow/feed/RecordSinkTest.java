package io.moneyflow.feed;

import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.moneyflow.ring.CountingExceptionHandler;
import io.moneyflow.ring.IdleWork;
import io.moneyflow.ring.TickEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class RecordSinkTest
{
    @Test
    void shouldDoTheStagesIdleWorkWhileTheRingIsFullThenPublish()
    {
        final RingBuffer<TickEvent> ring = RingBuffer.createSingleProducer(TickEvent::new, 4, new YieldingWaitStrategy());
        // a stage that has processed nothing: the ring is full after four records
        final Sequence stage = new Sequence(-1);
        ring.addGatingSequences(stage);
        final List<Integer> times = new ArrayList<>();
        // the idle work: on its third slice the stage catches up with everything published
        final IdleWork idle = timeMs ->
        {
            times.add(timeMs);
            if (times.size() == 3)
            {
                stage.set(ring.getCursor());
            }
            return true;
        };
        final RecordSink sink = RecordSink.of(ring, new CountingExceptionHandler(n -> { }), idle);
        final TickEvent record = new TickEvent();
        record.type = TickEvent.TRADE;
        for (int i = 0; i < 5; i++)
        {
            record.timeMs = 34_200_000 + i;
            sink.publish(record);
        }
        sink.flush();
        // no slice while there was room; three while the fifth record waited, each told the latest record's time
        assertThat(times).containsExactly(34_200_003, 34_200_003, 34_200_003);
        assertThat(ring.getCursor()).isEqualTo(4);
        assertThat(ring.get(4).timeMs).isEqualTo(34_200_004);
    }

    @Test
    void shouldWaitAsBeforeWhenTheIdleWorkHasNothingToDo()
    {
        final RingBuffer<TickEvent> ring = RingBuffer.createSingleProducer(TickEvent::new, 2, new YieldingWaitStrategy());
        final Sequence stage = new Sequence(-1);
        ring.addGatingSequences(stage);
        final AtomicInteger slices = new AtomicInteger();
        final IdleWork idle = timeMs -> slices.incrementAndGet() < 0;
        final RecordSink sink = RecordSink.of(ring, new CountingExceptionHandler(n -> { }), idle);
        final Thread consumer = new Thread(() ->
        {
            // the stage catches up after a while, whatever the feed does meanwhile
            while (slices.get() < 50)
            {
                Thread.onSpinWait();
            }
            stage.set(1);
        });
        consumer.setDaemon(true);
        consumer.start();
        final TickEvent record = new TickEvent();
        record.type = TickEvent.TRADE;
        for (int i = 0; i < 3; i++)
        {
            sink.publish(record);
        }
        sink.flush();
        assertThat(ring.getCursor()).isEqualTo(2);
        assertThat(slices.get()).as("asked, found nothing, waited, asked again").isGreaterThanOrEqualTo(50);
    }
}

package io.moneyflow.ring;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staging events (no text buffer, no book arrays until a record needs them) must carry every record as a whole event
 * does.
 */
class TickEventTest
{
    private static TickEvent snapshot()
    {
        final TickEvent e = new TickEvent();
        e.type = TickEvent.SNAPSHOT;
        e.slot = 3;
        e.timeMs = 34_200_000;
        e.last = 100_500;
        e.prevClose = 99_000;
        e.cumTrades = 12;
        e.cumVolume = 3_400;
        e.cumTurnover = 341_700_000;
        e.levels = TickEvent.LEVELS;
        for (int i = 0; i < TickEvent.LEVELS; i++)
        {
            e.bidPrice[i] = 100_400 - 100L * i;
            e.bidQty[i] = 100L * (i + 1);
            e.askPrice[i] = 100_600 + 100L * i;
            e.askQty[i] = 200L * (i + 1);
        }
        return e;
    }

    @Test
    void shouldStartAStagingEventWithoutTextOrBook()
    {
        final TickEvent e = TickEvent.staging();
        assertThat(e.raw).isNull();
        assertThat(e.bidPrice).isNull();
        e.clearInput();
        assertThat(e.slot).isEqualTo(-1);
    }

    @Test
    void shouldCopyASnapshotIntoAStagingEventAndClearItAfter()
    {
        final TickEvent whole = snapshot();
        final TickEvent staging = TickEvent.staging();
        staging.copyInput(whole);
        assertThat(staging.levels).isEqualTo(TickEvent.LEVELS);
        assertThat(staging.bidPrice).containsExactly(whole.bidPrice);
        assertThat(staging.bidQty).containsExactly(whole.bidQty);
        assertThat(staging.askPrice).containsExactly(whole.askPrice);
        assertThat(staging.askQty).containsExactly(whole.askQty);
        assertThat(staging.cumTurnover).isEqualTo(341_700_000);

        // and back into a ring event, as the feed publishes it
        final TickEvent ring = new TickEvent();
        ring.copyInput(staging);
        assertThat(ring.askQty).containsExactly(whole.askQty);

        staging.clearInput();
        assertThat(staging.levels).isZero();
        assertThat(staging.bidPrice).containsOnly(0L);
        assertThat(staging.askQty).containsOnly(0L);
    }

    @Test
    void shouldKeepTheTextOfARejectionInAStagingEvent()
    {
        final byte[] line = "600000.SH,20230201,bad,line".getBytes(StandardCharsets.US_ASCII);
        final TickEvent staging = TickEvent.staging();
        staging.raw(line, 10, 8);
        assertThat(new String(staging.raw, 0, staging.rawLength, StandardCharsets.US_ASCII)).isEqualTo("20230201");

        final TickEvent reject = new TickEvent();
        reject.type = TickEvent.REJECT;
        reject.raw(line, 0, line.length);
        final TickEvent other = TickEvent.staging();
        other.copyInput(reject);
        assertThat(new String(other.raw, 0, other.rawLength, StandardCharsets.US_ASCII))
            .isEqualTo("600000.SH,20230201,bad,line");
        assertThat(other.bidPrice).isNull();
    }

    @Test
    void shouldCutATextLongerThanTheBuffer()
    {
        final byte[] text = new byte[TickEvent.RAW_CAPACITY + 40];
        java.util.Arrays.fill(text, (byte)'x');
        final TickEvent staging = TickEvent.staging();
        staging.raw(text, 0, text.length);
        assertThat(staging.rawLength).isEqualTo(TickEvent.RAW_CAPACITY);
        assertThat(staging.rawBuffer()).hasSize(TickEvent.RAW_CAPACITY);
    }
}

package io.moneyflow.feed;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.moneyflow.feed.ChannelSequence.DUPLICATE;
import static io.moneyflow.feed.ChannelSequence.LATE;
import static io.moneyflow.feed.ChannelSequence.NEW;
import static io.moneyflow.feed.ChannelSequence.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A dense channel sequence, by hand: which numbers are new, late or duplicate, and which gaps are declared when.
 */
class ChannelSequenceTest
{
    private final List<String> gaps = new ArrayList<>();
    private final ChannelSequence.Gaps sink = (sequence, from, to) -> gaps.add(from + "-" + to);

    @Test
    void shouldTakeNumbersInOrderWithoutGaps()
    {
        final ChannelSequence s = new ChannelSequence(2011, 20230201, 0, true);
        for (long seq = 1; seq <= 10_000; seq++)
        {
            assertThat(s.offer(seq, sink)).isEqualTo(NEW);
        }
        s.finish(10_000, sink);
        assertThat(gaps).isEmpty();
    }

    @Test
    void shouldFillAHoleWithALateNumberAndDeclareNothing()
    {
        final ChannelSequence s = new ChannelSequence(1, 20230201, 0, true);
        assertThat(s.offer(2, sink)).isEqualTo(NEW);
        assertThat(s.offer(1, sink)).isEqualTo(LATE);
        assertThat(s.offer(4, sink)).isEqualTo(NEW);
        assertThat(s.offer(3, sink)).isEqualTo(LATE);
        assertThat(s.late()).isEqualTo(2);
        s.finish(4, sink);
        assertThat(gaps).isEmpty();
    }

    @Test
    void shouldCallARepeatADuplicateInsideAndBelowTheWindow()
    {
        final ChannelSequence s = new ChannelSequence(1, 20230201, 0, true);
        for (long seq = 1; seq <= WINDOW + 10; seq++)
        {
            s.offer(seq, sink);
        }
        assertThat(s.offer(WINDOW + 5, sink)).isEqualTo(DUPLICATE);
        assertThat(s.offer(3, sink)).as("below the window").isEqualTo(DUPLICATE);
        assertThat(gaps).isEmpty();
    }

    @Test
    void shouldDeclareAHoleWhenTheWindowPassesIt()
    {
        final ChannelSequence s = new ChannelSequence(1, 20230201, 0, true);
        s.offer(1, sink);
        s.offer(2, sink);
        // 3 and 4 missing
        for (long seq = 5; seq < 3 + WINDOW; seq++)
        {
            s.offer(seq, sink);
        }
        assertThat(gaps).as("3 may still come").isEmpty();
        s.offer(3 + WINDOW, sink);
        assertThat(gaps).as("3 fell out of the window").containsExactly("3-3");
        s.offer(4 + WINDOW, sink);
        assertThat(gaps).containsExactly("3-3", "4-4");
        assertThat(s.offer(4, sink)).as("too late: counted as a duplicate, never twice").isEqualTo(DUPLICATE);
    }

    @Test
    void shouldDeclareAJumpBeyondTheWindowAtOnce()
    {
        final ChannelSequence s = new ChannelSequence(1, 20230201, 0, true);
        s.offer(1, sink);
        s.offer(10 + 2L * WINDOW, sink);
        assertThat(gaps).containsExactly("2-" + (9 + 2L * WINDOW));
    }

    @Test
    void shouldDeclareMissingFirstNumbersOfALiveChannelButNotOfAFile()
    {
        final ChannelSequence live = new ChannelSequence(1, 20230201, 0, true);
        live.offer(4, sink);
        live.finish(0, sink);
        assertThat(gaps).containsExactly("1-3");
        gaps.clear();
        final ChannelSequence file = new ChannelSequence(1, 20230201, 0, false);
        file.offer(4, sink);
        file.offer(5, sink);
        file.finish(0, sink);
        assertThat(gaps).as("a file may start anywhere").isEmpty();
    }

    @Test
    void shouldDeclareTheTailTheChannelsEndAnnounces()
    {
        final ChannelSequence s = new ChannelSequence(1, 20230201, 0, true);
        s.offer(1, sink);
        s.offer(3, sink);
        s.announce(7, false, sink);
        assertThat(gaps).as("not ended yet").isEmpty();
        s.announce(7, true, sink);
        assertThat(gaps).containsExactly("2-2", "4-7");
    }

    @Test
    void shouldReportRunsOfConsecutiveMissingNumbersAsOneGap()
    {
        final ChannelSequence s = new ChannelSequence(1, 20230201, 0, true);
        s.offer(1, sink);
        s.offer(5, sink);
        s.offer(6, sink);
        s.offer(9, sink);
        s.finish(0, sink);
        assertThat(gaps).containsExactly("2-4", "7-8");
    }

    @Test
    void shouldReleaseInOrderAroundAHole()
    {
        final ChannelSequence s = new ChannelSequence(1, 20230201, 0, true);
        s.offer(1, sink);
        assertThat(s.isNext(1)).isTrue();
        s.released(1);
        s.offer(3, sink);
        assertThat(s.isNext(3)).as("2 is missing").isFalse();
        final io.moneyflow.ring.TickEvent three = new io.moneyflow.ring.TickEvent();
        three.sequence = 3;
        s.hold(three);
        assertThat(s.takeNext()).as("2 is not held").isNull();
        s.offer(2, sink);
        assertThat(s.isNext(2)).isTrue();
        s.released(2);
        assertThat(s.takeNext().sequence).isEqualTo(3);
        s.released(3);
        assertThat(s.takeNext()).isNull();
        assertThat(s.isNext(4)).isTrue();
    }
}

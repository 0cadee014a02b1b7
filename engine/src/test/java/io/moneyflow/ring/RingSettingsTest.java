package io.moneyflow.ring;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.BusySpinWaitStrategy;
import com.lmax.disruptor.SleepingWaitStrategy;
import com.lmax.disruptor.YieldingWaitStrategy;
import io.moneyflow.EngineContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The ring's settings as the engine takes them: typed, parsed once from their command-line names. */
class RingSettingsTest
{
    @Test
    void shouldParseEachWaitByItsNameInAnyCaseAndMakeItsStrategy()
    {
        assertThat(RingWait.parse("blocking").newStrategy()).isInstanceOf(BlockingWaitStrategy.class);
        assertThat(RingWait.parse("Sleeping").newStrategy()).isInstanceOf(SleepingWaitStrategy.class);
        assertThat(RingWait.parse("YIELDING").newStrategy()).isInstanceOf(YieldingWaitStrategy.class);
        assertThat(RingWait.parse("busy-spin").newStrategy()).isInstanceOf(BusySpinWaitStrategy.class);
        for (final RingWait wait : RingWait.values())
        {
            assertThat(RingWait.parse(wait.label())).isEqualTo(wait);
        }
        assertThatThrownBy(() -> RingWait.parse("busyspin"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown wait strategy 'busyspin': expected blocking, sleeping, yielding or busy-spin");
    }

    @Test
    void shouldFuseTheStagesBelowFourProcessorsUnlessTold()
    {
        assertThat(Pipeline.parse("auto").fused(2)).isTrue();
        assertThat(Pipeline.parse("auto").fused(3)).isTrue();
        assertThat(Pipeline.parse("AUTO").fused(4)).isFalse();
        assertThat(Pipeline.parse("split").fused(2)).isFalse();
        assertThat(Pipeline.parse("fused").fused(64)).isTrue();
        assertThatThrownBy(() -> Pipeline.parse("two"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("unknown pipeline 'two': expected auto, split or fused");
    }

    @Test
    void shouldDefaultToBlockingAndAutoAndRefuseNull()
    {
        final EngineContext context = new EngineContext();
        assertThat(context.waitStrategy()).isEqualTo(RingWait.BLOCKING);
        assertThat(context.pipeline()).isEqualTo(Pipeline.AUTO);
        assertThatThrownBy(() -> context.waitStrategy(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> context.pipeline(null)).isInstanceOf(NullPointerException.class);
    }
}

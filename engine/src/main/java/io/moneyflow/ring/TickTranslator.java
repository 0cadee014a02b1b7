package io.moneyflow.ring;

import com.lmax.disruptor.EventTranslatorOneArg;

/**
 * Copies a decoded record into the next ring slot. Stateless, so one static instance serves every publish and no
 * lambda is captured.
 */
public final class TickTranslator implements EventTranslatorOneArg<TickEvent, TickEvent>
{
    /** The only instance. */
    public static final TickTranslator INSTANCE = new TickTranslator();

    private TickTranslator()
    {
    }

    @Override
    public void translateTo(final TickEvent event, final long sequence, final TickEvent decoded)
    {
        event.copyInput(decoded);
    }
}

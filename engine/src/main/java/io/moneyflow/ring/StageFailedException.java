package io.moneyflow.ring;

/**
 * A ring stage has died (its thread ended on an error it cannot go on from, such as a write into a full disk), so the
 * run cannot go on: nothing more can reach the counters or the journal. Thrown to the thread that feeds the ring, or
 * waits on it, instead of letting it wait for ever. Its message is one line for a person.
 */
public final class StageFailedException extends IllegalStateException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what stopped, and why.
     */
    public StageFailedException(final String message)
    {
        super(message);
    }
}

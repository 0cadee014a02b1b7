package io.moneyflow.journal;

/**
 * A journal the engine cannot use as it is: damaged, or holding another run. Its message is one line for a person,
 * naming what to do.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong and what to do about it.
     */
    public JournalException(final String message)
    {
        super(message);
    }
}

package io.moneyflow.ring;

/**
 * Work the feed thread does for the stages while the ring is full, instead of waiting for room: memory the stages will
 * soon write is faulted in (and zeroed) here, so that the stage thread, the engine's bound when the ring is full, does
 * not stop for it. Done a slice at a time, each a few tens of microseconds, far less than the stages take to drain a
 * full ring, so a slice never leaves them without records. Feed thread only.
 */
@FunctionalInterface
public interface IdleWork
{
    /** No work: the feed waits for room as the ring's own {@code next()} would. */
    IdleWork NONE = timeMs -> false;

    /**
     * Does one slice of work, if there is any.
     *
     * @param timeMs the time (ms since midnight) of the latest record the feed published: where the stages are about
     *               to be in the day.
     * @return true when it did some work; false when there is nothing to do for now, and the feed may wait.
     */
    boolean work(int timeMs);

    /**
     * @param first  work done first.
     * @param second work done when the first has none.
     * @return both, the first preferred.
     */
    static IdleWork both(final IdleWork first, final IdleWork second)
    {
        return timeMs -> first.work(timeMs) || second.work(timeMs);
    }
}

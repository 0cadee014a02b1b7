package io.moneyflow.ring;

/**
 * Waiting for the engine's own threads to end before what they use is closed. An interrupt of the waiting thread
 * (a live run stopped by Ctrl-C or by its caller) must not cut the wait short: the stages and the pager read and
 * write memory-mapped files, and a thread still touching a file after it is unmapped crashes the JVM (SIGSEGV).
 */
public final class Joins
{
    private Joins()
    {
    }

    /**
     * Waits for a thread to end, through interrupts, which are kept for the caller.
     *
     * @param thread    the thread.
     * @param timeoutMs the longest wait, or 0 for no limit.
     * @return true when the thread has ended.
     */
    public static boolean uninterruptibly(final Thread thread, final long timeoutMs)
    {
        final long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        boolean interrupted = false;
        try
        {
            while (thread.isAlive())
            {
                final long leftMs = timeoutMs == 0 ? 0 : (deadline - System.nanoTime()) / 1_000_000L;
                if (timeoutMs != 0 && leftMs <= 0)
                {
                    break;
                }
                try
                {
                    thread.join(leftMs);
                }
                catch (final InterruptedException ex)
                {
                    interrupted = true;
                }
            }
        }
        finally
        {
            if (interrupted)
            {
                Thread.currentThread().interrupt();
            }
        }
        return !thread.isAlive();
    }
}

package io.moneyflow.sim;

import java.util.concurrent.CompletableFuture;

/**
 * The test gateway served on a thread of its own, as the live-feed tests run it against a client in the test's thread.
 */
final class Serve
{
    private Serve()
    {
    }

    /**
     * @param server the gateway.
     * @return what it injected, once it has served a client everything ({@link SzseFeedServer#serve()}); completed
     *         exceptionally when serving failed.
     */
    static CompletableFuture<SzseFeedServer.Faults> async(final SzseFeedServer server)
    {
        return CompletableFuture.supplyAsync(() ->
        {
            try
            {
                return server.serve();
            }
            catch (final Exception ex)
            {
                throw new RuntimeException(ex);
            }
        });
    }
}

package io.moneyflow.feed;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.RunLog;
import io.moneyflow.Samples;
import io.moneyflow.counters.CountersDigest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SzseLoopbackTest
{
    private static final Path DAY = Samples.path("ddb-l2-20230201/tradeData.zip");
    /** 600519.SH: SSE trades, orders (Balance semantics, deletions) and snapshots. */
    private static final Path SSE_DAY = Samples.path("ddb-l2-20230201/20230201.zip");

    private static String fileDigest(final Path day)
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            engine.ingest(List.of(day));
            return CountersDigest.sha256(engine.counters());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldComputeOverTheWireWhatItComputesFromTheFile() throws Exception
    {
        assertThat(serveAndRun(DAY)).isEqualTo(181_683);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldComputeOverTheWireWhatItComputesFromTheFileForSseOrdersAndSnapshots() throws Exception
    {
        // trade.csv 27,135 + entrust.csv 54,735 + snapshot.csv 5,109
        assertThat(serveAndRun(SSE_DAY)).isEqualTo(27_135 + 54_735 + 5_109);
    }

    private static long serveAndRun(final Path day) throws Exception
    {
        final List<String> serverLog = new ArrayList<>();
        try (SzseFeedServer server = new SzseFeedServer(0, List.of(day), Layouts.bundled(), null, 0, Set.of(), 0, 1,
            null, serverLog::add))
        {
            final CompletableFuture<SzseFeedServer.Faults> served = CompletableFuture.supplyAsync(() ->
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
            final List<String> messages = new ArrayList<>();
            try (Engine engine = Engine.launch(new EngineContext()))
            {
                final Engine.LiveRun run = engine.runLive(new SzseSession.Config("127.0.0.1", server.port(), "client",
                    "gateway", "", 5, true), messages::add, s -> { });
                assertThat(run.outcome()).isEqualTo(SzseSession.Outcome.CHANNELS_ENDED);
                final RunLog log = run.log();
                assertThat(log.rejectedTotal()).as(messages.toString()).isZero();
                assertThat(log.gaps()).isZero();
                assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(fileDigest(day));
            }
            return served.get(30, TimeUnit.SECONDS).framesSent;
        }
    }
}

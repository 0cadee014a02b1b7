package io.moneyflow.sim;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.Samples;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.feed.SzseSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11, item 7: one idle connection that never logged on blocked {@code feed-serve} for everyone (the server
 * read its logon without a timeout, one connection at a time). Connections are now served independently, and one
 * that does not log on in time is closed.
 */
class SzseFeedServerTest
{
    private static final Path DAY = Samples.path("ddb-l2-20230201/tradeData.zip");

    private static String fileDigest()
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            engine.ingest(List.of(DAY));
            return CountersDigest.sha256(engine.counters());
        }
    }

    private static String liveDigest(final int port, final String sender, final List<String> messages)
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            final Engine.LiveRun run = engine.runLive(new SzseSession.Config("127.0.0.1", port, sender, "gateway", "",
                5, true), messages::add, s -> { });
            assertThat(run.outcome()).as(messages.toString()).isEqualTo(SzseSession.Outcome.CHANNELS_ENDED);
            return CountersDigest.sha256(engine.counters());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldServeAClientWhileAnotherConnectionNeverLogsOnAndCloseThatOne() throws Exception
    {
        final List<String> serverLog = new CopyOnWriteArrayList<>();
        try (SzseFeedServer server = new SzseFeedServer(0, List.of(DAY), Layouts.bundled(), null, 0, Set.of(), 0, 1,
            null, serverLog::add).logonTimeoutMs(1_000);
             Socket idle = new Socket("127.0.0.1", server.port()))
        {
            final CompletableFuture<SzseFeedServer.Faults> served = Serve.async(server);
            // the idle connection came first and says nothing; the client is served all the same
            final List<String> messages = new CopyOnWriteArrayList<>();
            assertThat(liveDigest(server.port(), "client", messages)).isEqualTo(fileDigest());
            assertThat(served.get(60, TimeUnit.SECONDS).framesSent).isEqualTo(181_683);
            // and the idle one was closed after the logon timeout: its read ends
            idle.setSoTimeout(30_000);
            final InputStream in = idle.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
            assertThat(serverLog).anyMatch(m -> m.startsWith("closing the connection from ") &&
                m.endsWith(": no logon within 1000 ms"));
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldServeTwoClientsAtOnceEachItsOwnStream() throws Exception
    {
        final String expected = fileDigest();
        try (SzseFeedServer server = new SzseFeedServer(0, List.of(DAY), Layouts.bundled(), null, 100_000, Set.of(),
            0, 1, null, m -> { }))
        {
            final CompletableFuture<SzseFeedServer.Faults> served = Serve.async(server);
            final CompletableFuture<String> first = CompletableFuture.supplyAsync(() ->
                liveDigest(server.port(), "first", new CopyOnWriteArrayList<>()));
            final CompletableFuture<String> second = CompletableFuture.supplyAsync(() ->
                liveDigest(server.port(), "second", new CopyOnWriteArrayList<>()));
            // each client gets the whole day, at the server's pace, while the other is served too
            assertThat(first.get(90, TimeUnit.SECONDS)).isEqualTo(expected);
            assertThat(second.get(90, TimeUnit.SECONDS)).isEqualTo(expected);
            assertThat(served.get(60, TimeUnit.SECONDS).framesSent).isEqualTo(181_683);
        }
    }
}

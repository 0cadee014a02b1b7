package io.moneyflow.sim;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.Samples;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.codec.szse.SzseEncoder;
import io.moneyflow.feed.SzseSession;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The client session's care: a refused logon stops it with a clear line; a silent gateway is noticed and the session
 * reconnects; an unreachable gateway is retried with backoff and reported once.
 */
class SzseSessionTest
{
    private static final Path DAY = Samples.path("ddb-l2-20230201/tradeData.zip");

    /**
     * A gateway that reads each logon and answers it, then does with the connection only what the test asks; it
     * counts the connections and keeps them open until {@link #closeConnections()}.
     */
    private static final class LogonOnlyGateway implements AutoCloseable
    {
        final AtomicInteger connections = new AtomicInteger();
        private final List<Socket> open = new CopyOnWriteArrayList<>();
        private final ServerSocket socket = new ServerSocket(0);

        /**
         * @param afterLogon given each connection, and the buffer holding the logon reply, once the reply is sent.
         */
        LogonOnlyGateway(final BiConsumer<Socket, UnsafeBuffer> afterLogon) throws IOException
        {
            final Thread acceptor = new Thread(() ->
            {
                try
                {
                    while (true)
                    {
                        final Socket client = socket.accept();
                        open.add(client);
                        connections.incrementAndGet();
                        final InputStream in = client.getInputStream();
                        in.readNBytes(8 + 92 + 4);
                        final UnsafeBuffer out = new UnsafeBuffer(new byte[256]);
                        final int length = SzseEncoder.logon(out, 0, "gateway", "client", 1, "", "1.00");
                        client.getOutputStream().write(out.byteArray(), 0, length);
                        client.getOutputStream().flush();
                        afterLogon.accept(client, out);
                    }
                }
                catch (final IOException ex)
                {
                    // the test closed the gateway
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port()
        {
            return socket.getLocalPort();
        }

        void closeConnections() throws IOException
        {
            for (final Socket s : open)
            {
                s.close();
            }
        }

        @Override
        public void close() throws IOException
        {
            socket.close();
        }
    }

    /** @return a port nothing listens on (one that was free a moment ago): an unreachable gateway. */
    private static int freePort() throws IOException
    {
        try (ServerSocket free = new ServerSocket(0))
        {
            return free.getLocalPort();
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopWithOneClearLineWhenTheLogonIsRefused() throws Exception
    {
        try (SzseFeedServer server = new SzseFeedServer(0, List.of(DAY), Layouts.bundled(), null, 0, Set.of(), 0, 1,
            "secret", m -> { }))
        {
            CompletableFuture.runAsync(() ->
            {
                try
                {
                    server.serve();
                }
                catch (final IOException ex)
                {
                    // closed by the test
                }
            });
            final List<String> messages = new CopyOnWriteArrayList<>();
            try (Engine engine = Engine.launch(new EngineContext()))
            {
                final Engine.LiveRun run = engine.runLive(new SzseSession.Config("127.0.0.1", server.port(), "client",
                    "gateway", "guess", 5, true), messages::add, s -> { });
                assertThat(run.outcome()).isEqualTo(SzseSession.Outcome.LOGON_REFUSED);
                assertThat(run.reconnects()).isZero();
            }
            assertThat(messages.stream().filter(m -> m.startsWith("logon refused by 127.0.0.1:" + server.port())))
                .hasSize(1);
            assertThat(messages).noneMatch(m -> m.startsWith("logged on"));
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldNoticeASilentGatewayAndReconnect() throws Exception
    {
        // answer the logon, then say nothing more (and keep the connection open)
        try (LogonOnlyGateway gateway = new LogonOnlyGateway((client, out) -> { }))
        {
            final List<String> messages = new CopyOnWriteArrayList<>();
            final AtomicReference<SzseSession> session = new AtomicReference<>();
            try (Engine engine = Engine.launch(new EngineContext()))
            {
                final CompletableFuture<Engine.LiveRun> run = CompletableFuture.supplyAsync(() -> engine.runLive(
                    new SzseSession.Config("127.0.0.1", gateway.port(), "client", "gateway", "", 1, false),
                    messages::add, session::set));
                // Stop only once the client has logged on again: the gateway's count of connections goes up before
                // the client has read the logon reply, and stopping then raced the second "logged on" (CI flake).
                while (gateway.connections.get() < 2 ||
                    messages.stream().filter(m -> m.startsWith("logged on")).count() < 2)
                {
                    Thread.sleep(50);
                }
                session.get().stop();
                final Engine.LiveRun done = run.get(30, TimeUnit.SECONDS);
                assertThat(done.outcome()).isEqualTo(SzseSession.Outcome.STOPPED);
                assertThat(done.reconnects()).isGreaterThanOrEqualTo(1);
            }
            finally
            {
                gateway.closeConnections();
            }
            // heartBtInt 1 s: silent for more than 2 s is a timeout
            assertThat(messages).anyMatch(m -> m.startsWith("heartbeat timeout: no valid message from 127.0.0.1:"));
            assertThat(messages.stream().filter(m -> m.startsWith("logged on")).count()).isGreaterThanOrEqualTo(2);
        }
    }

    /**
     * Issue 11, item 6: a gateway that trickles a byte now and then (here a heartbeat frame, a byte every 300 ms:
     * a whole message only every 3.6 s) kept the client connected for ever, since any byte reset the heartbeat
     * timer. Only a whole, valid message does now: with a 1 s heartbeat the client gives up after 2 s and reconnects.
     */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldTimeOutAGatewayThatTricklesBytesButNoWholeMessage() throws Exception
    {
        try (LogonOnlyGateway gateway = new LogonOnlyGateway((client, out) ->
        {
            final Thread trickle = new Thread(() ->
            {
                final int heartbeat = SzseEncoder.heartbeat(out, 0);
                try
                {
                    for (int i = 0; !client.isClosed(); i++)
                    {
                        // the gateway's pace, not the test waiting on something
                        java.util.concurrent.locks.LockSupport.parkNanos(300_000_000L);
                        client.getOutputStream().write(out.getByte(i % heartbeat));
                        client.getOutputStream().flush();
                    }
                }
                catch (final IOException ex)
                {
                    // the client left
                }
            });
            trickle.setDaemon(true);
            trickle.start();
        }))
        {
            final List<String> messages = new CopyOnWriteArrayList<>();
            final AtomicReference<SzseSession> session = new AtomicReference<>();
            try (Engine engine = Engine.launch(new EngineContext()))
            {
                final CompletableFuture<Engine.LiveRun> run = CompletableFuture.supplyAsync(() -> engine.runLive(
                    new SzseSession.Config("127.0.0.1", gateway.port(), "client", "gateway", "", 1, false),
                    messages::add, session::set));
                while (messages.stream().noneMatch(m -> m.startsWith("heartbeat timeout")) ||
                    messages.stream().filter(m -> m.startsWith("logged on")).count() < 2)
                {
                    Thread.sleep(50);
                }
                session.get().stop();
                assertThat(run.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(SzseSession.Outcome.STOPPED);
            }
            finally
            {
                gateway.closeConnections();
            }
            assertThat(messages).anyMatch(m -> m.matches("heartbeat timeout: no valid message from 127\\.0\\.0\\.1:" +
                "\\d+ for \\d+ ms"));
            assertThat(gateway.connections.get()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldRetryAnUnreachableGatewayWithBackoffAndSayItOnce() throws Exception
    {
        final int port = freePort();
        final List<String> messages = new CopyOnWriteArrayList<>();
        final AtomicReference<SzseSession> session = new AtomicReference<>();
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            final CompletableFuture<Engine.LiveRun> run = CompletableFuture.supplyAsync(() -> engine.runLive(
                new SzseSession.Config("127.0.0.1", port, "client", "gateway", "", 5, false), messages::add,
                session::set));
            // backoff 100, 200, 400, 800 ms: four retries take 1.5 s
            while (messages.stream().filter(m -> m.startsWith("reconnecting in")).count() < 4)
            {
                Thread.sleep(50);
            }
            session.get().stop();
            assertThat(run.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(SzseSession.Outcome.STOPPED);
        }
        assertThat(messages.stream().filter(m -> m.startsWith("cannot reach 127.0.0.1:" + port))).hasSize(1);
        assertThat(messages.stream().filter(m -> m.startsWith("reconnecting in")).limit(4))
            .containsExactly("reconnecting in 100 ms", "reconnecting in 200 ms", "reconnecting in 400 ms",
                "reconnecting in 800 ms");
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void shouldStopWhenItsThreadIsInterruptedInsteadOfRetryingForEver() throws Exception
    {
        final int port = freePort();
        final List<String> messages = new CopyOnWriteArrayList<>();
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            final AtomicReference<Engine.LiveRun> result = new AtomicReference<>();
            final Thread thread = new Thread(() -> result.set(engine.runLive(
                new SzseSession.Config("127.0.0.1", port, "client", "gateway", "", 5, false), messages::add, s -> { })));
            thread.start();
            while (messages.stream().noneMatch(m -> m.startsWith("reconnecting in")))
            {
                Thread.sleep(20);
            }
            // an interrupt (a test's time-out, an executor's shutdownNow) must not leave a thread spinning on
            // connections that fail at once
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
            assertThat(result.get().outcome()).isEqualTo(SzseSession.Outcome.STOPPED);
            assertThat(messages).contains("interrupted: stopping");
        }
    }
}

package io.moneyflow.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.moneyflow.Engine;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.HealthSample;
import io.moneyflow.counters.SlotView;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.SummaryWithCallback;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.Quantiles;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A read-only HTTP view of a counters file, from another process than the engine's (as AeronStat reads Aeron's
 * counters), or from the engine's own with {@code --http}: the engine's hot path does not know it is there, and a
 * server can come and go while the engine runs.
 * <ul>
 *     <li>{@code GET /api/...}: the documents of {@link FlowApi} (stocks, one stock's day and bars, sectors, markets,
 *     the ranking, the history's N-day windows, the alerts, the engine's health);</li>
 *     <li>{@code GET /api/stream/...}: the same documents as server-sent events, sent when they change, at most every
 *     {@link #STREAM_PERIOD_MS} ms;</li>
 *     <li>{@code GET /}: the dashboard (its page, script and the chart library, all from the jar);</li>
 *     <li>{@code GET /metrics}: the engine's health in Prometheus' text format;</li>
 *     <li>{@code GET /openapi.json}: the API's description (OpenAPI 3.0).</li>
 * </ul>
 * Built on Jetty's core API: its writes are asynchronous, so that a client that stops reading holds no thread, and
 * its idle timeout closes a connection that has not moved for {@link #CLIENT_TIME_LIMIT_MS}. An event stream never
 * queues: while a client has not taken its last update, newer ones are coalesced into the next (the document is the
 * state now, not a list of changes); a client that has taken nothing for {@link #CLIENT_TIME_LIMIT_MS} is dropped.
 * A bad request gets a 4xx status and a JSON {@code {"error": "..."}}, never a stack trace.
 */
final class FlowServer implements AutoCloseable
{
    /** Longest time a client may take to send its request or to take a response, in milliseconds. */
    static final long CLIENT_TIME_LIMIT_MS = 10_000;
    /** Shortest time between two updates of one event stream: at most 4 a second. */
    static final long STREAM_PERIOD_MS = 250;
    /** An idle event stream gets a comment this often, so that a client gone is found and dropped. */
    static final long HEARTBEAT_MS = 5_000;
    /** Most event streams open at once; one more is refused (503). */
    static final int MAX_STREAMS = 64;

    /**
     * The server's limits: the defaults above; a test shortens them.
     *
     * @param clientTimeLimitMs longest a client may take to send a request or take a response.
     * @param streamPeriodMs    shortest time between two updates of a stream.
     * @param heartbeatMs       how often an idle stream gets a comment.
     * @param maxStreams        most streams open at once.
     * @param sendBufferBytes   the sockets' send buffer, or -1 for the system's.
     */
    record Limits(long clientTimeLimitMs, long streamPeriodMs, long heartbeatMs, int maxStreams, int sendBufferBytes)
    {
        static final Limits DEFAULT = new Limits(CLIENT_TIME_LIMIT_MS, STREAM_PERIOD_MS, HEARTBEAT_MS, MAX_STREAMS, -1);
    }

    private static final Map<String, String[]> ASSETS = Map.of(
        "/", new String[]{"io/moneyflow/tools/dashboard.html", "text/html; charset=utf-8"},
        "/index.html", new String[]{"io/moneyflow/tools/dashboard.html", "text/html; charset=utf-8"},
        "/assets/dashboard.js", new String[]{"io/moneyflow/tools/dashboard.js", "text/javascript; charset=utf-8"},
        "/assets/dashboard.css", new String[]{"io/moneyflow/tools/dashboard.css", "text/css; charset=utf-8"},
        "/assets/stock-chart.js", new String[]{"io/moneyflow/tools/stock-chart.js", "text/javascript; charset=utf-8"},
        "/assets/echarts.min.js", new String[]{ChartCommand.ECHARTS, "text/javascript; charset=utf-8"},
        "/openapi.json", new String[]{"io/moneyflow/tools/openapi.json", "application/json; charset=utf-8"});

    private final Server server;
    private final ServerConnector connector;
    private final FlowCounters counters;
    private final FlowCountersReader reader;
    private final FlowApi api;
    private final String token;
    private final String tokenDigest;
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ObjectMapper json = new ObjectMapper()
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
        .enable(SerializationFeature.INDENT_OUTPUT);
    /** Event streams carry each document on one line. */
    private final ObjectMapper compact = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
    private final Map<String, byte[]> assets = new HashMap<>();
    private final Set<Stream> streams = ConcurrentHashMap.newKeySet();
    private final AtomicLong streamsDropped = new AtomicLong();
    private final AtomicLong updatesCoalesced = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Thread streamer;
    private final java.util.concurrent.CountDownLatch alertsRead = new java.util.concurrent.CountDownLatch(1);
    private final Limits limits;
    private volatile boolean closing;

    private FlowServer(
        final FlowCounters counters, final ReferenceData reference, final Path dataDir, final InetAddress bind,
        final int port, final String token, final Engine engine, final Limits limits)
        throws Exception
    {
        this.limits = limits;
        this.counters = counters;
        final Supplier<Engine.Health> health = engine == null ? null : engine::health;
        this.api = new FlowApi(counters, reference, dataDir, health);
        this.reader = api.reader();
        this.token = token;
        this.tokenDigest = token == null ? null : sha256(token);
        for (final Map.Entry<String, String[]> asset : ASSETS.entrySet())
        {
            assets.put(asset.getKey(), resource(asset.getValue()[0]));
        }
        registerMetrics();
        if (engine != null)
        {
            registerEngineMetrics(health);
        }
        final QueuedThreadPool threads = new QueuedThreadPool(8, 2);
        threads.setName("moneyflow-http");
        threads.setDaemon(true);
        this.server = new Server(threads);
        final HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        this.connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(config));
        connector.setHost(bind.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(limits.clientTimeLimitMs());
        if (limits.sendBufferBytes() > 0)
        {
            connector.setAcceptedSendBufferSize(limits.sendBufferBytes());
        }
        server.addConnector(connector);
        // blocking: a request reads the counters and writes its JSON on a worker, never on the selector
        server.setHandler(new Handler.Abstract()
        {
            @Override
            public boolean handle(final Request request, final Response response, final Callback callback)
            {
                FlowServer.this.handle(request, response, callback);
                return true;
            }
        });
        server.setErrorHandler(this::jettyError);
        server.setStopTimeout(2_000);
        this.streamer = new Thread(this::streamLoop, "moneyflow-stream");
        streamer.setDaemon(true);
        // the streams' thread owns the alerts journal's tailer (Chronicle's tailers are used by one thread): it reads
        // the alerts journaled so far before the first request is answered, then the later ones
        streamer.start();
        try
        {
            if (!alertsRead.await(limits.clientTimeLimitMs(), TimeUnit.MILLISECONDS))
            {
                System.err.println("moneyflow: serve: the alerts journal is slow to read; serving meanwhile");
            }
            server.start();
        }
        catch (final Exception ex)
        {
            closing = true;
            streamer.interrupt();
            joined(streamer, limits.clientTimeLimitMs());
            server.stop();
            throw ex;
        }
    }

    /**
     * Serves a counters file until closed.
     *
     * @param countersFile the engine's counters file (it may still be written).
     * @param reference    the securities (names, sectors, floats).
     * @param dataDir      the history store's and alerts' directory, or null to serve neither.
     * @param bind         the address to listen on.
     * @param port         the port, or 0 for any free one.
     * @param token        the bearer token every request must carry, or null for none.
     * @param engine       the engine writing the file when it runs in this process (its health, its latency), else
     *                     null.
     * @return the running server.
     */
    static FlowServer start(
        final Path countersFile, final ReferenceData reference, final Path dataDir, final InetAddress bind,
        final int port, final String token, final Engine engine)
    {
        return start(countersFile, reference, dataDir, bind, port, token, engine, Limits.DEFAULT);
    }

    /**
     * @param limits the server's limits.
     */
    static FlowServer start(
        final Path countersFile, final ReferenceData reference, final Path dataDir, final InetAddress bind,
        final int port, final String token, final Engine engine, final Limits limits)
    {
        final FlowCounters counters = FlowCounters.openReadOnly(countersFile);
        try
        {
            return new FlowServer(counters, reference, dataDir, bind, port, token, engine, limits);
        }
        catch (final java.io.IOException ex)
        {
            counters.close();
            throw new UncheckedIOException(new IOException("cannot listen on " + bind.getHostAddress() + ":" + port +
                ": " + ex.getMessage(), ex));
        }
        catch (final Exception ex)
        {
            counters.close();
            throw new IllegalStateException("cannot start the server on " + bind.getHostAddress() + ":" + port +
                ": " + ex, ex);
        }
    }

    /**
     * @return the port the server listens on.
     */
    int port()
    {
        return connector.getLocalPort();
    }

    /**
     * Ends the event streams, stops listening, waits for the requests being answered, then unmaps the counters
     * file: a thread still reading a file unmapped under it would crash the JVM. One that does not end within
     * {@link #CLIENT_TIME_LIMIT_MS} leaves the file mapped, to be unmapped with the process.
     */
    @Override
    public void close()
    {
        closing = true;
        streamer.interrupt();
        final boolean streamerEnded = joined(streamer, limits.clientTimeLimitMs());
        for (final Stream s : streams)
        {
            s.end();
        }
        try
        {
            server.stop();
        }
        catch (final Exception ex)
        {
            System.err.println("moneyflow: serve: stopping the server: " + ex);
        }
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limits.clientTimeLimitMs());
        while (inFlight.get() > 0 && System.nanoTime() < deadline)
        {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        }
        if (streamerEnded && inFlight.get() == 0)
        {
            counters.close();
        }
    }

    /** @return whether the thread ended within the time, waiting through interrupts (kept for the caller). */
    private static boolean joined(final Thread thread, final long timeoutMs)
    {
        boolean interrupted = false;
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (thread.isAlive() && System.nanoTime() < deadline)
        {
            try
            {
                thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
            catch (final InterruptedException ex)
            {
                interrupted = true;
            }
        }
        if (interrupted)
        {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    private void handle(final Request request, final Response response, final Callback callback)
    {
        inFlight.incrementAndGet();
        try
        {
            if (closing)
            {
                error(response, callback, 503, "the server is stopping");
                return;
            }
            if (token != null && !authorized(request, response))
            {
                error(response, callback, 401, "a token is needed: Authorization: Bearer TOKEN (a browser: open " +
                    "/?token=TOKEN once)");
                return;
            }
            if (!"GET".equals(request.getMethod()))
            {
                response.getHeaders().put(HttpHeader.ALLOW, "GET");
                error(response, callback, 405, request.getMethod() + " is not served: the API is read-only (GET)");
                return;
            }
            final String path = Request.getPathInContext(request);
            final String[] asset = ASSETS.get(path);
            if (asset != null)
            {
                respond(response, callback, 200, asset[1], assets.get(path));
            }
            else if (path.equals("/metrics"))
            {
                metrics(response, callback);
            }
            else if (path.startsWith("/api/stream/"))
            {
                openStream(request, response, callback, "/api/" + path.substring("/api/stream/".length()));
            }
            else if (path.startsWith("/api/"))
            {
                send(response, callback, 200, api.get(path, query(request)));
            }
            else
            {
                throw FlowApi.notFound(path);
            }
        }
        catch (final FlowApi.Refused refused)
        {
            error(response, callback, refused.status, refused.getMessage());
        }
        catch (final RuntimeException ex)
        {
            // said on the server's side, never in a response
            System.err.println("moneyflow: serve: " + request.getHttpURI() + ": " + ex);
            error(response, callback, 500, "internal error");
        }
        finally
        {
            inFlight.decrementAndGet();
        }
    }

    /** The query parameter a browser gives the token in once; the server answers with a cookie. */
    static final String TOKEN_PARAMETER = "token";
    private static final String TOKEN_COOKIE = "moneyflow_token";

    /**
     * @return whether the request carries the token: as {@code Authorization: Bearer TOKEN}, or as a browser gives it,
     *         {@code ?token=TOKEN} once (answered with a cookie holding the token's SHA-256, HttpOnly, SameSite=Strict,
     *         which the dashboard's requests and event streams then carry). Compared in constant time.
     */
    private boolean authorized(final Request request, final Response response)
    {
        final String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) &&
            MessageDigest.isEqual(header.substring(7).trim().getBytes(StandardCharsets.UTF_8),
                token.getBytes(StandardCharsets.UTF_8)))
        {
            return true;
        }
        for (final org.eclipse.jetty.http.HttpCookie cookie : Request.getCookies(request))
        {
            if (cookie.getName().equals(TOKEN_COOKIE) && MessageDigest.isEqual(
                cookie.getValue().getBytes(StandardCharsets.US_ASCII), tokenDigest.getBytes(StandardCharsets.US_ASCII)))
            {
                return true;
            }
        }
        final String given;
        try
        {
            given = Request.extractQueryParameters(request, StandardCharsets.UTF_8).getValue(TOKEN_PARAMETER);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            return false;
        }
        if (given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
            token.getBytes(StandardCharsets.UTF_8)))
        {
            response.getHeaders().add(HttpHeader.SET_COOKIE, TOKEN_COOKIE + "=" + tokenDigest +
                "; Path=/; HttpOnly; SameSite=Strict");
            return true;
        }
        return false;
    }

    private static String sha256(final String text)
    {
        try
        {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final java.security.NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Jetty's own refusals (a malformed request line, headers too large...): the same JSON as ours. */
    private boolean jettyError(final Request request, final Response response, final Callback callback)
    {
        final Object message = request.getAttribute(ErrorHandler.ERROR_MESSAGE);
        final int status = response.getStatus() >= 400 ? response.getStatus() : 400;
        error(response, callback, status, message == null ? "bad request" : message.toString());
        return true;
    }

    /** @return the query's parameters; one given twice is refused. */
    private static Map<String, String> query(final Request request)
    {
        final Fields fields;
        try
        {
            fields = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException | IllegalStateException ex)
        {
            throw new FlowApi.Refused(400, "the query is not well formed: " + request.getHttpURI().getQuery());
        }
        final Map<String, String> query = new TreeMap<>();
        for (final Fields.Field field : fields)
        {
            if (field.getName().equals(TOKEN_PARAMETER))
            {
                continue;
            }
            if (field.getValues().size() != 1)
            {
                throw new FlowApi.Refused(400, "parameter '" + field.getName() + "' given more than once");
            }
            query.put(field.getName(), field.getValue());
        }
        return query;
    }

    /** @return a resource of the jar, whole. */
    static byte[] resource(final String name) throws IOException
    {
        try (InputStream in = FlowServer.class.getClassLoader().getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException(name + " is missing from the jar");
            }
            return in.readAllBytes();
        }
    }

    /** @return the API's OpenAPI description, bundled beside this class. */
    static byte[] openApi() throws IOException
    {
        return resource("io/moneyflow/tools/openapi.json");
    }

    /**
     * Opens an event stream of a document: checks it can be answered (a bad request is refused as the GET would be),
     * sends it at once, then hands the stream to the streams' thread.
     */
    private void openStream(final Request request, final Response response, final Callback callback,
        final String path)
    {
        if (path.startsWith("/api/history"))
        {
            throw new FlowApi.Refused(400, "the history is not streamed: it changes once a day (GET " + path + ")");
        }
        final Map<String, String> query = query(request);
        // the version first: a change while the document is made is sent with the next update
        final long version = api.version();
        final byte[] first = document(api.get(path, query));
        final Stream stream = new Stream(path, query, response, callback);
        stream.version = version;
        stream.last = first;
        // the first write is this thread's: the streams' thread finds the stream busy until it is taken
        stream.writing.set(true);
        synchronized (streams)
        {
            if (streams.size() >= limits.maxStreams())
            {
                throw new FlowApi.Refused(503, limits.maxStreams() + " event streams are open already; try again " +
                    "later");
            }
            streams.add(stream);
        }
        request.addFailureListener(stream::failed);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        stream.send(Stream.event("update", first), System.nanoTime());
    }

    private byte[] document(final Object body)
    {
        try
        {
            return compact.writeValueAsBytes(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The streams' thread: reads the alerts journaled so far (it owns the journal's tailer), then every
     * {@link #STREAM_PERIOD_MS} the alerts journaled since, and when the counters or the engine's health sample may
     * have changed, each stream's document (once for the streams of the same document), sent to the streams whose
     * last one differs. A failure is said and ends the stream it came from, never the thread.
     */
    private void streamLoop()
    {
        try
        {
            pollAlerts();
            alertsRead.countDown();
            while (!closing)
            {
                try
                {
                    Thread.sleep(limits.streamPeriodMs());
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
                pollAlerts();
                try
                {
                    publish();
                }
                catch (final RuntimeException ex)
                {
                    System.err.println("moneyflow: serve: the event streams: " + ex);
                }
            }
        }
        finally
        {
            alertsRead.countDown();
            api.close();
        }
    }

    private void pollAlerts()
    {
        try
        {
            api.pollAlerts();
        }
        catch (final RuntimeException ex)
        {
            System.err.println("moneyflow: serve: reading the alerts journal: " + ex);
        }
    }

    private void publish()
    {
        final long version = api.version();
        final long now = System.nanoTime();
        final Map<String, byte[]> documents = new HashMap<>();
        for (final Stream s : streams)
        {
            if (s.version == version)
            {
                s.heartbeat(now);
                continue;
            }
            final byte[] doc;
            try
            {
                doc = documents.computeIfAbsent(s.key, k -> document(api.get(s.path, s.query)));
            }
            catch (final FlowApi.Refused refused)
            {
                // a stock-day gone (another file in its place): said, then the stream ends
                s.refuse(refused.getMessage(), now);
                continue;
            }
            catch (final RuntimeException ex)
            {
                System.err.println("moneyflow: serve: " + s.key + ": " + ex);
                s.refuse("internal error", now);
                continue;
            }
            // a document the client could not take yet is sent at the next period, whether or not more changed
            if (s.update(doc, now))
            {
                s.version = version;
            }
        }
    }

    /**
     * One client's event stream. Its writes are asynchronous; at most one is pending: an update due while the last
     * one is still being taken is skipped (its stream keeps its old version, so the next period sends the state
     * then), and a client that has not taken one for {@link #CLIENT_TIME_LIMIT_MS} is dropped. Its fields other than
     * the flags are the streams' thread's, once the opening request has handed the stream over.
     */
    private final class Stream
    {
        private static final ByteBuffer END = ByteBuffer.allocate(0);

        final String path;
        final Map<String, String> query;
        final String key;
        final Response response;
        final Callback callback;
        final AtomicBoolean writing = new AtomicBoolean();
        final AtomicBoolean ended = new AtomicBoolean();
        /** Asked to end: the response is completed once no write is pending. */
        final AtomicBoolean finishing = new AtomicBoolean();
        /** The response completed (Jetty's callback called once). */
        final AtomicBoolean done = new AtomicBoolean();
        volatile long writeStartNanos;
        long version = -1;
        byte[] last;
        long lastWriteNanos;

        Stream(final String path, final Map<String, String> query, final Response response, final Callback callback)
        {
            this.path = path;
            this.query = query;
            this.key = path + "?" + query;
            this.response = response;
            this.callback = callback;
        }

        /** @return whether the client has the document now, or will (false: it was busy; try again). */
        boolean update(final byte[] document, final long now)
        {
            if (last != null && Arrays.equals(last, document))
            {
                heartbeat(now);
                return true;
            }
            if (writing.compareAndSet(false, true))
            {
                last = document;
                send(event("update", document), now);
                return true;
            }
            busy(now);
            return false;
        }

        void heartbeat(final long now)
        {
            if (now - lastWriteNanos < TimeUnit.MILLISECONDS.toNanos(limits.heartbeatMs()))
            {
                return;
            }
            if (writing.compareAndSet(false, true))
            {
                send(": keep-alive\n\n".getBytes(StandardCharsets.UTF_8), now);
            }
            else
            {
                busy(now);
            }
        }

        /** Says why the stream ends, then ends it once the client has taken that. */
        void refuse(final String message, final long now)
        {
            if (writing.compareAndSet(false, true))
            {
                send(event("refused", document(Map.of("error", message))), now);
            }
            end();
        }

        static byte[] event(final String name, final byte[] data)
        {
            final byte[] head = ("event: " + name + "\ndata: ").getBytes(StandardCharsets.UTF_8);
            final byte[] event = new byte[head.length + data.length + 2];
            System.arraycopy(head, 0, event, 0, head.length);
            System.arraycopy(data, 0, event, head.length, data.length);
            event[event.length - 2] = '\n';
            event[event.length - 1] = '\n';
            return event;
        }

        /** A write due while one is pending: counted; the client is dropped once it has taken nothing for too long. */
        private void busy(final long now)
        {
            updatesCoalesced.incrementAndGet();
            if (now - writeStartNanos > TimeUnit.MILLISECONDS.toNanos(limits.clientTimeLimitMs()))
            {
                failed(new TimeoutException("the client took nothing for " + limits.clientTimeLimitMs() + " ms"));
            }
        }

        /** Hands bytes to Jetty; the caller holds the writing flag. */
        void send(final byte[] bytes, final long now)
        {
            writeStartNanos = now;
            lastWriteNanos = now;
            response.write(false, ByteBuffer.wrap(bytes), Callback.from(() ->
            {
                writing.set(false);
                finishIfIdle();
            }, this::failed));
        }

        /** Ends the stream: the response completes once the write pending, if any, is taken. */
        void end()
        {
            if (ended.compareAndSet(false, true))
            {
                streams.remove(this);
            }
            finishing.set(true);
            finishIfIdle();
        }

        private void finishIfIdle()
        {
            if (finishing.get() && writing.compareAndSet(false, true))
            {
                response.write(true, END, Callback.from(() ->
                {
                    if (done.compareAndSet(false, true))
                    {
                        callback.succeeded();
                    }
                }, this::failed));
            }
        }

        /** The connection failed, or the client was too slow: the response fails (Jetty closes the connection). */
        void failed(final Throwable failure)
        {
            if (ended.compareAndSet(false, true))
            {
                streams.remove(this);
                if (failure instanceof TimeoutException && !closing)
                {
                    streamsDropped.incrementAndGet();
                }
            }
            // also a write pending when the end was asked for: the response ends with its failure
            if (done.compareAndSet(false, true))
            {
                callback.failed(failure);
            }
        }
    }

    private void registerMetrics()
    {
        CounterWithCallback.builder().name("moneyflow_records_counted")
            .help("Records the engine's stages have counted (every mode: files, replay, live)")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.EVENTS_APPLIED))).register(registry);
        GaugeWithCallback.builder().name("moneyflow_stage_lag")
            .help("Records published into the ring and not yet in the counters (read now in the engine's process, " +
                "else the engine's last sample, taken once a second)")
            .callback(cb ->
            {
                final FlowApi.Lags lags = api.lags(HealthSample.read(counters));
                if (lags != null)
                {
                    cb.call(lags.ring());
                }
            }).register(registry);
        // the engine's sample: its latency (run --latency) and its JVM's collections, for this process or another
        SummaryWithCallback.builder().name("moneyflow_record_latency_seconds")
            .help("Each record's latency from its frame's arrival to its counters (run --latency), since the start; " +
                "the engine's sample of the second before")
            .callback(cb ->
            {
                final HealthSample sample = HealthSample.read(counters);
                if (sample.latencyCount() > 0)
                {
                    cb.call(sample.latencyCount(), sample.latencyMeanNs() * (double)sample.latencyCount() / 1e9,
                        Quantiles.of(new Quantile(0.5, sample.latencyP50Ns() / 1e9),
                            new Quantile(0.9, sample.latencyP90Ns() / 1e9),
                            new Quantile(0.99, sample.latencyP99Ns() / 1e9),
                            new Quantile(0.999, sample.latencyP999Ns() / 1e9),
                            new Quantile(0.9999, sample.latencyP9999Ns() / 1e9),
                            new Quantile(1.0, sample.latencyMaxNs() / 1e9)));
                }
            }).register(registry);
        CounterWithCallback.builder().name("moneyflow_engine_gc_collections")
            .help("Garbage collections of the engine's JVM (its sample of the second before)")
            .callback(cb ->
            {
                final HealthSample sample = HealthSample.read(counters);
                if (sample.sampled())
                {
                    cb.call(sample.gcCount());
                }
            }).register(registry);
        CounterWithCallback.builder().name("moneyflow_engine_gc_seconds")
            .help("The time those collections took (for G1 and Parallel: their stop-the-world pauses)")
            .callback(cb ->
            {
                final HealthSample sample = HealthSample.read(counters);
                if (sample.sampled())
                {
                    cb.call(sample.gcMs() / 1e3);
                }
            }).register(registry);
        GaugeWithCallback.builder().name("moneyflow_journal_lag")
            .help("Records published into the ring and not yet journaled, -1 without a journal (as the stage lag)")
            .callback(cb ->
            {
                final FlowApi.Lags lags = api.lags(HealthSample.read(counters));
                if (lags != null)
                {
                    cb.call(lags.journal());
                }
            }).register(registry);
        GaugeWithCallback.builder().name("moneyflow_stock_days").help("Stock-days in the counters file")
            .callback(cb -> cb.call(reader.slotsUsed())).register(registry);
        CounterWithCallback.builder().name("moneyflow_lines_read").help("Lines read from the inputs")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.LINES_READ))).register(registry);
        CounterWithCallback.builder().name("moneyflow_records_published").help("Records published into the ring")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.RECORDS_PUBLISHED))).register(registry);
        CounterWithCallback.builder().name("moneyflow_records").help("Records in the counters, by type")
            .labelNames("type").callback(cb ->
            {
                final long[] sums = sums(DayField.TRADES, DayField.CANCELS, DayField.BUY_ORDERS, DayField.SELL_ORDERS,
                    DayField.SNAPSHOTS);
                cb.call(sums[0], "trade");
                cb.call(sums[1], "cancel");
                cb.call(sums[2] + sums[3], "order");
                cb.call(sums[4], "snapshot");
            }).register(registry);
        CounterWithCallback.builder().name("moneyflow_rejects").help("Input records rejected, by reason")
            .labelNames("reason").callback(cb ->
            {
                for (final RejectReason reason : RejectReason.values())
                {
                    cb.call(counters.stat(CountersDescriptor.REJECT_BASE + reason.ordinal()), reason.label());
                }
            }).register(registry);
        CounterWithCallback.builder().name("moneyflow_sequence_gaps").help("Sequence gaps on dense channels")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.SEQUENCE_GAPS))).register(registry);
        CounterWithCallback.builder().name("moneyflow_sequence_missing").help("Sequence numbers missing in the gaps")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.SEQUENCE_MISSING))).register(registry);
        CounterWithCallback.builder().name("moneyflow_unknown_symbols").help("Symbols missing from the reference data")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.UNKNOWN_SYMBOLS))).register(registry);
        CounterWithCallback.builder().name("moneyflow_handler_errors").help("Exceptions in the engine's stages")
            .callback(cb -> cb.call(stat(CountersDescriptor.Stat.HANDLER_ERRORS))).register(registry);
        GaugeWithCallback.builder().name("moneyflow_counters_file_bytes").help("Size of the counters file")
            .callback(cb -> cb.call(counters.path().toFile().length())).register(registry);
        GaugeWithCallback.builder().name("moneyflow_http_streams").help("Event streams open")
            .callback(cb -> cb.call(streams.size())).register(registry);
        CounterWithCallback.builder().name("moneyflow_http_streams_dropped")
            .help("Event streams dropped: their client took nothing for the time limit")
            .callback(cb -> cb.call(streamsDropped.get())).register(registry);
        CounterWithCallback.builder().name("moneyflow_http_updates_coalesced")
            .help("Updates of event streams skipped while their client was still taking the one before")
            .callback(cb -> cb.call(updatesCoalesced.get())).register(registry);
        GaugeWithCallback.builder().name("moneyflow_writer_running")
            .help("1 while the engine writing the counters file has not closed it")
            .callback(cb -> cb.call(counters.closeTimeMs() == 0 ? 1 : 0)).register(registry);
    }

    /**
     * In the engine's own process ({@code --http}): where the records are between the feed and the counters, and the
     * JVM's own figures (garbage collections and their pauses, memory, threads).
     */
    private void registerEngineMetrics(final Supplier<Engine.Health> health)
    {
        GaugeWithCallback.builder().name("moneyflow_ring_size").help("Slots of the engine's ring")
            .callback(cb -> cb.call(health.get().ringSize())).register(registry);
        GaugeWithCallback.builder().name("moneyflow_ring_remaining").help("Slots of the ring free for the feed")
            .callback(cb -> cb.call(health.get().ringRemaining())).register(registry);
        JvmMetrics.builder().register(registry);
    }

    private long stat(final CountersDescriptor.Stat stat)
    {
        return counters.stat(stat.ordinal());
    }

    private long[] sums(final DayField... fields)
    {
        final long[] sums = new long[fields.length];
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.readHead(slot, view);
            for (int i = 0; i < fields.length; i++)
            {
                sums[i] += view.day(fields[i]);
            }
        }
        return sums;
    }

    private void metrics(final Response response, final Callback callback)
    {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
        try
        {
            writer.write(text, registry.scrape());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        respond(response, callback, 200, writer.getContentType(), text.toByteArray());
    }

    private void send(final Response response, final Callback callback, final int status, final Object body)
    {
        final byte[] bytes;
        try
        {
            bytes = json.writeValueAsBytes(body);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        respond(response, callback, status, "application/json; charset=utf-8", bytes);
    }

    private void error(final Response response, final Callback callback, final int status, final String message)
    {
        send(response, callback, status, Map.of("error", message));
    }

    private static void respond(final Response response, final Callback callback, final int status,
        final String type, final byte[] body)
    {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}

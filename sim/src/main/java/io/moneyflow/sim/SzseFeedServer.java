package io.moneyflow.sim;

import io.moneyflow.codec.Printable;
import io.moneyflow.codec.TimeFormat;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.codec.szse.SzseDescriptor;
import io.moneyflow.codec.szse.SzseEncoder;
import io.moneyflow.codec.szse.SzseFrame;
import io.moneyflow.codec.szse.SzseFrameReader;
import io.moneyflow.feed.Feed;
import io.moneyflow.feed.FeedListener;
import io.moneyflow.feed.InputFiles;
import io.moneyflow.feed.SymbolTable;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import io.moneyflow.ring.TickEvent;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongArrayList;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Plays recorded files to one client over the SZSE Binary protocol, so that the whole live path (socket, framing,
 * session, sequencing) can be exercised on loopback: records are read by the same feed as {@code flow} (so the same
 * records are accepted), encoded as 300191 trades and cancels, 300192 orders and 300111 snapshots, and numbered
 * per channel from 1 in a sequence trades and orders share, as SZSE does. Channel heartbeats (390095) go out every
 * three seconds and, after the last record, with the end-of-channel flag.
 * <p>
 * Faults can be injected at a chosen rate with a seed, so that a test knows exactly what the client must report:
 * frames dropped, duplicated, swapped with the next, corrupted (a body byte, or the length, flipped), or the
 * connection closed (the client reconnects, and the stream continues after the last frame sent). What was injected
 * is kept in a {@link Faults} report.
 * <p>
 * Each connection is served on a thread of its own, so that one client never holds up another: a connection that
 * does not log on within the logon timeout is closed, and each client (by its SenderCompID) has a session of its
 * own: its stream, its faults (from the same seed) and its report; a client that reconnects continues where its
 * session was. {@link #serve()} accepts on the calling thread until a session has sent everything and its client has
 * logged out or left, with no other session connected.
 */
public final class SzseFeedServer implements AutoCloseable
{
    private static final int FLUSH_BYTES = 64 * 1024;
    /** How long a connection may stay without logging on before it is closed, by default. */
    public static final long DEFAULT_LOGON_TIMEOUT_MS = 10_000;
    /** Kinds of fault. */
    public enum Fault
    {
        DROP, DUP, REORDER, CORRUPT, DISCONNECT;

        /**
         * @param text e.g. {@code drop,dup}.
         * @return the kinds named.
         */
        public static Set<Fault> parse(final String text)
        {
            final Set<Fault> faults = EnumSet.noneOf(Fault.class);
            if (text == null || text.isBlank())
            {
                return faults;
            }
            for (final String part : text.split(","))
            {
                try
                {
                    faults.add(Fault.valueOf(part.trim().toUpperCase(Locale.ROOT)));
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new IllegalArgumentException("unknown fault '" + part.trim() +
                        "': expected drop, dup, reorder, corrupt or disconnect");
                }
            }
            return faults;
        }
    }

    /** What was injected; read after {@link #serve()} returns. */
    public static final class Faults
    {
        /** Input positions of the records dropped on the wire (never sent). */
        public final LongArrayList dropped = new LongArrayList();
        /** Input positions of the records whose frame was corrupted (sent broken). */
        public final LongArrayList corrupted = new LongArrayList();
        /**
         * Broken stretches of the stream a client can see: a frame with a broken length sends the client searching
         * for the next good frame, so a broken frame right after it is lost in the same search and reported once.
         */
        public long badStretches;
        /** Records sent twice. */
        public long duplicated;
        /** Pairs of frames swapped. */
        public long reordered;
        /** Connections closed by the server. */
        public long disconnects;
        /** Frames sent, of every kind. */
        public long framesSent;

        @Override
        public String toString()
        {
            return "dropped " + dropped.size() + ", corrupted " + corrupted.size() + ", duplicated " + duplicated +
                ", reordered " + reordered + ", disconnects " + disconnects;
        }
    }

    private final ServerSocketChannel server;
    private final ExpandableArrayBuffer frames = new ExpandableArrayBuffer(1 << 20);
    private final IntArrayList frameStarts = new IntArrayList();
    private final LongArrayList framePositions = new LongArrayList();
    private final IntArrayList frameChannels = new IntArrayList();
    private final LongArrayList frameSeqs = new LongArrayList();
    private final Long2LongHashMap lastSeq = new Long2LongHashMap(0);
    private final Set<Integer> channelSet = new TreeSet<>();
    private final long ratePerSecond;
    private final Set<Fault> faults;
    private final double faultRate;
    private final long seed;
    private final String password;
    private final Consumer<String> log;
    /** Sessions by the client's SenderCompID: a client that reconnects continues its own stream. */
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final List<SocketChannel> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionNumber = new AtomicInteger();
    private volatile Selector acceptor;
    private volatile boolean closed;
    private long logonTimeoutNs = DEFAULT_LOGON_TIMEOUT_MS * 1_000_000L;
    private int passes = 1;
    private long positionsPerPass;
    private int framesLength;

    /**
     * Reads the inputs and opens the port.
     *
     * @param port          the port to listen on, 0 for any free one.
     * @param inputs        recorded files, any layout {@code flow} reads.
     * @param layouts       the layouts to recognise them with.
     * @param forced        a layout every input must use, or null.
     * @param ratePerSecond frames per second, 0 for as fast as the client reads.
     * @param faults        kinds of fault to inject.
     * @param faultRate     chance of a fault per frame, 0 to 1.
     * @param seed          for the choice of faults.
     * @param password      the password a client must send, or null for any.
     * @param log           where the server reports what it does.
     * @throws IOException when the port cannot be opened.
     */
    public SzseFeedServer(
        final int port, final List<Path> inputs, final Layouts layouts, final Layout forced, final long ratePerSecond,
        final Set<Fault> faults, final double faultRate, final long seed, final String password,
        final Consumer<String> log) throws IOException
    {
        this("127.0.0.1", port, inputs, layouts, forced, ratePerSecond, faults, faultRate, seed, password, log);
    }

    /**
     * Reads the inputs and opens the port on an address.
     *
     * @param bind          the address to listen on, e.g. 127.0.0.1 or 0.0.0.0.
     * @param port          the port to listen on, 0 for any free one.
     * @param inputs        recorded files, any layout {@code flow} reads.
     * @param layouts       the layouts to recognise them with.
     * @param forced        a layout every input must use, or null.
     * @param ratePerSecond frames per second, 0 for as fast as the client reads.
     * @param faults        kinds of fault to inject.
     * @param faultRate     chance of a fault per frame, 0 to 1.
     * @param seed          for the choice of faults.
     * @param password      the password a client must send, or null for any.
     * @param log           where the server reports what it does.
     * @throws IOException when the port cannot be opened.
     */
    public SzseFeedServer(
        final String bind, final int port, final List<Path> inputs, final Layouts layouts, final Layout forced,
        final long ratePerSecond, final Set<Fault> faults, final double faultRate, final long seed,
        final String password, final Consumer<String> log) throws IOException
    {
        if (faultRate < 0 || faultRate > 1)
        {
            throw new IllegalArgumentException("fault rate " + faultRate + " is not between 0 and 1");
        }
        this.ratePerSecond = ratePerSecond;
        this.faults = faults;
        this.faultRate = faultRate;
        this.seed = seed;
        this.password = password;
        this.log = log;
        encode(inputs, layouts, forced);
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(bind, port));
    }

    private void encode(final List<Path> inputs, final Layouts layouts, final Layout forced)
    {
        final int capacity = 1 << 16;
        final SymbolTable symbols = new SymbolTable(ReferenceData.empty(), capacity, capacity);
        final Feed feed = new Feed(event ->
        {
            switch (event.type)
            {
                case TickEvent.TRADE, TickEvent.CANCEL, TickEvent.ORDER, TickEvent.SNAPSHOT -> add(event);
                default ->
                {
                    // rejections, sources and gaps stay here
                }
            }
        }, layouts, forced, symbols, capacity, Integer.MAX_VALUE, new QuietListener(log));
        feed.run(InputFiles.expand(inputs));
    }

    private void add(final TickEvent e)
    {
        final int channel = e.channel > 0 && e.channel <= 0xFFFF ? e.channel : 1;
        frameStarts.addInt(framesLength);
        framePositions.addLong(e.position);
        positionsPerPass = Math.max(positionsPerPass, e.position);
        frames.checkLimit(framesLength + 2048);
        final int length;
        frameChannels.addInt(channel);
        if (e.type == TickEvent.SNAPSHOT)
        {
            frameSeqs.addLong(0);
            length = SzseEncoder.snapshot(frames, framesLength, e, channel);
        }
        else
        {
            final long seq = lastSeq.get(channel) + 1;
            lastSeq.put(channel, seq);
            frameSeqs.addLong(seq);
            channelSet.add(channel);
            if (e.type == TickEvent.ORDER && e.orderAction == TickEvent.DELETE)
            {
                // SZSE has no withdrawal message: a withdrawal is a cancel in the trade stream
                final TickEvent cancel = new TickEvent();
                cancel.copyInput(e);
                cancel.type = TickEvent.CANCEL;
                cancel.buyNo = e.orderSide == TickEvent.BUY ? e.orderNo : 0;
                cancel.sellNo = e.orderSide == TickEvent.SELL ? e.orderNo : 0;
                length = SzseEncoder.trade(frames, framesLength, cancel, channel, seq);
            }
            else if (e.type == TickEvent.ORDER)
            {
                length = SzseEncoder.order(frames, framesLength, e, channel, seq);
            }
            else
            {
                length = SzseEncoder.trade(frames, framesLength, e, channel, seq);
            }
        }
        framesLength += length;
    }

    /**
     * Serves the inputs {@code passes} times: pass k is the recorded day moved k calendar days on (each channel
     * numbered from 1 again, as every SZSE day is), so that a short sample makes a long feed (for latency runs). The
     * channels end once, after the last pass.
     *
     * @param passes 1 or more.
     * @return this.
     */
    public SzseFeedServer passes(final int passes)
    {
        if (passes < 1 || (long)passes * frameStarts.size() > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("passes " + passes + " is not between 1 and " +
                Integer.MAX_VALUE / Math.max(1, frameStarts.size()));
        }
        this.passes = passes;
        return this;
    }

    /**
     * @return the port the server listens on.
     */
    public int port()
    {
        return server.socket().getLocalPort();
    }

    /**
     * @return how many record frames will be served.
     */
    public int records()
    {
        return frameStarts.size() * passes;
    }

    /**
     * Closes a connection that has not logged on within this time (default {@value #DEFAULT_LOGON_TIMEOUT_MS} ms).
     *
     * @param timeoutMs milliseconds, positive.
     * @return this.
     */
    public SzseFeedServer logonTimeoutMs(final long timeoutMs)
    {
        if (timeoutMs <= 0)
        {
            throw new IllegalArgumentException("logon timeout " + timeoutMs + " ms is not positive");
        }
        this.logonTimeoutNs = timeoutMs * 1_000_000L;
        return this;
    }

    /**
     * Accepts connections, each served on a thread of its own (see the class description), until a session has
     * sent every frame and the end of every channel and its client has logged out or left, while no other session
     * is connected; or until {@link #close()}.
     *
     * @return what was injected into the stream of the first session that finished.
     * @throws IOException when the port fails, or the server was closed before any session finished.
     */
    public Faults serve() throws IOException
    {
        try (Selector selector = Selector.open())
        {
            acceptor = selector;
            server.configureBlocking(false);
            server.register(selector, SelectionKey.OP_ACCEPT);
            while (true)
            {
                final Session done = finished();
                if (done != null)
                {
                    return done.report;
                }
                if (closed)
                {
                    throw new IOException("the server was closed before a client had everything");
                }
                selector.select(100);
                selector.selectedKeys().clear();
                SocketChannel client;
                while ((client = server.accept()) != null)
                {
                    final SocketChannel accepted = client;
                    connections.add(accepted);
                    final Thread thread = new Thread(() -> connection(accepted),
                        "feed-serve-connection-" + connectionNumber.incrementAndGet());
                    thread.setDaemon(true);
                    thread.start();
                }
            }
        }
        finally
        {
            acceptor = null;
        }
    }

    /** @return a session that has finished while none is connected, the earliest to log on; else null. */
    private Session finished()
    {
        synchronized (sessions)
        {
            Session done = null;
            for (final Session session : sessions.values())
            {
                if (session.connected)
                {
                    return null;
                }
                if (session.finished && done == null)
                {
                    done = session;
                }
            }
            return done;
        }
    }

    /** One connection, on its own thread: logon (with a timeout), then its client's session. */
    private void connection(final SocketChannel client)
    {
        String peer = "a client";
        Session session = null;
        try (client)
        {
            peer = String.valueOf(client.getRemoteAddress());
            client.socket().setTcpNoDelay(true);
            final Logon logon = logon(client);
            if (logon == null)
            {
                log.accept("closing the connection from " + peer + ": no logon within " + logonTimeoutNs / 1_000_000 +
                    " ms");
                return;
            }
            final UnsafeBuffer reply = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
            if (password != null && !password.equals(logon.password))
            {
                log.accept("logon from " + peer + " refused: wrong password");
                write(client, reply, SzseEncoder.logout(reply, 0, SzseDescriptor.STATUS_BAD_CREDENTIALS,
                    "invalid password"));
                return;
            }
            synchronized (sessions)
            {
                session = sessions.computeIfAbsent(logon.sender, Session::new);
                if (session.connected)
                {
                    session = null;
                }
                else
                {
                    session.connected = true;
                }
            }
            if (session == null)
            {
                log.accept("logon from " + peer + " refused: " + Printable.of(logon.sender) + " is already logged on");
                write(client, reply, SzseEncoder.logout(reply, 0, SzseDescriptor.STATUS_BAD_CREDENTIALS,
                    "already logged on"));
                return;
            }
            write(client, reply, SzseEncoder.logon(reply, 0, "moneyflow-feed", logon.sender, logon.heartBtInt, "",
                "1.00"));
            session.serve(client, logon.heartBtInt, peer);
        }
        catch (final IOException ex)
        {
            if (!closed)
            {
                log.accept("connection from " + peer + " lost: " + ex.getMessage());
            }
        }
        finally
        {
            connections.remove(client);
            if (session != null)
            {
                synchronized (sessions)
                {
                    session.connected = false;
                }
            }
            final Selector selector = acceptor;
            if (selector != null)
            {
                selector.wakeup();
            }
        }
    }

    /** What a client's Logon said. */
    private record Logon(String sender, String password, int heartBtInt)
    {
    }

    /**
     * Reads the client's Logon, waiting at most the logon timeout for it: a connection that sends nothing, or
     * anything but a Logon, holds up nobody.
     *
     * @return the logon, or null when none came in time.
     */
    private Logon logon(final SocketChannel client) throws IOException
    {
        final ByteBuffer in = ByteBuffer.allocate(1024);
        final UnsafeBuffer buffer = new UnsafeBuffer(in);
        final Logon[] logon = {null};
        final SzseFrameReader reader = new SzseFrameReader();
        final long deadline = System.nanoTime() + logonTimeoutNs;
        client.configureBlocking(false);
        try (Selector selector = Selector.open())
        {
            client.register(selector, SelectionKey.OP_READ);
            while (logon[0] == null)
            {
                final long leftNs = deadline - System.nanoTime();
                if (leftNs <= 0 || closed)
                {
                    return null;
                }
                selector.select(Math.max(1, leftNs / 1_000_000));
                selector.selectedKeys().clear();
                if (client.read(in) < 0)
                {
                    throw new IOException("the client left before logging on");
                }
                in.flip();
                final int consumed = reader.read(buffer, in.position(), in.remaining(), new SzseFrameReader.Handler()
                {
                    @Override
                    public void onFrame(final int msgType, final DirectBuffer b, final int body, final int length)
                    {
                        if (msgType == SzseDescriptor.LOGON && logon[0] == null)
                        {
                            logon[0] = new Logon(
                                SzseFrame.getText(b, body + SzseDescriptor.Logon.SENDER_COMP_ID,
                                    SzseDescriptor.Logon.SENDER_COMP_ID_LENGTH),
                                SzseFrame.getText(b, body + SzseDescriptor.Logon.PASSWORD,
                                    SzseDescriptor.Logon.PASSWORD_LENGTH),
                                Math.max(1, b.getInt(body + SzseDescriptor.Logon.HEART_BT_INT, SzseFrame.ORDER)));
                        }
                    }

                    @Override
                    public void onUnknownFrame(final long msgType)
                    {
                    }

                    @Override
                    public void onBadFrame(final String reason)
                    {
                    }
                });
                in.position(in.position() + consumed);
                in.compact();
            }
        }
        client.configureBlocking(true);
        return logon[0];
    }

    private static void write(final SocketChannel client, final UnsafeBuffer buffer, final int length)
        throws IOException
    {
        final ByteBuffer bytes = buffer.byteBuffer().duplicate();
        bytes.clear().limit(length);
        while (bytes.hasRemaining())
        {
            client.write(bytes);
        }
    }

    /**
     * One client's stream: where it is, its faults and its report. Served by one connection at a time.
     */
    private final class Session
    {
        private final String sender;
        private final Random random = new Random(seed);
        private final Faults report = new Faults();
        private final Long2LongHashMap sentSeq = new Long2LongHashMap(0);
        private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 16));
        /** Frames written but not yet sent: one write for many frames, as a gateway's TCP stack would send them. */
        private final UnsafeBuffer pending = new UnsafeBuffer(ByteBuffer.allocateDirect(1 << 20));
        private int pendingLength;
        private boolean lastSentLengthBroken;
        private int next;
        /** Guarded by {@code sessions}. */
        private boolean connected;
        /** Guarded by {@code sessions}. */
        private boolean finished;

        Session(final String sender)
        {
            this.sender = sender;
        }

        /** Sends the stream from where it was, then the end of every channel, then waits for the logout. */
        void serve(final SocketChannel client, final int heartBtInt, final String peer) throws IOException
        {
            final int total = records();
            pendingLength = 0;
            log.accept("client " + Printable.of(sender) + " (" + peer + ") logged on; serving from record " +
                (next + 1) + " of " + total);
            // a gateway announces its channels at once, as it does every few seconds
            channelHeartbeats(client, false);
            final long startNs = System.nanoTime();
            long lastChannelHeartbeatNs = startNs;
            long lastSentNs = startNs;
            final int startFrame = next;
            while (next < total)
            {
                if (closed)
                {
                    return;
                }
                if (ratePerSecond > 0)
                {
                    final long dueNs = startNs + (next - startFrame) * 1_000_000_000L / ratePerSecond;
                    long wait;
                    if (dueNs - System.nanoTime() > 0)
                    {
                        // ahead of the rate: what is written goes now, then wait
                        flush(client);
                    }
                    while ((wait = dueNs - System.nanoTime()) > 0)
                    {
                        LockSupport.parkNanos(Math.min(wait, 1_000_000));
                    }
                }
                final long now = System.nanoTime();
                if (now - lastChannelHeartbeatNs >= 3_000_000_000L)
                {
                    channelHeartbeats(client, false);
                    lastChannelHeartbeatNs = now;
                }
                else if (now - lastSentNs >= heartBtInt * 1_000_000_000L)
                {
                    sendOut(client, SzseEncoder.heartbeat(out, 0));
                }
                final int sent = sendWithFaults(client, next, total);
                lastSentNs = System.nanoTime();
                if (sent < 0)
                {
                    next = -sent;
                    flush(client);
                    report.disconnects++;
                    log.accept("closing the connection of " + Printable.of(sender) + " (fault) after record " + next);
                    return;
                }
                next = sent;
            }
            flush(client);
            channelHeartbeats(client, true);
            log.accept("all " + total + " records sent to " + Printable.of(sender) + "; every channel ended (" +
                report + ")");
            awaitLogout(client);
            synchronized (sessions)
            {
                finished = true;
            }
        }

        /** Sends frame {@code i} (and maybe its fault); returns the next frame, negative when the link was closed. */
        private int sendWithFaults(final SocketChannel client, final int i, final int total) throws IOException
        {
            if (!faults.isEmpty() && random.nextDouble() < faultRate)
            {
                final Fault[] enabled = faults.toArray(new Fault[0]);
                final Fault fault = enabled[random.nextInt(enabled.length)];
                switch (fault)
                {
                    case DROP ->
                    {
                        report.dropped.addLong(position(i));
                        return i + 1;
                    }
                    case DUP ->
                    {
                        sendFrame(client, i, -1);
                        sendFrame(client, i, -1);
                        report.duplicated++;
                        return i + 1;
                    }
                    case REORDER ->
                    {
                        if (i + 1 < total)
                        {
                            sendFrame(client, i + 1, -1);
                            sendFrame(client, i, -1);
                            report.reordered++;
                            return i + 2;
                        }
                        sendFrame(client, i, -1);
                        return i + 1;
                    }
                    case CORRUPT ->
                    {
                        report.corrupted.addLong(position(i));
                        if (!lastSentLengthBroken)
                        {
                            report.badStretches++;
                        }
                        // alternately a flipped length byte (the client must search for the next frame) and a
                        // flipped body byte (the frame's checksum fails)
                        final boolean breakLength = report.corrupted.size() % 2 == 0;
                        sendFrame(client, i, breakLength ? 5 : SzseDescriptor.HEADER_LENGTH + 3);
                        lastSentLengthBroken = breakLength;
                        return i + 1;
                    }
                    default ->
                    {
                        sendFrame(client, i, -1);
                        return -(i + 1);
                    }
                }
            }
            sendFrame(client, i, -1);
            return i + 1;
        }

        private void sendFrame(final SocketChannel client, final int i, final int flipAt) throws IOException
        {
            final int records = frameStarts.size();
            final int base = i % records;
            final int pass = i / records;
            final int start = frameStarts.getInt(base);
            final int end = base + 1 < records ? frameStarts.getInt(base + 1) : framesLength;
            final int length = end - start;
            if (pendingLength + length > FLUSH_BYTES)
            {
                flush(client);
            }
            pending.putBytes(pendingLength, frames, start, length);
            final int channel = frameChannels.getInt(base);
            final long seq = frameSeqs.getLong(base);
            if (pass > 0)
            {
                movePass(pending, pendingLength, pass);
            }
            if (flipAt >= 0)
            {
                pending.putByte(pendingLength + flipAt, (byte)(pending.getByte(pendingLength + flipAt) ^ 0x5A));
            }
            pendingLength += length;
            lastSentLengthBroken = false;
            report.framesSent++;
            if (seq > sentSeq.get(channel))
            {
                sentSeq.put(channel, seq);
            }
        }

        /** Sends a session message now, after the frames pending. */
        private void sendOut(final SocketChannel client, final int length) throws IOException
        {
            lastSentLengthBroken = false;
            if (pendingLength + length > pending.capacity())
            {
                flush(client);
            }
            pending.putBytes(pendingLength, out, 0, length);
            pendingLength += length;
            flush(client);
        }

        /** Sends every pending byte. */
        private void flush(final SocketChannel client) throws IOException
        {
            final ByteBuffer bytes = pending.byteBuffer().duplicate();
            bytes.clear().limit(pendingLength);
            pendingLength = 0;
            while (bytes.hasRemaining())
            {
                client.write(bytes);
            }
        }

        private void channelHeartbeats(final SocketChannel client, final boolean end) throws IOException
        {
            for (final int channel : channelSet)
            {
                sendOut(client, SzseEncoder.channelHeartbeat(out, 0, channel, lastSeqSent(channel, end), end));
            }
        }

        private long lastSeqSent(final int channel, final boolean end)
        {
            // at the end, the channel's last number (a dropped tail must show as a gap); meanwhile the last one sent
            return end ? lastSeq.get(channel) : sentSeq.get(channel);
        }

        private void awaitLogout(final SocketChannel client) throws IOException
        {
            final ByteBuffer in = ByteBuffer.allocate(4096);
            final long deadline = System.nanoTime() + 30_000_000_000L;
            client.configureBlocking(false);
            while (System.nanoTime() < deadline && !closed)
            {
                in.clear();
                final int n = client.read(in);
                if (n < 0)
                {
                    return;
                }
                for (int i = 0; i + 4 <= n; i++)
                {
                    if (in.getInt(i) == SzseDescriptor.LOGOUT)
                    {
                        return;
                    }
                }
                LockSupport.parkNanos(10_000_000);
            }
        }
    }

    /** The input position of frame {@code i}: a later pass's positions follow on from the pass before. */
    private long position(final int i)
    {
        final int records = frameStarts.size();
        return framePositions.getLong(i % records) + (long)(i / records) * positionsPerPass;
    }

    /**
     * Moves a copied frame to pass {@code pass}: its day, and so its checksum. Its sequence number stays: SZSE numbers
     * each channel from 1 every day.
     */
    private static void movePass(final UnsafeBuffer pending, final int at, final int pass)
    {
        final int type = (int)SzseFrame.msgType(pending, at);
        final int bodyLength = (int)SzseFrame.bodyLength(pending, at);
        final int body = at + SzseDescriptor.HEADER_LENGTH;
        final int timeAt = switch (type)
        {
            case SzseDescriptor.TRADE -> body + SzseDescriptor.Trade.TRANSACT_TIME;
            case SzseDescriptor.ORDER -> body + SzseDescriptor.Order.TRANSACT_TIME;
            default -> body + SzseDescriptor.Snapshot.ORIG_TIME;
        };
        final long timestamp = pending.getLong(timeAt, SzseFrame.ORDER);
        final int date = (int)(timestamp / 1_000_000_000L);
        final int moved = TimeFormat.plusDays(date, pass);
        pending.putLong(timeAt, moved * 1_000_000_000L + timestamp % 1_000_000_000L, SzseFrame.ORDER);
        SzseFrame.putTrailer(pending, at, bodyLength);
    }

    /**
     * Stops serving: the port and every connection are closed; {@link #serve()} returns or throws. Any thread.
     */
    @Override
    public void close() throws IOException
    {
        closed = true;
        final Selector selector = acceptor;
        if (selector != null)
        {
            selector.wakeup();
        }
        for (final SocketChannel connection : connections)
        {
            try
            {
                connection.close();
            }
            catch (final IOException ignored)
            {
                // closing anyway
            }
        }
        server.close();
    }

    /** Reports the server feed's own rejections once, quietly otherwise. */
    private static final class QuietListener implements FeedListener
    {
        private final Consumer<String> log;
        private long rejected;

        QuietListener(final Consumer<String> log)
        {
            this.log = log;
        }

        @Override
        public boolean wantsDetail(final RejectReason reason)
        {
            return rejected < 10;
        }

        @Override
        public void onReject(final RejectReason reason, final String source, final long line, final String detail)
        {
            if (++rejected <= 10)
            {
                log.accept(Printable.of("not served: " + source + ":" + line + ": " + reason.label() + ": " + detail));
            }
        }

        @Override
        public void onSlot(final int slot, final long symbolKey, final int date, final int securityId)
        {
        }

        @Override
        public void onUnknownSymbol(final long symbolKey, final String source, final long line)
        {
        }

        @Override
        public void onGap(final int channel, final long from, final long to, final List<String> symbols)
        {
        }

        @Override
        public void onProgress(final long linesRead, final long published, final String currentSource)
        {
        }

        @Override
        public void onNote(final String source, final String note)
        {
            log.accept(Printable.of("note: " + source + ": " + note));
        }

        @Override
        public void onSkipped(final String source, final String why)
        {
            log.accept(Printable.of("skipped " + source + ": " + why));
        }
    }
}

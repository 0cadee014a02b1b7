package io.moneyflow.feed;

import io.moneyflow.codec.szse.SzseDescriptor;
import io.moneyflow.codec.szse.SzseEncoder;
import io.moneyflow.codec.szse.SzseFrame;
import io.moneyflow.codec.szse.SzseFrameReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * A client session of the SZSE Binary market-data protocol over TCP: connect, log on, read frames into the
 * {@link SzseFeed}, send heartbeats when idle, notice a silent gateway, reconnect with backoff.
 * <p>
 * Runs on the thread that calls {@link #run()}, which is the engine's feed thread: frames are decoded and published
 * from the socket buffer without allocating. {@link #stop()} may be called from any thread (a Ctrl-C hook). Every
 * change of state (connecting, logged on, logon refused, heartbeat timeout, disconnected, reconnecting, channel
 * ended) is reported once through the log.
 */
public final class SzseSession implements SzseFeed.Session
{
    private static final int BUFFER_BYTES = 4 << 20;
    private static final java.util.function.Consumer<java.nio.channels.SelectionKey> IGNORE_KEY = key -> { };
    private static final long MAX_BACKOFF_MS = 5_000;

    /**
     * How to log on.
     *
     * @param host       the gateway.
     * @param port       its port.
     * @param sender     SenderCompID.
     * @param target     TargetCompID.
     * @param password   Password.
     * @param heartBtInt heartbeat interval in seconds; the gateway is declared silent after twice that.
     * @param exitAtEnd  stop once every channel seen has sent its end-of-channel heartbeat.
     */
    public record Config(String host, int port, String sender, String target, String password, int heartBtInt,
        boolean exitAtEnd)
    {
    }

    /** Why the session stopped. */
    public enum Outcome
    {
        /** {@link #stop()} was called. */
        STOPPED,
        /** Every channel ended (with {@code exitAtEnd}). */
        CHANNELS_ENDED,
        /** The gateway refused the logon; retrying would not help. */
        LOGON_REFUSED
    }

    private final Config config;
    private final SzseFeed feed;
    private final Consumer<String> log;
    private final SzseFrameReader reader = new SzseFrameReader();
    private final ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
    private final UnsafeBuffer inBuffer = new UnsafeBuffer(in);
    private final UnsafeBuffer out = new UnsafeBuffer(ByteBuffer.allocateDirect(1024));
    private final org.agrona.collections.IntHashSet channels = new org.agrona.collections.IntHashSet();
    private final org.agrona.collections.IntHashSet ended = new org.agrona.collections.IntHashSet();
    private volatile boolean running = true;
    private volatile Selector selector;
    private boolean loggedOn;
    private boolean refused;
    private long lastReceivedNs;
    private long lastSentNs;
    private long connections;
    private long reconnects;
    private SocketChannel channel;

    /** The clock of heartbeats, timeouts and the frames' arrival stamps: the feed's. */
    private final NanoClock clock;

    /**
     * @param config how to connect and log on.
     * @param feed   where frames go.
     * @param log    where state changes are reported.
     */
    public SzseSession(final Config config, final SzseFeed feed, final Consumer<String> log)
    {
        this.config = config;
        this.feed = feed;
        this.log = log;
        this.clock = feed.clock();
        feed.session(this);
    }

    /**
     * Runs until stopped, refused, or (with exitAtEnd) every channel has ended.
     *
     * @return why it stopped.
     */
    public Outcome run()
    {
        long backoffMs = 100;
        boolean failing = false;
        while (running)
        {
            try (Selector s = Selector.open(); SocketChannel ch = SocketChannel.open())
            {
                selector = s;
                channel = ch;
                if (!running)
                {
                    break;
                }
                ch.socket().setTcpNoDelay(true);
                ch.socket().connect(new InetSocketAddress(config.host(), config.port()), 5_000);
                ch.configureBlocking(false);
                ch.register(s, SelectionKey.OP_READ);
                connections++;
                if (connections > 1)
                {
                    reconnects++;
                }
                failing = false;
                log.accept("connected to " + config.host() + ":" + config.port() + ", logging on as " + config.sender());
                in.clear();
                reader.reset();
                loggedOn = false;
                send(SzseEncoder.logon(out, 0, config.sender(), config.target(), config.heartBtInt(),
                    config.password(), "1.00"));
                lastReceivedNs = clock.nanoTime();
                final Outcome outcome = session(s, ch);
                if (outcome != null)
                {
                    return outcome;
                }
                backoffMs = 100;
            }
            catch (final IOException ex)
            {
                if (!running)
                {
                    break;
                }
                if (!failing)
                {
                    log.accept("cannot reach " + config.host() + ":" + config.port() + " (" +
                        (ex.getMessage() == null ? ex.getClass().getSimpleName() : ex.getMessage()) + "); retrying");
                    failing = true;
                }
            }
            finally
            {
                channel = null;
                selector = null;
            }
            if (!running)
            {
                break;
            }
            if (Thread.currentThread().isInterrupted())
            {
                // an interrupted thread can neither connect nor wait: stop as if asked to
                log.accept("interrupted: stopping");
                running = false;
                break;
            }
            log.accept("reconnecting in " + backoffMs + " ms");
            LockSupport.parkNanos(backoffMs * 1_000_000L);
            backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
        }
        return Outcome.STOPPED;
    }

    /**
     * Reads until the connection ends. Returns null to reconnect, or why to stop.
     */
    private Outcome session(final Selector s, final SocketChannel ch) throws IOException
    {
        final long heartbeatNs = config.heartBtInt() * 1_000_000_000L;
        while (running)
        {
            // the action form of select adds nothing to the selected-key set: no garbage per wake-up
            s.select(IGNORE_KEY, Math.max(1, Math.min(1_000, config.heartBtInt() * 1_000L / 2)));
            final int n = ch.read(in);
            final long now = clock.nanoTime();
            if (n < 0)
            {
                log.accept("connection closed by " + config.host() + ":" + config.port());
                return null;
            }
            if (n > 0)
            {
                feed.arrived(now);
                final long validBefore = feed.validFrames();
                in.flip();
                final int consumed = reader.read(inBuffer, in.position(), in.remaining(), feed);
                in.position(in.position() + consumed);
                in.compact();
                if (feed.validFrames() != validBefore)
                {
                    // only a whole, valid message says the gateway is alive: a byte trickled now and then does not
                    lastReceivedNs = now;
                }
                if (refused)
                {
                    return Outcome.LOGON_REFUSED;
                }
                if (config.exitAtEnd() && !channels.isEmpty() && ended.containsAll(channels))
                {
                    log.accept("every channel has ended (" + channels.size() + "); logging out");
                    send(SzseEncoder.logout(out, 0, SzseDescriptor.STATUS_ACTIVE, "end of channels"));
                    return Outcome.CHANNELS_ENDED;
                }
                if (!in.hasRemaining())
                {
                    throw new IOException("a frame longer than the read buffer");
                }
            }
            if (now - lastSentNs >= heartbeatNs)
            {
                send(SzseEncoder.heartbeat(out, 0));
            }
            if (now - lastReceivedNs > 2 * heartbeatNs)
            {
                log.accept("heartbeat timeout: no valid message from " + config.host() + ":" + config.port() +
                    " for " + (now - lastReceivedNs) / 1_000_000 + " ms");
                return null;
            }
        }
        if (ch.isConnected())
        {
            try
            {
                send(SzseEncoder.logout(out, 0, SzseDescriptor.STATUS_ACTIVE, "client stopping"));
            }
            catch (final IOException ignored)
            {
                // stopping anyway
            }
        }
        return Outcome.STOPPED;
    }

    private void send(final int length) throws IOException
    {
        final ByteBuffer bytes = out.byteBuffer().duplicate();
        bytes.clear().limit(length);
        while (bytes.hasRemaining())
        {
            if (channel.write(bytes) == 0)
            {
                Thread.onSpinWait();
            }
        }
        lastSentNs = clock.nanoTime();
    }

    @Override
    public void onSession(final int msgType, final DirectBuffer buffer, final int bodyOffset, final int bodyLength)
    {
        if (msgType == SzseDescriptor.LOGON)
        {
            if (!loggedOn)
            {
                loggedOn = true;
                log.accept("logged on to " + config.host() + ":" + config.port() + " as " + config.sender());
            }
        }
        else if (msgType == SzseDescriptor.LOGOUT)
        {
            final int status = buffer.getInt(bodyOffset + SzseDescriptor.Logout.SESSION_STATUS, SzseFrame.ORDER);
            final String text = SzseFrame.getText(buffer, bodyOffset + SzseDescriptor.Logout.TEXT,
                SzseDescriptor.Logout.TEXT_LENGTH);
            if (!loggedOn)
            {
                refused = true;
                log.accept("logon refused by " + config.host() + ":" + config.port() + ": status " + status +
                    (text.isEmpty() ? "" : " (" + io.moneyflow.codec.Printable.of(text) + ")"));
            }
            else
            {
                log.accept("logged out by " + config.host() + ":" + config.port() + ": status " + status +
                    (text.isEmpty() ? "" : " (" + io.moneyflow.codec.Printable.of(text) + ")"));
            }
        }
    }

    @Override
    public void onRecordChannel(final int channelNo)
    {
        if (channels.add(channelNo))
        {
            log.accept("channel " + channelNo + " open");
        }
    }

    @Override
    public void onChannelHeartbeat(final int channelNo, final boolean end)
    {
        if (channels.add(channelNo))
        {
            log.accept("channel " + channelNo + " open");
        }
        if (end && ended.add(channelNo))
        {
            log.accept("channel " + channelNo + " ended");
        }
    }

    /**
     * Stops the session; {@link #run()} logs out and returns. Any thread.
     */
    public void stop()
    {
        running = false;
        final Selector s = selector;
        if (s != null)
        {
            s.wakeup();
        }
    }

    /**
     * @return times the session reconnected.
     */
    public long reconnects()
    {
        return reconnects;
    }
}

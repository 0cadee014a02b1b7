package io.moneyflow.tools;

import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.sim.SzseFeedServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow feed-serve}: plays recorded files as an SZSE Binary gateway, with faults on demand.
 */
@Command(
    name = "feed-serve",
    mixinStandardHelpOptions = true,
    description = "Serve recorded files (any layout 'flow' reads) over TCP as an SZSE Binary market-data gateway: " +
        "logon, heartbeats, 300191/300192/300111 frames in input order with dense sequence numbers per channel, " +
        "and an end-of-channel heartbeat after the last record. Each connection is served on its own: one that " +
        "does not log on within --logon-timeout is closed, and each client (by its sender id) gets the whole " +
        "stream, continued where it was when it reconnects. Exits once a client has everything and has logged " +
        "out, with no other connected. Faults can be injected at a rate, from a seed, so that what a client must " +
        "report is known.")
final class FeedServeCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", required = true,
        description = "TCP port to listen on (0: any free port, printed on stderr).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "Address to listen on. Default 127.0.0.1 (this machine only); 0.0.0.0 for every interface.")
    String bind;

    @Option(names = "--rate", paramLabel = "N/s|max", defaultValue = "max",
        description = "Records per second, e.g. 100000, 100k/s, 1M/s; max (default) sends as fast as the client " +
            "reads.")
    String rate;

    @Option(names = "--faults", paramLabel = "KINDS", defaultValue = "",
        description = "Faults to inject, comma-separated: drop (a record never sent), dup (sent twice), reorder " +
            "(swapped with the next), corrupt (a length or body byte flipped), disconnect (connection closed; the " +
            "client reconnects and the stream continues).")
    String faults;

    @Option(names = "--fault-rate", paramLabel = "R", defaultValue = "0.001",
        description = "Chance of a fault per record, 0 to 1 (default 0.001); one of the chosen kinds at random.")
    double faultRate;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
        description = "Seed of the fault choices (default 1): the same seed, inputs and rate inject the same faults.")
    long seed;

    @Option(names = "--repeat", paramLabel = "N", defaultValue = "1",
        description = "Serve the inputs N times, each pass moved one calendar day on (sequence numbers from 1 " +
            "again, as on every SZSE day), so that a short sample makes a long feed (for latency runs). Default 1.")
    int repeat;

    @Option(names = "--password", paramLabel = "PW",
        description = "Refuse a logon whose password is not PW. Required with a --bind address other than " +
            "loopback; on loopback without it, any logon is accepted (said on stderr).")
    String password;

    @Option(names = "--logon-timeout", paramLabel = "S", defaultValue = "10",
        description = "Close a connection that has not logged on within S seconds (default 10).")
    double logonTimeoutSeconds;

    @Option(names = "--report", paramLabel = "FILE",
        description = "Write what was injected as JSON: the input positions of dropped and corrupted records, " +
            "counts of the others, frames sent.")
    Path report;

    @Mixin
    LayoutOptions layout;

    @Option(names = {"-q", "--quiet"}, description = "Only the summary on stderr.")
    boolean quiet;

    @Parameters(arity = "1..*", paramLabel = "INPUT",
        description = "Files (.csv, .txt, .tsv, .gz), .zip archives or directories, merged by time as 'flow' reads them.")
    List<Path> inputs;

    @Override
    public Integer call() throws IOException
    {
        return serve(System.err);
    }

    int serve(final PrintStream err) throws IOException
    {
        final long perSecond = rate(rate, spec);
        final Set<SzseFeedServer.Fault> kinds;
        final Layouts layouts;
        final Layout forced;
        try
        {
            kinds = SzseFeedServer.Fault.parse(faults);
            layouts = layout.layouts();
            forced = layout.forced(layouts);
            if (faultRate < 0 || faultRate > 1)
            {
                throw new IllegalArgumentException("--fault-rate " + faultRate + " is not between 0 and 1");
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage(), ex);
        }
        if (repeat < 1)
        {
            throw new ParameterException(spec.commandLine(), "--repeat must be at least 1");
        }
        if (!(logonTimeoutSeconds > 0) || logonTimeoutSeconds > 86_400)
        {
            throw new ParameterException(spec.commandLine(), "--logon-timeout must be a number of seconds above 0");
        }
        final boolean loopback = loopback(bind);
        if (password == null && !loopback)
        {
            throw new ParameterException(spec.commandLine(), "--bind " + bind + " reaches beyond this machine: " +
                "give --password, or any client that can reach it could log on");
        }
        try (SzseFeedServer server = new SzseFeedServer(bind, port, inputs, layouts, forced, perSecond, kinds,
            kinds.isEmpty() ? 0 : faultRate, seed, password, quiet ? line -> { } :
            line -> err.println("moneyflow: feed-serve: " + line)))
        {
            server.logonTimeoutMs(Math.max(1, Math.round(logonTimeoutSeconds * 1000)));
            try
            {
                server.passes(repeat);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new ParameterException(spec.commandLine(), "--repeat: " + ex.getMessage(), ex);
            }
            err.println("moneyflow: feed-serve: serving " + server.records() + " records on " + bind + ":" +
                server.port() + (perSecond > 0 ? " at " + perSecond + " records/s" : " as fast as the client reads") +
                (kinds.isEmpty() ? "" : ", faults " + kinds.toString().toLowerCase(Locale.ROOT) + " at rate " +
                faultRate + " seed " + seed));
            if (password == null)
            {
                // said even with -q: anyone on this machine may log on
                err.println("moneyflow: feed-serve: WARNING: no --password: any logon on " + bind + ":" +
                    server.port() + " is accepted");
            }
            err.flush();
            final SzseFeedServer.Faults faults = server.serve();
            err.println("moneyflow: feed-serve: done: " + faults.framesSent + " frames sent; " + faults);
            if (report != null)
            {
                writeReport(faults, server.records());
            }
        }
        return 0;
    }

    private void writeReport(final SzseFeedServer.Faults faults, final int records)
    {
        final Json json = new Json().beginObject();
        json.number("records", records).number("framesSent", faults.framesSent);
        json.name("dropped").beginArray();
        for (int i = 0; i < faults.dropped.size(); i++)
        {
            json.numberValue(faults.dropped.getLong(i));
        }
        json.endArray();
        json.name("corrupted").beginArray();
        for (int i = 0; i < faults.corrupted.size(); i++)
        {
            json.numberValue(faults.corrupted.getLong(i));
        }
        json.endArray();
        json.number("badStretches", faults.badStretches)
            .number("duplicated", faults.duplicated)
            .number("reordered", faults.reordered)
            .number("disconnects", faults.disconnects)
            .endObject();
        try
        {
            Files.writeString(report, json.toString() + System.lineSeparator(), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write --report " + report + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param address a --bind address.
     * @return true when only this machine can reach it (127.0.0.0/8, ::1, localhost).
     */
    static boolean loopback(final String address)
    {
        try
        {
            return java.net.InetAddress.getByName(address).isLoopbackAddress();
        }
        catch (final java.net.UnknownHostException ex)
        {
            return false;
        }
    }

    /**
     * @param text e.g. 100000, 100k/s, 1M/s or max.
     * @param spec the command, for the usage error.
     * @return records per second, 0 for max.
     */
    static long rate(final String text, final CommandSpec spec)
    {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("max"))
        {
            return 0;
        }
        if (t.endsWith("/s"))
        {
            t = t.substring(0, t.length() - 2);
        }
        long scale = 1;
        if (t.endsWith("k"))
        {
            scale = 1_000;
            t = t.substring(0, t.length() - 1);
        }
        else if (t.endsWith("m"))
        {
            scale = 1_000_000;
            t = t.substring(0, t.length() - 1);
        }
        try
        {
            final long value = Long.parseLong(t) * scale;
            if (value <= 0)
            {
                throw new NumberFormatException();
            }
            return value;
        }
        catch (final NumberFormatException ex)
        {
            throw new ParameterException(spec.commandLine(), "--rate '" + text +
                "' is not a rate such as 100000, 100k/s, 1M/s or max");
        }
    }
}

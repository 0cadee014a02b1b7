package io.moneyflow.tools;

import io.moneyflow.Engine;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.net.InetAddress;

/**
 * {@code --http PORT} of the commands that run the engine ({@code flow}, {@code replay}, {@code run}): while the run
 * goes on, its counters are served as {@code serve} serves a counters file ({@link FlowServer}), on this machine only.
 */
final class HttpOption
{
    @Option(names = "--http", paramLabel = "PORT",
        description = "While the run goes on, serve its counters over HTTP on 127.0.0.1:PORT, as 'serve' does " +
            "(the dashboard at /, /api/..., /metrics); 0 for any free port (printed). The server stops with the run.")
    Integer port;

    /** The run's data directory ({@code --data-dir}, set by the command), whose history and alerts are served too. */
    java.nio.file.Path dataDir;

    /**
     * Starts the server on a launched engine's counters, when asked for.
     *
     * @param engine the run's engine, launched, before its ingestion.
     * @param err    where the address is said.
     * @return the server, or null without {@code --http}.
     */
    FlowServer start(final Engine engine, final PrintStream err)
    {
        if (port == null)
        {
            return null;
        }
        final FlowServer server =
            FlowServer.start(engine.context().countersFile(), engine.context().reference(), DataDir.dir(dataDir),
                InetAddress.getLoopbackAddress(), port, null, engine);
        err.println("moneyflow: serving this run's counters on http://127.0.0.1:" + server.port() + "/");
        return server;
    }
}

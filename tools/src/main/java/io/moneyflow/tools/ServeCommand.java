package io.moneyflow.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code moneyflow serve}: a read-only HTTP API and Prometheus metrics over a counters file (see {@link FlowServer}).
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
    description = {"Serve a counters file over HTTP while its engine runs (or after): the dashboard (/), a " +
        "read-only JSON API (/api/stocks, /api/stocks/SYMBOL, /api/stocks/SYMBOL/bars, /api/sectors, /api/markets, " +
        "/api/rank, /api/history/SYMBOL, /api/alerts, /api/health; each also as server-sent events under " +
        "/api/stream/), its description (/openapi.json) and Prometheus metrics (/metrics). Listens on 127.0.0.1 " +
        "unless --bind says otherwise, which needs --token. Stop it with Ctrl-C."})
final class ServeCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--counters", paramLabel = "FILE", required = true,
        description = "The counters file of a run (its --counters FILE).")
    Path counters;

    @Option(names = "--data-dir", paramLabel = "DIR",
        description = "Where the history store and the alerts live, served at /api/history and /api/alerts. " +
            "Default: $MONEYFLOW_DATA, else var/ in the installation.")
    Path dataDir;

    @Option(names = "--securities", paramLabel = "FILE",
        description = "The securities file (names, sectors, float shares). Default: the installation's.")
    Path securities;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080",
        description = "The port; 0 for any free one (printed). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
        description = "The address to listen on. Default: ${DEFAULT-VALUE} (this machine only); another one needs " +
            "--token.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
        description = "Every request must carry 'Authorization: Bearer TOKEN'.")
    String token;

    /**
     * Starts the server as the options say.
     *
     * @return the running server.
     */
    FlowServer start()
    {
        if (!Files.isRegularFile(counters))
        {
            throw new ParameterException(spec.commandLine(), "--counters: no such file: " + counters);
        }
        final InetAddress address;
        try
        {
            address = InetAddress.getByName(bind);
        }
        catch (final UnknownHostException ex)
        {
            throw new ParameterException(spec.commandLine(), "--bind: unknown address '" + bind + "'");
        }
        if (!address.isLoopbackAddress() && (token == null || token.isBlank()))
        {
            throw new ParameterException(spec.commandLine(), "--bind " + bind + " reaches beyond this machine: " +
                "give --token, or anyone who can reach it could read the counters");
        }
        if (port < 0 || port > 65_535)
        {
            throw new ParameterException(spec.commandLine(), "--port " + port + " is not a port (0 to 65535)");
        }
        return FlowServer.start(counters, Home.referenceOrNone(securities), DataDir.dir(dataDir), address, port,
            token, null);
    }

    @Override
    public Integer call() throws InterruptedException
    {
        try (FlowServer server = start())
        {
            System.err.println("moneyflow: serving " + counters + " on http://" + bind + ":" + server.port() +
                "/ (the dashboard; api/..., metrics, openapi.json); Ctrl-C stops");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}

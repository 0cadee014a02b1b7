package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.RunLog;
import io.moneyflow.counters.CountersDigest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs inputs through an engine for a command, with rejections and progress on stderr.
 */
final class Run implements AutoCloseable
{
    final Engine engine;
    final RunLog log;
    private final PrintStream err;

    Run(final Engine engine, final RunLog log, final PrintStream err)
    {
        this.engine = engine;
        this.log = log;
        this.err = err;
    }

    /**
     * @return the digest of everything the engine computed.
     */
    String digest()
    {
        return CountersDigest.sha256(engine.counters());
    }

    Run(final EngineContext context, final List<Path> inputs, final boolean quiet, final PrintStream err)
    {
        this.err = err;
        this.engine = Engine.launch(context);
        RunLog result = null;
        try
        {
            result = engine.ingest(inputs, line -> err.println("moneyflow: " + line),
                quiet ? line -> { } : line -> err.println("moneyflow: " + line));
        }
        finally
        {
            if (result == null)
            {
                engine.close();
            }
        }
        this.log = result;
    }

    /**
     * Reports bugs caught in the ring stages and the rejection summary.
     *
     * @return true when the run had no internal errors.
     */
    boolean finish()
    {
        final long total = log.rejectedTotal();
        if (total > 0)
        {
            final StringBuilder sb = new StringBuilder("moneyflow: rejected " + total + " record(s):");
            log.rejected().forEach((reason, count) ->
            {
                if (count > 0)
                {
                    sb.append(' ').append(reason.label()).append('=').append(count);
                }
            });
            err.println(sb);
        }
        if (engine.exceptions().errors() > 0)
        {
            err.println("moneyflow: " + engine.exceptions().errors() + " internal error(s) in the engine stages:");
            for (final String e : engine.exceptions().firstErrors())
            {
                err.println("moneyflow:   " + e);
            }
            return false;
        }
        return true;
    }

    @Override
    public void close()
    {
        engine.close();
    }
}

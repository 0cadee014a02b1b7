package io.moneyflow.bench;

import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs the JMH benchmarks with the JVM flags moneyflow needs (Agrona, Chronicle) appended to every fork. The flags
 * come from the parent POM's {@code moneyflow.jvm.flags}, filtered into this jar at build time. Takes JMH's usual
 * command-line options, e.g. {@code -prof gc} or a benchmark name pattern; {@code -l}, {@code -lp}, {@code -lprof},
 * {@code -lrf} and {@code -h} list or explain and run nothing, as with JMH's own main class.
 */
public final class BenchMain
{
    private BenchMain()
    {
    }

    /**
     * @param args JMH options.
     * @throws RunnerException when a benchmark fails.
     * @throws CommandLineOptionException on bad options.
     * @throws IOException when the flags resource is missing.
     */
    public static void main(final String[] args) throws RunnerException, CommandLineOptionException, IOException
    {
        final String flags;
        try (InputStream in = BenchMain.class.getResourceAsStream("/moneyflow-jvm.flags"))
        {
            if (in == null)
            {
                throw new IOException("moneyflow-jvm.flags missing from the benchmark jar");
            }
            flags = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        final CommandLineOptions cli = new CommandLineOptions(args);
        final Runner runner = new Runner(new OptionsBuilder().parent(cli).jvmArgsAppend(flags.split("\\s+")).build());
        // what JMH's own Main does for its listing options, which run nothing
        if (cli.shouldHelp())
        {
            cli.showHelp();
        }
        else if (cli.shouldList())
        {
            runner.list();
        }
        else if (cli.shouldListWithParams())
        {
            runner.listWithParams(cli);
        }
        else if (cli.shouldListProfilers())
        {
            cli.listProfilers();
        }
        else if (cli.shouldListResultFormats())
        {
            cli.listResultFormats();
        }
        else
        {
            runner.run();
        }
    }
}

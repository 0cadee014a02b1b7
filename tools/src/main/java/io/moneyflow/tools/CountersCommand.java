package io.moneyflow.tools;

import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.ring.RejectReason;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow counters}: reads a counters file, live or finished, from outside the engine's process.
 */
@Command(
    name = "counters",
    mixinStandardHelpOptions = true,
    description = "Print the flow table from a counters file written by 'flow --counters FILE', while that run " +
        "is still going or after it ended. Each stock's row is a consistent snapshot. Several files (engines that " +
        "shared a market, each consuming some of a topic's partitions with 'run --kafka') are read as one run: " +
        "every stock of every file, sectors and markets summed over them all, the rejections added, and one digest " +
        "(in the JSON, and on stderr), equal to that of one engine that ran every record.")
final class CountersCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "The counters file, or several read as one run.")
    List<Path> files;

    /** The file being judged, for messages. */
    private Path file;

    @Option(names = "--symbols", split = ",", paramLabel = "SYMBOL", description = "Only these symbols.")
    List<String> symbols;

    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
        description = "table (default), csv or json.")
    Format format;

    @Option(names = "--securities", paramLabel = "FILE",
        description = "Reference data for names and sectors. Default: config/securities.csv of the installation.")
    Path securities;

    @Option(names = "--sectors", description = "Also print a row per sector in the table and CSV (sums of the " +
        "stocks' consistent records; the JSON always has them).")
    boolean sectors;

    @Option(names = "--markets", description = "Also print a row per market (SSE, SZSE, BSE, ALL).")
    boolean markets;

    /**
     * Says on stderr when the file's writer has not finished: still running (a note), or gone without closing the
     * file, killed or crashed (an error: the counters hold only what it had processed).
     *
     * @return false when the writer died before it finished.
     */
    private boolean finished(final FlowCounters counters)
    {
        if (counters.closeTimeMs() != 0)
        {
            return true;
        }
        final long pid = counters.writerPid();
        final boolean running = ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            // a process that started after the file was created has only reused the writer's pid
            .filter(p -> p.info().startInstant().map(t -> t.toEpochMilli() <= counters.startTimeMs() + 1_000)
                .orElse(true))
            .isPresent();
        if (running)
        {
            System.err.println("moneyflow: note: the run writing " + file + " (pid " + pid + ") is still going: " +
                "these are its counters so far");
            return true;
        }
        System.err.println("moneyflow: error: the run that wrote " + file + " (pid " + pid + ") ended without " +
            "finishing (killed or crashed): these counters hold only what it had processed by then");
        return false;
    }

    @Override
    public Integer call()
    {
        if (format == Format.parquet)
        {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                "--format is table, csv or json here (parquet is for flow, minutes, replay, run, history and rank)");
        }
        final ReferenceData reference = Home.referenceOrNone(securities);
        final List<FlowCounters> opened = new java.util.ArrayList<>();
        try
        {
            for (final Path each : files)
            {
                opened.add(FlowCounters.openReadOnly(each));
            }
            final FlowReport report = FlowReport.read(opened.stream().map(FlowCountersReader::new).toList(),
                reference, EngineOptions.symbols(symbols, spec)).groups(sectors, markets);
            final String digest = files.size() > 1 || format == Format.json ? CountersDigest.sha256(opened) : null;
            switch (format)
            {
                case csv -> report.printCsv(System.out);
                case json ->
                {
                    final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
                    long gaps = 0;
                    long missing = 0;
                    for (final RejectReason reason : RejectReason.values())
                    {
                        long sum = 0;
                        for (final FlowCounters counters : opened)
                        {
                            sum += counters.stat(CountersDescriptor.REJECT_BASE + reason.ordinal());
                        }
                        rejected.put(reason, sum);
                    }
                    for (final FlowCounters counters : opened)
                    {
                        gaps += counters.stat(CountersDescriptor.Stat.SEQUENCE_GAPS.ordinal());
                        missing += counters.stat(CountersDescriptor.Stat.SEQUENCE_MISSING.ordinal());
                    }
                    report.printJson(System.out, rejected, List.of(), gaps, missing, Map.of("digest", digest));
                }
                default -> report.printTable(System.out);
            }
            System.out.flush();
            if (files.size() > 1 && format != Format.json)
            {
                System.err.println("moneyflow: digest " + digest);
            }
            boolean finished = true;
            for (int i = 0; i < files.size(); i++)
            {
                file = files.get(i);
                finished &= finished(opened.get(i));
            }
            return finished ? 0 : 1;
        }
        catch (final IllegalArgumentException ex)
        {
            System.err.println("moneyflow: " + ex.getMessage());
            return 1;
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("moneyflow: " + ex.getMessage());
            return 1;
        }
        finally
        {
            for (final FlowCounters counters : opened)
            {
                counters.close();
            }
        }
    }
}

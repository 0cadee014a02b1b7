package io.moneyflow.tools;

import io.moneyflow.counters.CountersDescriptor;
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
        "is still going or after it ended. Each stock's row is a consistent snapshot.")
final class CountersCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The counters file.")
    Path file;

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
        try (FlowCounters counters = FlowCounters.openReadOnly(file))
        {
            final FlowReport report = FlowReport.read(new FlowCountersReader(counters), reference,
                EngineOptions.symbols(symbols, spec)).groups(sectors, markets);
            switch (format)
            {
                case csv -> report.printCsv(System.out);
                case json ->
                {
                    final Map<RejectReason, Long> rejected = new EnumMap<>(RejectReason.class);
                    for (final RejectReason reason : RejectReason.values())
                    {
                        rejected.put(reason, counters.stat(CountersDescriptor.REJECT_BASE + reason.ordinal()));
                    }
                    report.printJson(System.out, rejected, List.of(),
                        counters.stat(CountersDescriptor.Stat.SEQUENCE_GAPS.ordinal()),
                        counters.stat(CountersDescriptor.Stat.SEQUENCE_MISSING.ordinal()));
                }
                default -> report.printTable(System.out);
            }
            System.out.flush();
            return finished(counters) ? 0 : 1;
        }
        catch (final IllegalStateException ex)
        {
            System.err.println("moneyflow: " + ex.getMessage());
            return 1;
        }
    }
}

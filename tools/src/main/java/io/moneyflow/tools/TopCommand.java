package io.moneyflow.tools;

import io.moneyflow.counters.FlowCounters;
import io.moneyflow.reference.ReferenceData;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp;
import org.jline.utils.NonBlockingReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * {@code moneyflow top}: a live table of a counters file in the terminal, refreshed about once a second, sortable,
 * filterable and paged (see {@link TopView}), drawn with JLine.
 */
@Command(name = "top", mixinStandardHelpOptions = true,
    description = {"A live table of a run's counters in the terminal, refreshed about once a second: stocks sorted " +
        "by main net, main %%, turnover, net or a class's net, filtered by market or sector, paged; the run's " +
        "health on the first line. Keys are shown on screen; q quits. Works in an 80x24 terminal and in a wide one."})
final class TopCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Parameters(arity = "0..1", paramLabel = "COUNTERS_FILE",
        description = "A run's counters file; default: the newest of a running engine (moneyflow-*.counters in " +
            "/dev/shm or the temporary directory).")
    Path file;

    @Option(names = "--securities", paramLabel = "FILE",
        description = "Reference data for names and sectors. Default: config/securities.csv of the installation.")
    Path securities;

    @Option(names = "--refresh-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Time between refreshes. Default: ${DEFAULT-VALUE}.")
    int refreshMs;

    @Override
    public Integer call() throws IOException
    {
        final Path counters = file != null ? file : running();
        if (!Files.isRegularFile(counters))
        {
            throw new ParameterException(spec.commandLine(), "no such counters file: " + counters);
        }
        if (refreshMs < 100)
        {
            throw new ParameterException(spec.commandLine(), "--refresh-ms " + refreshMs + " is below 100");
        }
        final ReferenceData reference = Home.referenceOrNone(securities);
        try (FlowCounters mapped = FlowCounters.openReadOnly(counters);
            Terminal terminal = TerminalBuilder.builder().system(true).build())
        {
            final TopView view = new TopView(mapped, reference);
            final Attributes saved = terminal.enterRawMode();
            terminal.puts(InfoCmp.Capability.enter_ca_mode);
            terminal.puts(InfoCmp.Capability.cursor_invisible);
            final Display display = new Display(terminal, true);
            final NonBlockingReader keys = terminal.reader();
            try
            {
                boolean running = true;
                while (running)
                {
                    final Size size = terminal.getSize();
                    final int width = size.getColumns() > 0 ? size.getColumns() : 80;
                    final int height = size.getRows() > 0 ? size.getRows() : 24;
                    display.resize(height, width);
                    final List<AttributedString> lines = new ArrayList<>();
                    for (final String line : view.render(width, height, System.nanoTime()))
                    {
                        lines.add(new AttributedString(line));
                    }
                    display.update(lines, -1);
                    terminal.flush();
                    final int key = keys.read(refreshMs);
                    if (key == -1)
                    {
                        running = false;
                    }
                    else if (key >= 0)
                    {
                        running = view.key(key);
                    }
                }
            }
            finally
            {
                terminal.puts(InfoCmp.Capability.cursor_visible);
                terminal.puts(InfoCmp.Capability.exit_ca_mode);
                terminal.setAttributes(saved);
                terminal.flush();
            }
        }
        return 0;
    }

    /** @return the newest counters file of an engine still writing it. */
    private Path running() throws IOException
    {
        return running(List.of(Path.of("/dev/shm"), Path.of(System.getProperty("java.io.tmpdir"))));
    }

    /**
     * @param dirs where engines put their counters files by default.
     * @return the newest counters file there of an engine still writing it.
     */
    Path running(final List<Path> dirs) throws IOException
    {
        Path newest = null;
        long newestTime = Long.MIN_VALUE;
        for (final Path dir : dirs)
        {
            if (!Files.isDirectory(dir))
            {
                continue;
            }
            try (Stream<Path> files = Files.list(dir))
            {
                for (final Path candidate : files.filter(p -> p.getFileName().toString().matches(
                    "moneyflow-\\d+-\\d+\\.counters")).toList())
                {
                    try (FlowCounters counters = FlowCounters.openReadOnly(candidate))
                    {
                        if (counters.closeTimeMs() == 0 && ProcessHandle.of(counters.writerPid())
                            .map(ProcessHandle::isAlive).orElse(false) && counters.startTimeMs() > newestTime)
                        {
                            newest = candidate;
                            newestTime = counters.startTimeMs();
                        }
                    }
                    catch (final RuntimeException notOne)
                    {
                        // another file of that name, or one being created: not a counters file to show
                    }
                }
            }
        }
        if (newest == null)
        {
            throw new ParameterException(spec.commandLine(), "no running engine's counters file in /dev/shm or " +
                System.getProperty("java.io.tmpdir") + ": give COUNTERS_FILE (a run's --counters FILE)");
        }
        return newest;
    }
}

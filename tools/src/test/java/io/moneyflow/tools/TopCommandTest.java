package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.counters.CountersDescriptor;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.StockFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow top} in a real terminal: tmux runs it in an 80x24 pane, the test sends keys and reads the pane,
 * and the numbers shown equal the counters (read here through the engine's own reader, {@link StockFlow}, in 10,000
 * yuan as the screen says).
 */
class TopCommandTest
{
    @TempDir
    Path dir;

    private static String tmux(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("tmux");
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as("tmux " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    private static String await(final String session, final Predicate<String> shown, final String what)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + 30_000_000_000L;
        String pane = "";
        while (System.nanoTime() < deadline)
        {
            pane = tmux("capture-pane", "-p", "-t", session);
            if (shown.test(pane))
            {
                return pane;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the pane never showed " + what + ":\n" + pane);
    }

    /** @return the stock rows of the pane: symbol to its columns. */
    private static Map<String, String[]> rows(final String pane)
    {
        final Map<String, String[]> rows = new TreeMap<>();
        for (final String line : pane.lines().toList())
        {
            if (line.matches("^\\d{6}\\.(SH|SZ) .*"))
            {
                final String[] cells = line.trim().split("\\s+");
                rows.put(cells[0], cells);
            }
        }
        return rows;
    }

    @Test
    void shouldShowTheCountersAndAnswerItsKeysInAnEightyByTwentyFourTerminal() throws Exception
    {
        final Path counters = dir.resolve("day.counters");
        assertThat(Cli.run("flow", "-q", "--format", "csv", "--counters", counters.toString(),
            Cli.sample("ddb-l2-20230201")).exit).isZero();
        // the command line as this JVM runs: its class path and its flags
        final StringBuilder command = new StringBuilder(ProcessHandle.current().info().command().orElse("java"));
        for (final String flag : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (flag.startsWith("--add-") || flag.startsWith("-Dchronicle"))
            {
                command.append(' ').append(flag);
            }
        }
        command.append(" -cp ").append(System.getProperty("java.class.path"))
            .append(" io.moneyflow.tools.MoneyflowCli top --securities ").append(Cli.root().resolve("config/securities.csv"))
            .append(' ').append(counters).append("; echo TOP-EXIT $?; sleep 60");
        final String session = "moneyflow-top-" + ProcessHandle.current().pid();
        tmux("new-session", "-d", "-s", session, "-x", "80", "-y", "24", command.toString());
        try
        {
            final Map<String, StockFlow> expected = new TreeMap<>();
            final long counted;
            try (FlowCounters file = FlowCounters.openReadOnly(counters))
            {
                counted = file.stat(CountersDescriptor.Stat.EVENTS_APPLIED.ordinal());
                final FlowCountersReader reader = new FlowCountersReader(file);
                for (int slot = 0; slot < reader.slotsUsed(); slot++)
                {
                    final StockFlow flow = StockFlow.read(reader, slot);
                    expected.put(flow.symbol(), flow);
                }
            }
            String pane = await(session, p -> p.contains("sorted by main net"), "the table");
            assertThat(pane.lines().toList()).allMatch(line -> line.length() <= 80);
            assertThat(pane).contains("q quit");
            // the health line: the records the stages counted, the ring and journal lag the engine sampled last (none
            // left in the ring of a finished run; no journal)
            assertThat(pane.lines().findFirst().orElseThrow())
                .startsWith("finished  records " + String.format("%,d", counted) + " (")
                .contains("ring lag 0  journal lag -");
            Map<String, String[]> shown = rows(pane);
            assertThat(shown.keySet()).isEqualTo(expected.keySet());
            for (final Map.Entry<String, String[]> row : shown.entrySet())
            {
                final StockFlow flow = expected.get(row.getKey());
                // symbol, main net, main %, turnover, net, XL net
                assertThat(row.getValue()[1]).as(row.getKey()).isEqualTo(TopView.wan(flow.mainNet()));
                assertThat(row.getValue()[3]).as(row.getKey()).isEqualTo(TopView.wan(flow.turnover()));
                assertThat(row.getValue()[4]).as(row.getKey()).isEqualTo(TopView.wan(flow.net()));
                assertThat(row.getValue()[5]).as(row.getKey())
                    .isEqualTo(TopView.wan(flow.activeIn(0) - flow.activeOut(0)));
            }
            // the largest main net first
            final String first = expected.values().stream()
                .max(Comparator.comparingLong(StockFlow::mainNet)).orElseThrow().symbol();
            assertThat(firstRow(pane)).isEqualTo(first);

            tmux("send-keys", "-t", session, "t");
            pane = await(session, p -> p.contains("sorted by turnover"), "the turnover sort");
            assertThat(firstRow(pane)).isEqualTo(expected.values().stream()
                .max(Comparator.comparingLong(StockFlow::turnover)).orElseThrow().symbol());

            tmux("send-keys", "-t", session, "w");
            pane = await(session, p -> p.contains("sorted by net inflow rate"), "the net inflow rate sort");
            assertThat(rows(pane).keySet()).isEqualTo(expected.keySet());

            tmux("send-keys", "-t", session, "f");
            pane = await(session, p -> p.contains("market SSE"), "the market filter");
            shown = rows(pane);
            assertThat(shown.keySet()).isNotEmpty().allMatch(symbol -> symbol.endsWith(".SH"));

            tmux("send-keys", "-t", session, "q");
            await(session, p -> p.contains("TOP-EXIT 0"), "a clean exit");
        }
        finally
        {
            new ProcessBuilder("tmux", "kill-session", "-t", session).start().waitFor();
        }
    }

    @Test
    void shouldFindTheNewestCountersFileOfARunningEngineByDefault() throws Exception
    {
        // two engines of this process, each file named as an engine names its own, the second one closed: the newest
        // one still written is the first
        final Path running = dir.resolve("moneyflow-" + ProcessHandle.current().pid() + "-1.counters");
        final Path finished = dir.resolve("moneyflow-" + ProcessHandle.current().pid() + "-2.counters");
        try (Engine engine = Engine.launch(new EngineContext().countersFile(running)))
        {
            Thread.sleep(5);
            Engine.launch(new EngineContext().countersFile(finished)).close();
            final TopCommand top = new TopCommand();
            top.spec = new CommandLine(top).getCommandSpec();
            assertThat(top.running(List.of(dir))).isEqualTo(engine.context().countersFile());
        }
    }

    private static String firstRow(final String pane)
    {
        return pane.lines().filter(line -> line.matches("^\\d{6}\\.(SH|SZ) .*")).findFirst().orElseThrow()
            .split("\\s+")[0];
    }
}

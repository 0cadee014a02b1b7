package io.moneyflow.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs {@code bench/peers/test.sh} on a small case, so that the benchmark's peers (the naive Java loop, DuckDB,
 * Polars, pandas) and moneyflow cannot drift apart unseen: every peer must give exactly moneyflow's per-stock,
 * per-class day flows, with moneyflow run on the trades alone and on the trades and orders, on the brief's tiny
 * example (whose figures were computed by hand) and on two random days of {@code tiny_day.py} (seed 1: one day of
 * five stocks of both exchanges; seed 2: two days of nine stocks, the second restarting the order numbers). Flink is
 * left out here (its build downloads Flink); {@code bench/peers/test.sh} with no arguments runs it too.
 * <p>
 * Needs {@code tools/target/moneyflow.jar} (built before this module by {@code mvn verify} from the root) and a
 * Python 3.10+ that can make a virtual environment and install {@code bench/peers/requirements.txt} with pip
 * ({@code bench/peers/venv.sh}: made once in {@code bench/peers/.venv}, then reused). If either is missing the test
 * fails and says why; it never skips. The script's whole output is kept in {@code bench/target/peers-test.log}.
 */
class PeersAgreementTest
{
    /** The peers run here: every one but Flink. */
    private static final String PEERS = "naive duckdb polars pandas";

    /** The random days: seed 1 (one day) and seed 2 (two days). */
    private static final List<String> SEEDS = List.of("1", "2");

    /**
     * Checks test.sh makes on these inputs: the example (trades only, no orders file) gives 1 of its own (moneyflow =
     * the brief's figures) and each of its 4 peers is compared with moneyflow's one run: 5; each seed gives 1 of its
     * own (moneyflow on the trades and orders = on the trades alone) and each peer is compared with both moneyflow
     * runs, 8 more: 5 + 2 x 9 = 23. Fewer would mean checks were skipped.
     */
    private static final int CHECKS = 23;

    private static final Pattern SUMMARY = Pattern.compile("^(\\d+) passed, (\\d+) failed$");

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void shouldGiveMoneyflowsResultWithEveryPeerOnTradesAloneAndWithOrders() throws IOException, InterruptedException
    {
        final Path root = ProjectRoot.holding("bench/peers/test.sh");
        final Path jar = root.resolve("tools/target/moneyflow.jar");
        if (!Files.isRegularFile(jar))
        {
            fail(jar + " is missing: run 'mvn -B verify' from the project root (it packages tools before bench), " +
                "or 'mvn -pl tools -am package' first");
        }
        final Path log = root.resolve("bench/target/peers-test.log");
        Files.createDirectories(log.getParent());

        final ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("bench/peers/test.sh").toString());
        builder.command().addAll(SEEDS);
        builder.directory(root.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .environment().put("PEERS", PEERS);
        final Process process = builder.start();
        if (!process.waitFor(12, TimeUnit.MINUTES))
        {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            fail("bench/peers/test.sh did not finish in 12 minutes; its output so far:\n" + tail(log));
        }
        final int exit = process.exitValue();
        final String output = tail(log);

        assertThat(exit)
            .withFailMessage("bench/peers/test.sh exited %d (a peer differs from moneyflow, or a tool or the Python " +
                "environment failed); full output in %s, its end:%n%s", exit, log, output)
            .isZero();
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        final Matcher summary = SUMMARY.matcher(lines.isEmpty() ? "" : lines.get(lines.size() - 1));
        assertThat(summary.matches()).withFailMessage("no 'N passed, N failed' line at the end of:%n%s", output)
            .isTrue();
        assertThat(Integer.parseInt(summary.group(2))).isZero();
        assertThat(Integer.parseInt(summary.group(1)))
            .withFailMessage("expected %d checks, saw %s; output:%n%s", CHECKS, summary.group(1), output)
            .isEqualTo(CHECKS);
    }


    private static String tail(final Path log) throws IOException
    {
        final List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}

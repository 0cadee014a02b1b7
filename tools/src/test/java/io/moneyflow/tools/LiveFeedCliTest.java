package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code feed-serve} (its own process) into {@code run}: the live path gives what {@code flow} gives on the same file,
 * and with faults injected, reports exactly what the server says it injected.
 */
class LiveFeedCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LISTENING = Pattern.compile("on 127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path dir;

    /** A moneyflow process; its stderr is collected, its port read from the first line. */
    private static final class Proc
    {
        final Process process;
        final CompletableFuture<Integer> port = new CompletableFuture<>();
        final List<String> err = new java.util.concurrent.CopyOnWriteArrayList<>();
        final CompletableFuture<String> out;

        Proc(final String... args) throws IOException
        {
            final String launcher = ProcessHandle.current().info().command().orElse("java");
            final List<String> command = new ArrayList<>(List.of(launcher));
            command.addAll(List.of(System.getProperty("moneyflow.jvm.flags").trim().split("\\s+")));
            command.addAll(List.of("-Dmoneyflow.home=" + Cli.root(), "-cp", System.getProperty("java.class.path"),
                MoneyflowCli.class.getName()));
            command.addAll(List.of(args));
            process = new ProcessBuilder(command).start();
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getErrorStream(),
                    StandardCharsets.UTF_8)))
                {
                    String line;
                    while ((line = lines.readLine()) != null)
                    {
                        err.add(line);
                        final Matcher m = LISTENING.matcher(line);
                        if (!port.isDone() && m.find())
                        {
                            port.complete(Integer.parseInt(m.group(1)));
                        }
                    }
                }
                catch (final IOException ex)
                {
                    port.completeExceptionally(ex);
                }
                port.completeExceptionally(new IllegalStateException("no port in " + err));
            });
            reader.setDaemon(true);
            reader.start();
            out = CompletableFuture.supplyAsync(() ->
            {
                try
                {
                    return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                }
                catch (final IOException ex)
                {
                    throw new java.io.UncheckedIOException(ex);
                }
            });
        }

        int exit() throws InterruptedException
        {
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("exited; stderr " + err).isTrue();
            return process.exitValue();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldGiveTheSameJsonAndDigestOnTheWireAsFromTheFile() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201/tradeData.zip");
        final Proc server = new Proc("feed-serve", "--port", "0", day);
        final int port = server.port.get(60, TimeUnit.SECONDS);
        final Cli live = Cli.run("run", "--feed", "szse://127.0.0.1:" + port, "--exit-at-end", "--format", "json");
        assertThat(live.exit).as(live.err).isZero();
        assertThat(server.exit()).isZero();
        final Cli file = Cli.run("flow", "-q", "--format", "json", day);
        final JsonNode fromWire = JSON.readTree(live.out);
        final JsonNode fromFile = JSON.readTree(file.out);
        assertThat(fromWire.get("symbols").size()).isEqualTo(2);
        assertThat(fromWire.get("digest").asText()).startsWith("sha256:").isEqualTo(fromFile.get("digest").asText());
        assertThat(fromWire).isEqualTo(fromFile);
        assertThat(live.err).contains("every channel has ended (2)");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldServeItsLatencyAndHealthOverHttpWhileItRuns() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201/tradeData.zip");
        // paced, so that the run lasts a few seconds while the test scrapes its metrics
        final Proc server = new Proc("feed-serve", "--port", "0", "--rate", "50000", day);
        final int port = server.port.get(60, TimeUnit.SECONDS);
        final int http;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0))
        {
            http = free.getLocalPort();
        }
        final CompletableFuture<Cli> live = CompletableFuture.supplyAsync(() -> Cli.run("run", "--feed",
            "szse://127.0.0.1:" + port, "--exit-at-end", "--format", "csv", "-q", "--latency", "--http",
            Integer.toString(http)));
        final java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        Map<String, Double> samples = Map.of();
        JsonNode health = null;
        while (!live.isDone() && samples.getOrDefault("moneyflow_record_latency_seconds_count", 0.0) < 1)
        {
            try
            {
                final java.net.http.HttpResponse<String> metrics = client.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + http + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
                if (metrics.statusCode() != 200)
                {
                    // the run's end stopping the server
                    continue;
                }
                samples = ServedRuns.metrics(metrics.body());
                health = JSON.readTree(client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(
                    "http://127.0.0.1:" + http + "/api/health")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body());
            }
            catch (final java.net.ConnectException notYet)
            {
                Thread.sleep(20);
            }
        }
        final Cli done = live.get(120, TimeUnit.SECONDS);
        assertThat(done.exit).as(done.err).isZero();
        assertThat(server.exit()).isZero();
        // the stage's latency histogram, scraped while it ran: percentiles in order, all positive
        assertThat(samples.get("moneyflow_record_latency_seconds_count")).as(samples.toString()).isPositive();
        double previous = 0;
        for (final String q : List.of("0.5", "0.9", "0.99", "0.999", "0.9999", "1.0"))
        {
            final double value = samples.get("moneyflow_record_latency_seconds{quantile=\"" + q + "\"}");
            assertThat(value).as(q).isPositive().isGreaterThanOrEqualTo(previous);
            previous = value;
        }
        // the engine's health, in its own process: the ring read now
        assertThat(health.get("ringSize").asInt()).isPositive();
        assertThat(health.get("ringLag").asLong()).isNotNegative();
        assertThat(health.get("journalLag").isNull()).as("no journal").isTrue();
        // the engine's own sample of the same figures, for a reader in another process (top, serve)
        assertThat(health.get("latency").get("records").asLong()).isPositive();
        assertThat(health.get("latency").get("p99Micros").decimalValue())
            .isLessThanOrEqualTo(health.get("latency").get("maxMicros").decimalValue());
        assertThat(health.get("gcCollections").asLong()).isNotNegative();
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldServeTheDayAgainOnTheFollowingDaysWithRepeat() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201/tradeData.zip");
        // the repeated days are the same trades a day later: reference data giving each the first day's previous
        // closes (which the dated config/securities.csv gives 2023-02-01 only) makes every figure equal
        final Path securities = dir.resolve("securities.csv");
        final StringBuilder rows = new StringBuilder("symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose," +
            "validFrom\n");
        for (final String date : List.of("2023-02-01", "2023-02-02", "2023-02-03"))
        {
            rows.append("000001.SZ,平安银行,SZ,银行,,19405918198,,14.99,").append(date).append('\n')
                .append("600000.SH,浦发银行,SH,银行,,,,7.37,").append(date).append('\n');
        }
        Files.writeString(securities, rows);
        final Proc server = new Proc("feed-serve", "-q", "--port", "0", "--repeat", "3", day);
        final int port = server.port.get(60, TimeUnit.SECONDS);
        final Cli live = Cli.run("run", "--feed", "szse://127.0.0.1:" + port, "--exit-at-end", "--format", "json",
            "--securities", securities.toString());
        assertThat(live.exit).as(live.err).isZero();
        assertThat(server.exit()).isZero();
        final JsonNode fromWire = JSON.readTree(live.out);
        final JsonNode fromFile = JSON.readTree(Cli.run("flow", "-q", "--format", "json", "--securities",
            securities.toString(), day).out);
        assertThat(fromWire.get("sequence").get("gaps").asLong()).isZero();
        final List<String> days = new ArrayList<>();
        for (final JsonNode row : fromWire.get("symbols"))
        {
            days.add(row.get("symbol").asText() + " " + row.get("date").asText());
            JsonNode same = null;
            for (final JsonNode original : fromFile.get("symbols"))
            {
                if (original.get("symbol").equals(row.get("symbol")))
                {
                    same = original.deepCopy();
                }
            }
            ((ObjectNode)same).set("date", row.get("date"));
            assertThat(row).as(row.get("symbol") + " " + row.get("date")).isEqualTo(same);
        }
        assertThat(days).containsExactly("000001.SZ 2023-02-01", "000001.SZ 2023-02-02", "000001.SZ 2023-02-03",
            "600000.SH 2023-02-01", "600000.SH 2023-02-02", "600000.SH 2023-02-03");
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldReportExactlyTheFaultsTheServerInjected() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201/tradeData.zip");
        final Path report = dir.resolve("faults.json");
        final Proc server = new Proc("feed-serve", "--port", "0", "--faults", "drop,dup,reorder,corrupt",
            "--fault-rate", "0.002", "--seed", "20230201", "--report", report.toString(), day);
        final int port = server.port.get(60, TimeUnit.SECONDS);
        final Cli live = Cli.run("run", "--feed", "szse://127.0.0.1:" + port, "--exit-at-end", "--format", "json");
        assertThat(live.exit).as(live.err).isZero();
        assertThat(server.exit()).isZero();
        final JsonNode injected = JSON.readTree(Files.readString(report));
        final JsonNode seen = JSON.readTree(live.out);
        final long lost = injected.get("dropped").size() + injected.get("corrupted").size();
        assertThat(injected.get("dropped").size()).isPositive();
        assertThat(injected.get("duplicated").asLong()).isPositive();
        assertThat(injected.get("reordered").asLong()).isPositive();
        assertThat(injected.get("corrupted").size()).isPositive();
        assertThat(seen.get("sequence").get("missing").asLong()).isEqualTo(lost);
        assertThat(seen.get("rejected").get("duplicate").asLong()).isEqualTo(injected.get("duplicated").asLong());
        assertThat(seen.get("rejected").get("bad-frame").asLong()).isEqualTo(injected.get("badStretches").asLong());
        // fills lost on the wire are exactly the fills missing from the totals
        final JsonNode full = JSON.readTree(Cli.run("flow", "-q", "--format", "json", day).out);
        long fullTrades = 0;
        long liveTrades = 0;
        for (int i = 0; i < 2; i++)
        {
            fullTrades += full.get("symbols").get(i).get("trades").asLong() +
                full.get("symbols").get(i).get("cancels").asLong();
            liveTrades += seen.get("symbols").get(i).get("trades").asLong() +
                seen.get("symbols").get(i).get("cancels").asLong();
        }
        assertThat(fullTrades - liveTrades).isEqualTo(lost);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldReplayALiveJournalToExactlyWhatTheLiveRunPrinted() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201/tradeData.zip");
        final Path journal = dir.resolve("journal");
        final Proc server = new Proc("feed-serve", "--port", "0", "--faults", "drop,dup,reorder,corrupt,disconnect",
            "--fault-rate", "0.0005", "--seed", "7", day);
        final int port = server.port.get(60, TimeUnit.SECONDS);
        final Cli live = Cli.run("run", "--feed", "szse://127.0.0.1:" + port, "--exit-at-end", "--journal",
            journal.toString(), "--format", "json");
        assertThat(live.exit).as(live.err).isZero();
        assertThat(server.exit()).isZero();
        final JsonNode printed = JSON.readTree(live.out);
        assertThat(printed.get("sequence").get("gaps").asLong()).as("faults were injected").isPositive();
        final Cli replay = Cli.run("replay", "-q", "--format", "json", "--journal", journal.toString());
        assertThat(replay.exit).as(replay.err).isZero();
        // the gaps, rejections (duplicates, broken frames) and every number: the same, to the byte
        assertThat(replay.out).isEqualTo(live.out);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldStopCleanlyOnCtrlCAndPrintWhatItHas() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201/tradeData.zip");
        final Proc server = new Proc("feed-serve", "--port", "0", "--rate", "20k/s", day);
        final int port = server.port.get(60, TimeUnit.SECONDS);
        final Proc run = new Proc("run", "--feed", "szse://127.0.0.1:" + port, "--format", "json");
        while (run.err.stream().noneMatch(l -> l.contains("logged on")))
        {
            Thread.sleep(50);
        }
        Thread.sleep(1_000);
        // Ctrl-C: SIGINT to the process (Process.destroy would also close our ends of its pipes). A build started in
        // the background of a script runs with SIGINT ignored, which its children inherit and a JVM then keeps ignored
        // (nohup's contract), so no Ctrl-C can reach the run there: TERM, which the run handles the same way, stands in
        final String signal = sigintIgnored() ? "-TERM" : "-INT";
        assertThat(new ProcessBuilder("kill", signal, Long.toString(run.process.pid())).start().waitFor())
            .isZero();
        run.exit();
        final ObjectNode printed = (ObjectNode)JSON.readTree(run.out.get(60, TimeUnit.SECONDS));
        long trades = 0;
        for (final JsonNode symbol : printed.get("symbols"))
        {
            trades += symbol.get("trades").asLong();
        }
        assertThat(trades).as("a second or two of a 20k/s feed, not the day").isPositive().isLessThan(100_000);
        assertThat(printed.get("digest").asText()).startsWith("sha256:");
        assertThat(run.err).anyMatch(l -> l.contains("stopping: logging out"));
        assertThat(run.err).anyMatch(l -> l.contains("session stopped"));
        server.process.destroy();
        server.exit();
    }

    /**
     * @return true when this JVM (and so every process it starts) has SIGINT ignored: Linux's {@code SigIgn} mask of
     *         {@code /proc/self/status}, bit 1; false where there is none.
     */
    private static boolean sigintIgnored()
    {
        try
        {
            for (final String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status")))
            {
                if (line.startsWith("SigIgn:"))
                {
                    return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 0x2) != 0;
                }
            }
        }
        catch (final java.io.IOException | RuntimeException ex)
        {
            // no /proc: not Linux
        }
        return false;
    }
}

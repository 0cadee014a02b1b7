package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moneyflow.journal.Journal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Live on Kafka, against a real broker (KRaft, started by the test as a child JVM from the {@code kafka_2.13}
 * artifacts: {@link KafkaBroker}): {@code publish} writes a day's records onto a topic; {@code run --kafka} consuming
 * every partition prints what {@code flow} prints on the same files, byte for byte; two engines consuming half the
 * partitions each, at once, give counters files that {@code counters A B} reads as one run, stocks, sectors, markets,
 * rejections and digest equal to {@code flow}'s; an engine killed with SIGKILL at random moments while it consumes
 * (seed printed) resumes from its journal each time and ends with {@code flow}'s output, its journal holding each
 * published record exactly once. A live SZSE Binary feed with duplicates and reordering injected, published with
 * {@code publish --feed}, gives the consuming engine what {@code run --feed} prints on the same feed.
 */
class KafkaCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;

    private static KafkaBroker broker;

    @TempDir
    Path dir;

    @BeforeAll
    static void startBroker() throws Exception
    {
        final long start = System.nanoTime();
        broker = KafkaBroker.start(shared);
        System.out.println("KafkaCliTest: broker at " + broker.bootstrap() + " up in " +
            (System.nanoTime() - start) / 1_000_000 + " ms");
    }

    @AfterAll
    static void stopBroker()
    {
        if (broker != null)
        {
            broker.close();
        }
    }

    private Process start(final List<String> args, final String name) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(System.getProperty("moneyflow.jvm.flags").trim().split("\\s+")));
        command.add("-Xmx1g");
        command.add("-Dmoneyflow.home=" + Cli.root());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(MoneyflowCli.class.getName());
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(dir.resolve("stderr-" + name + ".txt").toFile()).start();
    }

    private String stderr(final String name) throws Exception
    {
        return Files.readString(dir.resolve("stderr-" + name + ".txt"), StandardCharsets.UTF_8);
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldPrintWhatFlowPrintsFromOneEngineAndFromTwoMerged() throws Exception
    {
        final String input = Cli.sample("ddb-l2-20230201");
        final Cli flow = Cli.run("flow", "-q", "--format", "json", input);
        assertThat(flow.exit).isZero();

        final Cli publish = Cli.run("publish", "--kafka", broker.bootstrap(), "--topic", "real", "--partitions", "4",
            input);
        assertThat(publish.exit).as(publish.err).isZero();
        assertThat(publish.err).contains("created topic real with 4 partitions").contains("published ");

        // one engine, every partition: flow's bytes
        final Cli one = Cli.run("run", "--kafka", broker.bootstrap(), "--topic", "real", "--exit-at-end", "-q",
            "--format", "json");
        assertThat(one.exit).as(one.err).isZero();
        assertThat(one.out).isEqualTo(flow.out);
        // its offsets committed to its group once counted: each partition's end, for Kafka's tools to show the lag
        final java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", broker.bootstrap());
        try (org.apache.kafka.clients.admin.Admin admin = org.apache.kafka.clients.admin.Admin.create(props))
        {
            final var committed = admin.listConsumerGroupOffsets("moneyflow").partitionsToOffsetAndMetadata()
                .get(60, TimeUnit.SECONDS);
            final java.util.Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
                latest = new java.util.HashMap<>();
            for (int p = 0; p < 4; p++)
            {
                latest.put(new org.apache.kafka.common.TopicPartition("real", p),
                    org.apache.kafka.clients.admin.OffsetSpec.latest());
            }
            final var ends = admin.listOffsets(latest).all().get(60, TimeUnit.SECONDS);
            for (final var tp : latest.keySet())
            {
                assertThat(committed.get(tp).offset()).as(tp.toString()).isEqualTo(ends.get(tp).offset());
            }
        }

        // two engines at once, two partitions each: their counters files read as one run
        final Path a = dir.resolve("a.counters");
        final Path b = dir.resolve("b.counters");
        final Process first = start(List.of("run", "--kafka", broker.bootstrap(), "--topic", "real",
            "--partitions", "0,1", "--counters", a.toString(), "--exit-at-end", "-q", "--format", "json"), "a");
        final Process second = start(List.of("run", "--kafka", broker.bootstrap(), "--topic", "real",
            "--partitions", "2,3", "--counters", b.toString(), "--exit-at-end", "-q", "--format", "json"), "b");
        first.getInputStream().readAllBytes();
        second.getInputStream().readAllBytes();
        assertThat(first.waitFor()).as(stderr("a")).isZero();
        assertThat(second.waitFor()).as(stderr("b")).isZero();
        final Cli merged = Cli.run("counters", a.toString(), b.toString(), "--format", "json");
        assertThat(merged.exit).as(merged.err).isZero();
        final JsonNode expected = JSON.readTree(flow.out);
        final JsonNode actual = JSON.readTree(merged.out);
        for (final String field : List.of("digest", "symbols", "sectors", "markets", "rejected", "sequence"))
        {
            assertThat(actual.get(field)).as(field).isEqualTo(expected.get(field));
        }
        // each engine had some of the stocks, none had them all
        final int stocks = expected.get("symbols").size();
        final Cli onlyA = Cli.run("counters", a.toString(), "--format", "json");
        final Cli onlyB = Cli.run("counters", b.toString(), "--format", "json");
        assertThat(JSON.readTree(onlyA.out).get("symbols").size() + JSON.readTree(onlyB.out).get("symbols").size())
            .isEqualTo(stocks);
        // the same file twice is not two parts of one run
        final Cli twice = Cli.run("counters", a.toString(), a.toString());
        assertThat(twice.exit).isEqualTo(1);
        assertThat(twice.err).contains("is in two counters files");
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldLoseAndDoubleNothingWhenTheConsumingEngineIsKilled() throws Exception
    {
        final long seed = Long.getLong("moneyflow.kafka.seed", System.nanoTime());
        System.out.println("KafkaCliTest seed " + seed);
        final Random random = new Random(seed);
        final Path day = dir.resolve("gen");
        final Cli gen = Cli.run("gen", "-q", "--out", day.toString(), "--symbols", "120", "--trades", "200000",
            "--orders", "200000", "--no-journal");
        assertThat(gen.exit).as(gen.err).isZero();
        final String securities = day.resolve("securities.csv").toString();
        final String trades = day.resolve("trades.csv").toString();
        final String orders = day.resolve("orders.csv").toString();
        final Cli flow = Cli.run("flow", "-q", "--format", "json", "--securities", securities, trades, orders);
        assertThat(flow.exit).as(flow.err).isZero();
        final Cli publish = Cli.run("publish", "--kafka", broker.bootstrap(), "--topic", "gen", "--partitions", "3",
            "--securities", securities, trades, orders);
        assertThat(publish.exit).as(publish.err).isZero();
        final long records = 400_000;
        assertThat(publish.err).contains("published 400,000 records (0 rejected)");

        final Path journal = dir.resolve("journal");
        // without -q: the consumer's notes (resuming, end marks) on stderr
        final List<String> args = List.of("run", "--kafka", broker.bootstrap(), "--topic", "gen", "--exit-at-end",
            "--format", "json", "--securities", securities, "--journal", journal.toString(),
            "--journal-batch", "64");
        // how long a whole consuming run takes here and now, start-up included: kills are spread over it
        final long wholeStart = System.nanoTime();
        final Process whole = start(args, "whole");
        final String wholeOut = new String(whole.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(whole.waitFor()).as(stderr("whole")).isZero();
        assertThat(wholeOut).isEqualTo(flow.out);
        final long wholeMs = (System.nanoTime() - wholeStart) / 1_000_000;
        System.out.println("a whole consuming run takes " + wholeMs + " ms");
        deleteRecursively(journal);

        int midway = 0;
        long previous = 0;
        for (int attempt = 0; midway < 3; attempt++)
        {
            assertThat(attempt).as("attempts (seed " + seed + ")").isLessThan(20);
            final Process child = start(args, "attempt-" + attempt);
            final long delayMs = wholeMs / 4 + (long)(random.nextDouble() * wholeMs * 3 / 4);
            if (child.waitFor(delayMs, TimeUnit.MILLISECONDS))
            {
                final String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(out).as("seed " + seed + ": " + stderr("attempt-" + attempt)).isEqualTo(flow.out);
                System.out.println("attempt " + attempt + ": finished within " + delayMs + " ms; new journal");
                deleteRecursively(journal);
                previous = 0;
                continue;
            }
            child.destroyForcibly().waitFor();
            final long journaled = JournalCrashTest.killedJournalLength(journal,
                "seed " + seed + ", attempt " + attempt);
            assertThat(journaled).as("the journal never shrinks (seed " + seed + ")").isGreaterThanOrEqualTo(previous);
            if (journaled > previous && journaled < records)
            {
                // killed while it consumed (a kill in start-up or in the journal's replay is tried too, uncounted)
                midway++;
            }
            previous = journaled;
            System.out.println("attempt " + attempt + ": killed after " + delayMs + " ms; records journaled: " +
                journaled);
            if (journaled == records)
            {
                // killed after the last record: the next kills must land midway again
                deleteRecursively(journal);
                previous = 0;
            }
        }
        final Process last = start(args, "last");
        final String out = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor()).as("seed " + seed + ": " + stderr("last")).isZero();
        assertThat(stderr("last")).contains("resuming gen from the journal: partition ");
        assertThat(out).as("seed " + seed).isEqualTo(flow.out);
        try (Journal j = Journal.open(journal))
        {
            // every published record once: positions 1..400,000, no more
            final Journal.ReadResult check = j.read(null);
            assertThat(check.damage()).isNull();
            assertThat(check.lastPosition()).isEqualTo(records);
        }
        // the journal and the offsets agree: each partition resumes after its last offset, so a run now reads
        // nothing but the end marks, and prints the same
        final Cli again = Cli.run(args.toArray(String[]::new));
        assertThat(again.exit).as(again.err).isZero();
        assertThat(again.out).isEqualTo(flow.out);
    }

    /** Starts feed-serve on a free port; returns the process and its port. */
    private Object[] feedServe(final String name, final String... args) throws Exception
    {
        final List<String> all = new ArrayList<>(List.of("feed-serve", "--port", "0"));
        all.addAll(List.of(args));
        final Process server = start(all, name);
        final java.util.regex.Pattern listening = java.util.regex.Pattern.compile("on 127\\.0\\.0\\.1:(\\d+)");
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline)
        {
            final java.util.regex.Matcher m = listening.matcher(stderr(name));
            if (m.find())
            {
                return new Object[]{server, Integer.parseInt(m.group(1))};
            }
            Thread.sleep(50);
        }
        server.destroyForcibly();
        throw new IllegalStateException("feed-serve printed no port: " + stderr(name));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldCarryALiveFeedWithItsDuplicatesAndReorderingAsTheLiveRunCountsIt() throws Exception
    {
        final String day = Cli.sample("ddb-l2-20230201/tradeData.zip");
        final String[] faults = {"--faults", "dup,reorder", "--fault-rate", "0.01", "--seed", "7", day};
        // the single engine on the live feed
        final Object[] direct = feedServe("serve-direct", faults);
        final Cli live = Cli.run("run", "--feed", "szse://127.0.0.1:" + direct[1], "--exit-at-end", "-q",
            "--format", "json");
        assertThat(live.exit).as(live.err).isZero();
        assertThat(((Process)direct[0]).waitFor()).isZero();
        assertThat(JSON.readTree(live.out).get("rejected").get("duplicate").asLong()).isPositive();
        // the same feed published onto a topic, and an engine consuming it
        final Object[] served = feedServe("serve-publish", faults);
        final Cli publish = Cli.run("publish", "--kafka", broker.bootstrap(), "--topic", "live", "--partitions", "2",
            "--feed", "szse://127.0.0.1:" + served[1], "--exit-at-end");
        assertThat(publish.exit).as(publish.err).isZero();
        assertThat(((Process)served[0]).waitFor()).isZero();
        final Cli consumed = Cli.run("run", "--kafka", broker.bootstrap(), "--topic", "live", "--exit-at-end", "-q",
            "--format", "json");
        assertThat(consumed.exit).as(consumed.err).isZero();
        assertThat(consumed.out).isEqualTo(live.out);
    }

    private static void deleteRecursively(final Path path) throws java.io.IOException
    {
        if (Files.exists(path))
        {
            try (var walk = Files.walk(path))
            {
                for (final Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList())
                {
                    Files.delete(p);
                }
            }
        }
    }
}

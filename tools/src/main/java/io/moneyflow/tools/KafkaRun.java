package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.feed.RecordFeed;
import io.moneyflow.feed.RunLog;
import io.moneyflow.journal.Journal;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code run --kafka}: an engine consuming some or all partitions of a topic that {@code publish} wrote
 * ({@link KafkaTopic}), on the caller's thread, which is the engine's one producer.
 * <p>
 * Exactly once across a crash, with {@code --journal DIR}: the journal is the only record of what was consumed. Each
 * partition is a stream of its own in the engine ({@code kafka:TOPIC/P}), and each message's record is journaled
 * with its offset + 1 as its line, in the order the partition gave them; the journal stage appends records in ring
 * order, and a killed process leaves a journal that is a prefix of what it was given (a half-written excerpt is
 * skipped). So, on a restart, the journal's last line of each partition's stream is the next offset to read: the
 * engine replays the journal into its counters and the consumer seeks each partition there. Nothing journaled is
 * read again, nothing read and not journaled is missing, whatever the moment of the kill. A partition the journal
 * does not name is read from its beginning. The offsets are also committed to Kafka (group {@code --group}) once the
 * counters hold their records, for Kafka's tools to show the lag; they are never read back.
 */
final class KafkaRun
{
    /** How often processed offsets are committed to Kafka. */
    private static final long COMMIT_INTERVAL_NS = 1_000_000_000L;

    private final String brokers;
    private final String topic;
    private final List<Integer> wanted;
    private final String group;
    private final boolean exitAtEnd;
    private final Consumer<String> messages;
    private final Consumer<String> notes;
    private final Histogram latency;
    private volatile boolean stopped;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private long consumed;
    private int ended;

    /**
     * @param partitions the partitions to consume, or empty for all.
     * @param messages   where the engine's rejections and warnings go.
     * @param notes      where the consumer's notes go (waiting, resuming, end marks); nowhere with -q.
     * @param latency    receives each message's time from its publishing (the producer's timestamp) to its
     *                   consumption, in microseconds, or null.
     */
    KafkaRun(final String brokers, final String topic, final List<Integer> partitions, final String group,
        final boolean exitAtEnd, final Consumer<String> messages, final Consumer<String> notes,
        final Histogram latency)
    {
        this.notes = notes;
        this.brokers = brokers;
        this.topic = topic;
        this.wanted = partitions;
        this.group = group;
        this.exitAtEnd = exitAtEnd;
        this.messages = messages;
        this.latency = latency;
    }

    /**
     * @return the publish-to-consumption latencies, or null when not recorded.
     */
    Histogram latency()
    {
        return latency;
    }

    /** What the run did. */
    record Outcome(RunLog log, List<Integer> partitions, long consumed, Map<Integer, Long> resumedAt,
        boolean allEnded)
    {
    }

    /**
     * Stops the run from another thread (Ctrl-C): the records consumed so far are finished and printed.
     */
    void stop()
    {
        stopped = true;
        final KafkaConsumer<byte[], byte[]> c = consumer;
        if (c != null)
        {
            c.wakeup();
        }
    }

    /**
     * Consumes into the engine until stopped, or with {@code exitAtEnd} until every partition has given its end mark.
     *
     * @param engine     a launched engine; its journal, if any, decides where each partition resumes.
     * @param journalDir the engine's journal, or null.
     */
    Outcome run(final Engine engine, final Path journalDir)
    {
        final Properties props = KafkaTopic.client(brokers, "moneyflow-run");
        props.put("group.id", group);
        props.put("enable.auto.commit", "false");
        props.put("auto.offset.reset", "earliest");
        props.put("max.poll.records", "2000");
        props.put("fetch.max.wait.ms", "50");
        try (KafkaConsumer<byte[], byte[]> c =
                 new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer()))
        {
            consumer = c;
            if (stopped)
            {
                c.wakeup();
            }
            final List<Integer> partitions = partitions(c);
            final Map<Integer, Long> resume = journalDir == null ? Map.of() : resumeOffsets(journalDir, topic);
            final String label = "kafka:" + topic + " partitions " + partitions.stream().map(String::valueOf)
                .collect(Collectors.joining(","));
            final boolean[] allEnded = new boolean[1];
            final Map<Integer, Long> next = new TreeMap<>();
            final RunLog log = engine.ingestResumable(label, records ->
                allEnded[0] = consume(engine, c, records, partitions, resume, next), messages);
            commit(c, next);
            return new Outcome(log, partitions, consumed, resume, allEnded[0]);
        }
        finally
        {
            consumer = null;
        }
    }

    /** @return the partitions asked for, once the topic exists (waited for, so an engine may start first). */
    private List<Integer> partitions(final KafkaConsumer<byte[], byte[]> c)
    {
        boolean said = false;
        while (true)
        {
            List<PartitionInfo> infos;
            try
            {
                infos = c.partitionsFor(topic, Duration.ofSeconds(10));
            }
            catch (final org.apache.kafka.common.errors.TimeoutException ex)
            {
                infos = List.of();
            }
            if (infos != null && !infos.isEmpty())
            {
                final List<Integer> all = infos.stream().map(PartitionInfo::partition).sorted().toList();
                if (wanted.isEmpty())
                {
                    return all;
                }
                for (final int p : wanted)
                {
                    if (!all.contains(p))
                    {
                        throw new IllegalArgumentException("topic " + topic + " has no partition " + p +
                            " (it has " + all.size() + ")");
                    }
                }
                return wanted.stream().distinct().sorted().toList();
            }
            if (!said)
            {
                notes.accept("waiting for topic " + topic + " at " + brokers);
                said = true;
            }
            if (stopped)
            {
                throw new WakeupException();
            }
            sleep(500);
        }
    }

    /**
     * @return whether every partition gave its end mark.
     */
    private boolean consume(
        final Engine engine, final KafkaConsumer<byte[], byte[]> c, final RecordFeed records,
        final List<Integer> partitions, final Map<Integer, Long> resume, final Map<Integer, Long> next)
    {
        final Map<Integer, RecordFeed> streams = new HashMap<>();
        final List<TopicPartition> assigned = new ArrayList<>();
        for (final int p : partitions)
        {
            streams.put(p, records.stream(KafkaTopic.stream(topic, p)));
            assigned.add(new TopicPartition(topic, p));
        }
        c.assign(assigned);
        final List<TopicPartition> fromStart = new ArrayList<>();
        for (final TopicPartition tp : assigned)
        {
            final Long at = resume.get(tp.partition());
            if (at != null)
            {
                c.seek(tp, at);
                next.put(tp.partition(), at);
            }
            else
            {
                fromStart.add(tp);
            }
        }
        if (!fromStart.isEmpty())
        {
            // (an empty list would mean every partition assigned)
            c.seekToBeginning(fromStart);
        }
        if (!resume.isEmpty())
        {
            notes.accept("resuming " + topic + " from the journal: " + resume.entrySet().stream()
                .filter(en -> partitions.contains(en.getKey()))
                .map(en -> "partition " + en.getKey() + " at offset " + en.getValue())
                .collect(Collectors.joining(", ")));
        }
        final java.util.Set<Integer> endedParts = new java.util.HashSet<>();
        Map<Integer, Long> pending = null;
        long pendingTarget = 0;
        long lastCommitNs = System.nanoTime();
        try
        {
            while (!stopped && !(exitAtEnd && endedParts.size() == partitions.size()))
            {
                final ConsumerRecords<byte[], byte[]> batch = c.poll(Duration.ofMillis(100));
                final long nowMs = latency == null ? 0 : System.currentTimeMillis();
                // the poll's records reach the stages in batches; the last of them at the end of the poll
                records.batching(!batch.isEmpty());
                for (final TopicPartition tp : batch.partitions())
                {
                    final int p = tp.partition();
                    final RecordFeed stream = streams.get(p);
                    for (final ConsumerRecord<byte[], byte[]> r : batch.records(tp))
                    {
                        if (r.headers().lastHeader(KafkaTopic.END_HEADER) != null)
                        {
                            next.put(p, r.offset() + 1);
                            if (endedParts.add(p))
                            {
                                notes.accept(KafkaTopic.stream(topic, p) + ": end of the published records " +
                                    "at offset " + r.offset());
                            }
                            if (exitAtEnd)
                            {
                                // what follows is another publish's: this run stops at the end mark
                                c.pause(List.of(tp));
                                break;
                            }
                            continue;
                        }
                        final byte[] value = r.value();
                        if (value != null)
                        {
                            stream.record(value, 0, value.length, r.offset() + 1);
                            consumed++;
                            if (latency != null && r.timestamp() > 0)
                            {
                                // a message of an hour ago or more (a standby reading the day from its beginning)
                                // counted at the histogram's top, never past it
                                latency.recordValue(Math.min(latency.getHighestTrackableValue(),
                                    Math.max(0, nowMs - r.timestamp()) * 1000));
                            }
                        }
                        next.put(p, r.offset() + 1);
                    }
                }
                records.batching(false);
                final long now = System.nanoTime();
                if (now - lastCommitNs >= COMMIT_INTERVAL_NS)
                {
                    lastCommitNs = now;
                    // offsets are committed once the counters (and so the journal) hold every record before them
                    final Engine.Health health = engine.health();
                    if (pending != null && health.processed() >= pendingTarget)
                    {
                        commit(c, pending);
                    }
                    pending = new HashMap<>(next);
                    pendingTarget = health.published();
                }
            }
        }
        catch (final WakeupException ex)
        {
            // stopped (Ctrl-C): finish what was consumed
        }
        finally
        {
            records.batching(false);
        }
        return endedParts.size() == partitions.size();
    }

    private void commit(final KafkaConsumer<byte[], byte[]> c, final Map<Integer, Long> offsets)
    {
        if (offsets.isEmpty())
        {
            return;
        }
        final Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
        offsets.forEach((p, o) -> commit.put(new TopicPartition(topic, p), new OffsetAndMetadata(o)));
        try
        {
            c.commitSync(commit, Duration.ofSeconds(5));
        }
        catch (final RuntimeException ex)
        {
            // informational only: the journal decides where a restart resumes
            notes.accept("note: could not commit offsets of " + topic + " to group " + group + ": " +
                ex.getMessage());
        }
    }

    /**
     * Where each partition of the topic resumes after the records a journal holds: the last line (offset + 1) of its
     * stream, which is the offset of the next message to read.
     *
     * @param journalDir the journal, which may not exist yet.
     * @return partition to next offset; empty for a new journal.
     */
    static Map<Integer, Long> resumeOffsets(final Path journalDir, final String topic)
    {
        final Map<Integer, Long> next = new TreeMap<>();
        if (!Journal.exists(journalDir))
        {
            return next;
        }
        final String prefix = "kafka:" + topic + "/";
        try (Journal journal = Journal.open(journalDir))
        {
            final Journal.StreamLines lines = journal.streamLines();
            for (final Map.Entry<String, Long> stream : lines.lastLine().entrySet())
            {
                if (stream.getKey().startsWith(prefix))
                {
                    try
                    {
                        next.put(Integer.parseInt(stream.getKey().substring(prefix.length())), stream.getValue());
                    }
                    catch (final NumberFormatException ex)
                    {
                        // the run's own name (kafka:TOPIC/0,1,...), not a partition's stream
                    }
                }
            }
            final Journal.ReadResult read = lines.read();
            // a journal repaired or damaged has lost records whose offsets it can no longer tell: resuming after
            // the last one it holds would skip them, though the topic still has them
            if (read.damage() != null || read.lostPositions() > 0)
            {
                throw new IllegalStateException("the journal " + journalDir + (read.damage() != null ? " is damaged (" +
                    read.damage() + ")" : " lost " + read.lostPositions() + " record(s) to a repair") + ": a resume " +
                    "would skip them; consume the partitions again into an empty journal");
            }
        }
        return next;
    }

    private static void sleep(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new WakeupException();
        }
    }
}

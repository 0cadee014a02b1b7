package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.feed.RunLog;
import io.moneyflow.feed.SzseSession;
import io.moneyflow.ring.TickEvent;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code moneyflow publish}: the engine's normalised input records onto a Kafka topic, partitioned by stock
 * ({@link KafkaTopic}), for engines that consume it ({@code run --kafka}).
 */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = "Publish the normalised input records (the journal's binary form, with the exchange's sequence " +
        "numbers) onto a Kafka topic, one message per record, keyed and partitioned by stock so that each stock's " +
        "records stay in exchange order. The inputs are read as 'flow' reads them (merged in exchange order, every " +
        "check; rejections are published too, to partition 0, so that a consumer counts them), or a live SZSE " +
        "Binary feed with --feed. At the end every partition gets an end mark, at which 'run --kafka " +
        "--exit-at-end' stops. The topic is created with --partitions when it does not exist.")
final class PublishCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--kafka", paramLabel = "BROKERS", required = true,
        description = "Kafka's bootstrap servers, e.g. 127.0.0.1:9092.")
    String brokers;

    @Option(names = "--topic", paramLabel = "TOPIC", required = true, description = "The topic.")
    String topic;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "4",
        description = "Partitions of the topic when this command creates it (default 4); an existing topic keeps " +
            "its own.")
    int partitions;

    @Option(names = "--replication", paramLabel = "R", defaultValue = "1",
        description = "Replication factor of the topic when this command creates it (default 1).")
    short replication;

    @Option(names = "--feed", paramLabel = "szse://HOST:PORT",
        description = "Publish a live SZSE Binary feed instead of files, until Ctrl-C (or --exit-at-end).")
    String feed;

    @Option(names = "--exit-at-end", description = "With --feed: stop once every channel seen has ended.")
    boolean exitAtEnd;

    @Option(names = "--sender", paramLabel = "ID", defaultValue = "moneyflow",
        description = "With --feed: SenderCompID of the logon (default moneyflow).")
    String sender;

    @Option(names = "--target", paramLabel = "ID", defaultValue = "gateway",
        description = "With --feed: TargetCompID of the logon (default gateway).")
    String target;

    @Option(names = "--password", paramLabel = "PW", defaultValue = "",
        description = "With --feed: password of the logon (default empty).")
    String password;

    @Option(names = "--heartbeat", paramLabel = "SECONDS", defaultValue = "5",
        description = "With --feed: heartbeat interval (default 5 s).")
    int heartbeat;

    @Option(names = {"-q", "--quiet"}, description = "No progress or summary lines on stderr.")
    boolean quiet;

    @Mixin
    EngineOptions engine;

    @Parameters(paramLabel = "INPUT", arity = "0..*", description = "Files, archives or directories.")
    List<Path> inputs;

    @Override
    public Integer call() throws Exception
    {
        final boolean files = inputs != null && !inputs.isEmpty();
        if (files == (feed != null))
        {
            throw new ParameterException(spec.commandLine(), "give either INPUT files or --feed szse://HOST:PORT");
        }
        if (engine.journal != null)
        {
            throw new ParameterException(spec.commandLine(), "--journal is for the engines that consume the topic " +
                "('run --kafka ... --journal DIR'); publish journals nothing");
        }
        if (engine.counters != null)
        {
            // the publisher's counters hold only the rejections it publishes to partition 0, which the consumer of
            // that partition counts: merged with the consumers' files, they would be counted twice
            throw new ParameterException(spec.commandLine(), "--counters is for the engines that consume the topic " +
                "('run --kafka ... --counters FILE'); publish counts nothing a merge should read");
        }
        if (partitions < 1)
        {
            throw new ParameterException(spec.commandLine(), "--partitions must be at least 1");
        }
        final SzseSession.Config config = files ? null :
            RunCommand.sessionConfig(spec, feed, sender, target, password, heartbeat, exitAtEnd);
        final EngineContext context = engine.context();
        final PrintStream err = System.err;
        final int topicPartitions = ensureTopic(err);
        final Properties props = KafkaTopic.client(brokers, "moneyflow-publish");
        props.put("acks", "all");
        // with idempotence a retried batch is neither doubled nor reordered: each partition keeps the send order
        props.put("enable.idempotence", "true");
        props.put("linger.ms", "5");
        props.put("batch.size", Integer.toString(256 * 1024));
        props.put("compression.type", "lz4");
        final AtomicReference<Exception> failed = new AtomicReference<>();
        final AtomicLong published = new AtomicLong();
        final AtomicReference<SzseSession> session = new AtomicReference<>();
        final java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        // Ctrl-C (or a TERM) stops the session; the records received are published, then the end marks, before the
        // JVM exits
        final Thread hook = new Thread(() ->
        {
            final SzseSession live = session.get();
            if (live != null)
            {
                err().println("moneyflow: stopping: logging out, publishing the records received and the end marks");
                live.stop();
            }
            try
            {
                done.await(60, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }, "moneyflow-stop");
        if (!files)
        {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        final long startNs = System.nanoTime();
        try (Producer<byte[], byte[]> producer =
                 new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
             Engine e = Engine.launch(context))
        {
            final KafkaTopic codec = KafkaTopic.codec();
            final java.util.function.Consumer<TickEvent> send = record ->
            {
                if (!KafkaTopic.published(record))
                {
                    return;
                }
                if (failed.get() != null)
                {
                    throw new IllegalStateException("publishing to " + topic + " failed: " +
                        failed.get().getMessage(), failed.get());
                }
                final byte[] key = KafkaTopic.key(record);
                producer.send(new ProducerRecord<>(topic, KafkaTopic.partition(key, topicPartitions), key,
                    codec.encode(record)), (metadata, ex) ->
                {
                    if (ex != null)
                    {
                        failed.compareAndSet(null, ex);
                    }
                });
                published.incrementAndGet();
            };
            final RunLog log;
            String outcome = "";
            SzseSession.Outcome liveOutcome = null;
            if (files)
            {
                log = e.publish(inputs, send, Messages.printer(err), quiet ? p -> { } : Messages.printer(err));
            }
            else
            {
                final Engine.LiveRun live = e.publishLive(config, send, Messages.printer(err), session::set);
                log = live.log();
                liveOutcome = live.outcome();
                outcome = ", " + live.frames() + " frames, session " + live.outcome().name().toLowerCase();
            }
            // every record acknowledged before the end marks say the day is whole: a send that failed, an input not
            // read to its end or a session that never logged on leaves the partitions without them, so that a
            // consumer run with --exit-at-end never takes a part of the day for all of it
            producer.flush();
            if (failed.get() != null)
            {
                err.println("moneyflow: publishing to " + topic + " failed: " + failed.get().getMessage() +
                    "; no end marks sent");
                return 1;
            }
            final String incomplete = files ? log.incompleteInput() :
                liveOutcome == SzseSession.Outcome.LOGON_REFUSED ? "the gateway refused the logon" : "";
            if (!incomplete.isEmpty())
            {
                err.println("moneyflow: error: " + incomplete + ": no end marks sent (the topic does not hold the " +
                    "whole day)");
                new Run(e, log, err).finish();
                return 1;
            }
            for (int p = 0; p < topicPartitions; p++)
            {
                final ProducerRecord<byte[], byte[]> end = new ProducerRecord<>(topic, p, null, null);
                end.headers().add(new RecordHeader(KafkaTopic.END_HEADER, "1".getBytes(StandardCharsets.US_ASCII)));
                producer.send(end, (metadata, ex) ->
                {
                    if (ex != null)
                    {
                        failed.compareAndSet(null, ex);
                    }
                });
            }
            producer.flush();
            if (failed.get() != null)
            {
                err.println("moneyflow: publishing the end marks to " + topic + " failed: " + failed.get().getMessage());
                return 1;
            }
            final double seconds = (System.nanoTime() - startNs) / 1e9;
            if (!quiet)
            {
                err.printf(java.util.Locale.ROOT, "moneyflow: published %,d records (%,d rejected) to %s, %d " +
                    "partitions, in %.2f s: %,.0f records/s%s%n", published.get(), log.rejectedTotal(), topic,
                    topicPartitions, seconds, published.get() / Math.max(seconds, 1e-9), outcome);
            }
            final Run run = new Run(e, log, err);
            run.quiet = quiet;
            return run.finish() ? 0 : 1;
        }
        finally
        {
            done.countDown();
            if (!files)
            {
                try
                {
                    Runtime.getRuntime().removeShutdownHook(hook);
                }
                catch (final IllegalStateException ex)
                {
                    // shutting down: the hook has stopped the session
                }
            }
        }
    }

    private static PrintStream err()
    {
        return System.err;
    }

    /**
     * @return the topic's partitions, after creating it with {@code --partitions} when it does not exist.
     */
    private int ensureTopic(final PrintStream err) throws Exception
    {
        try (Admin admin = Admin.create(KafkaTopic.client(brokers, "moneyflow-publish-admin")))
        {
            try
            {
                final TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(60, TimeUnit.SECONDS).get(topic);
                return description.partitions().size();
            }
            catch (final ExecutionException ex)
            {
                if (!(ex.getCause() instanceof UnknownTopicOrPartitionException))
                {
                    throw ex;
                }
            }
            try
            {
                admin.createTopics(List.of(new NewTopic(topic, partitions, replication))).all()
                    .get(60, TimeUnit.SECONDS);
                if (!quiet)
                {
                    err.println("moneyflow: created topic " + topic + " with " + partitions + " partitions");
                }
            }
            catch (final ExecutionException ex)
            {
                if (!(ex.getCause() instanceof TopicExistsException))
                {
                    throw ex;
                }
            }
            return admin.describeTopics(List.of(topic)).allTopicNames().get(60, TimeUnit.SECONDS).get(topic)
                .partitions().size();
        }
    }
}

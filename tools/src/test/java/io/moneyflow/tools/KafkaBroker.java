package io.moneyflow.tools;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Kafka broker for the tests: one KRaft node that is broker and controller, from Maven Central's
 * {@code kafka_2.13} artifacts on the test class path, in a child JVM of its own ({@code kafka.Kafka}), its log in a
 * temporary folder, listening on free loopback ports. Its storage is formatted first by Kafka's own
 * {@code kafka.tools.StorageTool}. No Docker, nothing outside the machine. {@link #close} kills it.
 */
final class KafkaBroker implements AutoCloseable
{
    private final Process process;
    private final String bootstrap;
    private final Path dir;

    private KafkaBroker(final Process process, final String bootstrap, final Path dir)
    {
        this.process = process;
        this.bootstrap = bootstrap;
        this.dir = dir;
    }

    /**
     * Formats a log directory under {@code dir} and starts the broker; returns once it answers.
     */
    static KafkaBroker start(final Path dir) throws Exception
    {
        final int brokerPort = freePort();
        final int controllerPort = freePort();
        final Path logs = dir.resolve("kafka-logs");
        final Path properties = dir.resolve("server.properties");
        Files.writeString(properties, String.join("\n",
            "process.roles=broker,controller",
            "node.id=1",
            "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
            "listeners=PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort,
            "advertised.listeners=PLAINTEXT://127.0.0.1:" + brokerPort,
            "controller.listener.names=CONTROLLER",
            "inter.broker.listener.name=PLAINTEXT",
            "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
            "log.dirs=" + logs,
            "num.partitions=1",
            "offsets.topic.replication.factor=1",
            "offsets.topic.num.partitions=1",
            "transaction.state.log.replication.factor=1",
            "transaction.state.log.min.isr=1",
            "share.coordinator.state.topic.replication.factor=1",
            "share.coordinator.state.topic.min.isr=1",
            "group.initial.rebalance.delay.ms=0",
            "auto.create.topics.enable=false",
            "") , StandardCharsets.UTF_8);
        final Path formatLog = dir.resolve("kafka-format.txt");
        final Process format = new ProcessBuilder(java("kafka.tools.StorageTool", "format", "-t",
            Uuid.randomUuid().toString(), "-c", properties.toString()))
            .redirectErrorStream(true).redirectOutput(formatLog.toFile()).start();
        if (!format.waitFor(120, TimeUnit.SECONDS) || format.exitValue() != 0)
        {
            format.destroyForcibly();
            throw new IllegalStateException("kafka-storage format failed: " + Files.readString(formatLog));
        }
        final Path serverLog = dir.resolve("kafka-server.txt");
        final Process server = new ProcessBuilder(java("kafka.Kafka", properties.toString()))
            .redirectErrorStream(true).redirectOutput(serverLog.toFile()).start();
        final KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + brokerPort, dir);
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroyForcibly));
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        final java.util.Properties props = new java.util.Properties();
        props.put("bootstrap.servers", broker.bootstrap);
        props.put("default.api.timeout.ms", "5000");
        props.put("request.timeout.ms", "5000");
        try (Admin admin = Admin.create(props))
        {
            while (true)
            {
                if (!server.isAlive())
                {
                    throw new IllegalStateException("the Kafka broker exited: " + Files.readString(serverLog));
                }
                try
                {
                    admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                    return broker;
                }
                catch (final Exception ex)
                {
                    if (System.nanoTime() > deadline)
                    {
                        broker.close();
                        throw new IllegalStateException("the Kafka broker did not answer within 120 s: " +
                            Files.readString(serverLog), ex);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    private static List<String> java(final String main, final String... args)
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main);
        command.addAll(List.of(args));
        return command;
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    /**
     * @return the bootstrap servers, {@code 127.0.0.1:PORT}.
     */
    String bootstrap()
    {
        return bootstrap;
    }

    /**
     * @return what the broker printed, for a failing test's message.
     */
    String log() throws IOException
    {
        final Path log = dir.resolve("kafka-server.txt");
        return Files.exists(log) ? Files.readString(log) : "";
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
        try
        {
            process.waitFor(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}

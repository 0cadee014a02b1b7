package io.moneyflow.tools;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDescriptor;
import io.moneyflow.ring.TickRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Properties;

/**
 * What {@code publish} writes onto a Kafka topic and {@code run --kafka} reads back: one message per record, its
 * value the record in the journal's binary form ({@link TickRecordDescriptor}, written by {@link TickRecordEncoder}:
 * the exchange's channel and sequence number, time, prices, quantities, order numbers), its key the stock's symbol
 * ({@code 000001.SZ}), its partition the symbol's murmur2 hash modulo the partitions (Kafka's own rule for a keyed
 * message): a stock always goes to one partition, so that its records stay in exchange order. A rejection made by the
 * publisher (no stock to key it by) goes to partition 0, keyed {@code ""}, so that it is counted once. At the end of
 * a publish, every partition gets an end mark: a message with the header {@value #END_HEADER} and no value.
 */
final class KafkaTopic
{
    /** The header of the end mark a publish writes to every partition when it has published everything. */
    static final String END_HEADER = "moneyflow-end";

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[TickRecordDescriptor.MAX_RECORD_LENGTH + 256]);
    private final TickRecordEncoder encoder = new TickRecordEncoder();

    private KafkaTopic()
    {
    }

    static KafkaTopic codec()
    {
        return new KafkaTopic();
    }

    /**
     * @return whether the record goes onto the topic: a market record, or a rejection (counted by a consumer too).
     *         Stream names, gaps and channel heartbeats do not.
     */
    static boolean published(final TickEvent e)
    {
        return switch (e.type)
        {
            case TickEvent.TRADE, TickEvent.CANCEL, TickEvent.ORDER, TickEvent.SNAPSHOT, TickEvent.REJECT -> true;
            default -> false;
        };
    }

    /**
     * @return the record in the journal's binary form, a new array.
     */
    byte[] encode(final TickEvent e)
    {
        final int length = encoder.wrap(buffer, 0).encode(e);
        return Arrays.copyOf(buffer.byteArray(), length);
    }

    /**
     * @return the message's key: the symbol, or empty for a rejection.
     */
    static byte[] key(final TickEvent e)
    {
        return e.type == TickEvent.REJECT ? new byte[0] :
            SymbolCodes.format(e.symbolKey).getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * @return the partition of a message with this key: murmur2 of the symbol, as Kafka's default partitioner does
     *         for a keyed message; 0 for the empty key.
     */
    static int partition(final byte[] key, final int partitions)
    {
        return key.length == 0 ? 0 : Utils.toPositive(Utils.murmur2(key)) % partitions;
    }

    /**
     * @return the name of a partition's stream in the engine's messages and journal: {@code kafka:TOPIC/P}. Each
     *         record keeps its offset + 1 as its line there.
     */
    static String stream(final String topic, final int partition)
    {
        return "kafka:" + topic + "/" + partition;
    }

    /**
     * @return client properties for the brokers: a client id, no JMX reporter noise, the rest Kafka's defaults.
     */
    static Properties client(final String brokers, final String clientId)
    {
        final Properties p = new Properties();
        p.put("bootstrap.servers", brokers);
        p.put("client.id", clientId);
        return p;
    }
}

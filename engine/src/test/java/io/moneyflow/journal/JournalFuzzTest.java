package io.moneyflow.journal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.moneyflow.ring.TickEvent;
import io.moneyflow.ring.TickRecordDecoder;
import io.moneyflow.ring.TickRecordEncoder;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.Arrays;
import java.util.zip.CRC32C;

import static io.moneyflow.journal.JournalDescriptor.*;
import static io.moneyflow.ring.TickRecordDescriptor.MAX_RECORD_LENGTH;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzz test of the journal's read side (Jazzer): an excerpt with a valid checksum around the fuzzer's bytes goes
 * through the same check a journal read or a resume applies ({@link Journal#check}), then, when the check passes,
 * through what the read does next: the header decoded, or every record decoded with {@link TickRecordDecoder}. A
 * checksum stops damage on disk; this is about what lies behind it (a journal written by another version, a bug
 * on the write side, a forged file). Plain {@code mvn test} runs it on the regression corpus in
 * {@code JournalFuzzTestInputs/}; {@code JAZZER_FUZZ=1} fuzzes it (docs/FUZZING.md).
 * <p>
 * What must hold for any bytes: the check never throws; an excerpt it passes can be read without an exception; its
 * records decode, follow on from the last position, and say what they hold: written again with
 * {@link TickRecordEncoder} they have the same length and decode to the same record.
 */
class JournalFuzzTest
{
    /**
     * @param input byte 0: the excerpt kind (0 header, 1 batch, else that byte); byte 1: whether a header is due
     *              (low bit) and the last position before the excerpt (the rest); bytes 2-3: the record count the
     *              excerpt claims; the rest: the payload.
     */
    @FuzzTest(maxDuration = "10m")
    void anExcerptThatPassesTheCheckReadsCleanly(final byte[] input)
    {
        if (input.length < 4)
        {
            return;
        }
        final int kind = input[0] == 0 ? KIND_HEADER : input[0] == 1 ? KIND_BATCH : input[0];
        final boolean expectHeader = (input[1] & 1) != 0;
        final long lastPosition = (input[1] & 0xFF) >>> 1;
        final int claimed = ((input[2] & 0xFF) << 8) | (input[3] & 0xFF);
        final byte[] payload = Arrays.copyOfRange(input, 4, input.length);

        final int length = EXCERPT_HEADER_LENGTH + payload.length;
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[length]);
        buffer.putInt(MAGIC_OFFSET, MAGIC);
        buffer.putInt(KIND_OFFSET, kind);
        buffer.putLong(FIRST_POSITION_OFFSET, lastPosition + 1);
        buffer.putLong(LAST_POSITION_OFFSET, lastPosition + claimed);
        buffer.putInt(RECORD_COUNT_OFFSET, claimed);
        buffer.putInt(PAYLOAD_LENGTH_OFFSET, payload.length);
        buffer.putBytes(EXCERPT_HEADER_LENGTH, payload);
        final CRC32C crc = new CRC32C();
        crc.update(payload);
        buffer.putInt(CRC_OFFSET, (int)crc.getValue());

        final TickEvent scratch = new TickEvent();
        final TickRecordDecoder decoder = new TickRecordDecoder();
        final String problem = Journal.check(buffer, length, crc, expectHeader, lastPosition, scratch, decoder);
        if (problem != null)
        {
            assertThat(problem).isNotBlank();
            return;
        }
        if (kind == KIND_HEADER)
        {
            assertThat(expectHeader).as("a header where records were due passed").isTrue();
            JournalHeader.decode(buffer.byteArray(), EXCERPT_HEADER_LENGTH, payload.length);
            return;
        }
        assertThat(kind).isEqualTo(KIND_BATCH);
        final TickEvent record = new TickEvent();
        final TickEvent again = new TickEvent();
        final UnsafeBuffer rewritten = new UnsafeBuffer(new byte[MAX_RECORD_LENGTH + TickEvent.RAW_CAPACITY]);
        final TickRecordEncoder encoder = new TickRecordEncoder();
        long expected = lastPosition + 1;
        int count = 0;
        int offset = EXCERPT_HEADER_LENGTH;
        while (offset < length)
        {
            final int recordLength = decoder.wrap(buffer, offset, length).decodeInto(record);
            assertThat(recordLength).as("record at %d", offset).isPositive();
            if (TickEvent.positioned(record.type))
            {
                assertThat(record.position).isEqualTo(expected++);
            }
            final int written = encoder.wrap(rewritten, 0).encode(record);
            assertThat(written).as("length written again").isEqualTo(recordLength);
            assertThat(new TickRecordDecoder().wrap(rewritten, 0, written).decodeInto(again)).isEqualTo(written);
            assertThat(fields(again)).isEqualTo(fields(record));
            offset += recordLength;
            count++;
        }
        assertThat(count).isEqualTo(claimed);
    }

    private static String fields(final TickEvent e)
    {
        final StringBuilder s = new StringBuilder()
            .append(e.type).append(' ').append(e.position).append(' ').append(e.symbolKey).append(' ').append(e.date)
            .append(' ').append(e.timeMs).append(' ').append(e.sourceId).append(' ').append(e.channel).append(' ')
            .append(e.line).append(' ').append(e.sequence).append(' ').append(e.denseSequence).append(" flag ")
            .append(e.flag).append(' ').append(e.price).append(' ').append(e.qty).append(' ').append(e.amount)
            .append(' ').append(e.buyNo).append(' ').append(e.sellNo).append(" order ").append(e.orderSide).append(' ')
            .append(e.orderAction).append(' ').append(e.orderNo).append(" snapshot ").append(e.last).append(' ')
            .append(e.prevClose).append(' ').append(e.cumTrades).append(' ').append(e.cumVolume).append(' ')
            .append(e.cumTurnover).append(' ').append(e.levels);
        for (int i = 0; i < e.levels; i++)
        {
            s.append(' ').append(e.bidPrice[i]).append('/').append(e.bidQty[i]).append('/').append(e.askPrice[i])
                .append('/').append(e.askQty[i]);
        }
        s.append(" reject ").append(e.rejectReason).append(' ')
            .append(Arrays.toString(Arrays.copyOf(e.raw, e.rawLength)));
        return s.toString();
    }
}

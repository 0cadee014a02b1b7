package io.moneyflow.feed;

import io.moneyflow.EngineContext;
import io.moneyflow.TestRuns;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.ring.RejectReason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Inputs that are legitimate but arranged differently from one channel-ordered stream, and damaged archives: no good
 * record may be lost or counted twice.
 */
class FeedOrderingTest
{
    private static final String HEADER = "ChannelNo,ApplSeqNum,BidApplSeqNum,OfferApplSeqNum,SecurityID,TradePrice," +
        "TradeQty,ExecType,TradeTime,TradeBSFlag,Market";

    @TempDir
    Path dir;

    private static String row(final int channel, final int seq, final String code, final String time)
    {
        return channel + "," + seq + ",100,50," + code + ",10.00,100,F,2023.02.01T" + time + ",,SZ";
    }

    private static long trades(final TestRuns.Result result)
    {
        long total = 0;
        for (final var v : result.slots.values())
        {
            total += v.day(DayField.TRADES);
        }
        return total;
    }

    /** The trades a run journaled, as "channel:sequence", in the order the engine took them. */
    private static List<String> tradesTaken(final Path journal) throws IOException
    {
        final List<String> taken = new ArrayList<>();
        try (io.moneyflow.journal.Journal j = io.moneyflow.journal.Journal.open(journal))
        {
            j.read(new io.moneyflow.journal.Journal.Visitor()
            {
                @Override
                public void onHeader(final io.moneyflow.journal.JournalHeader header)
                {
                }

                @Override
                public boolean onRecord(final io.moneyflow.ring.TickEvent r, final long index)
                {
                    if (r.type == io.moneyflow.ring.TickEvent.TRADE)
                    {
                        taken.add(r.channel + ":" + r.sequence);
                    }
                    return true;
                }
            });
        }
        return taken;
    }

    @Test
    void shouldKeepEveryRecordOfAFileSortedBySymbolWhoseChannelSequenceInterleaves() throws IOException
    {
        final Path file = dir.resolve("by-symbol.csv");
        // Two stocks on one channel; the channel's sequence alternates between them, the file is sorted by stock.
        Files.write(file, List.of(HEADER,
            row(2011, 2, "000001", "09:30:00.000"),
            row(2011, 4, "000001", "09:30:01.000"),
            row(2011, 1, "000002", "09:30:00.000"),
            row(2011, 3, "000002", "09:30:01.000")));
        final TestRuns.Result result = TestRuns.run(new EngineContext(), file);
        assertThat(result.log.rejectedTotal()).isZero();
        assertThat(trades(result)).isEqualTo(4);
    }

    @Test
    void shouldKeepEveryRecordOfPerSymbolFilesOnSeveralChannelsAtTheSameInstant() throws IOException
    {
        // Opening-auction prints share one timestamp; six per-stock files on two channels, sequences interleaved.
        final List<Path> files = new ArrayList<>();
        for (int s = 0; s < 6; s++)
        {
            final int channel = 2011 + s % 2;
            final List<String> lines = new ArrayList<>(List.of(HEADER));
            for (int k = 0; k < 5; k++)
            {
                lines.add(row(channel, 1 + s / 2 + 3 * k, String.format("%06d", s + 1), "09:25:00.000"));
            }
            final Path file = dir.resolve("s" + s + ".csv");
            Files.write(file, lines);
            files.add(file);
        }
        final TestRuns.Result result = TestRuns.run(new EngineContext(), files.toArray(new Path[0]));
        assertThat(result.log.rejectedTotal()).isZero();
        assertThat(trades(result)).isEqualTo(30);
    }

    @Test
    void shouldTakeEachChannelInSequenceOrderWhenAnInputInterleavesChannelsWithinAMillisecond() throws IOException
    {
        // channel 2011 is numbered across both files (1 in one, 2 in the other). The first file is in time order
        // but holds channel 2012 before 2011 within 09:30:00.000, as files of several channels do; merged by time,
        // channel and sequence as it stands, the second file's 2 would overtake the first file's 1. Each input's
        // instant is put in channel and sequence order first, so the channel comes out 1, 2.
        final Path a = dir.resolve("a.csv");
        final Path b = dir.resolve("b.csv");
        Files.write(a, List.of(HEADER, row(2012, 10, "000002", "09:30:00.000"), row(2011, 1, "000001", "09:30:00.000")));
        Files.write(b, List.of(HEADER, row(2011, 2, "000001", "09:30:00.000")));
        final Path journal = dir.resolve("journal");
        final TestRuns.Result result = TestRuns.run(new EngineContext().journalDir(journal), a, b);
        assertThat(trades(result)).isEqualTo(3);
        assertThat(result.log.rejectedTotal()).isZero();
        final List<String> taken = tradesTaken(journal);
        assertThat(taken).containsExactly("2011:1", "2011:2", "2012:10");
    }

    @Test
    void shouldTakeAnInstantLargerThanTheStagingKeptAfterItInChannelAndSequenceOrder() throws IOException
    {
        // a call auction's instant: more prints in one millisecond than the staging buffer keeps after it, the file
        // holding channel 2012 before 2011 and each channel's numbers backwards; then a continuous-session print
        final int perChannel = InstantGroups.KEEP / 2 + 300;
        final List<String> lines = new ArrayList<>(List.of(HEADER));
        for (final int channel : new int[] {2012, 2011})
        {
            for (int seq = perChannel; seq >= 1; seq--)
            {
                lines.add(row(channel, seq, String.format("%06d", 1 + seq % 7), "09:25:00.000"));
            }
        }
        lines.add(row(2011, perChannel + 1, "000001", "09:30:00.000"));
        final Path file = dir.resolve("auction.csv");
        Files.write(file, lines);
        final Path journal = dir.resolve("journal");
        final TestRuns.Result result = TestRuns.run(new EngineContext().journalDir(journal), file);
        assertThat(result.log.rejectedTotal()).isZero();
        assertThat(trades(result)).isEqualTo(2L * perChannel + 1);
        final List<String> taken = tradesTaken(journal);
        final List<String> expected = new ArrayList<>();
        for (final int channel : new int[] {2011, 2012})
        {
            for (int seq = 1; seq <= perChannel; seq++)
            {
                expected.add(channel + ":" + seq);
            }
        }
        expected.add("2011:" + (perChannel + 1));
        assertThat(taken).containsExactlyElementsOf(expected);
    }

    private byte[] zipOf(final String plainName, final String plain, final String gzName, final String gzipped)
        throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes))
        {
            zip.putNextEntry(new ZipEntry(plainName));
            zip.write(plain.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry(gzName));
            final ByteArrayOutputStream gz = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(gz))
            {
                out.write(gzipped.getBytes(StandardCharsets.UTF_8));
            }
            zip.write(gz.toByteArray());
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void shouldDecompressGzipEntriesOfADamagedZipAndCountTheDamageOnce() throws IOException
    {
        final String x = String.join("\n", HEADER, row(2011, 1, "000001", "10:00:00.000"), "");
        final String y = String.join("\n", HEADER, row(2011, 2, "000001", "10:00:01.000"), "");
        final byte[] whole = zipOf("x.csv", x, "y.csv.gz", y);
        final Path intact = dir.resolve("intact.zip");
        Files.write(intact, whole);
        assertThat(trades(TestRuns.run(new EngineContext(), intact))).isEqualTo(2);

        // Cut into the central directory: both entries are whole and must both count.
        final Path cut = dir.resolve("cut.zip");
        Files.write(cut, Arrays.copyOf(whole, whole.length - 30));
        final TestRuns.Result result = TestRuns.run(new EngineContext(), cut);
        assertThat(trades(result)).isEqualTo(2);
        assertThat(result.log.rejected().get(RejectReason.TRUNCATED)).isEqualTo(1);
        assertThat(result.messages).anySatisfy(m -> assertThat(m).contains("reading its entries from the front"));
    }

    @Test
    void shouldCountAZipCutInsideALaterEntrysHeaderAsTruncated() throws IOException
    {
        final String x = String.join("\n", HEADER, row(2011, 1, "000001", "10:00:00.000"), "");
        final byte[] whole = zipOf("x.csv", x, "y.csv.gz", x);
        // Keep the first entry whole and 10 bytes of the second entry's local header.
        int second = -1;
        for (int i = 4; i < whole.length - 3; i++)
        {
            if (whole[i] == 'P' && whole[i + 1] == 'K' && whole[i + 2] == 3 && whole[i + 3] == 4)
            {
                second = i;
                break;
            }
        }
        assertThat(second).isPositive();
        final Path cut = dir.resolve("cut-header.zip");
        Files.write(cut, Arrays.copyOf(whole, second + 10));
        final TestRuns.Result result = TestRuns.run(new EngineContext(), cut);
        assertThat(trades(result)).isEqualTo(1);
        assertThat(result.log.rejected().get(RejectReason.TRUNCATED)).isEqualTo(1);
    }

    @Test
    void shouldRefuseANamedFileThatIsNotAZip() throws IOException
    {
        final Path bad = dir.resolve("bad.zip");
        Files.writeString(bad, "hello\n");
        assertThatThrownBy(() -> TestRuns.run(new EngineContext(), bad))
            .isInstanceOf(InputFiles.InputException.class)
            .hasMessageStartingWith("not a zip archive, or damaged beyond reading: " + bad);
    }

    @Test
    void shouldCountAnEmptyGzipInADirectoryAsTruncatedAndReadTheRest() throws IOException
    {
        final Path folder = Files.createDirectories(dir.resolve("day"));
        Files.write(folder.resolve("a.csv"), List.of(HEADER, row(2011, 1, "000001", "10:00:00.000")));
        Files.write(folder.resolve("b.csv.gz"), new byte[0]);
        final TestRuns.Result result = TestRuns.run(new EngineContext(), folder);
        assertThat(trades(result)).isEqualTo(1);
        assertThat(result.log.rejected().get(RejectReason.TRUNCATED)).isEqualTo(1);
        assertThat(result.log.samples(RejectReason.TRUNCATED).get(0)).startsWith(folder.resolve("b.csv.gz") + ":1:");
    }
}

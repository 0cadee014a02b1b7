package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow gen}: exact counts, the same bytes for the same seed, a day the engine takes without a single
 * rejection, and a day that is consistent in itself the way an exchange's is (checked here line by line, not by the
 * engine): times in order, each channel's sequence (SZSE ApplSeqNum, SSE BizIndex) dense across both files, SSE flags
 * that agree with the order numbers, and no order filled or cancelled beyond what its record says is open.
 */
class GenCommandTest
{
    private static Cli gen(final Path out, final long seed)
    {
        return Cli.run("gen", "--symbols", "20", "--trades", "20000", "--orders", "26000", "--seed",
            Long.toString(seed), "--out", out.toString());
    }

    @Test
    void shouldWriteExactCountsTheEngineTakesWithoutARejection(@TempDir final Path dir) throws IOException
    {
        final Cli cli = gen(dir, 3);
        assertThat(cli.exit).as(cli.err).isZero();
        assertThat(cli.err).doesNotContain("rejected");
        final List<String> trades = Files.readAllLines(dir.resolve("trades.csv"));
        final List<String> orders = Files.readAllLines(dir.resolve("orders.csv"));
        assertThat(trades).hasSize(20_000 + 1);
        assertThat(orders).hasSize(26_000 + 1);
        final String json = Files.readString(dir.resolve("gen.json"));
        assertThat(json).contains("\"tradeRecords\":20000").contains("\"orderRecords\":26000");
        assertThat(Files.isDirectory(dir.resolve("journal"))).isTrue();
        // one row per stock in moneyflow's result, every stock traded
        assertThat(Files.readAllLines(dir.resolve("moneyflow.csv"))).hasSize(20 + 1);
        assertThat(Files.readAllLines(dir.resolve("securities.csv")).stream().filter(l -> l.matches("\\d{6}\\..*")))
            .hasSize(20);
        checkConsistent(trades, orders);

        // the order stream only lets the engine drop finished orders (SZSE: filled or cancelled; SSE: filled to the
        // balance, withdrawn, or filled on arrival): the trades alone must give every flow the same
        final Cli tradesOnly = Cli.run("flow", "--format", "csv", "-q", "--securities",
            dir.resolve("securities.csv").toString(), dir.resolve("trades.csv").toString());
        assertThat(tradesOnly.exit).as(tradesOnly.err).isZero();
        assertThat(tradesOnly.out.lines().toList()).isEqualTo(Files.readAllLines(dir.resolve("moneyflow.csv")));
    }

    @Test
    void shouldWriteTheSameBytesForTheSameSeedAndOtherBytesForAnother(@TempDir final Path dir) throws Exception
    {
        final Path a = dir.resolve("a");
        final Path b = dir.resolve("b");
        final Path c = dir.resolve("c");
        Cli.run("gen", "--symbols", "10", "--trades", "5000", "--orders", "7000", "--seed", "9", "--no-journal",
            "--out", a.toString());
        Cli.run("gen", "--symbols", "10", "--trades", "5000", "--orders", "7000", "--seed", "9", "--no-journal",
            "--out", b.toString());
        Cli.run("gen", "--symbols", "10", "--trades", "5000", "--orders", "7000", "--seed", "10", "--no-journal",
            "--out", c.toString());
        for (final String file : List.of("trades.csv", "orders.csv", "securities.csv"))
        {
            assertThat(sha256(b.resolve(file))).as(file).isEqualTo(sha256(a.resolve(file)));
            assertThat(sha256(c.resolve(file))).as(file).isNotEqualTo(sha256(a.resolve(file)));
        }
    }

    @Test
    void shouldRefuseImpossibleSettings(@TempDir final Path dir)
    {
        final Cli cli = Cli.run("gen", "--symbols", "100", "--trades", "1000", "--orders", "150", "--out",
            dir.toString());
        assertThat(cli.exit).isEqualTo(2);
        assertThat(cli.err).contains("--orders must be at least twice --symbols");
    }

    private static String sha256(final Path file) throws IOException, NoSuchAlgorithmException
    {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    /** The checks of the class comment, on the files' own text. */
    private static void checkConsistent(final List<String> trades, final List<String> orders)
    {
        // both exchanges number a channel's trades and orders in one sequence (SZSE ApplSeqNum, SSE BizIndex)
        final Map<String, TreeSet<Long>> seqs = new TreeMap<>();
        // per order: the sequence number of its record and the quantity that record says is open after it
        final Map<String, long[]> records = new HashMap<>();
        final Map<String, Long> usedAfterRecord = new HashMap<>();
        final List<String[]> uses = new java.util.ArrayList<>();
        long lastTime = -1;
        for (final String line : orders.subList(1, orders.size()))
        {
            // Symbol,Date,Time,Channel,Seq,OrderNo,Side,Type,Price,Qty
            final String[] f = line.split(",", -1);
            final long time = Long.parseLong(f[2]);
            assertThat(time).as(line).isGreaterThanOrEqualTo(lastTime);
            lastTime = time;
            final String exchangeChannel = f[0].substring(7) + f[3];
            assertThat(seqs.computeIfAbsent(exchangeChannel, k -> new TreeSet<>()).add(Long.parseLong(f[4])))
                .as("a new sequence number: " + line).isTrue();
            final String key = f[0] + "/" + f[6] + "/" + f[5];
            if (f[0].endsWith(".SZ"))
            {
                assertThat(f[4]).as("an SZSE order is numbered by its ApplSeqNum").isEqualTo(f[5]);
            }
            if (f[7].equals("A"))
            {
                assertThat(records.put(key, new long[]{Long.parseLong(f[4]), Long.parseLong(f[9])}))
                    .as("one record per order: " + line).isNull();
            }
            else
            {
                uses.add(new String[]{key, f[4], f[9]});
            }
        }
        lastTime = -1;
        for (final String line : trades.subList(1, trades.size()))
        {
            // Symbol,Date,Time,Channel,Seq,Price,Qty,BuyNo,SellNo,Flag,ExecType
            final String[] f = line.split(",", -1);
            final long time = Long.parseLong(f[2]);
            assertThat(time).as(line).isGreaterThanOrEqualTo(lastTime);
            lastTime = time;
            final long buyNo = Long.parseLong(f[7]);
            final long sellNo = Long.parseLong(f[8]);
            assertThat(seqs.computeIfAbsent(f[0].substring(7) + f[3], k -> new TreeSet<>()).add(Long.parseLong(f[4])))
                .as("a new sequence number: " + line).isTrue();
            if (f[0].endsWith(".SZ"))
            {
                assertThat(f[9]).as("SZSE has no flag").isEmpty();
            }
            else if (time > 93_000_000 && time < 145_700_000)
            {
                assertThat(f[9]).as("SSE's flag names the later order: " + line).isEqualTo(buyNo > sellNo ? "B" : "S");
            }
            if (buyNo > 0)
            {
                uses.add(new String[]{f[0] + "/B/" + buyNo, f[4], f[6]});
            }
            if (sellNo > 0)
            {
                uses.add(new String[]{f[0] + "/S/" + sellNo, f[4], f[6]});
            }
        }
        for (final Map.Entry<String, TreeSet<Long>> channel : seqs.entrySet())
        {
            final TreeSet<Long> numbers = channel.getValue();
            assertThat(numbers.first()).isEqualTo(1);
            assertThat(numbers.last()).as("channel %s dense", channel.getKey()).isEqualTo(numbers.size());
        }
        for (final String[] use : uses)
        {
            final long[] record = records.get(use[0]);
            if (record != null && Long.parseLong(use[1]) > record[0])
            {
                usedAfterRecord.merge(use[0], Long.parseLong(use[2]), Long::sum);
            }
        }
        for (final Map.Entry<String, long[]> order : records.entrySet())
        {
            assertThat(usedAfterRecord.getOrDefault(order.getKey(), 0L))
                .as("filled, cancelled or withdrawn after the record of " + order.getKey())
                .isLessThanOrEqualTo(order.getValue()[1]);
        }
    }
}

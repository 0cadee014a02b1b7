package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 10, part 1: a `gen` day (both exchanges; SSE orders carry their balance after fills on arrival, SZSE orders
 * their whole quantity) written in every file order vendors use must give one digest: the digest of the files as
 * `gen` writes them, sorted by time, which `GenCommandTest` checks line by line to be in exchange order. Before the
 * fix, the trades and orders sorted by stock changed the order-side flows of every stock but the first.
 */
class FileOrderCliTest
{
    private static final Pattern DIGEST = Pattern.compile("\"digest\":\"(sha256:[0-9a-f]{64})\"");

    @TempDir
    Path dir;

    private String digest(final Path securities, final Path... inputs)
    {
        final List<String> args = new ArrayList<>(List.of("flow", "--format", "json", "-q", "--securities",
            securities.toString()));
        for (final Path input : inputs)
        {
            args.add(input.toString());
        }
        final Cli cli = Cli.run(args.toArray(new String[0]));
        assertThat(cli.exit).as(cli.err).isZero();
        assertThat(cli.out).doesNotContain("\"duplicate\":1").doesNotContain("\"time-backwards\":1");
        final Matcher m = DIGEST.matcher(cli.out);
        assertThat(m.find()).as(cli.out).isTrue();
        assertThat(cli.out).contains("\"rejected\":{");
        return m.group(1);
    }

    private static List<String> lines(final Path file) throws IOException
    {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    /** The header, then the rows sorted stably by symbol: each stock's rows keep their time order. */
    private static List<String> byStock(final List<String> lines)
    {
        final List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        rows.sort(Comparator.comparing(l -> l.substring(0, l.indexOf(','))));
        final List<String> out = new ArrayList<>(List.of(lines.get(0)));
        out.addAll(rows);
        return out;
    }

    private static Map<String, List<String>> perStock(final List<String> lines)
    {
        final Map<String, List<String>> parts = new LinkedHashMap<>();
        for (final String row : lines.subList(1, lines.size()))
        {
            parts.computeIfAbsent(row.substring(0, row.indexOf(',')), k -> new ArrayList<>(List.of(lines.get(0))))
                .add(row);
        }
        return parts;
    }

    private Path write(final String name, final List<String> lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    private Path gen(final String name, final String date, final long seed)
    {
        final Path out = dir.resolve(name);
        final Cli cli = Cli.run("gen", "--symbols", "12", "--trades", "12000", "--orders", "16000", "--seed",
            Long.toString(seed), "--date", date, "--no-journal", "--out", out.toString());
        assertThat(cli.exit).as(cli.err).isZero();
        return out;
    }

    @Test
    void shouldGiveAGenDayOneDigestInEveryFileOrder() throws IOException
    {
        final Path day = gen("day", "2023-02-01", 5);
        final Path securities = day.resolve("securities.csv");
        final List<String> trades = lines(day.resolve("trades.csv"));
        final List<String> orders = lines(day.resolve("orders.csv"));
        final String expected = digest(securities, day.resolve("trades.csv"), day.resolve("orders.csv"));

        // sorted by stock, then time: what most vendors ship
        final Path tradesByStock = write("by-stock/trades.csv", byStock(trades));
        final Path ordersByStock = write("by-stock/orders.csv", byStock(orders));
        assertThat(digest(securities, tradesByStock, ordersByStock)).isEqualTo(expected);
        // the orders first on the command line
        assertThat(digest(securities, ordersByStock, tradesByStock)).isEqualTo(expected);
        // a mix: trades by time, orders by stock
        assertThat(digest(securities, day.resolve("trades.csv"), ordersByStock)).isEqualTo(expected);

        // one file per stock, trades and orders apart, in a directory
        final Map<String, List<String>> tradeParts = perStock(trades);
        final Map<String, List<String>> orderParts = perStock(orders);
        for (final String symbol : tradeParts.keySet())
        {
            write("per-stock/" + symbol + "-trades.csv", tradeParts.get(symbol));
            write("per-stock/" + symbol + "-orders.csv", orderParts.get(symbol));
        }
        assertThat(digest(securities, dir.resolve("per-stock"))).isEqualTo(expected);

        // one archive per stock holding its trades and orders together
        final Path zips = Files.createDirectories(dir.resolve("per-stock-zip"));
        for (final String symbol : tradeParts.keySet())
        {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(zips.resolve(symbol + ".zip"))))
            {
                for (final Map.Entry<String, List<String>> e : Map.of("trades.csv", tradeParts.get(symbol),
                    "orders.csv", orderParts.get(symbol)).entrySet())
                {
                    zip.putNextEntry(new ZipEntry(e.getKey()));
                    zip.write((String.join("\n", e.getValue()) + "\n").getBytes(StandardCharsets.UTF_8));
                    zip.closeEntry();
                }
            }
        }
        assertThat(digest(securities, zips)).isEqualTo(expected);

        // the trades alone: by time and by stock agree with each other
        assertThat(digest(securities, tradesByStock)).isEqualTo(digest(securities, day.resolve("trades.csv")));
    }

    @Test
    void shouldGiveTwoGenDaysSortedByStockAcrossBothDaysTheDigestOfTheDaysByTime() throws IOException
    {
        final Path first = gen("d1", "2023-02-01", 7);
        final Path second = gen("d2", "2023-02-02", 7);
        final Path securities = first.resolve("securities.csv");
        final String expected = digest(securities, first.resolve("trades.csv"), first.resolve("orders.csv"),
            second.resolve("trades.csv"), second.resolve("orders.csv"));
        // one trades file and one orders file for both days, each sorted by stock (then day, then time)
        final List<String> trades = new ArrayList<>(lines(first.resolve("trades.csv")));
        trades.addAll(lines(second.resolve("trades.csv")).subList(1, lines(second.resolve("trades.csv")).size()));
        final List<String> orders = new ArrayList<>(lines(first.resolve("orders.csv")));
        orders.addAll(lines(second.resolve("orders.csv")).subList(1, lines(second.resolve("orders.csv")).size()));
        assertThat(digest(securities, write("both/trades.csv", byStock(trades)),
            write("both/orders.csv", byStock(orders)))).isEqualTo(expected);
    }
}

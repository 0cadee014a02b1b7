package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Warnings a run gives when a rule had nothing to work with, or the data contradicts the layout's reading of order
 * quantities (issue 10 parts 5 and 6).
 */
class RunWarningsCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRADES = "Symbol,Date,Time,Channel,Seq,Price,Qty,BuyNo,SellNo,Flag,ExecType";
    private static final String ORDERS = "Symbol,Date,Time,Channel,Seq,OrderNo,Side,Type,Price,Qty";

    @TempDir
    Path dir;

    @Test
    void shouldSayWhichInputsLackedQuotesForTheQuoteRule() throws IOException
    {
        // tradeData.zip has trades only: 600000.SH's are flagged, no snapshot anywhere
        final Cli cli = Cli.run("accuracy", "-q", "--rule", "quote", "--format", "json",
            Cli.sample("ddb-l2-20230201/tradeData.zip"));
        assertThat(cli.exit).isZero();
        final JsonNode total = JSON.readTree(cli.out).get("total");
        // every measured fill went without a quote: the JSON's own counts
        assertThat(total.get("unclassified").asLong()).isEqualTo(total.get("measured").asLong());
        assertThat(cli.err).contains(String.format("moneyflow: warning: the quote rule had no quote for %,d fill(s) " +
            "and left them unclassified: the input has no snapshot (quotes) for 600000.SH 2023-02-01",
            total.get("measured").asLong()));

        // with the day's snapshots (20230201.zip), every flagged fill after 600519.SH's first snapshot has a quote
        final Cli withQuotes = Cli.run("accuracy", "-q", "--rule", "quote", Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(withQuotes.err).doesNotContain("input has no snapshot");
    }

    @Test
    void shouldSayWhenLeeReadyFellBackToTheTickTest() throws IOException
    {
        final Cli cli = Cli.run("accuracy", "-q", "--rule", "lee-ready", "--format", "json",
            Cli.sample("ddb-l2-20230201/tradeData.zip"));
        assertThat(cli.exit).isZero();
        final long measured = JSON.readTree(cli.out).get("total").get("measured").asLong();
        assertThat(cli.err).contains(String.format("moneyflow: warning: the Lee-Ready rule had no bid and ask for " +
            "%,d fill(s) and used the tick test for them: the input has no snapshot (quotes) for 600000.SH", measured));

        final Cli flow = Cli.run("flow", "-q", "--direction", "lee-ready", Cli.sample("ddb-l2-20230201/tradeData.zip"));
        assertThat(flow.err).contains("the Lee-Ready rule had no bid and ask for").contains("used the tick test");
    }

    /**
     * Written by hand in the mf-gen layout, whose SZSE order quantity is the whole order (OrderQty): buy order 2 of
     * 200 shares is published after a fill of 300 shares of it, as SSE publishes an order after its fills on arrival.
     */
    @Test
    void shouldWarnWhenFillsContradictAWholeOrderQuantity() throws IOException
    {
        final Path trades = dir.resolve("trades.csv");
        final Path orders = dir.resolve("orders.csv");
        Files.write(trades, List.of(TRADES, "000001.SZ,20230201,100001000,2011,2,100000,300,2,1,B,F"));
        Files.write(orders, List.of(ORDERS,
            "000001.SZ,20230201,100000000,2011,1,1,S,A,100000,1000",
            "000001.SZ,20230201,100001000,2011,3,2,B,A,100000,200"));
        final Cli cli = Cli.run("flow", "-q", "--format", "csv", trades.toString(), orders.toString());
        assertThat(cli.exit).isZero();
        // 300 filled against the 200 of its record, and the fill came first: one of each
        assertThat(cli.err).contains("moneyflow: warning: 1 fill(s) went past their order's quantity, 1 order(s) had " +
            "fills before their order record: the layout reads the [order] qty as the whole order (qty.balance off")
            .contains("set qty.balance = true (or = SH)");

        // the same order published before its fill, with its whole 300 shares: nothing to say
        Files.write(orders, List.of(ORDERS,
            "000001.SZ,20230201,100000000,2011,1,1,S,A,100000,1000",
            "000001.SZ,20230201,100000500,2011,2,2,B,A,100000,300"));
        Files.write(trades, List.of(TRADES, "000001.SZ,20230201,100001000,2011,3,100000,300,2,1,B,F"));
        assertThat(Cli.run("flow", "-q", trades.toString(), orders.toString()).err).isEmpty();
    }

    @Test
    void shouldWarnWhenTheRealSseDayIsReadWithAWholeQuantityLayout() throws IOException
    {
        // the bundled sse-raw layout reads Balance as SSE's balance: no warning on the real day
        final Cli right = Cli.run("flow", "-q", Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(right.exit).isZero();
        assertThat(right.err).isEmpty();
        // the same layout without qty.balance
        final Path layouts = dir.resolve("layouts");
        Files.createDirectories(layouts);
        final String bundled = Files.readString(Cli.root().resolve("config/layouts/sse-raw.layout"));
        Files.writeString(layouts.resolve("sse-whole.layout"), bundled.replace("name = sse-raw", "name = sse-whole")
            .replace("qty.balance = true", ""));
        final Cli wrong = Cli.run("flow", "-q", "--layout-dir", layouts.toString(), "--layout", "sse-whole",
            Cli.sample("ddb-l2-20230201/20230201.zip"));
        assertThat(wrong.exit).isZero();
        assertThat(wrong.err).startsWith("moneyflow: warning: ").contains("went past their order's quantity")
            .contains("had fills before their order record").contains("set qty.balance = true");
    }
}

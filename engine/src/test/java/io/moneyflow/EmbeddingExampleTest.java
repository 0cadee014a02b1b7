package io.moneyflow;

import io.moneyflow.counters.StockFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's example of embedding the engine ("Embedding the engine"), compiled and run here: the method between
 * the markers is the README's code, character for character (the first test checks it), run on the worked example of
 * docs/DEFINITIONS.md (the four fills of {@link WorkedExampleTest}), whose figures were computed by hand: main net
 * 1,100,800 yuan of a turnover of 1,170,780 yuan, 94.022788 % (1,100,800 / 1,170,780 = 0.9402278822...).
 */
class EmbeddingExampleTest
{
    @TempDir
    Path dir;

    // README example: begin
    static void printMainNet(final Path trades, final PrintStream out)
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            engine.ingest(List.of(trades), System.err::println, progress -> { });
            final StockFlow flow = StockFlow.find(engine.reader(), "600000.SH", 20230201).orElseThrow();
            out.println(flow.symbol() + " " + flow.date() + ": main net " + flow.mainNetYuan() + " yuan, " +
                flow.mainNetRatioPercent().orElseThrow() + " % of " + flow.turnoverYuan() + " yuan traded");
            for (int c = 0; c < flow.classCount(); c++)
            {
                out.println("  " + flow.className(c) + " in " + StockFlow.yuan(flow.activeIn(c)) + ", out " +
                    StockFlow.yuan(flow.activeOut(c)));
            }
        }
    }
    // README example: end

    // README example from code: begin
    static void printFromCode(final PrintStream out)
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            // fills: symbol, day, ms since midnight, price in 1/10000 yuan, shares, buy and sell order numbers, side
            engine.ingest("my-source", records ->
            {
                records.trade("600000.SH", 20230201, 36_000_000, 100_000, 30_000, 1001, 900, 'B');
                records.trade("600000.SH", 20230201, 36_001_000, 100_100, 80_000, 1001, 950, 'B');
                records.trade("600000.SH", 20230201, 36_002_000, 100_000, 5_000, 1005, 1010, 'S');
                records.trade("600000.SH", 20230201, 36_003_000, 99_900, 2_000, 1005, 1020, 'S');
            }, System.err::println);
            final StockFlow flow = StockFlow.find(engine.reader(), "600000.SH", 20230201).orElseThrow();
            out.println(flow.symbol() + ": main net " + flow.mainNetYuan() + " yuan of " + flow.turnoverYuan() + " yuan");
        }
    }
    // README example from code: end

    @Test
    void shouldShowInTheReadmeExactlyTheCodeRunHere() throws IOException
    {
        final String source = Files.readString(Path.of("src/test/java/io/moneyflow/EmbeddingExampleTest.java"));
        final String readme = Files.readString(Path.of("../README.md"));
        for (final String example : new String[]{"README example", "README example from code"})
        {
            final String begin = "    // " + example + ": begin\n";
            final String body = source.substring(source.indexOf(begin) + begin.length(),
                source.indexOf("    // " + example + ": end"));
            // the README shows the method without the class's indentation
            assertThat(readme).as(example).contains(body.replaceAll("(?m)^    ", ""));
        }
    }

    @Test
    void shouldCountTheWorkedExampleGivenFromCode()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            printFromCode(out);
        }
        // by hand, as from the file below: the same four fills, the same main net and turnover
        assertThat(bytes.toString(StandardCharsets.UTF_8).trim())
            .isEqualTo("600000.SH: main net 1100800.0000 yuan of 1170780.0000 yuan");
    }

    @Test
    void shouldRejectABadRecordFromCodeAndCountTheOthers()
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            final io.moneyflow.feed.RunLog log = engine.ingest("code", records ->
            {
                records.trade("600000.SH", 20230201, 36_000_000, 100_000, 30_000, 1001, 900, 'B');
                records.trade("NOT-A-SYMBOL", 20230201, 36_000_500, 100_000, 100, 1002, 901, 'B');
                records.trade("600000.SH", 20230201, 36_001_000, 0, 100, 1003, 902, 'B');
                records.order("600000.SH", 20230201, 36_001_500, 2001, 'X', 100_000, 100);
                records.order("600000.SH", 20230201, 36_001_600, 2002, 'B', 99_000, 300);
                records.cancel("600000.SH", 20230201, 36_001_700, 2002, 'B', 300);
                records.trade("600000.SH", 20230201, 36_002_000, 100_000, 5_000, 1005, 1010, 'S');
            }, message -> { });
            assertThat(log.rejectedTotal()).isEqualTo(3);
            final StockFlow flow = StockFlow.find(engine.reader(), "600000.SH", 20230201).orElseThrow();
            // by hand: 30,000 + 5,000 shares at 10.00 yuan; the order and its withdrawal counted, as no fill
            assertThat(flow.trades()).isEqualTo(2);
            assertThat(flow.turnoverYuan()).isEqualByComparingTo("350000");
            final io.moneyflow.counters.SlotView view = engine.reader().newView();
            engine.reader().read(0, view);
            assertThat(view.day(io.moneyflow.counters.CountersDescriptor.DayField.CANCELS)).isEqualTo(1);
            assertThat(view.day(io.moneyflow.counters.CountersDescriptor.DayField.BUY_ORDERS)).isEqualTo(1);
        }
    }

    @Test
    void shouldPrintTheWorkedExamplesMainNetInYuan() throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            printMainNet(WorkedExampleTest.write(dir), out);
        }
        // by hand: fills 1 and 2 are buy order 1001, 110,000 shares and 1,100,800 yuan, XL, buyer-initiated; fill 3
        // is sell order 1010, 50,000 yuan, M; fill 4 sell order 1020, 19,980 yuan, S (East Money thresholds)
        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
            "600000.SH 20230201: main net 1100800.0000 yuan, 94.022788 % of 1170780.0000 yuan traded",
            "  XL in 1100800.0000, out 0.0000",
            "  L in 0.0000, out 0.0000",
            "  M in 0.0000, out 50000.0000",
            "  S in 0.0000, out 19980.0000");
    }
}

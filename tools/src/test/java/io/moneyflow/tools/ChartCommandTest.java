package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.CountersDescriptor.BarClassField;
import io.moneyflow.counters.CountersDescriptor.BarField;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.counters.StockFlow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow chart}: the data the page draws equals the counters' minute bars of the same day (read here from a
 * {@code flow --counters} file, bar by bar), its cumulative main net ends at the day's main net, and the page needs no
 * network (the chart library inlined, no outside reference).
 */
class ChartCommandTest
{
    private static final Pattern DATA =
        Pattern.compile("<script id=\"moneyflow-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);

    @TempDir
    Path dir;

    @Test
    void shouldDrawTheDaysBarsAsTheCountersHoldThem() throws Exception
    {
        final Path page = dir.resolve("000001.html");
        final Cli chart = Cli.run("chart", "-q", "000001.SZ", Cli.sample("ddb-l2-20230201"), "--out", page.toString());
        assertThat(chart.exit).as(chart.err).isZero();
        final String html = Files.readString(page, StandardCharsets.UTF_8);
        final Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        final JsonNode day = new ObjectMapper().readTree(m.group(1)).get("days").get(0);

        final Path counters = dir.resolve("day.counters");
        assertThat(Cli.run("flow", "-q", "--format", "csv", "--counters", counters.toString(),
            Cli.sample("ddb-l2-20230201")).exit).isZero();
        try (FlowCounters file = FlowCounters.openReadOnly(counters))
        {
            final FlowCountersReader reader = new FlowCountersReader(file);
            final StockFlow flow = StockFlow.find(reader, "000001.SZ", 20230201).orElseThrow();
            final SlotView view = reader.newView();
            int slot = 0;
            while (!(reader.readHead(slot, view) > 0 && view.symbol().equals("000001.SZ")))
            {
                slot++;
            }
            reader.read(slot, view);
            final TradingSession session = new TradingSession(1);
            int shown = 0;
            long cumulative = 0;
            for (int bar = 0; bar < view.barCount(); bar++)
            {
                if (view.bar(bar, BarField.TRADES) == 0)
                {
                    continue;
                }
                assertThat(day.get("time").get(shown).asText()).isEqualTo(session.barLabel(bar));
                assertThat(day.get("close").get(shown).decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(view.bar(bar, BarField.CLOSE), 4));
                long main = 0;
                for (int c = 0; c < file.classCount(); c++)
                {
                    final long net = view.barClass(bar, c, BarClassField.ACTIVE_IN) -
                        view.barClass(bar, c, BarClassField.ACTIVE_OUT);
                    assertThat(day.get("classNet").get(file.className(c)).get(shown).decimalValue())
                        .isEqualByComparingTo(BigDecimal.valueOf(net, 4));
                    main += c < file.mainClassCount() ? net : 0;
                }
                cumulative += main;
                assertThat(day.get("cumulativeMainNet").get(shown).decimalValue())
                    .isEqualByComparingTo(BigDecimal.valueOf(cumulative, 4));
                shown++;
            }
            assertThat(day.get("time")).hasSize(shown);
            // the bars add up to the day
            assertThat(day.get("cumulativeMainNet").get(shown - 1).decimalValue())
                .isEqualByComparingTo(flow.mainNetYuan());
        }
        // no network: the library is in the page, and nothing is fetched from elsewhere
        assertThat(html).contains("echarts").doesNotContain("src=\"http").doesNotContain("src='http")
            .doesNotContain("<link");
        assertThat(html.length()).isGreaterThan(1_000_000);
    }

    @Test
    void shouldRefuseAnotherFormatAndAStockNotInTheInput() throws Exception
    {
        final Cli png = Cli.run("chart", "-q", "000001.SZ", Cli.sample("ddb-l2-20230201"), "--out",
            dir.resolve("x.png").toString());
        assertThat(png.exit).isEqualTo(2);
        assertThat(png.err).contains("--out " + dir.resolve("x.png") + ": the chart is written as .html");
        final Cli absent = Cli.run("chart", "-q", "688981.SH", Cli.sample("ddb-l2-20230201"), "--out",
            dir.resolve("y.html").toString());
        assertThat(absent.exit).isEqualTo(1);
        assertThat(absent.err).contains("no trades for 688981.SH in the input; nothing written");
        assertThat(dir.resolve("y.html")).doesNotExist();
    }
}

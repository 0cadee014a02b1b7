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
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.data.category.CategoryDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow chart}: the data the page draws, and the datasets the PNG is drawn from, equal the counters' minute
 * bars of the same day (read here from a {@code flow --counters} file, bar by bar); the cumulative main net ends at
 * the day's main net; the page needs no network (the chart library inlined, no outside reference); the PNG is a real
 * image of the size asked for, with the price line and the class bars in it.
 */
class ChartCommandTest
{
    private static final Pattern DATA =
        Pattern.compile("<script id=\"moneyflow-data\" type=\"application/json\">(.*?)</script>", Pattern.DOTALL);
    private static final String SYMBOL = "000001.SZ";

    /** One traded bar of the day as the counters file holds it, in yuan. */
    record Bar(String time, BigDecimal close, List<BigDecimal> classNet, BigDecimal cumulativeMainNet)
    {
    }

    @TempDir
    static Path shared;
    /** The counters file of {@code flow --counters} over the bundled day. */
    static Path counters;
    /** Its class names, largest first. */
    static List<String> classes;
    /** 000001.SZ's traded bars, read bar by bar from the counters file. */
    static List<Bar> bars;
    /** 000001.SZ's main net of the day, yuan. */
    static BigDecimal dayMainNet;

    @TempDir
    Path dir;

    @BeforeAll
    static void readTheCounters()
    {
        counters = shared.resolve("day.counters");
        final Cli flow = Cli.run("flow", "-q", "--format", "csv", "--counters", counters.toString(),
            Cli.sample("ddb-l2-20230201"));
        assertThat(flow.exit).as(flow.err).isZero();
        try (FlowCounters file = FlowCounters.openReadOnly(counters))
        {
            final FlowCountersReader reader = new FlowCountersReader(file);
            dayMainNet = StockFlow.find(reader, SYMBOL, 20230201).orElseThrow().mainNetYuan();
            classes = new ArrayList<>();
            for (int c = 0; c < file.classCount(); c++)
            {
                classes.add(file.className(c));
            }
            final SlotView view = reader.newView();
            int slot = 0;
            while (!(reader.readHead(slot, view) > 0 && view.symbol().equals(SYMBOL)))
            {
                slot++;
            }
            reader.read(slot, view);
            final TradingSession session = new TradingSession(1);
            bars = new ArrayList<>();
            long cumulative = 0;
            for (int bar = 0; bar < view.barCount(); bar++)
            {
                if (view.bar(bar, BarField.TRADES) == 0)
                {
                    continue;
                }
                final List<BigDecimal> classNet = new ArrayList<>();
                long main = 0;
                for (int c = 0; c < file.classCount(); c++)
                {
                    final long net = view.barClass(bar, c, BarClassField.ACTIVE_IN) -
                        view.barClass(bar, c, BarClassField.ACTIVE_OUT);
                    classNet.add(BigDecimal.valueOf(net, 4));
                    main += c < file.mainClassCount() ? net : 0;
                }
                cumulative += main;
                bars.add(new Bar(session.barLabel(bar), BigDecimal.valueOf(view.bar(bar, BarField.CLOSE), 4),
                    classNet, BigDecimal.valueOf(cumulative, 4)));
            }
        }
        assertThat(bars).hasSizeGreaterThan(200);
        // the bars add up to the day
        assertThat(bars.get(bars.size() - 1).cumulativeMainNet()).isEqualByComparingTo(dayMainNet);
    }

    @Test
    void shouldDrawTheDaysBarsAsTheCountersHoldThem() throws Exception
    {
        final Path page = dir.resolve("000001.html");
        final Cli chart = Cli.run("chart", "-q", SYMBOL, Cli.sample("ddb-l2-20230201"), "--out", page.toString());
        assertThat(chart.exit).as(chart.err).isZero();
        final String html = Files.readString(page, StandardCharsets.UTF_8);
        final Matcher m = DATA.matcher(html);
        assertThat(m.find()).isTrue();
        final JsonNode day = new ObjectMapper().readTree(m.group(1)).get("days").get(0);

        for (int shown = 0; shown < bars.size(); shown++)
        {
            final Bar bar = bars.get(shown);
            assertThat(day.get("time").get(shown).asText()).isEqualTo(bar.time());
            assertThat(day.get("close").get(shown).decimalValue()).isEqualByComparingTo(bar.close());
            for (int c = 0; c < classes.size(); c++)
            {
                assertThat(day.get("classNet").get(classes.get(c)).get(shown).decimalValue())
                    .isEqualByComparingTo(bar.classNet().get(c));
            }
            assertThat(day.get("cumulativeMainNet").get(shown).decimalValue())
                .isEqualByComparingTo(bar.cumulativeMainNet());
        }
        assertThat(day.get("time")).hasSize(bars.size());
        assertThat(day.get("cumulativeMainNet").get(bars.size() - 1).decimalValue())
            .isEqualByComparingTo(dayMainNet);
        // no network: the library is in the page, and nothing is fetched from elsewhere
        assertThat(html).contains("echarts").doesNotContain("src=\"http").doesNotContain("src='http")
            .doesNotContain("<link");
        assertThat(html.length()).isGreaterThan(1_000_000);
    }

    @Test
    void shouldBuildThePngsChartFromTheCountersBars()
    {
        final List<Map<String, Object>> days;
        try (FlowCounters file = FlowCounters.openReadOnly(counters))
        {
            // the figures the command draws, as it computes them for the page too
            days = ChartCommand.days(new FlowCountersReader(file), new TradingSession(1), SYMBOL);
        }
        assertThat(days).hasSize(1);
        final JFreeChart chart = ChartPng.chart(SYMBOL, days.get(0), ChartPng.WIDTH);
        assertThat(chart.getTitle().getText()).isEqualTo("000001.SZ 2023-02-01");
        final List<?> plots = ((CombinedDomainCategoryPlot) chart.getPlot()).getSubplots();
        assertThat(plots).hasSize(3);
        final CategoryDataset price = ((CategoryPlot) plots.get(0)).getDataset();
        final CategoryDataset mainNet = ((CategoryPlot) plots.get(1)).getDataset();
        final CategoryDataset byClass = ((CategoryPlot) plots.get(2)).getDataset();
        assertThat(keys(price.getRowKeys())).containsExactly("price");
        assertThat(keys(mainNet.getRowKeys())).containsExactly("cumulative main net");
        assertThat(keys(byClass.getRowKeys()))
            .containsExactlyElementsOf(classes.stream().map(c -> c + " net").toList());
        // one time axis: the traded bars, in order
        final List<String> times = bars.stream().map(Bar::time).toList();
        for (final CategoryDataset data : List.of(price, mainNet, byClass))
        {
            assertThat(keys(data.getColumnKeys())).containsExactlyElementsOf(times);
        }
        for (int i = 0; i < bars.size(); i++)
        {
            final Bar bar = bars.get(i);
            assertThat((BigDecimal) price.getValue(0, i)).as(bar.time()).isEqualByComparingTo(bar.close());
            assertThat((BigDecimal) mainNet.getValue(0, i)).as(bar.time())
                .isEqualByComparingTo(bar.cumulativeMainNet());
            for (int c = 0; c < classes.size(); c++)
            {
                assertThat((BigDecimal) byClass.getValue(c, i)).as(bar.time() + " " + classes.get(c))
                    .isEqualByComparingTo(bar.classNet().get(c));
            }
        }
        assertThat((BigDecimal) mainNet.getValue(0, bars.size() - 1)).isEqualByComparingTo(dayMainNet);
    }

    @Test
    void shouldWriteThePngOfTheSizeAskedWithTheLineAndTheBarsInIt() throws Exception
    {
        final Path png = dir.resolve("000001.png");
        Files.writeString(png, "an older file, replaced whole");
        final Cli chart = Cli.run("chart", "-q", SYMBOL, Cli.sample("ddb-l2-20230201"), "--out", png.toString());
        assertThat(chart.exit).as(chart.err).isZero();
        final BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG ImageIO reads").isNotNull();
        assertThat(image.getWidth()).isEqualTo(1600);
        assertThat(image.getHeight()).isEqualTo(1000);
        final Map<Integer, Integer> colours = colours(image);
        assertThat(colours.getOrDefault(Color.WHITE.getRGB(), 0)).as("white background")
            .isGreaterThan(image.getWidth() * image.getHeight() / 2);
        assertThat(colours.getOrDefault(ChartPng.PRICE_COLOUR.getRGB(), 0)).as("price line").isGreaterThan(500);
        assertThat(colours.getOrDefault(ChartPng.CUMULATIVE_COLOUR.getRGB(), 0)).as("cumulative main net line")
            .isGreaterThan(500);
        for (int c = 0; c < classes.size(); c++)
        {
            assertThat(colours.getOrDefault(ChartPng.CLASS_COLOURS[c].getRGB(), 0)).as(classes.get(c) + " bars")
                .isGreaterThan(200);
        }
        // written whole through a temporary file beside it, which is gone
        try (Stream<Path> files = Files.list(dir))
        {
            assertThat(files).containsExactly(png);
        }

        // --size is each day's; two days are drawn one under the other
        final Path two = dir.resolve("two.png");
        final Cli days = Cli.run("chart", "-q", SYMBOL, Cli.sample("tdx-level1-201902"), "--out", two.toString(),
            "--size", "800x500");
        assertThat(days.exit).as(days.err).isZero();
        final BufferedImage both = ImageIO.read(two.toFile());
        assertThat(both.getWidth()).isEqualTo(800);
        assertThat(both.getHeight()).isEqualTo(1000);
        assertThat(colours(both.getSubimage(0, 0, 800, 500)).getOrDefault(ChartPng.PRICE_COLOUR.getRGB(), 0))
            .isGreaterThan(100);
        assertThat(colours(both.getSubimage(0, 500, 800, 500)).getOrDefault(ChartPng.PRICE_COLOUR.getRGB(), 0))
            .isGreaterThan(100);
    }

    /** @return a dataset's keys (JFreeChart's raw list) as a list AssertJ compares. */
    private static List<Object> keys(final List<?> keys)
    {
        return new ArrayList<>(keys);
    }

    private static Map<Integer, Integer> colours(final BufferedImage image)
    {
        final Map<Integer, Integer> count = new HashMap<>();
        for (int y = 0; y < image.getHeight(); y++)
        {
            for (int x = 0; x < image.getWidth(); x++)
            {
                count.merge(image.getRGB(x, y), 1, Integer::sum);
            }
        }
        return count;
    }

    @Test
    void shouldRefuseAnotherFormatABadSizeAndAStockNotInTheInput() throws Exception
    {
        final Cli svg = Cli.run("chart", "-q", SYMBOL, Cli.sample("ddb-l2-20230201"), "--out",
            dir.resolve("x.svg").toString());
        assertThat(svg.exit).isEqualTo(2);
        assertThat(svg.err)
            .contains("--out " + dir.resolve("x.svg") + ": the chart is written as .html (a page) or .png (an image)");
        final Cli sizedPage = Cli.run("chart", "-q", SYMBOL, Cli.sample("ddb-l2-20230201"), "--out",
            dir.resolve("x.html").toString(), "--size", "800x600");
        assertThat(sizedPage.exit).isEqualTo(2);
        assertThat(sizedPage.err).contains("--size 800x600: only a .png chart has a size");
        for (final String size : List.of("800", "800x", "10x10", "800x600x2", "20000x600", "axb"))
        {
            final Cli bad = Cli.run("chart", "-q", SYMBOL, Cli.sample("ddb-l2-20230201"), "--out",
                dir.resolve("x.png").toString(), "--size", size);
            assertThat(bad.exit).as(size).isEqualTo(2);
            assertThat(bad.err).as(size)
                .contains("--size " + size + ": give WIDTHxHEIGHT in pixels, each 200 to 10000");
        }
        final Cli absent = Cli.run("chart", "-q", "688981.SH", Cli.sample("ddb-l2-20230201"), "--out",
            dir.resolve("y.png").toString());
        assertThat(absent.exit).isEqualTo(1);
        assertThat(absent.err).contains("no trades for 688981.SH in the input; nothing written");
        try (Stream<Path> files = Files.list(dir))
        {
            assertThat(files).isEmpty();
        }
    }
}

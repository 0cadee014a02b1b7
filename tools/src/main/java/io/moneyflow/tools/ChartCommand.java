package io.moneyflow.tools;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.counters.FlowCounters;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.classify.TradingSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow chart}: one stock's day as the chart East Money's users know, in a self-contained HTML file (the
 * chart library inlined, so that it opens with no network) or a PNG image (drawn with JFreeChart, off screen): the
 * intraday price line, the cumulative main net inflow under it, and each minute's net by class. Both are drawn from
 * the same {@link #days} figures; {@link ChartPng} draws the PNG.
 */
@Command(name = "chart", mixinStandardHelpOptions = true,
    description = "Write one stock's day as a chart: the intraday price, the cumulative main net inflow, and each " +
        "bar's net inflow by class. FILE.html is a self-contained page (Apache ECharts inlined; opens with no " +
        "network); FILE.png an image (JFreeChart, drawn with no display), each day WxH pixels (--size), several " +
        "days one under the other.")
final class ChartCommand implements Callable<Integer>
{
    /** The chart library, from its WebJar on the class path. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";

    @Spec
    CommandSpec spec;

    @Mixin
    EngineOptions engine;

    @Parameters(index = "0", paramLabel = "SYMBOL", description = "The stock, e.g. 000001.SZ.")
    String symbol;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
        description = "Files (.csv, .txt, .tsv, .gz), .zip archives or directories, read together and merged by time.")
    List<Path> inputs;

    @Option(names = "--out", required = true, paramLabel = "FILE.html|FILE.png",
        description = "Where the chart goes: .html a page, .png an image.")
    Path out;

    @Option(names = "--size", paramLabel = "WxH",
        description = "A .png's size in pixels for each day, e.g. 1200x800 (default 1600x1000).")
    String size;

    @Option(names = "-q", description = "Print only errors, rejections and warnings on stderr.")
    boolean quiet;

    @Mixin
    ProgressOption progress = new ProgressOption();

    @Override
    public Integer call() throws IOException
    {
        final long key = SymbolCodes.parse(symbol.trim());
        if (key == SymbolCodes.INVALID)
        {
            throw new ParameterException(spec.commandLine(), "'" + symbol + "' is not a symbol such as 000001.SZ");
        }
        final Path name = out.getFileName();
        final String extension = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        final boolean png = extension.endsWith(".png");
        if (!png && !extension.endsWith(".html"))
        {
            throw new ParameterException(spec.commandLine(),
                "--out " + out + ": the chart is written as .html (a page) or .png (an image)");
        }
        if (size != null && !png)
        {
            throw new ParameterException(spec.commandLine(), "--size " + size + ": only a .png chart has a size");
        }
        final int[] pixels = size == null ? new int[] {ChartPng.WIDTH, ChartPng.HEIGHT} : parseSize(size);
        final String canonical = SymbolCodes.format(key);
        try (Run run = new Run(engine.context(), inputs, quiet, progress.resolve(quiet, System.getenv()), System.err))
        {
            final List<Map<String, Object>> days = days(run.engine.reader(), run.engine.session(), canonical);
            if (days.isEmpty())
            {
                System.err.println("moneyflow: error: no trades for " + canonical + " in the input; nothing written");
                return 1;
            }
            if (png && (long) pixels[0] * pixels[1] * days.size() > ChartPng.MAX_PIXELS)
            {
                System.err.println("moneyflow: error: " + days.size() + " days of " + pixels[0] + "x" + pixels[1] +
                    " make an image over " + ChartPng.MAX_PIXELS + " pixels; give fewer days or a smaller --size; " +
                    "nothing written");
                return 1;
            }
            write(out, png ? ChartPng.png(canonical, days, pixels[0], pixels[1]) :
                html(canonical, days).getBytes(StandardCharsets.UTF_8));
            run.note("wrote " + out + " (" + (png ? pixels[0] + "x" + pixels[1] + " a day, " : "") + days.size() +
                " day(s) of " + canonical + ")");
            return run.finish() ? 0 : 1;
        }
    }

    /** @return {@code WxH} as {width, height}, each 200 to 10,000 pixels. */
    private int[] parseSize(final String text)
    {
        final String[] parts = text.trim().toLowerCase(Locale.ROOT).split("x", -1);
        if (parts.length == 2 && parts[0].matches("[0-9]{3,5}") && parts[1].matches("[0-9]{3,5}"))
        {
            final int width = Integer.parseInt(parts[0]);
            final int height = Integer.parseInt(parts[1]);
            if (width >= 200 && width <= 10_000 && height >= 200 && height <= 10_000)
            {
                return new int[] {width, height};
            }
        }
        throw new ParameterException(spec.commandLine(),
            "--size " + text + ": give WIDTHxHEIGHT in pixels, each 200 to 10000, e.g. 1600x1000");
    }

    /**
     * Writes the file whole or not at all: into a temporary file beside it, then moved over it in one step, so that a
     * reader (a browser, a report) never sees half of it.
     */
    static void write(final Path out, final byte[] bytes) throws IOException
    {
        final Path target = out.toAbsolutePath();
        final Path parent = target.getParent();
        Files.createDirectories(parent);
        final Path temporary = parent.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid() +
            ".tmp");
        try
        {
            // a new file of this process's own (one left by a process of the same number is taken away first; a link
            // there is removed, not followed)
            Files.deleteIfExists(temporary);
            Files.write(temporary, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try
            {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException ex)
            {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * @return each day of the stock: its traded bars' labels, closes, main net and each class's net, and the running
     *         sum of the main net, in yuan.
     */
    static List<Map<String, Object>> days(
        final FlowCountersReader reader, final TradingSession session, final String symbol)
    {
        final FlowCounters counters = reader.counters();
        final int classes = counters.classCount();
        final int main = counters.mainClassCount();
        final List<Map<String, Object>> days = new ArrayList<>();
        final SlotView view = reader.newView();
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.read(slot, view);
            if (!view.symbol().equals(symbol))
            {
                continue;
            }
            final List<StockBars.Bar> bars = StockBars.traded(view, session, classes, main);
            if (bars.isEmpty())
            {
                continue;
            }
            final List<String> times = new ArrayList<>();
            final List<BigDecimal> close = new ArrayList<>();
            final List<BigDecimal> mainNet = new ArrayList<>();
            final List<BigDecimal> cumulative = new ArrayList<>();
            final List<List<BigDecimal>> classNet = new ArrayList<>();
            for (int c = 0; c < classes; c++)
            {
                classNet.add(new ArrayList<>());
            }
            for (final StockBars.Bar bar : bars)
            {
                times.add(bar.time());
                close.add(BigDecimal.valueOf(bar.close(), 4).stripTrailingZeros());
                for (int c = 0; c < classes; c++)
                {
                    classNet.get(c).add(BigDecimal.valueOf(bar.activeNet()[c], 4));
                }
                mainNet.add(BigDecimal.valueOf(bar.mainNet(), 4));
                cumulative.add(BigDecimal.valueOf(bar.cumulativeMainNet(), 4));
            }
            final Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", view.date());
            day.put("time", times);
            day.put("close", close);
            day.put("mainNet", mainNet);
            day.put("cumulativeMainNet", cumulative);
            final Map<String, Object> byClass = new LinkedHashMap<>();
            for (int c = 0; c < classes; c++)
            {
                byClass.put(counters.className(c), classNet.get(c));
            }
            day.put("classNet", byClass);
            days.add(day);
        }
        return days;
    }

    /** @return the page: the data as JSON, the chart library and the script that draws each day. */
    static String html(final String symbol, final List<Map<String, Object>> days) throws IOException
    {
        final Map<String, Object> data = new LinkedHashMap<>();
        data.put("symbol", symbol);
        data.put("days", days);
        final String json = new ObjectMapper().enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN)
            .writeValueAsString(data).replace("</", "<\\/");
        return "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + symbol +
            " money flow</title>\n<style>body{font-family:sans-serif;margin:16px} .day{width:100%;height:720px}" +
            "</style>\n</head>\n<body>\n<h1>" + symbol + " 资金流向 money flow</h1>\n" +
            "<p>Price, cumulative main net inflow (主力净流入) and each bar's net inflow by class, in yuan; active " +
            "view. Written by moneyflow chart.</p>\n<div id=\"charts\"></div>\n" +
            "<script id=\"moneyflow-data\" type=\"application/json\">" + json + "</script>\n" +
            "<script>\n" + resource(ECHARTS) + "\n</script>\n<script>\n" + resource(STOCK_CHART) + DRAW +
            "</script>\n</body>\n</html>\n";
    }

    private static String resource(final String name)
    {
        try
        {
            return new String(FlowServer.resource(name), StandardCharsets.UTF_8);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** The chart's layout, shared with the dashboard (stock-chart.js beside this class). */
    static final String STOCK_CHART = "io/moneyflow/tools/stock-chart.js";

    /** Draws each day with the dashboard's chart: price on top, cumulative main net under it, bars by class below. */
    private static final String DRAW = """
        const data = JSON.parse(document.getElementById('moneyflow-data').textContent);
        for (const day of data.days) {
          const el = document.createElement('div');
          el.className = 'day';
          document.getElementById('charts').appendChild(el);
          const classNet = {};
          for (const c of Object.keys(day.classNet)) classNet[c] = day.classNet[c].map(Number);
          echarts.init(el).setOption(moneyflowStockChart(data.symbol + ' ' + day.date, day.time,
            day.close.map(Number), day.cumulativeMainNet.map(Number), classNet));
        }
        """;
}

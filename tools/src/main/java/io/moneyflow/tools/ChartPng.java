package io.moneyflow.tools;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.CombinedDomainCategoryPlot;
import org.jfree.chart.renderer.category.CategoryItemRenderer;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.text.TextBlock;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.category.DefaultCategoryDataset;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * {@code moneyflow chart --out FILE.png}: the days of {@link ChartCommand#days}, the figures the HTML page holds,
 * drawn with JFreeChart into a PNG, off screen (headless). A class of its own so that AWT and JFreeChart load only when
 * a PNG is drawn, not with every command line that lists {@code chart}.
 */
final class ChartPng
{
    static
    {
        // before its colours load AWT, for a caller that did not start from MoneyflowCli (which sets it first)
        MoneyflowCli.headless();
    }

    /** A day's chart's size in pixels when {@code --size} is not given. */
    static final int WIDTH = 1600;
    static final int HEIGHT = 1000;
    /** At most this many pixels in one PNG (4 bytes each while it is drawn): 25 days of 2000x2000. */
    static final long MAX_PIXELS = 100_000_000L;

    /** The PNG's colours: the price line, the cumulative main net line, and each class's bars, largest first. */
    static final Color PRICE_COLOUR = new Color(0x1f, 0x5f, 0xbf);
    static final Color CUMULATIVE_COLOUR = new Color(0xd0, 0x21, 0x2a);
    static final Color[] CLASS_COLOURS = {
        new Color(0x8e, 0x1b, 0x6b), new Color(0xf0, 0x7d, 0x0c), new Color(0xe6, 0xb4, 0x00),
        new Color(0x2e, 0x9e, 0x5b), new Color(0x17, 0xa2, 0xb8), new Color(0x6f, 0x42, 0xc1),
        new Color(0x8c, 0x56, 0x4b), new Color(0x7f, 0x7f, 0x7f)};

    private ChartPng()
    {
    }

    /**
     * @return the PNG: each day's {@link #chart} drawn {@code width x height}, one under the other, on white.
     */
    static byte[] png(final String symbol, final List<Map<String, Object>> days, final int width, final int height)
        throws IOException
    {
        final BufferedImage image = new BufferedImage(width, height * days.size(), BufferedImage.TYPE_INT_RGB);
        final Graphics2D g2 = image.createGraphics();
        try
        {
            g2.setColor(Color.WHITE);
            g2.fillRect(0, 0, image.getWidth(), image.getHeight());
            for (int d = 0; d < days.size(); d++)
            {
                final Rectangle2D area = new Rectangle2D.Double(0, (double) d * height, width, height);
                chart(symbol, days.get(d), width).draw(g2, area);
            }
        }
        finally
        {
            g2.dispose();
        }
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", bytes))
        {
            throw new IllegalStateException("this Java has no PNG writer (javax.imageio)");
        }
        return bytes.toByteArray();
    }

    /**
     * One day of {@link ChartCommand#days} as East Money draws it, on one time axis (the traded bars, as the page's):
     * the price line on top (series {@code price}), the cumulative main net inflow under it ({@code cumulative main
     * net}), and each bar's net inflow by class, stacked, at the bottom ({@code <class> net}). The datasets hold the
     * day's figures as they are (yuan, exact BigDecimals); they become doubles only as they are drawn.
     *
     * @param width the image's width in pixels, to label as many times as fit.
     * @return the chart: a {@link CombinedDomainCategoryPlot} of those three plots, in that order.
     */
    @SuppressWarnings("unchecked")
    static JFreeChart chart(final String symbol, final Map<String, Object> day, final int width)
    {
        final List<String> times = (List<String>) day.get("time");
        final List<BigDecimal> close = (List<BigDecimal>) day.get("close");
        final List<BigDecimal> cumulative = (List<BigDecimal>) day.get("cumulativeMainNet");
        final Map<String, List<BigDecimal>> classNet = (Map<String, List<BigDecimal>>) day.get("classNet");
        final DefaultCategoryDataset price = new DefaultCategoryDataset();
        final DefaultCategoryDataset mainNet = new DefaultCategoryDataset();
        final DefaultCategoryDataset byClass = new DefaultCategoryDataset();
        for (int i = 0; i < times.size(); i++)
        {
            price.addValue(close.get(i), "price", times.get(i));
            mainNet.addValue(cumulative.get(i), "cumulative main net", times.get(i));
            for (final Map.Entry<String, List<BigDecimal>> c : classNet.entrySet())
            {
                byClass.addValue(c.getValue().get(i), c.getKey() + " net", times.get(i));
            }
        }

        final CombinedDomainCategoryPlot plot = new CombinedDomainCategoryPlot(new TimeAxis(times, width));
        plot.setGap(14);
        plot.add(plot(price, axis("price", "#,##0.00##", false), line(PRICE_COLOUR)), 3);
        plot.add(plot(mainNet, axis("cum. main net", "#,##0", true), line(CUMULATIVE_COLOUR)), 2);
        final StackedBarRenderer bars = new StackedBarRenderer();
        bars.setBarPainter(new StandardBarPainter());
        bars.setShadowVisible(false);
        bars.setDrawBarOutline(false);
        for (int c = 0; c < byClass.getRowCount(); c++)
        {
            bars.setSeriesPaint(c, CLASS_COLOURS[c % CLASS_COLOURS.length]);
        }
        plot.add(plot(byClass, axis("net by class", "#,##0", true), bars), 2);

        final int date = ((Number) day.get("date")).intValue();
        final String when = String.format(Locale.ROOT, "%04d-%02d-%02d", date / 10_000, date / 100 % 100, date % 100);
        final JFreeChart chart = new JFreeChart(symbol + " " + when, new Font(Font.SANS_SERIF, Font.BOLD, 20), plot,
            true);
        chart.addSubtitle(new TextTitle("price; cumulative main net inflow; each bar's net inflow by class " +
            "(active view), in yuan. Written by moneyflow chart.", new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        chart.setBackgroundPaint(Color.WHITE);
        chart.setPadding(new RectangleInsets(8, 8, 8, 16));
        return chart;
    }

    private static CategoryPlot plot(final DefaultCategoryDataset data, final NumberAxis axis,
        final CategoryItemRenderer renderer)
    {
        final CategoryPlot plot = new CategoryPlot(data, null, axis, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(new Color(0xdd, 0xdd, 0xdd));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setRangeZeroBaselineVisible(true);
        plot.setRangeZeroBaselinePaint(Color.GRAY);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        return plot;
    }

    /** @return a value axis, its numbers in full (not -2E8, as some tick sizes would write them). */
    private static NumberAxis axis(final String label, final String format, final boolean zero)
    {
        final NumberAxis axis = new NumberAxis(label);
        axis.setAutoRangeIncludesZero(zero);
        axis.setNumberFormatOverride(new DecimalFormat(format, DecimalFormatSymbols.getInstance(Locale.ROOT)));
        return axis;
    }

    private static LineAndShapeRenderer line(final Color colour)
    {
        final LineAndShapeRenderer line = new LineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, colour);
        line.setSeriesStroke(0, new BasicStroke(2f));
        return line;
    }

    /**
     * The time axis: every bar is a category, but only the times that fit are labelled: all of them on a short day,
     * else the first, the hours and half hours, and the last, each far enough from the one before.
     */
    static final class TimeAxis extends CategoryAxis
    {
        /** A label's room in pixels. */
        private static final int LABEL = 56;

        final Set<String> labelled = new HashSet<>();

        TimeAxis(final List<String> times, final int width)
        {
            setCategoryMargin(0.15);
            setLowerMargin(0.005);
            setUpperMargin(0.005);
            setMaximumCategoryLabelLines(1);
            setMaximumCategoryLabelWidthRatio(Math.max(1f, times.size()));
            final int plotWidth = Math.max(LABEL, width - 160);
            if (times.size() * LABEL <= plotWidth)
            {
                labelled.addAll(times);
                return;
            }
            final int gap = (int) Math.ceil((double) times.size() * LABEL / plotWidth);
            int last = -gap;
            for (int i = 0; i < times.size(); i++)
            {
                final String time = times.get(i);
                final boolean wanted = i == 0 || i == times.size() - 1 || time.endsWith(":00") || time.endsWith(":30");
                if (wanted && i - last >= gap)
                {
                    labelled.add(time);
                    last = i;
                }
            }
        }

        @Override
        @SuppressWarnings("rawtypes")
        protected TextBlock createLabel(final Comparable category, final float width, final RectangleEdge edge,
            final Graphics2D g2)
        {
            return labelled.contains(category.toString()) ? super.createLabel(category, width, edge, g2) :
                new TextBlock();
        }
    }
}

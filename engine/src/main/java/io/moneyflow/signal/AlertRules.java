package io.moneyflow.signal;

import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The signals of DOMAIN.md section 5, with their thresholds from {@code config/alerts.properties} (defaults from the
 * user's documents), evaluated on a window that has closed: a minute (the day so far, for the intraday signals) or a
 * day (every signal; the multi-day ones with the stored days before it). Money in 1/10000 yuan, volume in shares,
 * everything exact ({@link BigDecimal} for ratios); "main net" is the active view's main-force net inflow.
 */
public final class AlertRules
{
    /** The signals, by the names alerts carry. */
    public static final String ACCUMULATION = "accumulation-divergence";
    public static final String DISTRIBUTION = "distribution-divergence";
    public static final String PERSISTENT = "persistent-main-force";
    public static final String ANOMALY = "flow-anomaly";
    public static final String BUY = "buy-signal";
    public static final String SELL = "sell-signal";
    public static final String BIG_ORDER = "big-order-share";
    public static final String SHRINKING = "shrinking-volume-inflow";
    public static final String SECTOR = "sector-divergence";

    /**
     * What a rule needs of one stock (or sector) over one window: the day so far, or a whole day.
     *
     * @param subject     the symbol, or the sector's name.
     * @param date        yyyymmdd.
     * @param close       the last price (0 when unknown, a sector's).
     * @param prevClose   the previous close (0 when unknown).
     * @param turnover    the window's turnover.
     * @param volume      the window's volume.
     * @param mainIn      the main force's inflow.
     * @param mainOut     the main force's outflow.
     * @param floatShares float shares, or a negative number when unknown.
     */
    public record Figures(String subject, int date, long close, long prevClose, long turnover, long volume, long mainIn,
        long mainOut, long floatShares)
    {
        public long mainNet()
        {
            return mainIn - mainOut;
        }

        /** @return the price change in percent, or null when the previous close is unknown. */
        public BigDecimal priceChangePct()
        {
            return close == 0 || prevClose <= 0 ? null : percent(close - prevClose, prevClose);
        }

        /** @return main net / turnover in percent, or null without turnover. */
        public BigDecimal mainNetRatioPct()
        {
            return percent(mainNet(), turnover);
        }

        /** @return (main in + main out) / turnover in percent, or null. */
        public BigDecimal bigOrderSharePct()
        {
            return percent(mainIn + mainOut, turnover);
        }

        /** @return float shares x close, in 1/10000 yuan, or null when either is unknown. */
        public BigDecimal floatCap()
        {
            return floatShares < 0 || close <= 0 ? null : BigDecimal.valueOf(floatShares).multiply(BigDecimal.valueOf(close));
        }
    }

    /**
     * One alert: a signal that fired for a subject when a window closed.
     *
     * @param signal  one of the signal names.
     * @param subject the symbol or sector.
     * @param kind    stock or sector.
     * @param date    yyyymmdd.
     * @param window  "1m" (intraday: the day so far at the minute's close) or "day".
     * @param timeMs  the window's close in milliseconds of the day (the minute's end; 15:00:00 for a day).
     * @param against what the subject was compared with (the sector, for a sector divergence), or "".
     * @param values  what the rule measured, by name (exact).
     * @param limits  the thresholds it compared them with.
     */
    public record Alert(String signal, String subject, String kind, int date, String window, int timeMs, String against,
        Map<String, BigDecimal> values, Map<String, BigDecimal> limits)
    {
        public String key()
        {
            return date + "/" + timeMs + "/" + signal + "/" + kind + "/" + subject + "/" + against;
        }
    }

    final BigDecimal distributionMinPriceChangePct;
    final BigDecimal distributionMaxMainNetRatioPct;
    final BigDecimal accumulationMinMainNet;
    final int persistentDays;
    final long persistentMinMainNet;
    final BigDecimal persistentMinFloatCapPct;
    final BigDecimal anomalyFloatCapPct;
    final int buyDays;
    final BigDecimal buyMaxRsi;
    final int sellDays;
    final BigDecimal sellMinRsi;
    final int rsiPeriod;
    final BigDecimal bigOrderSharePct;
    final int bigOrderDays;
    final int shrinkingAverageDays;
    final BigDecimal sectorDeviationPct;
    final BigDecimal sectorMinRatioPct;

    private AlertRules(final Properties p)
    {
        distributionMinPriceChangePct = decimal(p, "distribution.minPriceChangePct", "3");
        distributionMaxMainNetRatioPct = decimal(p, "distribution.maxMainNetRatioPct", "1");
        accumulationMinMainNet = decimal(p, "accumulation.minMainNetYuan", "0").movePointRight(4);
        persistentDays = integer(p, "persistent.days", 3);
        persistentMinMainNet = decimal(p, "persistent.minMainNetYuan", "1000000").movePointRight(4).longValueExact();
        persistentMinFloatCapPct = decimal(p, "persistent.minFloatCapPct", "0");
        anomalyFloatCapPct = decimal(p, "anomaly.floatCapPct", "5");
        buyDays = integer(p, "buy.days", 3);
        buyMaxRsi = decimal(p, "buy.maxRsi", "60");
        sellDays = integer(p, "sell.days", 5);
        sellMinRsi = decimal(p, "sell.minRsi", "70");
        rsiPeriod = integer(p, "rsi.period", 14);
        bigOrderSharePct = decimal(p, "bigOrder.sharePct", "70");
        bigOrderDays = integer(p, "bigOrder.days", 3);
        shrinkingAverageDays = integer(p, "shrinking.averageDays", 5);
        sectorDeviationPct = decimal(p, "sector.deviationPct", "30");
        sectorMinRatioPct = decimal(p, "sector.minSectorRatioPct", "1");
    }

    /**
     * @return the period of the RSI the buy and sell signals compare, in days.
     */
    public int rsiPeriod()
    {
        return rsiPeriod;
    }

    /**
     * @return the rules with the defaults of the user's documents.
     */
    public static AlertRules defaults()
    {
        return new AlertRules(new Properties());
    }

    /**
     * @param file a properties file (config/alerts.properties): thresholds not in it keep their defaults.
     * @return the rules.
     */
    public static AlertRules load(final Path file)
    {
        final Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            p.load(in);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read alert thresholds " + file + ": " + ex.getMessage(), ex);
        }
        return new AlertRules(p);
    }

    private static BigDecimal decimal(final Properties p, final String key, final String fallback)
    {
        final String value = p.getProperty(key, fallback).trim();
        try
        {
            return new BigDecimal(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("alert threshold " + key + " = '" + value + "' is not a number");
        }
    }

    private static int integer(final Properties p, final String key, final int fallback)
    {
        final String value = p.getProperty(key, Integer.toString(fallback)).trim();
        try
        {
            final int n = Integer.parseInt(value);
            if (n < 1)
            {
                throw new NumberFormatException();
            }
            return n;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("alert threshold " + key + " = '" + value + "' is not a whole " +
                "number of at least 1");
        }
    }

    /**
     * The intraday signals on the day so far, when a minute closes (and on the whole day): accumulation divergence
     * (main net above its floor while the price is below the previous close) and distribution divergence (the price
     * up at least x % while the main net ratio is under y %).
     *
     * @param f      the day so far.
     * @param kind   stock or sector.
     * @param window "1m" or "day".
     * @param timeMs the window's close.
     * @return the signals that hold.
     */
    public List<Alert> intraday(final Figures f, final String kind, final String window, final int timeMs)
    {
        final List<Alert> alerts = new ArrayList<>();
        final BigDecimal change = f.priceChangePct();
        if (change == null)
        {
            return alerts;
        }
        // thresholds are compared exactly (cross-multiplied), the percentages shown are rounded
        if (BigDecimal.valueOf(f.mainNet()).compareTo(accumulationMinMainNet) > 0 && f.close() < f.prevClose())
        {
            alerts.add(new Alert(ACCUMULATION, f.subject(), kind, f.date(), window, timeMs, "",
                values("mainNet", yuan(f.mainNet()), "priceChangePct", change),
                values("mainNetAboveYuan", accumulationMinMainNet.movePointLeft(4), "priceChangeBelowPct",
                    BigDecimal.ZERO)));
        }
        final BigDecimal ratio = f.mainNetRatioPct();
        if (ratio != null && comparePct(f.close() - f.prevClose(), f.prevClose(), distributionMinPriceChangePct) >= 0 &&
            comparePct(f.mainNet(), f.turnover(), distributionMaxMainNetRatioPct) < 0)
        {
            alerts.add(new Alert(DISTRIBUTION, f.subject(), kind, f.date(), window, timeMs, "",
                values("priceChangePct", change, "mainNetRatioPct", ratio),
                values("priceChangeAtLeastPct", distributionMinPriceChangePct, "mainNetRatioBelowPct",
                    distributionMaxMainNetRatioPct)));
        }
        return alerts;
    }

    /**
     * The day signals, when a day closes: the intraday ones on the whole day, and those over several days.
     *
     * @param today  the day.
     * @param before the stored days before it, latest first (may be fewer than a rule needs: it then stays quiet).
     * @param rsi    the RSI of the daily closes up to today, in percent, or null when there are too few days.
     * @param sector the stock's sectors' figures of the day (empty for a sector, or a stock without one).
     * @param kind   stock or sector.
     * @return the signals that hold.
     */
    public List<Alert> day(final Figures today, final List<Figures> before, final BigDecimal rsi, final List<Figures> sector,
        final String kind)
    {
        final int close = 15 * 3_600_000;
        final List<Alert> alerts = new ArrayList<>(intraday(today, kind, "day", close));
        final List<Figures> days = new ArrayList<>();
        days.add(today);
        days.addAll(before);

        // persistent main force: main net at least the floor (and, when set, a share of float market cap) each day
        if (days.size() >= persistentDays && allOf(days, persistentDays, f -> f.mainNet() >= persistentMinMainNet &&
            (persistentMinFloatCapPct.signum() == 0 || atLeastPctOfFloatCap(f, persistentMinFloatCapPct))))
        {
            alerts.add(new Alert(PERSISTENT, today.subject(), kind, today.date(), "day", close, "",
                values("days", BigDecimal.valueOf(persistentDays), "mainNetToday", yuan(today.mainNet())),
                values("mainNetAtLeastYuan", BigDecimal.valueOf(persistentMinMainNet).movePointLeft(4),
                    "floatCapAtLeastPct", persistentMinFloatCapPct)));
        }
        // flow anomaly: |main net| above a share of float market cap
        final BigDecimal cap = today.floatCap();
        if (cap != null && cap.signum() > 0)
        {
            final BigDecimal share = BigDecimal.valueOf(Math.abs(today.mainNet())).multiply(BigDecimal.valueOf(100))
                .divide(cap, 6, RoundingMode.HALF_EVEN);
            if (BigDecimal.valueOf(Math.abs(today.mainNet())).multiply(BigDecimal.valueOf(100))
                .compareTo(cap.multiply(anomalyFloatCapPct)) > 0)
            {
                alerts.add(new Alert(ANOMALY, today.subject(), kind, today.date(), "day", close, "",
                    values("mainNet", yuan(today.mainNet()), "floatCapPct", share),
                    values("floatCapAbovePct", anomalyFloatCapPct)));
            }
        }
        // buy: main net inflow N days running and RSI below; sell: outflow M days running and RSI above
        if (rsi != null && days.size() >= buyDays && allOf(days, buyDays, f -> f.mainNet() > 0) &&
            rsi.compareTo(buyMaxRsi) < 0)
        {
            alerts.add(new Alert(BUY, today.subject(), kind, today.date(), "day", close, "",
                values("inflowDays", BigDecimal.valueOf(buyDays), "rsi", rsi),
                values("rsiBelow", buyMaxRsi, "rsiPeriod", BigDecimal.valueOf(rsiPeriod))));
        }
        if (rsi != null && days.size() >= sellDays && allOf(days, sellDays, f -> f.mainNet() < 0) &&
            rsi.compareTo(sellMinRsi) > 0)
        {
            alerts.add(new Alert(SELL, today.subject(), kind, today.date(), "day", close, "",
                values("outflowDays", BigDecimal.valueOf(sellDays), "rsi", rsi),
                values("rsiAbove", sellMinRsi, "rsiPeriod", BigDecimal.valueOf(rsiPeriod))));
        }
        // big-order share above its floor N days running
        if (days.size() >= bigOrderDays && allOf(days, bigOrderDays, f -> f.turnover() > 0 &&
            comparePct(f.mainIn() + f.mainOut(), f.turnover(), bigOrderSharePct) > 0))
        {
            alerts.add(new Alert(BIG_ORDER, today.subject(), kind, today.date(), "day", close, "",
                values("days", BigDecimal.valueOf(bigOrderDays), "shareTodayPct", today.bigOrderSharePct()),
                values("shareAbovePct", bigOrderSharePct)));
        }
        // shrinking-volume inflow: main net inflow while the volume is below its average of the days before
        if (today.mainNet() > 0 && before.size() >= shrinkingAverageDays)
        {
            long sum = 0;
            for (int i = 0; i < shrinkingAverageDays; i++)
            {
                sum += before.get(i).volume();
            }
            final BigDecimal average = BigDecimal.valueOf(sum).divide(BigDecimal.valueOf(shrinkingAverageDays), 4,
                RoundingMode.HALF_EVEN);
            if (BigDecimal.valueOf(today.volume()).compareTo(average) < 0)
            {
                alerts.add(new Alert(SHRINKING, today.subject(), kind, today.date(), "day", close, "",
                    values("mainNet", yuan(today.mainNet()), "volume", BigDecimal.valueOf(today.volume()),
                        "averageVolume", average),
                    values("averageDays", BigDecimal.valueOf(shrinkingAverageDays))));
            }
        }
        // sector divergence: the stock's main net ratio away from its sector's by more than a share of the sector's
        final BigDecimal own = today.mainNetRatioPct();
        for (final Figures s : sector)
        {
            final BigDecimal theirs = s.mainNetRatioPct();
            if (own == null || theirs == null ||
                comparePct(Math.abs(s.mainNet()), s.turnover(), sectorMinRatioPct) < 0)
            {
                continue;
            }
            // |own - theirs| / |theirs|, exactly: own and theirs are net / turnover of each
            final BigDecimal ownExact = BigDecimal.valueOf(today.mainNet()).divide(BigDecimal.valueOf(today.turnover()),
                java.math.MathContext.DECIMAL128);
            final BigDecimal theirsExact = BigDecimal.valueOf(s.mainNet()).divide(BigDecimal.valueOf(s.turnover()),
                java.math.MathContext.DECIMAL128);
            final BigDecimal relative = ownExact.subtract(theirsExact).abs().divide(theirsExact.abs(),
                java.math.MathContext.DECIMAL128).multiply(BigDecimal.valueOf(100));
            final BigDecimal deviation = relative.setScale(4, RoundingMode.HALF_EVEN);
            if (relative.compareTo(sectorDeviationPct) > 0)
            {
                alerts.add(new Alert(SECTOR, today.subject(), kind, today.date(), "day", close, s.subject(),
                    values("mainNetRatioPct", own, "sectorMainNetRatioPct", theirs, "deviationPct", deviation),
                    values("deviationAbovePct", sectorDeviationPct, "sectorRatioAtLeastPct", sectorMinRatioPct)));
            }
        }
        return alerts;
    }

    private static boolean atLeastPctOfFloatCap(final Figures f, final BigDecimal pct)
    {
        final BigDecimal cap = f.floatCap();
        return cap != null && BigDecimal.valueOf(f.mainNet()).multiply(BigDecimal.valueOf(100))
            .compareTo(cap.multiply(pct)) >= 0;
    }

    private static boolean allOf(final List<Figures> days, final int n, final java.util.function.Predicate<Figures> test)
    {
        for (int i = 0; i < n; i++)
        {
            if (!test.test(days.get(i)))
            {
                return false;
            }
        }
        return true;
    }

    private static Map<String, BigDecimal> values(final Object... pairs)
    {
        final Map<String, BigDecimal> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2)
        {
            map.put((String)pairs[i], (BigDecimal)pairs[i + 1]);
        }
        return map;
    }

    /**
     * @return the sign of numerator / denominator x 100 - pct, exactly; the denominator must be positive.
     */
    public static int comparePct(final long numerator, final long denominator, final BigDecimal pct)
    {
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
            .compareTo(pct.multiply(BigDecimal.valueOf(denominator)));
    }

    public static BigDecimal percent(final long numerator, final long denominator)
    {
        if (denominator == 0)
        {
            return null;
        }
        return BigDecimal.valueOf(numerator).multiply(BigDecimal.valueOf(100))
            .divide(BigDecimal.valueOf(denominator), 4, RoundingMode.HALF_EVEN);
    }

    public static BigDecimal yuan(final long tenThousandths)
    {
        return BigDecimal.valueOf(tenThousandths, 4);
    }
}

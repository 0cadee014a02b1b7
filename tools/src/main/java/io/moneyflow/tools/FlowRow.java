package io.moneyflow.tools;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.DayIndicators;
import io.moneyflow.counters.SlotView;
import io.moneyflow.counters.StockFlow;
import io.moneyflow.indicator.FlowRatios;
import io.moneyflow.indicator.Indicators;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.Security;

import java.util.List;

/**
 * One stock on one day, as the command line reports it: read from a consistent {@link SlotView}.
 * Money in 1/10000 yuan, volume in shares.
 */
final class FlowRow
{
    /** What a row is: one stock, or the sum of a sector's or a market's stocks. */
    enum Kind
    {
        STOCK, SECTOR, MARKET
    }

    final Kind kind;
    /** Stocks summed in a sector or market row; 1 for a stock. */
    final int members;
    final String symbol;
    final long symbolKey;
    final String name;
    final int date;
    final long trades;
    final long volume;
    final long turnover;
    final long outerVolume;
    final long innerVolume;
    final long neutralVolume;
    final long neutralTurnover;
    final long open;
    final long high;
    final long low;
    final long close;
    final long prevClose;
    final long cancels;
    final long snapshots;
    final long snapshotTrades;
    final long snapshotVolume;
    final long snapshotTurnover;
    final long ruleAgree;
    final long ruleDisagree;
    final long ruleUnclassified;
    final long[] activeIn;
    final long[] activeOut;
    final long[] activeInVolume;
    final long[] activeOutVolume;
    final long[] activeInCount;
    final long[] activeOutCount;
    final long[] sideIn;
    final long[] sideOut;
    final int mainClasses;
    final long tickUp;
    final long tickDown;
    final long tickUpBuy;
    final long tickDownSell;
    final long bidQty5;
    final long askQty5;
    final long bidQty10;
    final long askQty10;
    /** From the reference data: float shares, PE x 10,000, or {@link Security#ABSENT}; sums for a group. */
    final long floatShares;
    final long peX10000;
    final List<String> sectors;
    /** Levels of the latest snapshot's book; for a group the fewest of its members' (0: a member had none). */
    final long snapshotLevels;
    /** The seed methods at each granularity and the bar indicators. */
    final DayIndicators indicators;
    /** Shares traded over the 5 trading days before, from the history store; -1 when not known. */
    long fiveDayVolume = -1;
    /** Of the 5 trading days before, how many the history store lacks; -1 when not looked up or not countable. */
    int fiveDayHoles = -1;

    FlowRow(final SlotView view, final ReferenceData reference, final int mainClasses, final int barMinutes)
    {
        kind = Kind.STOCK;
        members = 1;
        symbol = view.symbol();
        symbolKey = SymbolCodes.parse(symbol);
        date = view.date();
        // the reference data of this very day: a previous close or share count of another day is never used
        final Security security = reference.find(symbolKey, date);
        name = security == null ? "" : security.name();
        trades = view.day(DayField.TRADES);
        volume = view.day(DayField.VOLUME);
        turnover = view.day(DayField.TURNOVER);
        outerVolume = view.day(DayField.OUTER_VOLUME);
        innerVolume = view.day(DayField.INNER_VOLUME);
        neutralVolume = view.day(DayField.NEUTRAL_VOLUME);
        neutralTurnover = view.day(DayField.NEUTRAL_TURNOVER);
        open = view.day(DayField.OPEN);
        high = view.day(DayField.HIGH);
        low = view.day(DayField.LOW);
        close = view.day(DayField.CLOSE);
        cancels = view.day(DayField.CANCELS);
        snapshots = view.day(DayField.SNAPSHOTS);
        snapshotTrades = view.day(DayField.SNAPSHOT_TRADES);
        snapshotVolume = view.day(DayField.SNAPSHOT_VOLUME);
        snapshotTurnover = view.day(DayField.SNAPSHOT_TURNOVER);
        ruleAgree = view.day(DayField.RULE_AGREE);
        ruleDisagree = view.day(DayField.RULE_DISAGREE);
        ruleUnclassified = view.day(DayField.RULE_UNCLASSIFIED);
        final long snapshotPrev = view.day(DayField.SNAPSHOT_PREV_CLOSE);
        prevClose = snapshotPrev > 0 ? snapshotPrev :
            security != null && security.prevClose() != Security.ABSENT ? security.prevClose() : 0;
        final int n = view.classCount();
        activeIn = new long[n];
        activeOut = new long[n];
        activeInVolume = new long[n];
        activeOutVolume = new long[n];
        activeInCount = new long[n];
        activeOutCount = new long[n];
        sideIn = new long[n];
        sideOut = new long[n];
        for (int c = 0; c < n; c++)
        {
            activeIn[c] = view.classValue(c, ClassField.ACTIVE_IN_AMOUNT);
            activeOut[c] = view.classValue(c, ClassField.ACTIVE_OUT_AMOUNT);
            activeInVolume[c] = view.classValue(c, ClassField.ACTIVE_IN_VOLUME);
            activeOutVolume[c] = view.classValue(c, ClassField.ACTIVE_OUT_VOLUME);
            activeInCount[c] = view.classValue(c, ClassField.ACTIVE_IN_COUNT);
            activeOutCount[c] = view.classValue(c, ClassField.ACTIVE_OUT_COUNT);
            sideIn[c] = view.classValue(c, ClassField.SIDE_IN_AMOUNT);
            sideOut[c] = view.classValue(c, ClassField.SIDE_OUT_AMOUNT);
        }
        this.mainClasses = mainClasses;
        tickUp = view.day(DayField.TICK_UP_TURNOVER);
        tickDown = view.day(DayField.TICK_DOWN_TURNOVER);
        tickUpBuy = view.day(DayField.TICK_UP_BUY_TURNOVER);
        tickDownSell = view.day(DayField.TICK_DOWN_SELL_TURNOVER);
        bidQty5 = view.day(DayField.SNAPSHOT_BID_QTY5);
        askQty5 = view.day(DayField.SNAPSHOT_ASK_QTY5);
        bidQty10 = view.day(DayField.SNAPSHOT_BID_QTY10);
        askQty10 = view.day(DayField.SNAPSHOT_ASK_QTY10);
        floatShares = security == null ? Security.ABSENT : security.floatShares();
        peX10000 = security == null ? Security.ABSENT : security.peX10000();
        sectors = security == null ? List.of() : security.sectors();
        snapshotLevels = view.day(DayField.SNAPSHOT_LEVELS);
        indicators = DayIndicators.of(view, barMinutes, prevClose);
    }

    /**
     * A sector's or market's row: the sum of its stocks' rows of one day. Prices (open, high, low, close) have no
     * meaning for a group and are 0; float shares are summed only when every member has them.
     *
     * @param kind    SECTOR or MARKET.
     * @param name    the sector's name, or SSE, SZSE, BSE, ALL.
     * @param date    the day.
     * @param members the stocks' rows, at least one.
     */
    FlowRow(final Kind kind, final String name, final int date, final List<FlowRow> members)
    {
        this.kind = kind;
        this.members = members.size();
        symbol = name;
        symbolKey = -1;
        this.name = name;
        this.date = date;
        final FlowRow first = members.get(0);
        final int n = first.activeIn.length;
        mainClasses = first.mainClasses;
        activeIn = new long[n];
        activeOut = new long[n];
        activeInVolume = new long[n];
        activeOutVolume = new long[n];
        activeInCount = new long[n];
        activeOutCount = new long[n];
        sideIn = new long[n];
        sideOut = new long[n];
        long tr = 0, vol = 0, to = 0, ov = 0, iv = 0, nv = 0, nt = 0, ca = 0, sn = 0, st = 0, sv = 0, sto = 0;
        long tu = 0, td = 0, tub = 0, tds = 0, b5 = 0, a5 = 0, b10 = 0, a10 = 0, fl = 0;
        long levels = Long.MAX_VALUE;
        boolean floatKnown = true;
        for (final FlowRow m : members)
        {
            tr += m.trades;
            vol += m.volume;
            to += m.turnover;
            ov += m.outerVolume;
            iv += m.innerVolume;
            nv += m.neutralVolume;
            nt += m.neutralTurnover;
            ca += m.cancels;
            sn += m.snapshots;
            st += m.snapshotTrades;
            sv += m.snapshotVolume;
            sto += m.snapshotTurnover;
            tu += m.tickUp;
            td += m.tickDown;
            tub += m.tickUpBuy;
            tds += m.tickDownSell;
            b5 += m.bidQty5;
            a5 += m.askQty5;
            b10 += m.bidQty10;
            a10 += m.askQty10;
            levels = Math.min(levels, m.snapshots > 0 ? m.snapshotLevels : 0);
            if (m.floatShares == Security.ABSENT)
            {
                floatKnown = false;
            }
            else
            {
                fl += m.floatShares;
            }
            for (int c = 0; c < n; c++)
            {
                activeIn[c] += m.activeIn[c];
                activeOut[c] += m.activeOut[c];
                activeInVolume[c] += m.activeInVolume[c];
                activeOutVolume[c] += m.activeOutVolume[c];
                activeInCount[c] += m.activeInCount[c];
                activeOutCount[c] += m.activeOutCount[c];
                sideIn[c] += m.sideIn[c];
                sideOut[c] += m.sideOut[c];
            }
        }
        trades = tr;
        volume = vol;
        turnover = to;
        outerVolume = ov;
        innerVolume = iv;
        neutralVolume = nv;
        neutralTurnover = nt;
        cancels = ca;
        snapshots = sn;
        snapshotTrades = st;
        snapshotVolume = sv;
        snapshotTurnover = sto;
        tickUp = tu;
        tickDown = td;
        tickUpBuy = tub;
        tickDownSell = tds;
        bidQty5 = b5;
        askQty5 = a5;
        bidQty10 = b10;
        askQty10 = a10;
        snapshotLevels = levels;
        indicators = DayIndicators.sum(members.stream().map(m -> m.indicators).toList());
        floatShares = floatKnown ? fl : Security.ABSENT;
        peX10000 = Security.ABSENT;
        sectors = List.of();
        open = 0;
        high = 0;
        low = 0;
        close = 0;
        prevClose = 0;
        ruleAgree = 0;
        ruleDisagree = 0;
        ruleUnclassified = 0;
    }

    /**
     * @return the market of a stock: SSE, SZSE or BSE.
     */
    String market()
    {
        return market(symbolKey);
    }

    /**
     * @param symbolKey a stock's key ({@link SymbolCodes#parse}).
     * @return its market's name: SSE, SZSE or BSE.
     */
    static String market(final long symbolKey)
    {
        return switch (SymbolCodes.exchange(symbolKey))
        {
            case SymbolCodes.SH -> "SSE";
            case SymbolCodes.SZ -> "SZSE";
            default -> "BSE";
        };
    }

    /**
     * @return the main force's inflow (active view): the leading classes' buyer-initiated amount.
     */
    long mainIn()
    {
        return StockFlow.sum(activeIn, mainClasses);
    }

    /**
     * @return the shares behind {@link #mainIn()}.
     */
    long mainInVolume()
    {
        return StockFlow.sum(activeInVolume, mainClasses);
    }

    /**
     * @return the shares behind {@link #mainOut()}.
     */
    long mainOutVolume()
    {
        return StockFlow.sum(activeOutVolume, mainClasses);
    }

    /**
     * @return the main force's outflow (active view).
     */
    long mainOut()
    {
        return StockFlow.sum(activeOut, mainClasses);
    }

    long activeNet(final int c)
    {
        return activeIn[c] - activeOut[c];
    }

    long sideNet(final int c)
    {
        return sideIn[c] - sideOut[c];
    }

    long mainNet()
    {
        return mainIn() - mainOut();
    }

    /** The net of every class (active view): buyer- minus seller-initiated turnover. */
    long net()
    {
        return StockFlow.sum(activeIn, activeIn.length) - StockFlow.sum(activeOut, activeOut.length);
    }

    /** 净占比: {@link #net()} / turnover, percent x 1e6. */
    long netRatio()
    {
        return FlowRatios.netRatioPercent(net(), turnover);
    }

    /** 主力净占比, percent x 1e6. */
    long mainNetRatio()
    {
        return FlowRatios.mainNetRatioPercent(mainNet(), turnover);
    }

    /** 大单占比: main inflow plus outflow over turnover, percent x 1e6. */
    long bigOrderShare()
    {
        return FlowRatios.bigOrderSharePercent(mainIn(), mainOut(), turnover);
    }

    /** 换手率, percent x 1e6; undefined without float shares. */
    long turnoverRate()
    {
        return floatShares == Security.ABSENT ? Indicators.UNDEFINED :
            FlowRatios.turnoverRatePercent(volume, floatShares);
    }

    /** 净流入率 vs float: main net shares over float shares, percent x 1e6. */
    long netInflowRateVsFloat()
    {
        return floatShares == Security.ABSENT ? Indicators.UNDEFINED :
            FlowRatios.netInflowRateVsFloatPercent(mainInVolume(), mainOutVolume(), floatShares);
    }

    /** 量比 against the 5 days before, x 1e6; undefined without them. */
    long volumeRatio()
    {
        return fiveDayVolume <= 0 ? Indicators.UNDEFINED :
            FlowRatios.volumeRatio(volume, indicators.minutesTraded(), fiveDayVolume, 5);
    }

    /** 委比 over the latest snapshot's best {@code levels} (5 or 10) levels, percent x 1e6. */
    long orderImbalance(final int levels)
    {
        if (snapshotLevels < levels)
        {
            return Indicators.UNDEFINED;
        }
        return levels == 5 ? FlowRatios.orderImbalancePercent(new long[] {bidQty5}, new long[] {askQty5}, 1) :
            FlowRatios.orderImbalancePercent(new long[] {bidQty10}, new long[] {askQty10}, 1);
    }

    /** 委差 over the best 5 or 10 levels, shares. */
    long orderDifference(final int levels)
    {
        if (snapshotLevels < levels)
        {
            return Indicators.UNDEFINED;
        }
        return levels == 5 ? bidQty5 - askQty5 : bidQty10 - askQty10;
    }

    /**
     * Flow intensity (seed): main net over float market cap (%) x turnover rate (%) / PE, x 1e6; undefined without
     * float shares, a close or a positive PE.
     */
    long flowIntensity()
    {
        if (floatShares == Security.ABSENT || peX10000 == Security.ABSENT)
        {
            return Indicators.UNDEFINED;
        }
        return FlowRatios.flowIntensity(mainNet(), floatShares, close, volume, peX10000 * 100);
    }

    long measured()
    {
        return ruleAgree + ruleDisagree + ruleUnclassified;
    }
}

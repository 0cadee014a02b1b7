package io.moneyflow.tools;

import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.counters.CountersDescriptor.ClassField;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.SlotView;
import io.moneyflow.reference.ReferenceData;
import io.moneyflow.reference.Security;

/**
 * One stock on one day, as the command line reports it: read from a consistent {@link SlotView}.
 * Money in 1/10000 yuan, volume in shares.
 */
final class FlowRow
{
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

    FlowRow(final SlotView view, final ReferenceData reference, final int mainClasses)
    {
        symbol = view.symbol();
        symbolKey = SymbolCodes.parse(symbol);
        final Security security = reference.find(symbolKey);
        name = security == null ? "" : security.name();
        date = view.date();
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
        long net = 0;
        for (int c = 0; c < mainClasses; c++)
        {
            net += activeNet(c);
        }
        return net;
    }

    long measured()
    {
        return ruleAgree + ruleDisagree + ruleUnclassified;
    }
}

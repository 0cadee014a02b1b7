package io.moneyflow.reference;

import io.moneyflow.codec.SymbolCodes;

import java.util.List;

/**
 * One row of reference data (证券信息): who a symbol is and the figures that ratios need, valid from a trading day.
 * <p>
 * Immutable; loaded at start-up, never on the hot path. Absent figures are {@link #ABSENT}, never zero, so a ratio
 * that needs one comes out empty rather than wrong. A row's share counts and PE hold from {@code validFrom} until the
 * next row of the same symbol; its previous close is the close before {@code validFrom} and holds on that day only
 * ({@link ReferenceData#find(long, int)} resolves both).
 *
 * @param symbolKey   the packed key from {@link SymbolCodes}.
 * @param name        the security's short name, e.g. 平安银行.
 * @param sectors     sector (板块) names; a stock may belong to several.
 * @param floatShares 流通股本 in shares, or {@link #ABSENT}.
 * @param totalShares 总股本 in shares, or {@link #ABSENT}.
 * @param peX10000    price-earnings ratio times 10,000, or {@link #ABSENT}; may be negative.
 * @param prevClose   previous close in 1/10000 yuan, or {@link #ABSENT}: the close of the trading day before
 *                    {@code validFrom}.
 * @param validFrom   the first day the row holds, yyyymmdd, or {@link #UNDATED}.
 */
public record Security(
    long symbolKey,
    String name,
    List<String> sectors,
    long floatShares,
    long totalShares,
    long peX10000,
    long prevClose,
    int validFrom)
{
    /** Marks a figure that the reference data does not give. */
    public static final long ABSENT = Long.MIN_VALUE;

    /** The {@code validFrom} of an undated row: it names the security on every day, and its figures are never used. */
    public static final int UNDATED = 0;

    /**
     * @return true when the row carries a date.
     */
    public boolean dated()
    {
        return validFrom != UNDATED;
    }

    /**
     * @return true when the row gives float shares, total shares, PE or a previous close.
     */
    public boolean hasFigures()
    {
        return floatShares != ABSENT || totalShares != ABSENT || peX10000 != ABSENT || prevClose != ABSENT;
    }

    /**
     * @return the symbol as {@code 000001.SZ}.
     */
    public String symbol()
    {
        return SymbolCodes.format(symbolKey);
    }

    /**
     * @return {@link SymbolCodes#SH}, {@link SymbolCodes#SZ} or {@link SymbolCodes#BJ}.
     */
    public int exchange()
    {
        return SymbolCodes.exchange(symbolKey);
    }
}

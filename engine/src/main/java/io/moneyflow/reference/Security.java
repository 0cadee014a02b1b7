package io.moneyflow.reference;

import io.moneyflow.codec.SymbolCodes;

import java.util.List;

/**
 * One row of reference data (证券信息): who a symbol is and the figures that ratios need.
 * <p>
 * Immutable; loaded at start-up, never on the hot path. Absent figures are {@link #ABSENT}, never zero, so a ratio
 * that needs one comes out empty rather than wrong.
 *
 * @param symbolKey   the packed key from {@link SymbolCodes}.
 * @param name        the security's short name, e.g. 平安银行.
 * @param sectors     sector (板块) names; a stock may belong to several.
 * @param floatShares 流通股本 in shares, or {@link #ABSENT}.
 * @param totalShares 总股本 in shares, or {@link #ABSENT}.
 * @param peX10000    price-earnings ratio times 10,000, or {@link #ABSENT}; may be negative.
 * @param prevClose   previous close in 1/10000 yuan, or {@link #ABSENT}.
 */
public record Security(
    long symbolKey,
    String name,
    List<String> sectors,
    long floatShares,
    long totalShares,
    long peX10000,
    long prevClose)
{
    /** Marks a figure that the reference data does not give. */
    public static final long ABSENT = Long.MIN_VALUE;

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

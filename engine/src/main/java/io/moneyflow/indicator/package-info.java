/**
 * Indicators on bars, exact in the engine's fixed-point units: a library of pure static functions over primitive
 * arrays, for signals, screens and reports (never the per-trade hot path, and no stage of the pipeline imports it).
 * <ul>
 *     <li>{@link io.moneyflow.indicator.Indicators}: MFI, CMF, OBV, the A/D line and RSI, checked bar by bar against
 *     ta4j 0.17; the shared scale {@link io.moneyflow.indicator.Indicators#MICROS} and sentinel {@link
 *     io.moneyflow.indicator.Indicators#UNDEFINED};</li>
 *     <li>{@link io.moneyflow.indicator.SeedFlows}: the seed documents' price-change method (涨跌法), its up-buy /
 *     down-sell variant and outer minus inner volume times VWAP, into a reusable {@link
 *     io.moneyflow.indicator.FlowTotals};</li>
 *     <li>{@link io.moneyflow.indicator.FlowRatios}: net and main net ratio, big-order share, turnover rate, net
 *     inflow rate vs float, volume ratio, 委比 and 委差, flow intensity, and the two N-day main ratios;</li>
 *     <li>{@link io.moneyflow.indicator.Rebar}: 1-minute arrays into k-minute arrays.</li>
 * </ul>
 * Prices and amounts are {@code long}s in 1/10000 yuan, volumes in shares; no {@code double} anywhere; every result
 * is rounded half-even once, and an undefined one (a division by zero, too few bars, an overflow) is {@code
 * UNDEFINED}, never an exception.
 */
package io.moneyflow.indicator;

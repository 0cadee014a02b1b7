package io.moneyflow.ring;

/**
 * The classification fields of a {@link TickEvent}, written by the classify handler and read by the aggregate
 * handler, laid out after the hot input fields ({@link TickInput}) and before the fields the stages do not read on
 * the flow path. See {@link TickEvent}.
 */
public abstract class TickClassification extends TickInput
{
    /** True once the classify stage has finished with this fill; the aggregate stage skips a fill without it. */
    public boolean classified;
    /** Aggressor side decided by the engine. */
    public byte side;
    /**
     * Side given by the rule under measurement, {@link TickEvent#UNCLASSIFIED} when it gave none, or
     * {@link TickEvent#NONE} when the fill was not measured (no rule chosen, or the exchange did not flag it B or S).
     */
    public byte ruleSide;
    /** Bar index of the event, or -1 outside the session. */
    public int bar;
    /** Active-view class of the buy order (used when the fill is buyer-initiated). */
    public int buyActiveClass;
    /** Active-view class of the sell order (used when the fill is seller-initiated). */
    public int sellActiveClass;
    /** Order-side-view class of the buy order. */
    public int buySideClass;
    /** Order-side-view class of the sell order. */
    public int sellSideClass;
    /** Class the buy order's earlier active flow leaves, or -1 when it stays. */
    public int buyActiveFrom;
    /** Earlier active amount of the buy order that moves to {@link #buyActiveClass}. */
    public long buyActiveMoveAmount;
    /** Earlier active shares that move. */
    public long buyActiveMoveVolume;
    /** Earlier active fills that move. */
    public long buyActiveMoveCount;
    /** Class the sell order's earlier active flow leaves, or -1. */
    public int sellActiveFrom;
    /** Earlier active amount of the sell order that moves to {@link #sellActiveClass}. */
    public long sellActiveMoveAmount;
    /** Earlier active shares that move. */
    public long sellActiveMoveVolume;
    /** Earlier active fills that move. */
    public long sellActiveMoveCount;
    /** Class the buy order's earlier order-side flow leaves, or -1. */
    public int buySideFrom;
    /** Earlier order-side amount of the buy order that moves to {@link #buySideClass}. */
    public long buySideMoveAmount;
    /** Earlier order-side shares that move. */
    public long buySideMoveVolume;
    /** Class the sell order's earlier order-side flow leaves, or -1. */
    public int sellSideFrom;
    /** Earlier order-side amount of the sell order that moves to {@link #sellSideClass}. */
    public long sellSideMoveAmount;
    /** Earlier order-side shares that move. */
    public long sellSideMoveVolume;
}

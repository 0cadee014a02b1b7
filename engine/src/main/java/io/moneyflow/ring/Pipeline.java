package io.moneyflow.ring;

import io.moneyflow.codec.Labelled;

/** How the classify and aggregate stages share the ring's threads. The numbers are the same either way. */
public enum Pipeline implements Labelled
{
    /** Fused below {@link #SPLIT_FROM_PROCESSORS} processors, split from there (default). */
    AUTO("auto"),
    /** Classify and aggregate each on a ring thread of its own. */
    SPLIT("split"),
    /**
     * Both on one ring thread, one after the other ({@code FusedStages}): for machines with fewer cores than the split
     * pipeline has busy threads.
     */
    FUSED("fused");

    /** Processors from which {@link #AUTO} splits the stages: the feed and two stage threads each need a core. */
    public static final int SPLIT_FROM_PROCESSORS = 4;

    private final String label;

    Pipeline(final String label)
    {
        this.label = label;
    }

    /**
     * @return the name used on the command line.
     */
    @Override
    public String label()
    {
        return label;
    }

    /**
     * @param processors processors available to the engine.
     * @return true when the stages run fused on one thread.
     */
    public boolean fused(final int processors)
    {
        return switch (this)
        {
            case SPLIT -> false;
            case FUSED -> true;
            case AUTO -> processors < SPLIT_FROM_PROCESSORS;
        };
    }

    /**
     * @param text {@code auto}, {@code split} or {@code fused}, in any case.
     * @return the pipeline.
     * @throws IllegalArgumentException for anything else.
     */
    public static Pipeline parse(final String text)
    {
        return Labelled.parse(values(), text, "pipeline");
    }
}

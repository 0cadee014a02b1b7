package io.moneyflow.flink;

import io.moneyflow.EngineContext;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.feed.InputFiles;
import io.moneyflow.reference.ReferenceData;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the job needs on every machine to read the inputs and run the engine as {@code flow} would: the inputs (paths
 * every task manager can read), the reference data, the size scheme, the mode, the bar length, a forced layout, the
 * time-order bound. Shipped with the job; each task builds its own {@link EngineContext} from it.
 */
public final class JobSettings implements Serializable
{
    private static final long serialVersionUID = 1L;

    /** Files, archives or directories, as {@code flow} takes them. */
    public List<String> inputs = new ArrayList<>();
    /** The securities file, or null for none. */
    public String securities;
    /** A built-in scheme's name or a scheme file. */
    public String scheme = SizeScheme.DEFAULT;
    /** trade, order or order-bar. */
    public String mode = "order";
    /** Bar length in minutes. */
    public int barMinutes = 1;
    /** A layout file forced on every input, or null to recognise each. */
    public String layout;
    /** {@code --max-backwards-ms}. */
    public int maxBackwardsMs = 1000;
    /**
     * Most stock-days one task's engine holds before the task replaces it with a new one (0: the engine's default,
     * reference rows + 1024): its counters file is this many records.
     */
    public int maxSlots;

    /**
     * @return the inputs expanded as {@code flow} expands them (directories sorted, archives' entries): the same list
     *         on every machine, so that an input's number is its place in the run.
     */
    public List<InputFiles.Input> expandInputs()
    {
        final List<Path> paths = new ArrayList<>();
        for (final String input : inputs)
        {
            paths.add(Path.of(input));
        }
        return InputFiles.expand(paths);
    }

    /**
     * @return the layouts to recognise inputs by.
     */
    public Layouts layouts()
    {
        return Layouts.bundled();
    }

    /**
     * @return the forced layout, or null.
     */
    public Layout forcedLayout()
    {
        return layout == null ? null : Layouts.bundled().resolve(layout);
    }

    /**
     * @return an engine context of these settings (not yet concluded).
     */
    public EngineContext context()
    {
        final EngineContext context = new EngineContext()
            .scheme(SizeScheme.resolve(scheme))
            .mode(FlowMode.parse(mode))
            .barMinutes(barMinutes)
            .maxBackwardsMs(maxBackwardsMs)
            .reference(securities == null ? ReferenceData.empty() : ReferenceData.load(Path.of(securities)));
        if (maxSlots > 0)
        {
            context.maxSlots(maxSlots);
        }
        final Layout forced = forcedLayout();
        if (forced != null)
        {
            context.forcedLayout(forced);
        }
        return context;
    }
}

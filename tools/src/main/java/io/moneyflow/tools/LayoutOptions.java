package io.moneyflow.tools;

import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * The options that say how input files are laid out, shared by the commands that read them ({@link EngineOptions})
 * and by {@code feed-serve}.
 */
final class LayoutOptions
{
    @Option(names = "--layout", paramLabel = "NAME|FILE",
        description = "Layout of every input: a bundled name (ddb-l2, sse-raw, ddb-tutorial, tdx-level1, mf-gen) or a " +
            ".layout file. Default: recognise each file from its header.")
    String layout;

    @Option(names = "--layout-dir", paramLabel = "DIR",
        description = "Also recognise inputs against every .layout file in DIR.")
    Path layoutDir;

    /**
     * @return the bundled layouts, and those of --layout-dir when given.
     * @throws IllegalArgumentException when a layout file of --layout-dir cannot be read or parsed.
     */
    Layouts layouts()
    {
        final Layouts layouts = Layouts.bundled();
        return layoutDir != null ? layouts.with(Layouts.loadDirectory(layoutDir)) : layouts;
    }

    /**
     * @param layouts what {@link #layouts()} gave.
     * @return the layout --layout names, or null when every input is recognised from its header.
     * @throws IllegalArgumentException when it names no layout.
     */
    Layout forced(final Layouts layouts)
    {
        return layout != null ? layouts.resolve(layout) : null;
    }
}

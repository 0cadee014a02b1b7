package io.moneyflow.codec.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The layouts the feed knows: those bundled in the jar (from {@code config/layouts/*.layout}) plus any a user adds.
 * <p>
 * {@link #resolve(String)} takes a bundled name or a file path; {@link #recognise(List, String)} picks the section
 * whose {@code match} columns a header contains. Built at start-up; read-only afterwards.
 */
public final class Layouts
{
    private static final String RESOURCE_DIR = "layouts/";
    private static final String SUFFIX = ".layout";

    private final List<Layout> layouts;

    private Layouts(final List<Layout> layouts)
    {
        this.layouts = Collections.unmodifiableList(layouts);
    }

    /**
     * @return the layouts shipped in the jar: read once (listing them opens the jar and walks its entries, parsing them
     *         loads the parser: 0.02 s of a start-up), then shared, as layouts never change.
     * @throws IllegalStateException when the jar's layouts cannot be listed or read, every time.
     */
    public static Layouts bundled()
    {
        if (Bundled.FAILURE != null)
        {
            throw Bundled.FAILURE;
        }
        return Bundled.LAYOUTS;
    }

    /**
     * Starts reading the bundled layouts on a thread of their own, so that a command can parse its arguments
     * meanwhile; a {@link #bundled()} call before it is done waits for it, one after takes what it read.
     */
    public static void readAhead()
    {
        final Thread thread = new Thread(() -> Bundled.LAYOUTS.all(), "moneyflow-layouts");
        thread.setDaemon(true);
        thread.start();
    }

    /** The bundled layouts, read when this class is first used: by a read-ahead thread or by the first caller. */
    private static final class Bundled
    {
        static final Layouts LAYOUTS;
        static final RuntimeException FAILURE;

        static
        {
            Layouts read = null;
            RuntimeException failure = null;
            try
            {
                final List<Layout> found = new ArrayList<>();
                for (final String name : bundledNames())
                {
                    found.add(loadResource(name));
                }
                read = new Layouts(found);
            }
            catch (final RuntimeException ex)
            {
                failure = ex;
            }
            LAYOUTS = read == null ? new Layouts(List.of()) : read;
            FAILURE = failure;
        }
    }

    /**
     * @param extra further layouts, tried after the bundled ones.
     * @return bundled plus extra.
     */
    public Layouts with(final List<Layout> extra)
    {
        final List<Layout> all = new ArrayList<>(layouts);
        for (final Layout layout : extra)
        {
            all.removeIf(existing -> existing.name().equals(layout.name()));
            all.add(layout);
        }
        return new Layouts(all);
    }

    /**
     * Loads a layout file.
     *
     * @param file path of a {@code .layout} file.
     * @return the layout.
     */
    public static Layout load(final Path file)
    {
        try
        {
            return Layout.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot read layout file " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * Loads every {@code .layout} file in a directory.
     *
     * @param dir the directory.
     * @return its layouts, sorted by file name.
     */
    public static List<Layout> loadDirectory(final Path dir)
    {
        try (Stream<Path> files = Files.list(dir))
        {
            return files.filter(p -> p.getFileName().toString().endsWith(SUFFIX)).sorted().map(Layouts::load).toList();
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot list layout directory " + dir + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param nameOrFile a known layout's name, or the path of a layout file.
     * @return the layout.
     * @throws IllegalArgumentException when neither.
     */
    public Layout resolve(final String nameOrFile)
    {
        for (final Layout layout : layouts)
        {
            if (layout.name().equals(nameOrFile))
            {
                return layout;
            }
        }
        final Path path = Path.of(nameOrFile);
        if (Files.isRegularFile(path))
        {
            return load(path);
        }
        throw new IllegalArgumentException("unknown layout '" + nameOrFile + "': not one of " + names() +
            " and not a readable file");
    }

    /**
     * @return every layout, bundled first.
     */
    public List<Layout> all()
    {
        return layouts;
    }

    /**
     * @return the layouts' names.
     */
    public List<String> names()
    {
        return layouts.stream().map(Layout::name).toList();
    }

    /**
     * Finds the section that reads a file with this header: the one whose {@code match} columns are all present,
     * preferring the one that matches the most columns.
     *
     * @param header   the file's column names.
     * @param only     restrict to this layout, or null for all.
     * @return the section and its layout.
     * @throws IllegalArgumentException when none matches, or two match equally well.
     */
    public Recognised recognise(final List<String> header, final Layout only)
    {
        Recognised best = null;
        boolean tie = false;
        for (final Layout layout : only != null ? List.of(only) : layouts)
        {
            for (final RecordLayout section : layout.sections())
            {
                if (section.matches(header))
                {
                    if (best == null || section.match().size() > best.section().match().size())
                    {
                        best = new Recognised(layout, section);
                        tie = false;
                    }
                    else if (section.match().size() == best.section().match().size())
                    {
                        tie = true;
                    }
                }
            }
        }
        if (best == null)
        {
            throw new IllegalArgumentException("no " + (only != null ? "section of layout '" + only.name() + "'" :
                "known layout") + " matches the header " + abbreviate(header));
        }
        if (tie)
        {
            throw new IllegalArgumentException("the header " + abbreviate(header) +
                " matches several layouts equally well; choose one with EngineContext.forcedLayout");
        }
        return best;
    }

    private static String abbreviate(final List<String> header)
    {
        final String text = String.join(",", header);
        return text.length() > 160 ? "'" + text.substring(0, 160) + "...'" : "'" + text + "'";
    }

    /**
     * A layout section chosen for a file.
     *
     * @param layout  the layout.
     * @param section its record kind that applies.
     */
    public record Recognised(Layout layout, RecordLayout section)
    {
    }

    private static Layout loadResource(final String name)
    {
        final String resource = RESOURCE_DIR + name + SUFFIX;
        try (InputStream in = Layouts.class.getResourceAsStream(resource))
        {
            if (in == null)
            {
                throw new IllegalStateException("bundled layout missing: " + resource);
            }
            return Layout.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled " + resource);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static List<String> bundledNames()
    {
        final URL dir = Layouts.class.getResource(RESOURCE_DIR);
        if (dir == null)
        {
            throw new IllegalStateException("no bundled layouts on the class path");
        }
        final TreeSet<String> names = new TreeSet<>();
        try
        {
            if ("jar".equals(dir.getProtocol()))
            {
                final String spec = dir.getPath();
                final String jarPath = spec.substring("file:".length(), spec.indexOf("!/"));
                final String prefix = Layouts.class.getPackageName().replace('.', '/') + "/" + RESOURCE_DIR;
                try (JarFile jar = new JarFile(java.net.URLDecoder.decode(jarPath, StandardCharsets.UTF_8)))
                {
                    for (final JarEntry entry : Collections.list(jar.entries()))
                    {
                        final String entryName = entry.getName();
                        if (entryName.startsWith(prefix) && entryName.endsWith(SUFFIX))
                        {
                            names.add(entryName.substring(prefix.length(), entryName.length() - SUFFIX.length()));
                        }
                    }
                }
            }
            else
            {
                try (Stream<Path> files = Files.list(Path.of(dir.toURI())))
                {
                    files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(SUFFIX))
                        .forEach(n -> names.add(n.substring(0, n.length() - SUFFIX.length())));
                }
            }
        }
        catch (final IOException | URISyntaxException ex)
        {
            throw new IllegalStateException("cannot list bundled layouts: " + ex.getMessage(), ex);
        }
        return List.copyOf(names);
    }
}

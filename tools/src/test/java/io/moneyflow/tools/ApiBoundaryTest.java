package io.moneyflow.tools;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line is built on the engine's API as docs/ARCHITECTURE.md lists it ("The engine's API"), as any program
 * embedding the engine would be: every engine type the tools' main sources name is in that table, and every type the
 * table lists is one the engine has.
 */
class ApiBoundaryTest
{
    /** An engine type named in code: its package below io.moneyflow (empty for the root) and its simple name. */
    private static final Pattern QUALIFIED = Pattern.compile("io\\.moneyflow\\.((?:[a-z]+\\.)*)([A-Z]\\w*)");
    /** A row of the API table: | package(s) | types | what for |. */
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]+) \\| ([^|]+) \\| [^|]+ \\|$");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    /** @return the API's types, as package.Type (root types without a package), read from the document's table. */
    private static Set<String> listed() throws IOException
    {
        final String doc = Files.readString(Cli.root().resolve("docs/ARCHITECTURE.md"));
        final int start = doc.indexOf("## The engine's API");
        assertThat(start).as("the API section of docs/ARCHITECTURE.md").isNotNegative();
        final String section = doc.substring(start, doc.indexOf("\n## ", start + 1));
        final Set<String> types = new TreeSet<>();
        for (final String line : section.split("\n"))
        {
            final Matcher row = ROW.matcher(line.trim());
            if (!row.matches() || line.contains("---") || line.startsWith("| package"))
            {
                continue;
            }
            final String[] packages = row.group(1).split(",");
            // "`codec`, `codec.csv`" pairs with "A, B; C, D": the types of each package, separated by ';'
            final String[] groups = row.group(2).split(";");
            assertThat(groups).as("type groups of " + row.group(1)).hasSameSizeAs(packages);
            for (int i = 0; i < packages.length; i++)
            {
                final Matcher p = NAME.matcher(packages[i]);
                final String pkg = p.find() ? p.group(1) : "";
                final Matcher t = NAME.matcher(groups[i]);
                while (t.find())
                {
                    types.add(pkg.isEmpty() ? t.group(1) : pkg + "." + t.group(1));
                }
            }
        }
        return types;
    }

    /** @return every engine type the tools' main sources name, as package.Type. */
    private static Set<String> used() throws IOException
    {
        final Set<String> types = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Cli.root().resolve("tools/src/main/java")))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".java")).toList())
            {
                final Matcher m = QUALIFIED.matcher(Files.readString(file));
                while (m.find())
                {
                    final String pkg = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                    if (!pkg.equals("tools") && !pkg.startsWith("tools.") && !pkg.equals("sim") &&
                        !pkg.startsWith("sim."))
                    {
                        types.add(pkg.isEmpty() ? m.group(2) : pkg + "." + m.group(2));
                    }
                }
            }
        }
        return types;
    }

    @Test
    void shouldUseOnlyTheEnginesApi() throws IOException
    {
        final Set<String> used = used();
        assertThat(used).as("engine types the tools use").isNotEmpty();
        assertThat(listed()).as("the API table of docs/ARCHITECTURE.md").containsAll(used);
    }

    @Test
    void shouldListOnlyTypesTheEngineHas() throws IOException
    {
        final Path engine = Cli.root().resolve("engine/src/main/java/io/moneyflow");
        for (final String type : listed())
        {
            final int dot = type.lastIndexOf('.');
            final Path file = dot < 0 ? engine.resolve(type + ".java") :
                engine.resolve(type.substring(0, dot).replace('.', '/')).resolve(type.substring(dot + 1) + ".java");
            assertThat(file).as(type).isRegularFile();
        }
    }
}

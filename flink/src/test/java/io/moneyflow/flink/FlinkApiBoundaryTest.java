package io.moneyflow.flink;

import io.moneyflow.tools.Cli;
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
 * The Flink job uses the engine as any embedding program would: only the types of the API table of
 * docs/ARCHITECTURE.md ("The engine's API"), as {@code ApiBoundaryTest} holds the command line to it.
 */
class FlinkApiBoundaryTest
{
    private static final Pattern QUALIFIED = Pattern.compile("io\\.moneyflow\\.((?:[a-z]+\\.)*)([A-Z]\\w*)");
    private static final Pattern ROW = Pattern.compile("^\\| ([^|]+) \\| ([^|]+) \\| [^|]+ \\|$");
    private static final Pattern NAME = Pattern.compile("`([^`]+)`");

    private static Set<String> listed() throws IOException
    {
        final String doc = Files.readString(Cli.root().resolve("docs/ARCHITECTURE.md"));
        final int start = doc.indexOf("## The engine's API");
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
            final String[] groups = row.group(2).split(";");
            for (int i = 0; i < packages.length && i < groups.length; i++)
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

    @Test
    void shouldUseOnlyTheEnginesApi() throws IOException
    {
        final Set<String> used = new TreeSet<>();
        try (Stream<Path> files = Files.walk(Cli.root().resolve("flink/src/main/java")))
        {
            for (final Path file : files.filter(f -> f.toString().endsWith(".java")).toList())
            {
                final Matcher m = QUALIFIED.matcher(Files.readString(file));
                while (m.find())
                {
                    final String pkg = m.group(1).isEmpty() ? "" : m.group(1).substring(0, m.group(1).length() - 1);
                    if (!pkg.equals("flink"))
                    {
                        used.add(pkg.isEmpty() ? m.group(2) : pkg + "." + m.group(2));
                    }
                }
            }
        }
        assertThat(used).as("engine types the flink module uses").isNotEmpty();
        assertThat(listed()).as("the API table of docs/ARCHITECTURE.md").containsAll(used);
    }
}

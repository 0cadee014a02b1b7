package io.moneyflow;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine's packages depend on each other as docs/ARCHITECTURE.md says ("Engine packages"), and never in a cycle:
 * read from the main sources' references to {@code io.moneyflow} types, imports and qualified names alike. A new
 * dependency between packages is a decision to make in that document first.
 */
class ArchitectureTest
{
    private static final String ROOT = "(root)";
    /** What each package may use, as docs/ARCHITECTURE.md lists it. */
    private static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
        Map.entry("codec", Set.of()),
        Map.entry("ring", Set.of("codec")),
        Map.entry("counters", Set.of("indicator")),
        Map.entry("indicator", Set.of()),
        Map.entry("signal", Set.of()),
        Map.entry("reference", Set.of("codec")),
        Map.entry("codec.szse", Set.of("codec", "ring")),
        Map.entry("codec.csv", Set.of("codec", "ring")),
        Map.entry("classify", Set.of("codec", "ring")),
        Map.entry("journal", Set.of("feed", "ring")),
        Map.entry("aggregate", Set.of("classify", "counters", "ring")),
        Map.entry("feed", Set.of("codec", "codec.csv", "codec.szse", "counters", "reference", "ring")));
    private static final Pattern QUALIFIED = Pattern.compile("io\\.moneyflow\\.((?:[a-z]+\\.)*)[A-Z]");

    private static Map<String, Set<String>> dependencies()
    {
        final Path base = Path.of("src/main/java/io/moneyflow");
        final Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(base))
        {
            files.filter(f -> f.toString().endsWith(".java")).forEach(file ->
            {
                final Path dir = base.relativize(file.getParent());
                final String pkg = dir.toString().isEmpty() ? ROOT : dir.toString().replace('/', '.');
                final Set<String> used = uses.computeIfAbsent(pkg, k -> new TreeSet<>());
                try
                {
                    final Matcher m = QUALIFIED.matcher(Files.readString(file));
                    while (m.find())
                    {
                        final String prefix = m.group(1);
                        final String name = prefix.isEmpty() ? ROOT : prefix.substring(0, prefix.length() - 1);
                        if (!name.equals(pkg))
                        {
                            used.add(name);
                        }
                    }
                }
                catch (final IOException ex)
                {
                    throw new UncheckedIOException(ex);
                }
            });
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return uses;
    }

    @Test
    void shouldDependOnlyAsTheArchitectureSays()
    {
        final Map<String, Set<String>> uses = dependencies();
        assertThat(uses.keySet()).as("the engine's packages")
            .containsExactlyInAnyOrder("(root)", "aggregate", "classify", "codec", "codec.csv", "codec.szse", "counters", "feed",
                "indicator", "journal", "reference", "ring", "signal");
        for (final Map.Entry<String, Set<String>> entry : ALLOWED.entrySet())
        {
            assertThat(uses.get(entry.getKey())).as("what %s uses", entry.getKey()).isSubsetOf(entry.getValue());
        }
    }

    @Test
    void shouldHaveNoPackageCycle()
    {
        final Map<String, Set<String>> uses = dependencies();
        for (final String start : uses.keySet())
        {
            // every package reachable from start's dependencies must not lead back to start
            final Deque<String> todo = new ArrayDeque<>(uses.get(start));
            final Set<String> seen = new HashSet<>();
            while (!todo.isEmpty())
            {
                final String next = todo.pop();
                assertThat(next).as("a cycle through %s", start).isNotEqualTo(start);
                if (seen.add(next))
                {
                    todo.addAll(uses.getOrDefault(next, Set.of()));
                }
            }
        }
    }
}

package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help and the README agree with the code and with each other, and the project carries its own definitions
 * (issue 10 part 6).
 */
class HelpAndDocsTest
{
    private static List<String> bundledLayouts() throws IOException
    {
        try (Stream<Path> files = Files.list(Cli.root().resolve("config/layouts")))
        {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".layout"))
                .map(n -> n.substring(0, n.length() - ".layout".length())).sorted().toList();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"flow", "minutes", "accuracy", "feed-serve"})
    void shouldNameEveryInputKindAndEveryBundledLayoutInTheHelp(final String command) throws IOException
    {
        final String help = Cli.run(command, "--help").out;
        // the extensions InputFiles reads (its isDataName)
        assertThat(help).contains(".csv").contains(".txt").contains(".tsv").contains(".gz").contains(".zip");
        for (final String layout : bundledLayouts())
        {
            assertThat(help.replaceAll("\\s+", " ")).as(layout).contains(layout);
        }
    }

    @Test
    void shouldNameCloseDaysOwnOptionInItsHelp()
    {
        final String help = Cli.run("close-day", "--help").out;
        assertThat(help).contains("--from-counters=FILE");
        assertThat(help.replaceAll("\\s+", " ")).doesNotContain("from --counters FILE")
            .contains("from --from-counters FILE");
    }

    @Test
    void shouldPointTheReadmeAndDocsToTheProjectsOwnDefinitions() throws IOException
    {
        final Path root = Cli.root();
        final Path definitions = root.resolve("docs/DEFINITIONS.md");
        assertThat(definitions).isRegularFile();
        final String readme = Files.readString(root.resolve("README.md"));
        assertThat(readme).contains("docs/DEFINITIONS.md");
        // the documents, not the screenshots beside them
        try (Stream<Path> docs = Files.walk(root.resolve("docs")).filter(Files::isRegularFile)
            .filter(p -> !p.getFileName().toString().endsWith(".png")))
        {
            for (final Path doc : Stream.concat(Stream.of(root.resolve("README.md")), docs).toList())
            {
                final String text = Files.readString(doc);
                assertThat(text).as(doc.toString()).doesNotContain("DOMAIN.md").doesNotContain("../shared")
                    .doesNotContain("/work/shared");
            }
        }
        // "the seed" is not a name a newcomer can know
        assertThat(readme.toLowerCase(java.util.Locale.ROOT)).doesNotContain("the seed");
        for (final String layout : bundledLayouts())
        {
            assertThat(readme).as(layout).contains("`" + layout + "`");
        }
        // the worked example's numbers are there for a user to check by hand
        assertThat(Files.readString(definitions)).contains("1,100,800").contains("1,170,780").contains("94.02");
        // and the README says how to choose qty.balance
        assertThat(readme).contains("qty.balance");
    }
}

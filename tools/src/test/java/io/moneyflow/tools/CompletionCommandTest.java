package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow completion}: a bash script (zsh loads it through bashcompinit) generated from the whole command
 * line, every command and its options; bash reads it, and its completion function completes a command's name and an
 * option's, as bash would call it on Tab.
 */
class CompletionCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldCompleteEveryCommandAndItsOptionsInBash() throws Exception
    {
        final Cli completion = Cli.run("completion");
        assertThat(completion.exit).as(completion.err).isZero();
        final Path script = dir.resolve("moneyflow.bash");
        Files.writeString(script, completion.out);
        // the top level's list of commands: every one of them
        final String commands = completion.out.lines().filter(l -> l.trim().startsWith("local commands=\""))
            .findFirst().orElseThrow();
        assertThat(List.of(commands.substring(commands.indexOf('"') + 1, commands.lastIndexOf('"')).split(" ")))
            .containsAll(MoneyflowCli.COMMANDS.keySet());
        assertThat(bash("bash -n " + script + " && echo read")).isEqualTo("read");
        // what bash does on Tab: the words so far, the word under the cursor, the function the script registered
        assertThat(bash("source " + script + "; COMP_WORDS=(moneyflow fl); COMP_CWORD=1; " +
            "_complete_moneyflow moneyflow fl moneyflow 2>/dev/null; echo \"${COMPREPLY[*]}\"")).isEqualTo("flow");
        assertThat(bash("source " + script + "; COMP_WORDS=(moneyflow serve --da); COMP_CWORD=2; " +
            "_complete_moneyflow moneyflow --da serve 2>/dev/null; echo \"${COMPREPLY[*]}\"")).isEqualTo("--data-dir");
        assertThat(bash("source " + script + "; complete -p moneyflow")).contains("_complete_moneyflow");
    }

    private static String bash(final String command) throws Exception
    {
        final Process process = new ProcessBuilder("bash", "-c", command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(process.waitFor()).as(command + ": " + out).isZero();
        return out;
    }
}

package io.moneyflow.tools;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command line built for one command (what a run uses, to start faster) parses, helps and fails exactly as the
 * whole command line does.
 */
class LeanCommandLineTest
{
    @Test
    void shouldGiveEveryCommandTheSameUsageAndVersionAsTheWholeCommandLine()
    {
        final CommandLine whole = MoneyflowCli.commandLine();
        int commands = 0;
        for (final Map.Entry<String, CommandLine> entry : whole.getSubcommands().entrySet())
        {
            final String name = entry.getKey();
            if (name.equals("help"))
            {
                assertThat(MoneyflowCli.commandNamed(name)).isNull();
                continue;
            }
            final CommandLine lean = MoneyflowCli.commandLine(new String[]{name});
            assertThat(lean.getSubcommands()).containsOnlyKeys(name);
            assertThat(lean.getSubcommands().get(name).getUsageMessage())
                .isEqualTo(entry.getValue().getUsageMessage());
            assertThat(lean.getSubcommands().get(name).getCommandSpec().qualifiedName())
                .isEqualTo(entry.getValue().getCommandSpec().qualifiedName());
            commands++;
        }
        assertThat(commands).isEqualTo(MoneyflowCli.COMMANDS.size());
        // the map by name lists what the annotation lists, no more
        for (final Class<?> command : MoneyflowCli.class.getAnnotation(CommandLine.Command.class).subcommands())
        {
            if (command != CommandLine.HelpCommand.class)
            {
                final CommandLine.Command spec = command.getAnnotation(CommandLine.Command.class);
                assertThat(spec.aliases()).isEmpty();
                assertThat(MoneyflowCli.commandNamed(spec.name())).isEqualTo(command);
            }
        }
        assertThat(MoneyflowCli.commandLine(new String[]{"flow"}).getCommandSpec().version())
            .containsExactly(whole.getCommandSpec().version());
    }

    @Test
    void shouldRejectABadOptionWithTheSameMessage()
    {
        final String[] args = {"flow", "--no-such-option", "x.csv"};
        assertThat(run(MoneyflowCli.commandLine(args), args)).isEqualTo(run(MoneyflowCli.commandLine(), args));
        final String[] unknown = {"no-such-command"};
        assertThat(MoneyflowCli.commandLine(unknown).getSubcommands()).containsKey("flow");
    }

    private static String run(final CommandLine cli, final String[] args)
    {
        final StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        cli.setOut(new PrintWriter(new StringWriter(), true));
        final int exit = cli.execute(args);
        return exit + "\n" + err;
    }
}

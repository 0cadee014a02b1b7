package io.moneyflow.tools;

import picocli.AutoComplete;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/**
 * {@code moneyflow completion}: the shell completion script of every command and option, generated from the command
 * line itself (picocli's AutoComplete), for bash and for zsh (through zsh's bashcompinit).
 */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash and zsh, generated from the commands and their options: " +
        "'source <(moneyflow completion)' in ~/.bashrc, or in ~/.zshrc after " +
        "'autoload -U +X compinit && compinit; autoload -U +X bashcompinit && bashcompinit'."})
final class CompletionCommand implements Callable<Integer>
{
    @Override
    public Integer call()
    {
        // the whole command line, every command (the one run is built for the command asked alone)
        System.out.print(AutoComplete.bash("moneyflow", MoneyflowCli.commandLine()));
        System.out.flush();
        return 0;
    }
}

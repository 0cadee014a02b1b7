package io.moneyflow.tools;

import java.io.PrintStream;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The engine's messages as the command line prints them. The engine names the setting that would help
 * ({@code EngineContext.maxSymbols}), since a program embedding it has no command line; here each such name becomes
 * the option that sets it.
 */
final class Messages
{
    /** Each engine setting an engine message may name, and the option that sets it. */
    private static final Map<String, String> OPTIONS = Map.of(
        "EngineContext.maxSymbols", "--max-symbols",
        "EngineContext.maxSlots", "--max-symbols",
        "EngineContext.forcedLayout", "--layout",
        "EngineContext.sortDir", "--sort-dir");

    private Messages()
    {
    }

    /**
     * @param text an engine message.
     * @return the message with each engine setting it names replaced by its command-line option.
     */
    static String forCli(final String text)
    {
        if (text == null || !text.contains("EngineContext."))
        {
            return text;
        }
        String cli = text;
        for (final Map.Entry<String, String> each : OPTIONS.entrySet())
        {
            cli = cli.replace(each.getKey(), each.getValue());
        }
        return cli;
    }

    /**
     * @param err where the lines go.
     * @return a sink printing each engine message as {@code moneyflow: ...}, with options for settings.
     */
    static Consumer<String> printer(final PrintStream err)
    {
        return line -> err.println("moneyflow: " + forCli(line));
    }
}

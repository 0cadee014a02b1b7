package io.moneyflow.counters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Starts a class's main in a child JVM with this JVM's class path and moneyflow's JVM flags.
 */
final class ChildJvm
{
    private ChildJvm()
    {
    }

    static Process start(final Class<?> main, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        final String flags = System.getProperty("moneyflow.jvm.flags", "");
        if (flags.isBlank())
        {
            throw new IllegalStateException("moneyflow.jvm.flags is not set: run the tests through Maven");
        }
        command.addAll(Arrays.asList(flags.trim().split("\\s+")));
        command.add("-Xmx256m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(Arrays.asList(args));
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    static List<String> output(final Process process) throws IOException, InterruptedException
    {
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        final int exit = process.waitFor();
        if (exit != 0)
        {
            throw new IllegalStateException("child exited with " + exit + ": " + out);
        }
        return out.isEmpty() ? List.of() : List.of(out.split("\n"));
    }
}

package io.moneyflow.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A real terminal for a test: a tmux server of its own (its own socket, so that it meets no other tmux on the
 * machine) with one detached pane of a given size, read with {@code capture-pane}. The same calls as tools'
 * {@code TopCommandTest} makes.
 */
final class Tmux implements AutoCloseable
{
    private final String socket;
    private final String session;

    /**
     * Starts the pane.
     *
     * @param name    names the socket and the session.
     * @param columns the pane's width.
     * @param rows    its height.
     * @param command what runs in it, a shell command line.
     */
    Tmux(final String name, final int columns, final int rows, final String command)
        throws IOException, InterruptedException
    {
        this.socket = name + "-" + ProcessHandle.current().pid();
        this.session = name;
        tmux("new-session", "-d", "-s", session, "-x", Integer.toString(columns), "-y", Integer.toString(rows),
            command);
    }

    /**
     * @return the pane's text as shown now, one line per row.
     */
    String pane() throws IOException, InterruptedException
    {
        return tmux("capture-pane", "-p", "-t", session);
    }

    /**
     * Reads the pane until it shows what is awaited.
     *
     * @param shown   whether the pane shows it.
     * @param what    what it is, for the failure.
     * @param seconds how long to wait at most.
     * @return the pane that showed it.
     */
    String await(final Predicate<String> shown, final String what, final int seconds)
        throws IOException, InterruptedException
    {
        final long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        String pane = "";
        while (System.nanoTime() < deadline)
        {
            pane = pane();
            if (shown.test(pane))
            {
                return pane;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("the pane never showed " + what + " in " + seconds + " s:\n" + pane);
    }

    private String tmux(final String... args) throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>(List.of("tmux", "-L", socket));
        command.addAll(List.of(args));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0)
        {
            throw new AssertionError("tmux " + String.join(" ", args) + " failed (is tmux installed? .ci/run " +
                "installs it): " + out);
        }
        return out;
    }

    @Override
    public void close() throws IOException, InterruptedException
    {
        new ProcessBuilder("tmux", "-L", socket, "kill-server").redirectErrorStream(true).start().waitFor();
    }
}

package io.moneyflow;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test: a real disk that fills up, or that can be made read-only. Needs root (CI runs as
 * root); where mounting is refused the test is skipped with the reason, never passed.
 */
public final class Tmpfs implements AutoCloseable
{
    private final Path dir;

    private Tmpfs(final Path dir)
    {
        this.dir = dir;
    }

    /**
     * @param dir  an empty directory to mount on (created).
     * @param size the file system's size, as mount takes it: {@code 2m}, {@code 64k}.
     * @return the mounted file system.
     */
    public static Tmpfs mount(final Path dir, final String size) throws IOException, InterruptedException
    {
        Files.createDirectories(dir);
        final String result = exec("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
        Assumptions.assumeTrue(result == null, () -> "cannot mount a tmpfs (needs root): " + result);
        return new Tmpfs(dir);
    }

    /**
     * Remounts it read-only: writes fail with "Read-only file system", even for root.
     */
    public void readOnly() throws IOException, InterruptedException
    {
        final String result = exec("mount", "-o", "remount,ro", dir.toString());
        if (result != null)
        {
            throw new IOException("cannot remount " + dir + " read-only: " + result);
        }
    }

    /**
     * @return where it is mounted.
     */
    public Path dir()
    {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException
    {
        // lazy: a file still mapped by a closing engine must not keep the mount
        final String result = exec("umount", "-l", dir.toString());
        if (result != null)
        {
            throw new IOException("cannot unmount " + dir + ": " + result);
        }
    }

    /** @return null on success, else what the command said. */
    private static String exec(final String... command) throws IOException, InterruptedException
    {
        final List<String> args = new ArrayList<>(List.of(command));
        final Process process;
        try
        {
            process = new ProcessBuilder(args).redirectErrorStream(true).start();
        }
        catch (final IOException ex)
        {
            return ex.getMessage();
        }
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            return String.join(" ", command) + " did not finish";
        }
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": exit " + process.exitValue() + ": " +
            output;
    }
}

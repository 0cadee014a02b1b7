package io.moneyflow.tools;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs the command line in-process with stdout and stderr captured.
 */
public final class Cli
{
    public final int exit;
    public final String out;
    public final String err;

    private Cli(final int exit, final String out, final String err)
    {
        this.exit = exit;
        this.out = out;
        this.err = err;
    }

    public static synchronized Cli run(final String... args)
    {
        final PrintStream oldOut = System.out;
        final PrintStream oldErr = System.err;
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final StringWriter cliOut = new StringWriter();
        final StringWriter cliErr = new StringWriter();
        final String oldHome = System.getProperty("moneyflow.home");
        System.setProperty("moneyflow.home", root().toString());
        try
        {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            final var commandLine = MoneyflowCli.commandLine();
            commandLine.setOut(new PrintWriter(cliOut, true));
            commandLine.setErr(new PrintWriter(cliErr, true));
            final int exit = commandLine.execute(args);
            return new Cli(exit, out.toString(StandardCharsets.UTF_8) + cliOut,
                err.toString(StandardCharsets.UTF_8) + cliErr);
        }
        finally
        {
            System.setOut(oldOut);
            System.setErr(oldErr);
            if (oldHome == null)
            {
                System.clearProperty("moneyflow.home");
            }
            else
            {
                System.setProperty("moneyflow.home", oldHome);
            }
        }
    }

    /** @return the digest line the command printed on stderr. */
    public String digest()
    {
        for (final String line : err.split("\n"))
        {
            final int at = line.indexOf("digest sha256:");
            if (at >= 0)
            {
                return line.substring(at + "digest ".length()).trim();
            }
        }
        throw new AssertionError("no digest in: " + err);
    }

    public static Path root()
    {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("data").resolve("sample")))
        {
            dir = dir.getParent();
        }
        if (dir == null)
        {
            throw new IllegalStateException("project root not found");
        }
        return dir;
    }

    public static String sample(final String relative)
    {
        return root().resolve("data").resolve("sample").resolve(relative).toString();
    }
}

package io.moneyflow.tools;

import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.sim.SzseFeedServer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11 on the command line: a full disk ends a run with one line and exit 1 (file and live), a journal on a
 * read-only disk is verified, replayed and audited, {@code feed-serve} will not listen beyond this machine without a
 * password and says so loudly on loopback, and input bytes reach stderr escaped.
 */
class ReliabilityCliTest
{
    private static final String DAY = Cli.sample("ddb-l2-20230201/tradeData.zip");

    @TempDir
    Path dir;

    /** A tmpfs mounted for a test, unmounted (lazily) when closed. */
    private record Disk(Path dir) implements AutoCloseable
    {
        @Override
        public void close() throws IOException
        {
            try
            {
                exec("umount", "-l", dir.toString());
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted unmounting " + dir, ex);
            }
        }
    }

    /** Mounts a tmpfs of this size on DIR/disk (root only: CI runs as root; skipped with the reason otherwise). */
    private Disk mount(final String size) throws Exception
    {
        final Path mount = Files.createDirectories(dir.resolve("disk"));
        final String result = exec("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
        Assumptions.assumeTrue(result == null, () -> "cannot mount a tmpfs (needs root): " + result);
        return new Disk(mount);
    }

    private static String exec(final String... command) throws IOException, InterruptedException
    {
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue() == 0 ? null : String.join(" ", command) + ": " + output;
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldEndAFileRunOnAFullDiskWithOneLineAndExitOne() throws Exception
    {
        try (Disk disk = mount("2m"))
        {
            final Cli run = Cli.run("flow", "-q", "--journal", disk.dir().resolve("journal").toString(), DAY);
            assertThat(run.exit).isEqualTo(1);
            assertThat(run.out).isEmpty();
            assertThat(run.err.strip()).startsWith("moneyflow: the journal stage stopped: cannot write to journal " +
                disk.dir().resolve("journal")).contains("(its disk has 0 bytes free of 2,097,152)")
                .endsWith("; the run stopped").doesNotContain("\n");
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldEndALiveRunOnAFullDiskWithOneLineAndExitOne() throws Exception
    {
        try (Disk disk = mount("2m");
            SzseFeedServer server = new SzseFeedServer(0, List.of(Path.of(DAY)), Layouts.bundled(), null, 0,
                Set.of(), 0, 1, null, m -> { }))
        {
            final CompletableFuture<Void> served = CompletableFuture.runAsync(() ->
            {
                try
                {
                    server.serve();
                }
                catch (final Exception ignored)
                {
                    // closed below, the client gone
                }
            });
            final Cli run = Cli.run("run", "--feed", "szse://127.0.0.1:" + server.port(), "--exit-at-end",
                "--journal", disk.dir().resolve("journal").toString());
            assertThat(run.exit).isEqualTo(1);
            assertThat(run.err).contains("moneyflow: the journal stage stopped: cannot write to journal");
            server.close();
            served.get(30, TimeUnit.SECONDS);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldVerifyReplayAndAuditAJournalOnAReadOnlyDisk() throws Exception
    {
        try (Disk disk = mount("64m"))
        {
            final Path journal = disk.dir().resolve("journal");
            final Cli first = Cli.run("flow", "-q", "--format", "json", "--journal", journal.toString(), DAY);
            assertThat(first.exit).isZero();
            assertThat(exec("mount", "-o", "remount,ro", disk.dir().toString())).isNull();

            final Cli verify = Cli.run("journal", "verify", journal.toString());
            assertThat(verify.exit).as(verify.err).isZero();
            assertThat(verify.out).startsWith("journal " + journal + ": sound: ");
            final Cli replay = Cli.run("replay", "-q", "--format", "json", "--journal", journal.toString());
            assertThat(replay.exit).as(replay.err).isZero();
            assertThat(replay.out).isEqualTo(first.out);
            final Cli audit = Cli.run("audit", "--journal", journal.toString(), "--at", "10:00:00", "--symbol",
                "000001.SZ");
            assertThat(audit.exit).as(audit.err).isZero();
            // a run cannot journal there, and says why in one line
            final Cli again = Cli.run("flow", "-q", "--journal", journal.toString(), DAY);
            assertThat(again.exit).isEqualTo(1);
            assertThat(again.err.strip()).isEqualTo("moneyflow: cannot write to journal " + journal +
                " (Read-only file system on " + journal.resolve("moneyflow-journal.lock") + "): a run journals only " +
                "into a directory it can write; verify, replay and audit only read it");
            final Cli repair = Cli.run("journal", "repair", journal.toString());
            assertThat(repair.exit).isEqualTo(1);
            assertThat(repair.err).contains("Read-only file system");
        }
    }

    @Test
    void shouldEscapeControlBytesOfTheInputOnStandardError() throws Exception
    {
        // a rejected line carrying a terminal escape sequence (clear the screen, set the window title) and a CR
        final Path file = dir.resolve("trades.csv");
        Files.writeString(file, String.join("\n",
            "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum",
            "600000,XSHG,2020.01.02T10:00:00.000,12.50,100,1250,20,10",
            "600000,XSHG,2020.01.02T10:00:01.000,-1\u001b[2J\u001b]0;owned\u0007,100,1250,21,11\r",
            "600000,XSHG,2020.01.02T10:00:02.000,12.51,200,2502,22,12") + "\n");
        final Cli flow = Cli.run("flow", "--format", "json", file.toString());
        assertThat(flow.exit).isZero();
        assertThat(flow.err).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\r")
            .contains("\\x1b[2J\\x1b]0;owned\\x07");
    }

    @Test
    void shouldRefuseToListenBeyondThisMachineWithoutAPassword()
    {
        final Cli serve = Cli.run("feed-serve", "--port", "0", "--bind", "0.0.0.0", DAY);
        assertThat(serve.exit).isEqualTo(2);
        assertThat(serve.err).startsWith("--bind 0.0.0.0 reaches beyond this machine: give --password, or any " +
            "client that can reach it could log on");
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldSayLoudlyThatAnyLogonIsAcceptedOnLoopbackWithoutAPassword() throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(List.of(System.getProperty("moneyflow.jvm.flags").trim().split("\\s+")));
        command.addAll(List.of("-Dmoneyflow.home=" + Cli.root(), "-cp", System.getProperty("java.class.path"),
            MoneyflowCli.class.getName(), "feed-serve", "-q", "--port", "0", DAY));
        final Process server = new ProcessBuilder(command).start();
        try (BufferedReader err = new BufferedReader(new InputStreamReader(server.getErrorStream(),
            StandardCharsets.UTF_8)))
        {
            final String serving = err.readLine();
            assertThat(serving).startsWith("moneyflow: feed-serve: serving 181683 records on 127.0.0.1:");
            final String port = serving.replaceAll(".*127\\.0\\.0\\.1:(\\d+).*", "$1");
            // even with -q
            assertThat(err.readLine()).isEqualTo("moneyflow: feed-serve: WARNING: no --password: any logon on " +
                "127.0.0.1:" + port + " is accepted");
        }
        finally
        {
            server.destroy();
            server.waitFor(30, TimeUnit.SECONDS);
        }
    }
}

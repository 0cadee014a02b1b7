package io.moneyflow.tools;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow counters} on the file of a run that finished, that is still going, and whose writer was killed.
 */
class CountersCommandTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(120)
    void shouldSayWhenTheWriterWasKilledBeforeItFinished() throws Exception
    {
        final Path counters = dir.resolve("killed.counters");
        final List<String> command = new ArrayList<>(List.of(
            ProcessHandle.current().info().command().orElse("java")));
        command.addAll(List.of(System.getProperty("moneyflow.jvm.flags").trim().split("\\s+")));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Writer.class.getName(),
            counters.toString(), Cli.sample("ddb-l2-20230201/tradeData.zip")));
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try
        {
            final BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("ingested");

            final Cli running = Cli.run("counters", "--format", "csv", counters.toString());
            assertThat(running.exit).isZero();
            assertThat(running.err).contains("moneyflow: note: the run writing " + counters + " (pid " + child.pid() +
                ") is still going");
            assertThat(running.out).contains("000001.SZ", "600000.SH");

            child.destroyForcibly();
            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            final Cli killed = Cli.run("counters", "--format", "csv", counters.toString());
            assertThat(killed.exit).isEqualTo(1);
            assertThat(killed.err).contains("moneyflow: error: the run that wrote " + counters + " (pid " + child.pid() +
                ") ended without finishing (killed or crashed)");
            // what it had processed is still printed
            assertThat(killed.out).isEqualTo(running.out);
        }
        finally
        {
            child.destroyForcibly();
        }

        // a run that finished: no word
        final Path finished = dir.resolve("finished.counters");
        assertThat(Cli.run("flow", "-q", "--counters", finished.toString(),
            Cli.sample("ddb-l2-20230201/tradeData.zip")).exit).isZero();
        final Cli read = Cli.run("counters", finished.toString());
        assertThat(read.exit).isZero();
        assertThat(read.err).isEmpty();
    }

    /** A writer that ingests its input into a counters file, says so, and waits to be killed. */
    public static final class Writer
    {
        private Writer()
        {
        }

        /**
         * @param args the counters file and the input.
         * @throws Exception never on purpose.
         */
        public static void main(final String[] args) throws Exception
        {
            final Engine engine = Engine.launch(new EngineContext().countersFile(Path.of(args[0])));
            engine.ingest(List.of(Path.of(args[1])));
            System.out.println("ingested");
            System.out.flush();
            // until killed; should the test's end of stdin come first, end as abruptly
            System.in.read();
            Runtime.getRuntime().halt(0);
        }
    }
}

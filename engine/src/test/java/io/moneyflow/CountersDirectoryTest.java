package io.moneyflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Where a run's own counters file goes when none is named: /dev/shm when it has room (memory the kernel never writes
 * back), else the temporary directory; the system property overrides both.
 */
class CountersDirectoryTest
{
    @TempDir
    Path dir;

    @Test
    void shouldUseTheNamedDirectoryWhenThePropertyIsSet()
    {
        final String before = System.getProperty(EngineContext.COUNTERS_DIR_PROPERTY);
        System.setProperty(EngineContext.COUNTERS_DIR_PROPERTY, dir.toString());
        try
        {
            assertThat(EngineContext.countersDirectory(1 << 20)).isEqualTo(dir);
            final EngineContext context = new EngineContext().conclude();
            assertThat(context.countersFile().getParent()).isEqualTo(dir);
        }
        finally
        {
            restore(before);
        }
    }

    @Test
    void shouldKeepTheFileInSharedMemoryOnLinuxAndFallBackWhenItHasNoRoom() throws Exception
    {
        final Path shm = Path.of("/dev/shm");
        assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm), "no writable /dev/shm here");
        final String before = System.getProperty(EngineContext.COUNTERS_DIR_PROPERTY);
        System.clearProperty(EngineContext.COUNTERS_DIR_PROPERTY);
        try
        {
            final long room = Files.getFileStore(shm).getUsableSpace();
            assertThat(EngineContext.countersDirectory(room / 4)).isEqualTo(shm);
            // a file that could outgrow it (a write past a full tmpfs is a SIGBUS, not an error) goes to disk
            assertThat(EngineContext.countersDirectory(room)).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
            final EngineContext context = new EngineContext().conclude();
            final long length = io.moneyflow.counters.CountersDescriptor.fileLength(context.maxSlots(),
                context.scheme().classCount(), new io.moneyflow.classify.TradingSession(context.barMinutes()).barCount());
            // a machine whose /dev/shm is small (a container's 64 MB) keeps even the default file on disk
            assertThat(context.countersFile().getParent()).isEqualTo(
                Files.getFileStore(shm).getUsableSpace() > 2 * length ? shm : Path.of(System.getProperty("java.io.tmpdir")));
            assertThat(context.deleteCountersOnClose()).isTrue();
        }
        finally
        {
            restore(before);
        }
    }

    private static void restore(final String before)
    {
        if (before == null)
        {
            System.clearProperty(EngineContext.COUNTERS_DIR_PROPERTY);
        }
        else
        {
            System.setProperty(EngineContext.COUNTERS_DIR_PROPERTY, before);
        }
    }

    @Test
    void shouldDeleteTheFilesOfKilledRunsAndKeepThoseOfLiveOnes() throws Exception
    {
        // a process that has exited: its pid names no live run
        final Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
            .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();
        final Path orphan = Files.createFile(dir.resolve("moneyflow-" + gone.pid() + "-123.counters"));
        final Path live = Files.createFile(dir.resolve("moneyflow-" + ProcessHandle.current().pid() + "-456.counters"));
        final Path named = Files.createFile(dir.resolve("moneyflow-" + gone.pid() + "-789.counters.keep"));
        final Path other = Files.createFile(dir.resolve("mine.counters"));

        assertThat(EngineContext.removeOrphans(dir)).isEqualTo(1);
        assertThat(orphan).doesNotExist();
        assertThat(live).exists();
        assertThat(named).exists();
        assertThat(other).exists();
    }
}

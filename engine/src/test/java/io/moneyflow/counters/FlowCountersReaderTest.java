package io.moneyflow.counters;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowCountersReaderTest
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    void shouldStopWaitingWhenTheWriterDiedInTheMiddleOfAnUpdate() throws Exception
    {
        // A process that has exited: its pid names no live writer.
        final Process gone = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-version")
            .redirectErrorStream(true).start();
        gone.getInputStream().readAllBytes();
        gone.waitFor();

        final Path file = dir.resolve("torn.counters");
        try (FlowCounters counters = FlowCounters.create(file, 1, "x", new String[]{"A", "B"}, 1, 1, 240, 0))
        {
            counters.publishSlot(0, "600000.SH", 20230201, -1);
            // The dead writer had begun an update: the record's version is odd and will stay so.
            counters.buffer().putLong(CountersDescriptor.PID_OFFSET, gone.pid());
            final FlowCountersWriter writer = new FlowCountersWriter(counters);
            writer.begin(0);

            final FlowCountersReader reader = new FlowCountersReader(counters);
            assertThatThrownBy(() -> reader.read(0, reader.newView()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("writer (pid " + gone.pid() + ") died");

            writer.end();
            assertThat(reader.read(0, reader.newView())).isEqualTo(1);
        }
    }
}

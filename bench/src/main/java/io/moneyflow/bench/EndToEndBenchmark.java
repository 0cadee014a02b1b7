package io.moneyflow.bench;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.RunLog;
import io.moneyflow.reference.ReferenceData;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The whole engine on a real day: unzip, CSV decode, validation, the ring and both stages into the counters file,
 * for the 2023-02-01 sample (tradeData.zip: 181,683 records of 000001.SZ and 600000.SH). One operation is one
 * engine start, the whole file, and the engine's shutdown; records per second is 181,683 divided by the time.
 * Run from the project root (it reads data/sample), or pass -p sample=PATH.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
@State(Scope.Benchmark)
public class EndToEndBenchmark
{
    @Param({"data/sample/ddb-l2-20230201/tradeData.zip"})
    public String sample;

    @Param({"blocking", "yielding"})
    public String wait;

    private Path input;

    @Setup
    public void setUp()
    {
        input = Path.of(sample).toAbsolutePath();
        if (!Files.isRegularFile(input))
        {
            throw new IllegalStateException("sample not found: " + input + " (run from the project root)");
        }
    }

    /**
     * @return records published, so that nothing is optimised away.
     */
    @Benchmark
    public long wholeDayThroughTheEngine()
    {
        try (Engine engine = Engine.launch(new EngineContext().reference(ReferenceData.empty()).waitStrategy(wait)))
        {
            final RunLog log = engine.ingest(List.of(input));
            return log.rejectedTotal() + engine.counters().slotsUsed();
        }
    }
}

package io.moneyflow.feed;

import io.moneyflow.codec.LineReader;
import io.moneyflow.codec.TimeFormat;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

/**
 * Two pieces of the feed's per-line work on the lines of the bundled real day (tradeData.csv, 181,683 lines of about
 * 70 bytes, held in memory): finding the lines ({@link LineReader}, one operation is one line) and reading a
 * {@code HHmmssSSS} time, the time column of generated and SZSE-style files ({@link TimeFormat}, one operation is one
 * time, the day's times written as nine digits). Run from the project root. With {@code -prof gc}, readTimes shows
 * about 0 B/op and findLines about 0.36 B/op: the reader and its 64 KiB buffer made once per pass over the 181,684
 * lines; {@link LineReader#next()} itself allocates nothing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class LineTimeBenchmark
{
    private static final int TIMES = 4096;

    private byte[] text;
    private int lines;
    private final byte[] times = new byte[TIMES * 10];
    private final TimeFormat format = new TimeFormat("HHmmssSSS");

    @Setup
    public void setUp() throws IOException
    {
        try (ZipFile zip = new ZipFile(Path.of("data/sample/ddb-l2-20230201/tradeData.zip").toAbsolutePath().toFile());
            InputStream in = zip.getInputStream(zip.getEntry("tradeData.csv")))
        {
            text = in.readAllBytes();
        }
        for (final byte b : text)
        {
            lines += b == '\n' ? 1 : 0;
        }
        final java.util.Random random = new java.util.Random(1);
        for (int i = 0; i < TIMES; i++)
        {
            final int ms = (9 * 3600 + 30 * 60) * 1000 + random.nextInt(5 * 3600 * 1000);
            final String t = String.format("%02d%02d%02d%03d,", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60,
                ms % 1000);
            System.arraycopy(t.getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, times, i * 10, 10);
        }
    }

    /**
     * @return a sum over the lines, so that nothing is optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(181_684)
    public long findLines() throws IOException
    {
        long sum = 0;
        try (LineReader reader = new LineReader(new ByteArrayInputStream(text), 1 << 16))
        {
            while (reader.next())
            {
                sum += reader.lineEnd();
            }
        }
        return sum;
    }

    /**
     * @return a sum of the times read.
     */
    @Benchmark
    @OperationsPerInvocation(TIMES)
    public long readTimes()
    {
        long sum = 0;
        for (int i = 0; i < TIMES; i++)
        {
            if (format.parse(times, i * 10, i * 10 + 9))
            {
                sum += format.timeOfDayMs();
            }
        }
        return sum;
    }
}

package io.moneyflow.feed;

import io.moneyflow.codec.CsvSplitter;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.codec.csv.RecordDecoder;
import io.moneyflow.ring.TickEvent;
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

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The feed's per-line work on real lines: split a CSV line and decode it with its layout (symbol, time, price with
 * float-noise rounding, quantity, order numbers, codes) into a {@link TickEvent}. Lines are the 181,683 rows of
 * tradeData.csv (000001.SZ and 600000.SH, 2023-02-01), held in memory so that I/O and inflation are not measured.
 * Run with {@code -prof gc}: it must show about 0 B/op. Run from the project root, or pass -p sample=PATH.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class FeedDecodeBenchmark
{
    @Param({"data/sample/ddb-l2-20230201/tradeData.zip"})
    public String sample;

    private byte[] text;
    private int[] starts;
    private int[] ends;
    private RecordDecoder decoder;
    private CsvSplitter csv;
    private final TickEvent event = new TickEvent();
    private int next;

    @Setup
    public void setUp() throws IOException
    {
        final List<String> lines = new ArrayList<>();
        try (ZipFile zip = new ZipFile(Path.of(sample).toAbsolutePath().toFile()))
        {
            final ZipEntry entry = zip.getEntry("tradeData.csv");
            try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = reader.readLine()) != null)
                {
                    lines.add(line);
                }
            }
        }
        final List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        final Layouts.Recognised recognised = Layouts.bundled().recognise(header, null);
        decoder = new RecordDecoder(recognised.section(), header, sample);
        csv = new CsvSplitter((byte)',', header.size());
        final StringBuilder all = new StringBuilder();
        starts = new int[lines.size() - 1];
        ends = new int[lines.size() - 1];
        int offset = 0;
        for (int i = 1; i < lines.size(); i++)
        {
            final byte[] bytes = lines.get(i).getBytes(StandardCharsets.UTF_8);
            starts[i - 1] = offset;
            ends[i - 1] = offset + bytes.length;
            offset += bytes.length;
            all.append(lines.get(i));
        }
        text = all.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @return the decoded event, so that nothing is optimised away.
     */
    @Benchmark
    public TickEvent splitAndDecodeOneLine()
    {
        final int i = next;
        next = i + 1 == starts.length ? 0 : i + 1;
        csv.split(text, starts[i], ends[i]);
        if (decoder.decode(text, csv, event) != null)
        {
            throw new IllegalStateException("line " + (i + 2) + " rejected");
        }
        return event;
    }
}

package io.moneyflow;

import io.moneyflow.feed.ProgressSink;
import org.agrona.concurrent.NanoClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A file run's progress in bytes ({@link ProgressSink}): the bytes read add up to the inputs' size on disk at the end
 * of a run (every data file under the directories, compressed bytes for {@code .gz} and archives), and grow while the
 * inputs are sorted and while they are merged. The engine's clock moves a second at each look, so that every check
 * reports: no waiting, no timing.
 */
class ProgressBytesTest
{
    @TempDir
    Path dir;

    /** One report. */
    private record Report(long lines, long records, long bytesRead, long totalBytes, String source)
    {
    }

    /** A clock a second later at each look. */
    private static final class Seconds implements NanoClock
    {
        long now;

        @Override
        public long nanoTime()
        {
            return now += 1_000_000_000L;
        }
    }

    private List<Report> run(final List<Path> inputs)
    {
        final List<Report> reports = new ArrayList<>();
        try (Engine engine = Engine.launch(new EngineContext().countersFile(dir.resolve("run.counters"))
            .nanoClock(new Seconds())))
        {
            engine.ingest(inputs, m -> { },
                (lines, records, bytesRead, totalBytes, source) ->
                    reports.add(new Report(lines, records, bytesRead, totalBytes, source)));
        }
        return reports;
    }

    /** @return the sizes of the data files under the paths, as the engine expands them, summed. */
    private static long sizeOnDisk(final Path... paths) throws IOException
    {
        long total = 0;
        for (final Path path : paths)
        {
            try (Stream<Path> walk = Files.walk(path))
            {
                for (final Path file : walk.filter(Files::isRegularFile).toList())
                {
                    final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
                    if (name.matches(".*\\.(csv|txt|tsv|gz|zip)"))
                    {
                        total += Files.size(file);
                    }
                }
            }
        }
        return total;
    }

    @Test
    void shouldCountEveryBundledInputsBytesOnDiskBySortAndMergeToTheirTotal() throws IOException
    {
        final Path[] samples = {Samples.path("ddb-l2-20230201"), Samples.path("ddb-sse-600000-20200102"),
            Samples.path("tdx-level1-201902")};
        final long onDisk = sizeOnDisk(samples);
        final List<Report> reports = run(List.of(samples));

        final Report last = reports.get(reports.size() - 1);
        assertThat(last.source()).isEmpty();
        assertThat(last.totalBytes()).isEqualTo(onDisk);
        assertThat(last.bytesRead()).isEqualTo(onDisk);
        assertThat(last.records()).isPositive();

        final List<Report> under = reports.subList(0, reports.size() - 1);
        assertThat(under).hasSizeGreaterThan(10).allSatisfy(r ->
        {
            assertThat(r.totalBytes()).isEqualTo(onDisk);
            assertThat(r.bytesRead()).isBetween(0L, onDisk);
            assertThat(r.source()).isNotEmpty();
        });
        for (int i = 1; i < reports.size(); i++)
        {
            assertThat(reports.get(i).bytesRead()).as("report " + i).isGreaterThanOrEqualTo(reports.get(i - 1).bytesRead());
            assertThat(reports.get(i).lines()).as("report " + i).isGreaterThanOrEqualTo(reports.get(i - 1).lines());
        }
        // tradeData.csv is sorted by stock: read whole and sorted before the merge publishes a record, its bytes
        // counted meanwhile
        assertThat(under).anySatisfy(r ->
        {
            assertThat(r.source()).contains("tradeData.zip!tradeData.csv:");
            assertThat(r.records()).isZero();
            assertThat(r.bytesRead()).isPositive();
        });
        // and the merge's reports part way
        assertThat(under).anySatisfy(r ->
        {
            assertThat(r.records()).isPositive();
            assertThat(r.bytesRead()).isPositive().isLessThan(onDisk);
        });
    }

    @Test
    void shouldCountAGzipFileByItsCompressedBytes() throws IOException
    {
        final Path gz = Samples.path("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz");
        final List<Report> reports = run(List.of(gz));
        final Report last = reports.get(reports.size() - 1);
        assertThat(last.totalBytes()).isEqualTo(Files.size(gz));
        assertThat(last.bytesRead()).isEqualTo(Files.size(gz));
        assertThat(reports.subList(0, reports.size() - 1)).isNotEmpty()
            .allSatisfy(r -> assertThat(r.bytesRead()).isBetween(0L, Files.size(gz)));
    }

    @Test
    void shouldCountADamagedArchiveReadFromTheFrontToItsSize() throws IOException
    {
        // the archive cut before its central directory: read entry by entry from the front
        final Path whole = Samples.path("ddb-l2-20230201/tradeData.zip");
        final Path cut = dir.resolve("cut.zip");
        final long keep = Files.size(whole) * 2 / 3;
        try (InputStream in = Files.newInputStream(whole); OutputStream out = Files.newOutputStream(cut))
        {
            out.write(in.readNBytes((int)keep));
        }
        final List<Report> reports = run(List.of(cut));
        final Report last = reports.get(reports.size() - 1);
        assertThat(last.totalBytes()).isEqualTo(keep);
        assertThat(last.bytesRead()).isEqualTo(keep);
        assertThat(last.records()).isPositive();
    }
}

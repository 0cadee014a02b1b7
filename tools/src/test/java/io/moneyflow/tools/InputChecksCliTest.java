package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run that read nothing from an input must not pass for a good one, and an input that is not what it seems is
 * named for what it is (issue 10 part 2, issue 11 items 3 and 10). Every file here is made by hand in the
 * ddb-tutorial layout (DolphinDB's money-flow tutorial trades); expected counts are the lines written.
 */
class InputChecksCliTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "SecurityID,Market,TradeTime,TradePrice,TradeQty,TradeAmount,BuyNum,SellNum";
    private static final String GOOD_1 = "600000,XSHG,2020.01.02T10:00:05.000,12.50,100,1250,20,10";
    private static final String GOOD_2 = "600000,XSHG,2020.01.02T10:00:06.000,12.51,200,2502,22,12";

    @TempDir
    Path dir;

    private Path write(final String name, final String... lines) throws IOException
    {
        final Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines));
        return file;
    }

    @Test
    void shouldExitOneAndSayWhyWhenAFileInADirectoryIsSkipped() throws IOException
    {
        write("day/trades.csv", HEADER, GOOD_1, GOOD_2);
        write("day/notes.csv", "who,what", "me,nothing");
        final Cli cli = Cli.run("flow", "-q", "--format", "csv", dir.resolve("day").toString());
        assertThat(cli.exit).isEqualTo(1);
        // what was read is still printed: the header and 600000.SH's row
        assertThat(cli.out.lines().toList()).hasSize(2);
        assertThat(cli.out).contains("600000.SH");
        assertThat(cli.err).contains("moneyflow: skipped " + dir.resolve("day/notes.csv") + ": no known layout")
            .contains("moneyflow: error: 1 input(s) skipped (" + dir.resolve("day/notes.csv") + ")");
    }

    @Test
    void shouldExitOneWhenEveryRecordOfAnInputIsRejectedAndZeroWhenSomeAre() throws IOException
    {
        // a wrong time format on every line: the layout is recognised, nothing is read
        final Path wrongTime = write("wrong-time.csv", HEADER,
            "600000,XSHG,10:00:05,12.50,100,1250,20,10",
            "600000,XSHG,10:00:06,12.51,200,2502,22,12");
        final Cli none = Cli.run("flow", "-q", "--format", "json", wrongTime.toString());
        assertThat(none.exit).isEqualTo(1);
        assertThat(none.err).contains("rejected " + wrongTime + ":2: bad-time")
            .contains("moneyflow: read nothing from " + wrongTime + ": no line of it could be read as a record")
            .contains("moneyflow: error: 1 input(s) gave no record (" + wrongTime + ")");
        assertThat(JSON.readTree(none.out).get("rejected").get("bad-time").asLong()).isEqualTo(2);

        // only the header: nothing to read either
        final Path headerOnly = write("header-only.csv", HEADER);
        final Cli empty = Cli.run("flow", "-q", headerOnly.toString(), wrongTime.toString());
        assertThat(empty.exit).isEqualTo(1);
        assertThat(empty.err).contains("read nothing from " + headerOnly + ": no line of it could be read as a " +
            "record (it has no line after its header)").contains("2 input(s) gave no record");

        // a partial reject keeps exit 0, with the report
        final Path partial = write("partial.csv", HEADER, GOOD_1, "600000,XSHG,10:00:06,12.51,200,2502,22,12");
        final Cli some = Cli.run("flow", "-q", "--format", "json", partial.toString());
        assertThat(some.exit).isZero();
        assertThat(some.err).contains("rejected " + partial + ":3: bad-time").doesNotContain("error");
        assertThat(JSON.readTree(some.out).get("symbols").get(0).get("trades").asLong()).isEqualTo(1);
    }

    @Test
    void shouldRejectALineWithMoreOrFewerFieldsThanTheHeader() throws IOException
    {
        final Path file = write("extra-column.csv", HEADER, GOOD_1,
            // a decimal comma: one field more, every field after the price shifted
            "600000,XSHG,2020.01.02T10:00:05.500,12,50,100,1250,21,11",
            // a lost column
            "600000,XSHG,2020.01.02T10:00:05.700,12.50,100,1250,21",
            GOOD_2);
        final Cli cli = Cli.run("flow", "-q", "--format", "json", file.toString());
        assertThat(cli.exit).isZero();
        assertThat(cli.err).contains("rejected " + file + ":3: malformed: expected 8 fields as in the header, found 9")
            .contains("rejected " + file + ":4: malformed: expected 8 fields as in the header, found 7");
        final JsonNode root = JSON.readTree(cli.out);
        assertThat(root.get("rejected").get("malformed").asLong()).isEqualTo(2);
        final JsonNode row = root.get("symbols").get(0);
        // the two good lines: 12.50 x 100 + 12.51 x 200 = 3,752 yuan
        assertThat(row.get("trades").asLong()).isEqualTo(2);
        assertThat(row.get("turnover").decimalValue()).isEqualByComparingTo("3752");
    }

    @Test
    void shouldRejectAPriceInExponentNotation() throws IOException
    {
        final Path file = write("exponent.csv", HEADER, GOOD_1,
            "600000,XSHG,2020.01.02T10:00:05.500,1e1,100,1000,21,11", GOOD_2);
        final Cli cli = Cli.run("flow", "-q", "--format", "json", file.toString());
        assertThat(cli.exit).isZero();
        assertThat(cli.err).contains("rejected " + file + ":3: malformed: TradePrice = '1e1'");
        assertThat(JSON.readTree(cli.out).get("symbols").get(0).get("trades").asLong()).isEqualTo(2);
    }

    @Test
    void shouldNameAFirstLineTooLongToBeAHeader() throws IOException
    {
        // 3 MiB without a line break (the tester's was 50 MB): past the 1 MiB line limit, the same path
        final Path file = dir.resolve("no-newline.csv");
        final byte[] bytes = new byte[3 << 20];
        java.util.Arrays.fill(bytes, (byte)'x');
        Files.write(file, bytes);
        final Cli cli = Cli.run("flow", "-q", file.toString());
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.err).contains(file + ": its first line is longer than 1 MiB").doesNotContain("empty file");
    }

    @Test
    void shouldSayAUtf16FileIsNotRead() throws IOException
    {
        final Path file = dir.resolve("utf16.csv");
        final byte[] text = (HEADER + "\n" + GOOD_1 + "\n").getBytes(StandardCharsets.UTF_16LE);
        final byte[] bom = {(byte)0xFF, (byte)0xFE};
        final byte[] all = new byte[bom.length + text.length];
        System.arraycopy(bom, 0, all, 0, bom.length);
        System.arraycopy(text, 0, all, bom.length, text.length);
        Files.write(file, all);
        final Cli cli = Cli.run("flow", "-q", file.toString());
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.err).contains(file + ": the file is in UTF-16 (little-endian), which moneyflow does not read")
            .doesNotContain("no known layout");
    }

    @Test
    void shouldSkipABrokenZipInADirectoryWithALineAndExitOne() throws IOException
    {
        write("day/trades.csv", HEADER, GOOD_1);
        final Path broken = dir.resolve("day/broken.zip");
        Files.write(broken, random(4096));
        final Cli cli = Cli.run("flow", "-q", dir.resolve("day").toString());
        assertThat(cli.exit).isEqualTo(1);
        assertThat(cli.err).contains("moneyflow: skipped " + broken + ": not a zip archive")
            .contains("1 input(s) skipped (" + broken + ")");
    }

    @Test
    void shouldTreatARandomGzAsARandomZipIsTreated() throws IOException
    {
        final Path gz = dir.resolve("random.gz");
        Files.write(gz, random(4096));
        final Path zip = dir.resolve("random.zip");
        Files.write(zip, random(4096));
        final Cli gzRun = Cli.run("flow", "-q", gz.toString());
        final Cli zipRun = Cli.run("flow", "-q", zip.toString());
        assertThat(zipRun.exit).isEqualTo(1);
        assertThat(gzRun.exit).isEqualTo(1);
        assertThat(gzRun.err.strip()).isEqualTo("moneyflow: " + gz + ": not a gzip file (Not in GZIP format)");

        // inside a directory, both are skipped with a line
        write("day/trades.csv", HEADER, GOOD_1);
        Files.copy(gz, dir.resolve("day/random.gz"));
        final Cli inDir = Cli.run("flow", "-q", dir.resolve("day").toString());
        assertThat(inDir.exit).isEqualTo(1);
        assertThat(inDir.err).contains("skipped " + dir.resolve("day/random.gz") + ": not a gzip file");
    }

    private static byte[] random(final int length)
    {
        final byte[] bytes = new byte[length];
        new Random(11).nextBytes(bytes);
        bytes[0] = 'x'; // neither a zip's nor a gzip's magic number
        return bytes;
    }

    @Test
    void shouldWarnOfADayThatHoldsAFewFillsOfAnotherDaysInput() throws IOException
    {
        final List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 150; i++)
        {
            lines.add(String.format("600000,XSHG,2020.01.02T10:%02d:%02d.000,12.50,100,1250,%d,%d", i / 60, i % 60,
                1000 + i, 10));
            if (i == 75)
            {
                // the next day typed by mistake
                lines.add("600000,XSHG,2020.01.03T10:01:15.500,12.50,100,1250,2000,10");
            }
        }
        final Path file = dir.resolve("typo.csv");
        Files.write(file, lines);
        final Cli cli = Cli.run("flow", "-q", "--format", "csv", file.toString());
        assertThat(cli.exit).isZero();
        // 1 fill on 2020-01-03 against the 150 of 2020-01-02: under 1 %
        assertThat(cli.err).contains("moneyflow: warning: 2020-01-03 holds only 1 fill(s) (600000.SH), under 1 % of " +
            "the 150 of 2020-01-02");
        assertThat(Cli.run("flow", "-q", Cli.sample("tdx-level1-201902")).err)
            .as("two real days of similar size").doesNotContain("warning");
    }

    @Test
    void shouldPrintTheFirstTenUnknownSymbolsAndCountTheRest() throws IOException
    {
        final List<String> lines = new ArrayList<>(List.of(HEADER));
        for (int i = 0; i < 30; i++)
        {
            // 601100..601129: none is in config/securities.csv
            lines.add(String.format("6011%02d,XSHG,2020.01.02T10:00:%02d.000,12.50,100,1250,20,10", i, i));
        }
        final Path file = dir.resolve("many.csv");
        Files.write(file, lines);
        final Cli cli = Cli.run("flow", "--format", "csv", file.toString());
        assertThat(cli.exit).isZero();
        assertThat(cli.err.lines().filter(l -> l.contains("is not in the reference data"))).hasSize(10);
        assertThat(cli.err).contains("further symbols missing from the reference data are counted, not printed")
            .contains("30 symbols in all are not in the reference data");
        assertThat(cli.out.lines().toList()).hasSize(31);
    }

    @Test
    void shouldLeaveOnlyTheOutputOnStdoutAndNothingButErrorsOnStderrWhenQuiet() throws IOException
    {
        // a clean day and a symbol missing from the reference data: nothing is wrong, so nothing on stderr
        // (on the sample's day: a lone day of its own would rightly be warned of)
        final Path unknown = write("unknown.csv", HEADER, "601100,XSHG,2023.02.01T10:00:05.000,12.50,100,1250,20,10");
        for (final String format : List.of("table", "csv", "json"))
        {
            final Cli cli = Cli.run("flow", "-q", "--format", format, Cli.sample("ddb-l2-20230201/tradeData.zip"),
                unknown.toString());
            assertThat(cli.exit).isZero();
            assertThat(cli.err).as(format).isEmpty();
        }
        final Cli demo = Cli.run("demo", "-q", "--format", "csv");
        assertThat(demo.err).isEmpty();
        assertThat(demo.out).startsWith("symbol,name,date,");
        final Cli table = Cli.run("demo", "-q");
        assertThat(table.out).startsWith("symbol ");
        // without -q the digest and the note are there
        final Cli loud = Cli.run("flow", "--format", "csv", unknown.toString());
        assertThat(loud.err).contains("moneyflow: digest sha256:").contains("601100.SH");
    }

    @Test
    void shouldNameTheOptionThatRaisesTheCapacityWhenASymbolIsDroppedForIt() throws IOException
    {
        // one security in the reference data and room for one symbol: 600001's two trades are dropped, 600000's kept
        final Path securities = write("securities.csv",
            "symbol,name,exchange,sector,floatShares,totalShares,pe,prevClose,validFrom",
            "600000.SH,浦发银行,SH,银行,,,,,2020-01-01");
        final Path trades = write("two-symbols.csv", HEADER, GOOD_1,
            "600001,XSHG,2020.01.02T10:00:05.000,5.00,100,500,30,40",
            "600001,XSHG,2020.01.02T10:00:07.000,5.01,100,501,31,41", GOOD_2);
        final Cli cli = Cli.run("flow", "-q", "--format", "json", "--max-symbols", "1",
            "--securities", securities.toString(), trades.toString());
        assertThat(cli.exit).isZero();
        // the engine names its setting (EngineContext.maxSymbols); the command line names the option that sets it
        assertThat(cli.err).contains("rejected " + trades + ":3: capacity: more distinct symbols than the engine was " +
            "sized for; 600001.SH dropped (raise --max-symbols)").doesNotContain("EngineContext");
        final JsonNode report = JSON.readTree(cli.out);
        assertThat(report.get("rejected").get("capacity").asLong()).isEqualTo(2);
        assertThat(cli.out).contains("600000.SH").doesNotContain("600001.SH");
    }
}

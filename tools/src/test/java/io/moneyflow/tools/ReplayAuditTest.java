package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;

class ReplayAuditTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldReplayTheBundledDayToIdenticalJsonAndDigest() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final Cli live = Cli.run("flow", "-q", "--format", "json", "--journal", journal.toString(),
            Cli.sample("ddb-l2-20230201"));
        assertThat(live.exit).isZero();
        final Cli replay = Cli.run("replay", "-q", "--format", "json", "--journal", journal.toString());
        assertThat(replay.exit).isZero();
        assertThat(replay.out).isEqualTo(live.out);
        final JsonNode root = JSON.readTree(live.out);
        assertThat(root.get("digest").asText()).matches("sha256:[0-9a-f]{64}");
        // the journal-less run computes the same digest
        final Cli plain = Cli.run("flow", "-q", "--format", "json", Cli.sample("ddb-l2-20230201"));
        assertThat(JSON.readTree(plain.out).get("digest")).isEqualTo(root.get("digest"));

        // the table and csv formats print the digest on stderr (a note: not with -q)
        final Cli table = Cli.run("replay", "--journal", journal.toString());
        assertThat(table.err).contains("moneyflow: digest " + root.get("digest").asText());
    }

    @Test
    void shouldAuditAStockAtAnInstantAsARunOverTheInputUpToThatInstant() throws IOException
    {
        // 600000.SH 2020-01-02: an independent run over only the lines up to 10:00:00 ...
        final List<String> upTo = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(new GZIPInputStream(
            Files.newInputStream(Path.of(Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")))),
            StandardCharsets.UTF_8)))
        {
            String line = reader.readLine();
            upTo.add(line);
            while ((line = reader.readLine()) != null)
            {
                if (line.substring(23, 31).compareTo("10:00:00") <= 0)
                {
                    upTo.add(line);
                }
            }
        }
        final Path partial = dir.resolve("20200102_SH_trade-until-1000.csv");
        Files.write(partial, upTo);
        final JsonNode expected = JSON.readTree(Cli.run("flow", "-q", "--format", "json", partial.toString()).out)
            .get("symbols").get(0);

        // ... equals the audit of the whole day's journal at 10:00:00.
        final Path journal = dir.resolve("journal");
        assertThat(Cli.run("flow", "-q", "--journal", journal.toString(),
            Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz")).exit).isZero();
        final Cli audit = Cli.run("audit", "--format", "json", "--journal", journal.toString(), "--at", "10:00:00",
            "--symbol", "600000.SH");
        assertThat(audit.exit).isZero();
        final JsonNode root = JSON.readTree(audit.out);
        final JsonNode row = root.get("symbols").get(0);
        for (final String field : List.of("turnover", "volume", "trades", "mainNet", "outerVolume", "innerVolume"))
        {
            assertThat(row.get(field)).as(field).isEqualTo(expected.get(field));
        }
        assertThat(row.get("active")).isEqualTo(expected.get("active"));
        assertThat(row.get("orderSide")).isEqualTo(expected.get("orderSide"));
        final JsonNode info = root.get("audit");
        assertThat(info.get("records").asLong()).isEqualTo(upTo.size() - 1);
        assertThat(info.get("firstPosition").asLong()).isEqualTo(1);
        assertThat(info.get("lastPosition").asLong()).isEqualTo(upTo.size() - 1);
        assertThat(info.get("date").asText()).isEqualTo("2020-01-02");
        assertThat(info.get("firstIndex").asText()).startsWith("0x");

        // the same question gets the same answer
        assertThat(Cli.run("audit", "--format", "json", "--journal", journal.toString(), "--at", "10:00:00",
            "--symbol", "600000.SH").out).isEqualTo(audit.out);
    }

    @Test
    void shouldReplayUpToATimeAndForSomeSymbols() throws IOException
    {
        final Path journal = dir.resolve("journal");
        assertThat(Cli.run("flow", "-q", "--journal", journal.toString(),
            Cli.sample("ddb-l2-20230201/tradeData.zip")).exit).isZero();
        final JsonNode whole = JSON.readTree(Cli.run("replay", "-q", "--format", "json", "--journal",
            journal.toString(), "--symbols", "600000.SH").out);
        assertThat(whole.get("symbols")).hasSize(1);
        // data/sample SOURCE: 600000.SH has 14,872 trades that day
        assertThat(whole.get("symbols").get(0).get("trades").asLong()).isEqualTo(14_872);
        final JsonNode morning = JSON.readTree(Cli.run("replay", "-q", "--format", "json", "--journal",
            journal.toString(), "--until", "11:30:00.000", "--date", "2023-02-01").out);
        for (final JsonNode row : morning.get("symbols"))
        {
            assertThat(row.get("trades").asLong()).isPositive();
        }
        assertThat(morning.get("symbols").get(1).get("trades").asLong()).isLessThan(14_872);
        assertThat(Cli.run("replay", "--journal", journal.toString(), "--speed", "fast").exit).isEqualTo(2);
        assertThat(Cli.run("replay", "--journal", journal.toString(), "--until", "25:00").exit).isEqualTo(2);
    }

    @Test
    void shouldVerifyAndRepairFromTheCommandLine() throws IOException
    {
        final Path journal = dir.resolve("journal");
        final String input = Cli.sample("ddb-sse-600000-20200102/20200102_SH_trade.csv.gz");
        final Cli first = Cli.run("flow", "-q", "--format", "json", "--journal", journal.toString(),
            "--journal-batch", "100", input);
        final Cli sound = Cli.run("journal", "verify", journal.toString());
        assertThat(sound.exit).isZero();
        assertThat(sound.out).startsWith("journal " + journal + ": sound: ");

        final Path data;
        try (var files = Files.list(journal))
        {
            data = files.filter(p -> p.getFileName().toString().endsWith("F.cq4")).findFirst().orElseThrow();
        }
        final byte[] bytes = Files.readAllBytes(data);
        final List<Integer> magics = new ArrayList<>();
        for (int i = 0; i < bytes.length - 4; i++)
        {
            if (bytes[i] == 'M' && bytes[i + 1] == 'F' && bytes[i + 2] == 'J' && bytes[i + 3] == '1')
            {
                magics.add(i);
            }
        }
        assertThat(magics.size()).isGreaterThan(10);
        final int magic = magics.get(magics.size() / 2);
        try (var file = new java.io.RandomAccessFile(data.toFile(), "rw"))
        {
            file.seek(magic + 300);
            file.write(new byte[]{9, 9, 9, 9, 9, 9, 9, 9});
        }
        final Cli damaged = Cli.run("journal", "verify", journal.toString());
        assertThat(damaged.exit).isEqualTo(1);
        assertThat(damaged.out).contains("damaged").contains("checksum mismatch");

        final Cli refused = Cli.run("flow", "-q", "--journal", journal.toString(), "--journal-batch", "100", input);
        assertThat(refused.exit).isEqualTo(1);
        assertThat(refused.err.strip()).startsWith("moneyflow: journal " + journal + " is damaged")
            .endsWith("run 'moneyflow journal repair " + journal + "' to keep its sound records");

        // the damaged excerpt is skipped, the sound ones after it kept, and the loss said exactly
        final Cli repair = Cli.run("journal", "repair", journal.toString());
        assertThat(repair.exit).as(repair.err).isZero();
        final java.util.regex.Matcher lost = java.util.regex.Pattern.compile("lose input positions [0-9,]+\\.\\.[0-9,]+ " +
            "\\(([0-9,]+) records\\): 20\\d{6}F.cq4 byte \\d+: checksum mismatch").matcher(repair.out);
        assertThat(repair.out).startsWith("journal " + journal + " repaired:\n")
            .contains("the damaged journal, every byte of it, is kept at ");
        assertThat(lost.find()).as(repair.out).isTrue();
        // the damaged excerpt's records, at most a batch
        final String records = lost.group(1);
        assertThat(Integer.parseInt(records.replace(",", ""))).isBetween(1, 100);
        final Cli verified = Cli.run("journal", "verify", journal.toString());
        assertThat(verified.exit).isZero();
        assertThat(verified.out).contains(records + " input records are missing");
        final Cli replay = Cli.run("replay", "--format", "json", "--journal", journal.toString());
        assertThat(replay.exit).isZero();
        assertThat(replay.err).contains("(" + records.replace(",", "") + " records) are missing from the journal");
        // a run cannot continue it without those records, and says so without sending the user back to repair
        final Cli resumed = Cli.run("flow", "-q", "--format", "json", "--journal", journal.toString(),
            "--journal-batch", "100", input);
        assertThat(resumed.exit).isEqualTo(1);
        assertThat(resumed.err).contains("lacks " + records + " input records").contains("journal this run afresh")
            .doesNotContain("journal repair");
        final Cli afresh = Cli.run("flow", "-q", "--format", "json", "--journal", dir.resolve("again").toString(),
            "--journal-batch", "100", input);
        assertThat(afresh.out).isEqualTo(first.out);
        assertThat(Cli.run("journal", "repair", journal.toString()).out).contains("is sound; nothing to repair");
        assertThat(Cli.run("journal", "verify", dir.resolve("nothing-here").toString()).exit).isEqualTo(1);
    }
}

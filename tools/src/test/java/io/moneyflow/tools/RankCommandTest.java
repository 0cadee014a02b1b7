package io.moneyflow.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code moneyflow rank}: rows keyed by symbol with the stock's name, each figure once, and an empty ranking that
 * says why (issue 10 part 6). The store holds the bundled day, 2023-02-01, stored by close-day.
 */
class RankCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;

    private static String data;

    @BeforeAll
    static void store()
    {
        data = dir.resolve("data").toString();
        assertThat(Cli.run("close-day", "-q", "--data-dir", data, Cli.sample("ddb-l2-20230201")).exit).isZero();
    }

    @Test
    void shouldKeyEachRowBySymbolWithItsNameAndEachFigureOnce() throws Exception
    {
        final Cli json = Cli.run("rank", "--format", "json", "--data-dir", data);
        assertThat(json.exit).isZero();
        final JsonNode rows = JSON.readTree(json.out).get("rows");
        final List<String> keys = new ArrayList<>();
        rows.get(0).fieldNames().forEachRemaining(keys::add);
        assertThat(keys).containsExactly("symbol", "name", "mainNet", "turnover");
        // config/securities.csv: 600000.SH is 浦发银行; by main net it ranks first (flow's table of the day)
        assertThat(rows.get(0).get("symbol").asText()).isEqualTo("600000.SH");
        assertThat(rows.get(0).get("name").asText()).isEqualTo("浦发银行");

        final Cli csv = Cli.run("rank", "--by", "turnover", "--format", "csv", "--data-dir", data);
        assertThat(csv.out.lines().findFirst().orElseThrow()).isEqualTo("rank,symbol,name,turnover,mainNet");
        final Cli table = Cli.run("rank", "--data-dir", data);
        final String header = table.out.lines().findFirst().orElseThrow();
        assertThat(header.split("mainNet", -1)).as(header).hasSize(2);
        assertThat(header).contains("symbol").contains("name");

        final Cli sectors = Cli.run("rank", "--sectors", "--format", "json", "--data-dir", data);
        final List<String> sectorKeys = new ArrayList<>();
        JSON.readTree(sectors.out).get("rows").get(0).fieldNames().forEachRemaining(sectorKeys::add);
        assertThat(sectorKeys).containsExactly("sector", "mainNet", "turnover");
    }

    @Test
    void shouldSayWhyARankingIsEmpty()
    {
        final Cli window = Cli.run("rank", "--window", "5d", "--format", "csv", "--data-dir", data);
        assertThat(window.exit).isEqualTo(1);
        assertThat(window.out.lines().toList()).containsExactly("rank,symbol,name,mainNet,turnover");
        assertThat(window.err.strip()).isEqualTo("moneyflow: nothing to rank: the 5d window needs 5 stored trading " +
            "days up to 2023-02-01; the store holds at most 1");

        // the bundled reference data has no float shares
        final Cli figure = Cli.run("rank", "--by", "turnoverRate", "--data-dir", data);
        assertThat(figure.exit).isEqualTo(1);
        assertThat(figure.err).contains("nothing to rank: no stock has the data turnoverRate needs (float shares");

        final Cli day = Cli.run("rank", "--date", "2023-02-02", "--data-dir", data);
        assertThat(day.exit).isEqualTo(1);
        assertThat(day.err).contains("nothing to rank: no stock is stored for 2023-02-02 (the latest stored day is " +
            "2023-02-01)");
    }
}

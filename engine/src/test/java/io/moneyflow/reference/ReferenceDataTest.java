package io.moneyflow.reference;

import io.moneyflow.Samples;
import io.moneyflow.codec.SymbolCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Dated reference data: each day takes the row valid on it, a previous close holds on its own day only, an undated
 * row names a symbol and gives no figure, and a day no row covers knows no figure.
 */
class ReferenceDataTest
{
    private static final long PING_AN = SymbolCodes.parse("000001.SZ");
    private static final long SPDB = SymbolCodes.parse("600000.SH");

    @Test
    void shouldGiveEachBundledDayItsOwnPreviousClose()
    {
        // config/securities.csv; the closes are those of docs/REFERENCE-DATA.md (akshare/Sina and Tushare agree)
        final ReferenceData reference = ReferenceData.load(Samples.config("securities.csv"));
        assertThat(reference.find(SPDB, 20230201).prevClose()).isEqualTo(73_700); // close of 2023-01-31
        assertThat(reference.find(SPDB, 20200102).prevClose()).isEqualTo(123_700); // close of 2019-12-31
        assertThat(reference.find(SPDB, 20190201).prevClose()).isEqualTo(107_300); // close of 2019-01-31
        assertThat(reference.find(SPDB, 20190211).prevClose()).isEqualTo(107_700); // close of 2019-02-01
        // a day between the dated rows has no previous close: never another day's
        assertThat(reference.find(SPDB, 20230202).prevClose()).isEqualTo(Security.ABSENT);
        assertThat(reference.find(SPDB, 20190212).prevClose()).isEqualTo(Security.ABSENT);
        // share counts hold from their row on: 000001.SZ's total from 2023-02-01, none known in 2019
        assertThat(reference.find(PING_AN, 20230201).totalShares()).isEqualTo(19_405_918_198L);
        assertThat(reference.find(PING_AN, 20230301).totalShares()).isEqualTo(19_405_918_198L);
        assertThat(reference.find(PING_AN, 20190211).totalShares()).isEqualTo(Security.ABSENT);
        // before a symbol's first row nothing is known of it, not even its name
        assertThat(reference.find(PING_AN, 20180102).name()).isEmpty();
        assertThat(reference.find(PING_AN, 20180102).prevClose()).isEqualTo(Security.ABSENT);
        assertThat(reference.find(PING_AN, 20190201).name()).isEqualTo("平安银行");
        // one security per symbol, in the order the symbols first appear (the engine's ids)
        assertThat(reference.securities().stream().map(Security::symbol).toList()).containsExactly(
            "000001.SZ", "600000.SH", "600519.SH", "600004.SH", "000002.SZ", "000004.SZ", "000005.SZ");
        assertThat(reference.undatedFigures()).isZero();
    }

    @Test
    void shouldNameASymbolButUseNoFigureOfAnUndatedRow()
    {
        final ReferenceData reference = ReferenceData.fromText(ReferenceData.HEADER + "\n" +
            "600000.SH,浦发银行,SH,银行,28103763899,29352080397,6.28,7.37\n", "t");
        final Security spdb = reference.find(SPDB, 20190201);
        assertThat(spdb.name()).isEqualTo("浦发银行");
        assertThat(spdb.sectors()).containsExactly("银行");
        assertThat(List.of(spdb.floatShares(), spdb.totalShares(), spdb.peX10000(), spdb.prevClose()))
            .containsOnly(Security.ABSENT);
        assertThat(reference.undatedFigures()).isEqualTo(1);
    }

    @Test
    void shouldTakeTheLatestRowNotAfterTheDayWhateverTheFileOrder()
    {
        final ReferenceData reference = ReferenceData.fromText(ReferenceData.DATED_HEADER + "\n" +
            "600000.SH,浦发银行,SH,银行,200,,,,2023-02-01\n" +
            "600000.SH,浦发银行,SH,银行,100,,,10.00,2023-01-03\n" +
            "600000.SH,浦发,SH,,,,,,\n", "t");
        assertThat(reference.find(SPDB, 20230103).floatShares()).isEqualTo(100);
        assertThat(reference.find(SPDB, 20230103).prevClose()).isEqualTo(100_000);
        assertThat(reference.find(SPDB, 20230131).floatShares()).isEqualTo(100);
        assertThat(reference.find(SPDB, 20230131).prevClose()).isEqualTo(Security.ABSENT);
        assertThat(reference.find(SPDB, 20230201).floatShares()).isEqualTo(200);
        // before the dated rows, the undated row names it
        assertThat(reference.find(SPDB, 20221230).name()).isEqualTo("浦发");
        assertThat(reference.find(SPDB, 20221230).floatShares()).isEqualTo(Security.ABSENT);
        assertThat(reference.find(SymbolCodes.parse("600519.SH"), 20230201)).isNull();
        // the text a journal keeps reads back to the same rows
        assertThat(ReferenceData.fromText(reference.toText(), "again").rows()).isEqualTo(reference.rows());
    }

    @Test
    void shouldRefuseABadDateOrTheSameDayTwice()
    {
        assertThatThrownBy(() -> ReferenceData.fromText(ReferenceData.DATED_HEADER + "\n" +
            "600000.SH,浦发银行,SH,银行,,,,,2023/02/01\n", "t")).hasMessageContaining("t:2: validFrom '2023/02/01'");
        assertThatThrownBy(() -> ReferenceData.fromText(ReferenceData.DATED_HEADER + "\n" +
            "600000.SH,浦发银行,SH,银行,,,,,2023-02-01\n600000.SH,浦发银行,SH,银行,,,,,2023-02-01\n", "t"))
            .hasMessageContaining("t:3: 600000.SH listed twice valid from 2023-02-01 (first on line 2)");
        assertThatThrownBy(() -> ReferenceData.fromText(ReferenceData.HEADER + "\n" +
            "600000.SH,浦发银行,SH,银行,,,,\n600000.SH,浦发银行,SH,银行,,,,\n", "t"))
            .hasMessageContaining("listed twice without a validFrom");
    }

    @Test
    void shouldSplitSectorsTrimmedWithoutBlanksAndReadEachRowsOwnDate()
    {
        // sectors between '|', each trimmed, blank ones dropped; rows repeating a date read it as the first did, and
        // a row with another date, good or bad, is read on its own
        final ReferenceData reference = ReferenceData.fromText(ReferenceData.DATED_HEADER + "\n" +
            "600000.SH,浦发银行,SH, 银行 || 上海 |,,,,,2023-02-01\n" +
            "600519.SH,贵州茅台,SH,,,,,,2023-02-01\n" +
            "000001.SZ,平安银行,SZ,|,,,,,2023-02-02\n", "t");
        assertThat(reference.find(SPDB, 20230201).sectors()).containsExactly("银行", "上海");
        assertThat(reference.find(SymbolCodes.parse("600519.SH"), 20230201).sectors()).isEmpty();
        assertThat(reference.find(SymbolCodes.parse("600519.SH"), 20230201).validFrom()).isEqualTo(20230201);
        assertThat(reference.find(SymbolCodes.parse("000001.SZ"), 20230202).validFrom()).isEqualTo(20230202);
        assertThat(reference.find(SymbolCodes.parse("000001.SZ"), 20230202).sectors()).isEmpty();
        assertThatThrownBy(() -> ReferenceData.fromText(ReferenceData.DATED_HEADER + "\n" +
            "600000.SH,浦发银行,SH,银行,,,,,2023-02-01\n600519.SH,贵州茅台,SH,,,,,,2023-02-30\n", "t"))
            .hasMessageContaining("t:3: validFrom '2023-02-30'");
    }

    @Test
    void shouldGiveWhatWasReadAheadOnlyForTheSameUnchangedFile(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("securities.csv");
        Files.writeString(file, ReferenceData.HEADER + "\n600000.SH,浦发银行,SH,bank,1,2,3.5,7.37\n",
            StandardCharsets.UTF_8);
        ReferenceData.readAhead(file);
        final ReferenceData first = ReferenceData.load(file);
        assertThat(first.find(SPDB, 20230201).name()).isEqualTo("浦发银行");
        // the same file again: what was read ahead, the same object
        assertThat(ReferenceData.load(file)).isSameAs(first);

        // changed since (another name, another size and time): read again
        Files.writeString(file, ReferenceData.HEADER + "\n600000.SH,SPDB,SH,bank,1,2,3.5,7.37\n",
            StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2_000));
        final ReferenceData changed = ReferenceData.load(file);
        assertThat(changed).isNotSameAs(first);
        assertThat(changed.find(SPDB, 20230201).name()).isEqualTo("SPDB");
    }

    @Test
    void shouldThrowWhatReadingAheadThrewWithTheMessageALoadGives(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("bad.csv");
        Files.writeString(file, ReferenceData.HEADER + "\n600000.SH,SPDB,SH,bank,many,2,3.5,7.37\n",
            StandardCharsets.UTF_8);
        final Path elsewhere = dir.resolve("copy.csv");
        Files.copy(file, elsewhere);
        String direct = null;
        try
        {
            ReferenceData.load(elsewhere);
        }
        catch (final IllegalArgumentException ex)
        {
            direct = ex.getMessage().replace("copy.csv", "bad.csv");
        }
        assertThat(direct).contains("floatShares 'many' is not a number");

        ReferenceData.readAhead(file);
        assertThatThrownBy(() -> ReferenceData.load(file)).isInstanceOf(IllegalArgumentException.class)
            .hasMessage(direct);
        // a file that is not there is not read ahead, and loads as ever
        ReferenceData.readAhead(dir.resolve("missing.csv"));
        assertThatThrownBy(() -> ReferenceData.load(dir.resolve("missing.csv")))
            .hasMessageStartingWith("cannot read securities file " + dir.resolve("missing.csv"));
    }
}

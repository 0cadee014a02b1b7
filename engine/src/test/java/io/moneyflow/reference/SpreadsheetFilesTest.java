package io.moneyflow.reference;

import io.moneyflow.classify.SizeScheme;
import io.moneyflow.codec.SymbolCodes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The securities and size-scheme files as a spreadsheet saves them: a UTF-8 byte-order mark, cells in double quotes
 * holding commas ({@code "1,256,197,800"}) or quotes, read by a CSV library (Apache Commons CSV); the numbers those of
 * the cells (config/securities.csv's 600519.SH total shares, 1,256,197,800), and the text written back reads the same.
 */
class SpreadsheetFilesTest
{
    @Test
    void shouldReadQuotedCellsAndAByteOrderMarkInTheSecuritiesFile()
    {
        final ReferenceData reference = ReferenceData.fromText("\uFEFF" + ReferenceData.DATED_HEADER + "\n" +
            "600519.SH,\"Kweichow Moutai, A\",SH,白酒,\"1,256,197,800\",\"1,256,197,800\",\"31.5\",1845.76,2023-02-01\n" +
            "000001.SZ,\"Ping An \"\"Bank\"\"\",SZ,\"银行|金融\",,19405918198,,14.99,2023-02-01\n", "spreadsheet");
        final Security moutai = reference.find(SymbolCodes.parse("600519.SH"), 20230201);
        assertThat(moutai.name()).isEqualTo("Kweichow Moutai, A");
        assertThat(moutai.floatShares()).isEqualTo(1_256_197_800L);
        assertThat(moutai.totalShares()).isEqualTo(1_256_197_800L);
        assertThat(moutai.peX10000()).isEqualTo(315_000L);
        final Security pingAn = reference.find(SymbolCodes.parse("000001.SZ"), 20230201);
        assertThat(pingAn.name()).isEqualTo("Ping An \"Bank\"");
        assertThat(pingAn.sectors()).containsExactly("银行", "金融");
        assertThat(pingAn.floatShares()).isEqualTo(Security.ABSENT);
        // what the journal keeps reads back to the same data
        final ReferenceData again = ReferenceData.fromText(reference.toText(), "again");
        assertThat(again.toText()).isEqualTo(reference.toText());
        assertThat(again.find(SymbolCodes.parse("600519.SH"), 20230201).name()).isEqualTo("Kweichow Moutai, A");
        // a decimal comma is no grouping: refused, never read as 125
        assertThatThrownBy(() -> ReferenceData.fromText(ReferenceData.HEADER + "\n" +
            "600519.SH,Moutai,SH,白酒,,,\"12,5\",\n", "comma"))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("comma:2: pe '12,5' is not a number");
        // spaces around a quoted cell, as a hand-written file has them
        assertThat(ReferenceData.fromText(ReferenceData.HEADER + "\n" +
            "600519.SH, \"Kweichow Moutai, A\" ,SH,白酒,,,,\n", "spaces")
            .find(SymbolCodes.parse("600519.SH")).name()).isEqualTo("Kweichow Moutai, A");
        // a quote never closed is said with its line
        assertThatThrownBy(() -> ReferenceData.fromText(ReferenceData.HEADER + "\n" +
            "600519.SH,\"Moutai,SH,白酒,,,,\n", "broken"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("broken:2: not a CSV line");
    }

    @Test
    void shouldReadQuotedCellsAndAByteOrderMarkInASizeScheme()
    {
        final SizeScheme scheme = SizeScheme.fromTable("sheet", "\uFEFFclass,minShares,minAmount,main\n" +
            "XL,\"200,000\",\"1,000,000\",yes\nL,\"40,000\",\"200,000\",yes\nM,\"5,000\",\"40,000\",no\nS,,,no\n");
        assertThat(scheme.classCount()).isEqualTo(4);
        assertThat(scheme.minShares(0)).isEqualTo(200_000);
        assertThat(scheme.minAmountMinor(0)).isEqualTo(1_000_000L * 10_000);
        assertThat(scheme.mainClassCount()).isEqualTo(2);
    }
}

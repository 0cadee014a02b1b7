package io.moneyflow;

import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.counters.CountersDigest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards every number the engine computes on the bundled real days through refactoring and optimisation: the digest
 * of each day (every counter of every stock, day, class and bar, and the rejections) must stay the value recorded
 * here. The values were recorded when the same numbers were checked against the exchanges' own totals, Tushare's
 * daily bar and DolphinDB's published minute flow (RealDayTotalsTest, DolphinDbMinuteFlowTest), and left unchanged by
 * the change that made the digest independent of file order (issue 10). A change of any of them must come with an
 * issue saying which number was wrong, and the new value recorded with it.
 */
class DigestGuardTest
{
    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "ddb-l2-20230201, order, eastmoney, sha256:f07c250f9205cb258837218902dd3b83c1011c0604f7900ddce7dd144b3f3345",
        "ddb-l2-20230201/tradeData.zip, order, eastmoney, sha256:c7822c0474d7a1c88842d4bc2f884cb1fbf8a9ab7f204c67b6507ead28502847",
        "ddb-l2-20230201/20230201.zip, order, eastmoney, sha256:87571016e332a0d0c82a2a15b3203ddf14dae5940db7de84e7bf67c350aae633",
        "ddb-sse-600000-20200102/20200102_SH_trade.csv.gz, order, eastmoney, sha256:81bf4735de2197332a4baa32b647c64b4c441f79fb646d8cdf3298fd38357bac",
        "tdx-level1-201902, order, eastmoney, sha256:d8f248e7c5a2544fb0da6382600f141fbaa8c7c1fa8b94a235250bfa969acc80",
        "ddb-l2-20230201, trade, tushare, sha256:1f3ca4fa26e04f943264f16e3c66b65a2bd9272e3a8ad08039dcb2531f6c28a8",
        "ddb-l2-20230201, order-bar, eastmoney, sha256:32bcfda9059c405aa0d4100a7654699c6f3fef72bce49606ca9a363597d46160",
    })
    void shouldComputeTheDigestRecordedForEachBundledDay(
        final String input, final String mode, final String scheme, final String expected)
    {
        final List<Path> inputs = new ArrayList<>();
        for (final String each : input.split("\\+"))
        {
            inputs.add(Samples.path(each));
        }
        final EngineContext context = new EngineContext().mode(FlowMode.parse(mode))
            .scheme(SizeScheme.resolve(scheme));
        try (Engine engine = Engine.launch(context))
        {
            engine.ingest(inputs);
            assertThat(engine.exceptions().errors()).isZero();
            assertThat(CountersDigest.sha256(engine.counters())).as("%s %s %s", input, mode, scheme)
                .isEqualTo(expected);
        }
    }
}

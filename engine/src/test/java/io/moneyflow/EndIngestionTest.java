package io.moneyflow;

import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.counters.CountersDigest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link Engine#endIngestion()}: the stages stop and the order table's memory goes back while the counters stay
 * readable, with the same numbers; and the engine refuses to ingest again, rather than run its stages on memory it
 * has given back.
 */
class EndIngestionTest
{
    /** The digest DigestGuardTest records for this day, mode and scheme (checked there against the exchange's totals). */
    private static final String DAY_DIGEST =
        "sha256:f07c250f9205cb258837218902dd3b83c1011c0604f7900ddce7dd144b3f3345";

    /** @return an engine that has ingested the bundled 2023-02-01 day, in order mode with the eastmoney scheme. */
    private static Engine ingestedDay()
    {
        final Engine engine = Engine.launch(new EngineContext().mode(FlowMode.ORDER)
            .scheme(SizeScheme.resolve("eastmoney")));
        try
        {
            engine.ingest(List.of(Samples.path("ddb-l2-20230201")));
            return engine;
        }
        catch (final RuntimeException | Error ex)
        {
            engine.close();
            throw ex;
        }
    }

    @Test
    void shouldKeepTheCountersReadableWithTheSameNumbersAfterTheOrdersAreGivenBack()
    {
        try (Engine engine = ingestedDay())
        {
            engine.endIngestion();
            engine.endIngestion();
            assertThat(engine.exceptions().errors()).isZero();
            assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(DAY_DIGEST);
            assertThat(engine.orderTableSummary()).contains("orders held");
        }
    }

    @Test
    void shouldRefuseToIngestAfterItsIngestionHasEnded()
    {
        try (Engine engine = ingestedDay())
        {
            engine.endIngestion();
            assertThatThrownBy(() -> engine.ingest(List.of(Samples.path("ddb-l2-20230201"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ingestion has ended");
            assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(DAY_DIGEST);
        }
    }
}

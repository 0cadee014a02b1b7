package io.moneyflow.bench;

import io.moneyflow.aggregate.AggregateHandler;
import io.moneyflow.classify.ClassifyHandler;
import io.moneyflow.classify.DirectionRule;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.OrderSizeBasis;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.classify.TradingSession;
import io.moneyflow.counters.FlowCounters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.IntFunction;

/**
 * The classify and aggregate stages over a temporary counters file, as the stage benchmarks drive them: directly,
 * without the ring. Scheme eastmoney (classes XL, L, M, S, the first two main), 1-minute bars, direction auto, order
 * size on the aggressive fills; each stock has one day, 2023-02-01, its slot and security id its number.
 */
final class StageFixture implements AutoCloseable
{
    /** The stocks' day, yyyymmdd. */
    static final int DATE = 20230201;

    final TradingSession session = new TradingSession(1);
    final FlowCounters counters;
    final ClassifyHandler classify;
    final AggregateHandler aggregate;
    private final Path file;

    /**
     * @param prefix        the counters file's name, before a random part.
     * @param stocks        how many.
     * @param symbol        each stock's symbol, by its number.
     * @param mode          trade, order or order-bar.
     * @param orderCapacity the order table's hash part, sized for every order the run will see.
     */
    StageFixture(
        final String prefix, final int stocks, final IntFunction<String> symbol, final String mode,
        final int orderCapacity) throws IOException
    {
        final SizeScheme scheme = SizeScheme.resolve("eastmoney");
        file = Files.createTempFile(prefix, ".counters");
        counters = FlowCounters.create(file, stocks, scheme.name(), new String[]{"XL", "L", "M", "S"}, 2, 1,
            session.barCount(), FlowMode.parse(mode).ordinal());
        for (int s = 0; s < stocks; s++)
        {
            counters.publishSlot(s, symbol.apply(s), DATE, s);
        }
        classify = new ClassifyHandler(scheme, FlowMode.parse(mode), OrderSizeBasis.AGGRESSIVE, DirectionRule.AUTO,
            null, session, stocks, orderCapacity);
        aggregate = new AggregateHandler(counters);
    }

    /**
     * Closes the counters file and deletes it.
     */
    @Override
    public void close() throws IOException
    {
        counters.close();
        Files.deleteIfExists(file);
    }
}

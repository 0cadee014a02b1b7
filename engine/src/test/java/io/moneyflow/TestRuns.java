package io.moneyflow;

import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.feed.RunLog;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs inputs through a real engine (ring, stages, counters file) and keeps consistent copies of every slot.
 */
public final class TestRuns
{
    /** What a run produced. */
    public static final class Result
    {
        public final Map<String, SlotView> slots = new LinkedHashMap<>();
        public final List<String> messages = new ArrayList<>();
        public RunLog log;
        public long handlerErrors;
        /** Orders the classify stage still held at the end. */
        public int ordersTracked;
        public int barMinutes;

        /**
         * @param symbol e.g. 000001.SZ
         * @return the only slot of that symbol.
         */
        public SlotView slot(final String symbol)
        {
            SlotView found = null;
            for (final Map.Entry<String, SlotView> e : slots.entrySet())
            {
                if (e.getKey().startsWith(symbol + "@"))
                {
                    if (found != null)
                    {
                        throw new IllegalStateException(symbol + " has several days; use slot(symbol, date)");
                    }
                    found = e.getValue();
                }
            }
            if (found == null)
            {
                throw new IllegalStateException("no slot for " + symbol + " in " + slots.keySet());
            }
            return found;
        }

        /**
         * @param symbol e.g. 000001.SZ
         * @param date   yyyymmdd
         * @return the slot.
         */
        public SlotView slot(final String symbol, final int date)
        {
            final SlotView view = slots.get(symbol + "@" + date);
            if (view == null)
            {
                throw new IllegalStateException("no slot for " + symbol + "@" + date + " in " + slots.keySet());
            }
            return view;
        }
    }

    private TestRuns()
    {
    }

    /**
     * @param context settings.
     * @param inputs  files.
     * @return the slots and the log.
     */
    public static Result run(final EngineContext context, final Path... inputs)
    {
        final Result result = new Result();
        try (Engine engine = Engine.launch(context))
        {
            result.log = engine.ingest(List.of(inputs), result.messages::add, line -> { });
            final FlowCountersReader reader = engine.reader();
            for (int slot = 0; slot < reader.slotsUsed(); slot++)
            {
                final SlotView view = reader.newView();
                reader.read(slot, view);
                result.slots.put(view.symbol() + "@" + view.date(), view);
            }
            result.handlerErrors = engine.exceptions().errors();
            result.ordersTracked = engine.ordersTracked();
            result.barMinutes = context.barMinutes();
        }
        return result;
    }
}

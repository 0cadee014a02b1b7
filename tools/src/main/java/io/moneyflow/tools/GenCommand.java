package io.moneyflow.tools;

import io.moneyflow.sim.gen.DayGenerator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow gen}: writes a deterministic synthetic full-market day ({@link DayGenerator}), then runs it through
 * the engine once with a journal, so that every benchmark replays the same bytes and every peer has moneyflow's
 * result to equal.
 */
@Command(
    name = "gen",
    mixinStandardHelpOptions = true,
    description = "Write a deterministic synthetic day of the whole market (trades.csv, orders.csv, securities.csv " +
        "in the mf-gen layout), then run it through the engine once, journaling it into OUT/journal and writing " +
        "moneyflow's result to OUT/moneyflow.csv. The same settings always give the same bytes.")
final class GenCommand implements Callable<Integer>
{
    @Spec
    CommandSpec spec;

    @Option(names = "--symbols", paramLabel = "N", defaultValue = "5000", description = "Stocks, half on each exchange (default 5000).")
    int symbols;

    @Option(names = "--trades", paramLabel = "N", defaultValue = "60000000",
        description = "Records of the trade stream: fills and SZSE cancels (default 60,000,000).")
    long trades;

    @Option(names = "--orders", paramLabel = "N", defaultValue = "80000000",
        description = "Records of the order stream: additions and SSE withdrawals (default 80,000,000).")
    long orders;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default 1).")
    long seed;

    @Option(names = "--date", paramLabel = "yyyy-MM-dd", defaultValue = "2023-02-01",
        description = "The trading day (default 2023-02-01).")
    String date;

    @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where to write the day.")
    Path out;

    @Option(names = "--no-journal", description = "Only write the files: no engine run, no journal.")
    boolean noJournal;

    @Mixin
    EngineOptions engine;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;

    @Override
    public Integer call() throws IOException
    {
        final int day;
        try
        {
            day = Integer.parseInt(java.time.LocalDate.parse(date).toString().replace("-", ""));
        }
        catch (final java.time.format.DateTimeParseException ex)
        {
            throw new ParameterException(spec.commandLine(), "--date '" + date + "' is not a date such as 2023-02-01");
        }
        final DayGenerator.Settings settings;
        try
        {
            settings = new DayGenerator.Settings(symbols, trades, orders, seed, day);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), ex.getMessage());
        }
        final Path journal = out.resolve("journal");
        if (!noJournal && Files.exists(journal))
        {
            throw new ParameterException(spec.commandLine(), out + " already holds a journal: choose an empty --out");
        }
        final PrintStream err = System.err;
        final long start = System.nanoTime();
        final DayGenerator.Summary summary = new DayGenerator(settings).write(out);
        final double genSeconds = (System.nanoTime() - start) / 1e9;
        if (!quiet)
        {
            err.printf(Locale.ROOT, "moneyflow: generated %,d trade records (%,d fills, %,d cancels) and %,d order " +
                "records (%,d additions, %,d withdrawals) for %,d stocks in %.1f s%n", summary.trades(),
                summary.fills(), summary.cancels(), summary.orders(), summary.additions(), summary.withdrawals(),
                symbols, genSeconds);
        }
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("symbols", symbols);
        report.put("seed", seed);
        report.put("date", date);
        report.put("tradeRecords", summary.trades());
        report.put("fills", summary.fills());
        report.put("cancels", summary.cancels());
        report.put("orderRecords", summary.orders());
        report.put("additions", summary.additions());
        report.put("withdrawals", summary.withdrawals());
        report.put("aggressiveOrders", summary.aggressiveOrders());
        report.put("ordersFilledOnArrivalUnpublished", summary.unpublishedOrders());
        report.put("restingOrdersFilled", summary.restingOrdersFilled());
        report.put("cancelsOfTheOldestInADeepBook", summary.depthCancels());
        report.put("openingAuctionFills", summary.openingFills());
        report.put("closingAuctionFills", summary.closingFills());
        report.put("tradesCsvBytes", summary.tradesBytes());
        report.put("ordersCsvBytes", summary.ordersBytes());
        report.put("generateSeconds", Math.round(genSeconds * 10) / 10.0);

        int status = 0;
        if (!noJournal)
        {
            engine.securities = out.resolve("securities.csv");
            engine.journal = journal;
            final long runStart = System.nanoTime();
            try (PrintStream result = new PrintStream(Files.newOutputStream(out.resolve("moneyflow.csv")), false,
                StandardCharsets.UTF_8))
            {
                status = FlowCommand.run(engine, List.of(out.resolve("trades.csv"), out.resolve("orders.csv")),
                    Set.of(), Format.csv, quiet, result, err);
            }
            final double runSeconds = (System.nanoTime() - runStart) / 1e9;
            report.put("journalRunSeconds", Math.round(runSeconds * 10) / 10.0);
            if (!quiet)
            {
                err.printf(Locale.ROOT, "moneyflow: journaled into %s and wrote moneyflow.csv in %.1f s%n", journal,
                    runSeconds);
            }
        }
        final Json json = new Json().beginObject();
        report.forEach((k, v) ->
        {
            if (v instanceof Number)
            {
                json.number(k, v);
            }
            else
            {
                json.string(k, String.valueOf(v));
            }
        });
        Files.writeString(out.resolve("gen.json"), json.endObject() + "\n", StandardCharsets.UTF_8);
        return status;
    }
}

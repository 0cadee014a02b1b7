package io.moneyflow.tools;

import io.moneyflow.EngineContext;
import io.moneyflow.classify.DirectionRule;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.OrderSizeBasis;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.codec.SymbolCodes;
import io.moneyflow.codec.csv.Layout;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.reference.ReferenceData;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The options every ingesting command shares: how to read the inputs and how to classify them.
 */
final class EngineOptions
{
    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Mixin
    LayoutOptions layout;

    @Option(names = "--scheme", paramLabel = "NAME|FILE", defaultValue = "eastmoney",
        description = "Size classes: eastmoney (default), tushare, sina, seed, or a CSV file with header " +
            "class,minShares,minAmount.")
    String scheme;

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "order",
        description = "trade (逐笔), order (逐单, default: cumulative fills of each aggressive order for the day) or " +
            "order-bar (cumulative per order within each bar).")
    String mode;

    @Option(names = "--order-size", paramLabel = "BASIS", defaultValue = "aggressive",
        description = "In the order modes, which fills size an aggressive order: aggressive (default: the fills " +
            "where it was the aggressor) or all.")
    String orderSize;

    @Option(names = "--direction", paramLabel = "RULE", defaultValue = "auto",
        description = "Aggressor rule: auto (default: exchange flag, auction prints neutral, order numbers, then " +
            "Lee-Ready), flag, order-no, tick, quote or lee-ready.")
    String direction;

    @Option(names = "--bar", paramLabel = "LENGTH", defaultValue = "1m",
        description = "Bar length, e.g. 1m (default), 5m, 30m; must divide 120 minutes.")
    String bar;

    @Option(names = "--securities", paramLabel = "FILE",
        description = "Reference data. Default: config/securities.csv of the installation.")
    Path securities;

    @Option(names = "--counters", paramLabel = "FILE",
        description = "Keep the off-heap counters in FILE (readable by 'moneyflow counters FILE' from another " +
            "process while this one runs). Default: a temporary file.")
    Path counters;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "Journal every input record (accepted or rejected) into DIR, a Chronicle Queue. A journal " +
            "already there from an interrupted run of the same settings and inputs is replayed and continued.")
    Path journal;

    @Option(names = "--journal-batch", paramLabel = "N", defaultValue = "1024",
        description = "Most records per journal excerpt (1 = one excerpt per record). Default 1024.")
    int journalBatch;

    @Option(names = "--journal-sync", paramLabel = "MS", defaultValue = "0",
        description = "msync the journal at most every MS milliseconds, so that a machine crash loses at most that " +
            "much. Default 0: no msync (a crash of the process loses nothing; of the machine, the unsynced tail).")
    long journalSync;

    @Option(names = "--max-symbols", paramLabel = "N",
        description = "Most distinct symbols (and symbol-days) per run. Default: reference data plus 1024.")
    int maxSymbols;

    @Option(names = "--order-capacity", paramLabel = "N",
        description = "Starting size of the order table's hash part, which holds the orders that have no channel " +
            "and number to page them by; it doubles when fuller than three quarters. Default 16384.")
    int orderCapacity;

    @Option(names = "--max-backwards-ms", paramLabel = "MS", defaultValue = "1000",
        description = "Reject a record whose time is earlier than the latest of its stock and stream in the same " +
            "input by more than MS, and a single record that jumps ahead by more than MS while the next comes back " +
            "(default 1000).")
    int maxBackwardsMs;

    @Option(names = "--sort-dir", paramLabel = "DIR",
        description = "Where an input that is not in time order (a file sorted by stock) is sorted when it holds " +
            "more than --sort-run-records records (default: the system's temporary directory).")
    Path sortDir;

    @Option(names = "--sort-run-records", paramLabel = "N", defaultValue = "524288",
        description = "Most records of such an input sorted at once in memory (default and most 524288: about " +
            "46 MiB of trades and orders); a longer input is sorted in runs written to --sort-dir and merged.")
    int sortRunRecords;

    @Option(names = "--pipeline", paramLabel = "KIND", defaultValue = "auto",
        description = "split: classify and aggregate each on its own thread; fused: both on one thread; auto " +
            "(default): fused below 4 processors.")
    String pipeline;

    @Option(names = "--ring", paramLabel = "N",
        description = "Ring size in events, a power of two (default " + EngineContext.RING_SIZE_DEFAULT + ").")
    int ring;

    @Option(names = "--wait", paramLabel = "STRATEGY", defaultValue = "blocking",
        description = "Ring wait strategy: blocking (default), sleeping, yielding, busy-spin.")
    String wait;

    EngineContext context()
    {
        final EngineContext context = new EngineContext();
        try
        {
            context.scheme(SizeScheme.resolve(scheme));
            context.mode(FlowMode.parse(mode));
            context.basis(OrderSizeBasis.parse(orderSize));
            context.direction(DirectionRule.parse(direction));
            context.barMinutes(barMinutes(bar));
            if (layout.layoutDir != null && !Files.isDirectory(layout.layoutDir))
            {
                throw new IllegalArgumentException("--layout-dir " + layout.layoutDir + " is not a directory");
            }
            final Layouts layouts = layout.layouts();
            context.layouts(layouts);
            final Layout forced = layout.forced(layouts);
            if (forced != null)
            {
                context.forcedLayout(forced);
            }
            context.maxBackwardsMs(maxBackwardsMs);
            context.sortRunRecords(sortRunRecords);
            if (sortDir != null)
            {
                context.sortDir(sortDir);
            }
            context.waitStrategy(io.moneyflow.ring.RingWait.parse(wait));
            if (ring > 0)
            {
                context.ringSize(ring);
            }
            context.pipeline(io.moneyflow.ring.Pipeline.parse(pipeline));
            if (maxSymbols > 0)
            {
                context.maxSymbols(maxSymbols);
            }
            if (orderCapacity < 0)
            {
                throw new IllegalArgumentException("--order-capacity must not be negative");
            }
            if (orderCapacity > 0)
            {
                context.orderCapacity(orderCapacity);
            }
            context.reference(reference());
            if (counters != null)
            {
                context.countersFile(counters);
            }
            if (journal != null)
            {
                context.journalDir(journal).journalBatchRecords(journalBatch).journalSyncMs(journalSync);
            }
            // Validate everything now, so that a bad value is a usage error (exit 2) with its own message.
            return context.conclude();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ParameterException(spec.commandLine(), Messages.forCli(ex.getMessage()), ex);
        }
    }

    ReferenceData reference()
    {
        // read once a run: a command asks for it and so does the engine context it builds
        if (loadedReference == null)
        {
            loadedReference = loadReference();
        }
        return loadedReference;
    }

    /** The securities file as read by {@link #reference()}. */
    private ReferenceData loadedReference;

    private ReferenceData loadReference()
    {
        final Path file = securities != null ? securities : Home.securities();
        if (securities != null && !Files.isRegularFile(file))
        {
            throw new ParameterException(spec.commandLine(), "--securities " + file + " is not a readable file");
        }
        if (!Files.isRegularFile(file))
        {
            return ReferenceData.empty();
        }
        final ReferenceData reference = ReferenceData.load(file);
        if (reference.undatedFigures() > 0 && !undatedNoted)
        {
            undatedNoted = true;
            System.err.println("moneyflow: " + file + ": " + reference.undatedFigures() + " row(s) without a validFrom " +
                "give float shares, total shares, PE or a previous close, which no day uses: a figure holds only from " +
                "its row's validFrom (see README, Configuration)");
        }
        return reference;
    }

    /** The note on undated figures is said once a run. */
    private boolean undatedNoted;

    static int barMinutes(final String text)
    {
        final String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        final String digits = t.endsWith("m") ? t.substring(0, t.length() - 1) : t.endsWith("h") ?
            t.substring(0, t.length() - 1) : t;
        final int value;
        try
        {
            value = Integer.parseInt(digits);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--bar '" + text + "' is not a length such as 1m or 5m");
        }
        return t.endsWith("h") ? value * 60 : value;
    }

    static Set<Long> symbols(final List<String> symbols, final CommandSpec spec)
    {
        final Set<Long> keys = new HashSet<>();
        if (symbols != null)
        {
            for (final String s : symbols)
            {
                keys.add(symbol(s, spec));
            }
        }
        return keys;
    }

    /**
     * @param text a symbol, e.g. 000001.SZ.
     * @param spec the command, for the usage error.
     * @return its key ({@link SymbolCodes#parse}).
     */
    static long symbol(final String text, final CommandSpec spec)
    {
        final long key = SymbolCodes.parse(text.trim());
        if (key == SymbolCodes.INVALID)
        {
            throw new ParameterException(spec.commandLine(), "'" + text + "' is not a symbol such as 000001.SZ");
        }
        return key;
    }
}

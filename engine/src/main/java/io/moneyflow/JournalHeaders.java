package io.moneyflow;

import io.moneyflow.classify.DirectionRule;
import io.moneyflow.classify.FlowMode;
import io.moneyflow.classify.OrderSizeBasis;
import io.moneyflow.classify.SizeScheme;
import io.moneyflow.journal.JournalHeader;
import io.moneyflow.reference.ReferenceData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Translates between an {@link EngineContext} and a journal's header: the settings that decide what the engine
 * computes from the records, and the identity of the inputs (path and size of every file).
 */
public final class JournalHeaders
{
    private static final String FORMAT = "1";

    private JournalHeaders()
    {
    }

    /**
     * @param context the engine's settings, concluded.
     * @param inputs  the paths the run reads.
     * @return the header a journal of this run carries.
     */
    public static JournalHeader of(final EngineContext context, final List<Path> inputs)
    {
        final Map<String, String> values = new TreeMap<>();
        values.put("format", FORMAT);
        values.put("mode", context.mode().label());
        values.put("orderSize", context.basis().label());
        values.put("direction", context.direction().label());
        values.put("measuredRule", context.measuredRule() == null ? "none" : context.measuredRule().label());
        values.put("barMinutes", Integer.toString(context.barMinutes()));
        values.put("maxSymbols", Integer.toString(context.maxSymbols()));
        values.put("maxSlots", Integer.toString(context.maxSlots()));
        values.put("maxBackwardsMs", Integer.toString(context.maxBackwardsMs()));
        values.put("scheme.name", context.scheme().name());
        values.put("scheme.table", context.scheme().toTable());
        values.put("securities", context.reference().toText());
        values.put("inputs", identity(inputs));
        values.put("feed", context.szseSequences() ? "szse" : "files");
        return new JournalHeader(values);
    }

    /**
     * @param context the engine's settings, concluded.
     * @param feed    the live feed's name, e.g. {@code szse://host:port}.
     * @return the header a journal of a live SZSE session carries.
     */
    public static JournalHeader ofLive(final EngineContext context, final String feed)
    {
        final Map<String, String> values = new TreeMap<>(of(context, List.of()).values());
        values.put("inputs", feed + "\n");
        values.put("feed", "szse");
        return new JournalHeader(values);
    }

    /**
     * Settings for an engine that replays a journal: everything that decides the numbers comes from the header.
     *
     * @param header a journal's header.
     * @return a context to finish (counters file, wait strategy) and launch; it has no journal of its own.
     */
    public static EngineContext context(final JournalHeader header)
    {
        if (!FORMAT.equals(header.get("format")))
        {
            throw new IllegalArgumentException("journal header format " + header.get("format") + " is not " + FORMAT);
        }
        final String measured = header.get("measuredRule");
        return new EngineContext()
            .mode(FlowMode.parse(header.get("mode")))
            .basis(OrderSizeBasis.parse(header.get("orderSize")))
            .direction(DirectionRule.parse(header.get("direction")))
            .measuredRule(measured == null || measured.equals("none") ? null : DirectionRule.parse(measured))
            .barMinutes(Integer.parseInt(header.get("barMinutes")))
            .maxSymbols(Integer.parseInt(header.get("maxSymbols")))
            .maxSlots(Integer.parseInt(header.get("maxSlots")))
            .maxBackwardsMs(Integer.parseInt(header.get("maxBackwardsMs")))
            .scheme(SizeScheme.fromTable(header.get("scheme.name"), header.get("scheme.table")))
            .reference(ReferenceData.fromText(header.get("securities"), "journal header"))
            .szseSequences("szse".equals(header.get("feed")));
    }

    private static String identity(final List<Path> inputs)
    {
        final StringBuilder sb = new StringBuilder();
        for (final Path input : inputs)
        {
            final Path path = input.toAbsolutePath().normalize();
            try
            {
                if (Files.isDirectory(path))
                {
                    try (Stream<Path> walk = Files.walk(path))
                    {
                        for (final Path file : walk.filter(Files::isRegularFile).sorted().toList())
                        {
                            sb.append(file).append('\t').append(Files.size(file)).append('\n');
                        }
                    }
                }
                else if (Files.exists(path))
                {
                    sb.append(path).append('\t').append(Files.size(path)).append('\n');
                }
                else
                {
                    sb.append(path).append("\tmissing\n");
                }
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("cannot read " + path + ": " + ex.getMessage(), ex);
            }
        }
        return sb.toString();
    }
}

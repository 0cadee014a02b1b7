package io.moneyflow.journal;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;

import java.nio.file.Path;
import java.util.List;

/**
 * A program embedding the engine, as a user's would: no launcher, no JVM flag about analytics. Journals an input,
 * reads the journal back and checks it as {@code journal verify} does. Run by {@link ChronicleAnalyticsTest} in a JVM
 * of its own, without JUnit on the class path (Chronicle mutes its analytics when it finds JUnit).
 */
public final class AnalyticsProbe
{
    private AnalyticsProbe()
    {
    }

    /**
     * @param args the journal directory, then an input file.
     */
    public static void main(final String[] args)
    {
        final Path journal = Path.of(args[0]);
        try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
        {
            engine.ingest(List.of(Path.of(args[1])));
        }
        try (Journal reader = Journal.open(journal))
        {
            System.out.println("records " + reader.read(null).records());
        }
        System.out.println("chronicle " + JournalRepair.chronicleCheck(journal));
    }
}

package io.moneyflow.sim;

import io.moneyflow.Engine;
import io.moneyflow.EngineContext;
import io.moneyflow.JournalHeaders;
import io.moneyflow.Samples;
import io.moneyflow.codec.csv.Layouts;
import io.moneyflow.counters.CountersDescriptor.DayField;
import io.moneyflow.counters.CountersDigest;
import io.moneyflow.counters.FlowCountersReader;
import io.moneyflow.counters.SlotView;
import io.moneyflow.feed.RunLog;
import io.moneyflow.feed.SzseSession;
import io.moneyflow.journal.Journal;
import io.moneyflow.journal.ReplayFilter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.assertj.core.api.Assertions.assertThat;

class SzseLoopbackTest
{
    private static final Path DAY = Samples.path("ddb-l2-20230201/tradeData.zip");
    /** 600519.SH: SSE trades, orders (Balance semantics, deletions) and snapshots. */
    private static final Path SSE_DAY = Samples.path("ddb-l2-20230201/20230201.zip");

    @TempDir
    Path dir;

    private static String fileDigest(final Path day)
    {
        try (Engine engine = Engine.launch(new EngineContext()))
        {
            engine.ingest(List.of(day));
            return CountersDigest.sha256(engine.counters());
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldComputeOverTheWireWhatItComputesFromTheFile() throws Exception
    {
        assertThat(serveAndRun(DAY)).isEqualTo(181_683);
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldComputeOverTheWireWhatItComputesFromTheFileForSseOrdersAndSnapshots() throws Exception
    {
        // trade.csv 27,135 + entrust.csv 54,735 + snapshot.csv 5,109
        assertThat(serveAndRun(SSE_DAY)).isEqualTo(27_135 + 54_735 + 5_109);
    }

    private static long serveAndRun(final Path day) throws Exception
    {
        final List<String> serverLog = new ArrayList<>();
        try (SzseFeedServer server = new SzseFeedServer(0, List.of(day), Layouts.bundled(), null, 0, Set.of(), 0, 1,
            null, serverLog::add))
        {
            final CompletableFuture<SzseFeedServer.Faults> served = Serve.async(server);
            final List<String> messages = new ArrayList<>();
            try (Engine engine = Engine.launch(new EngineContext()))
            {
                final Engine.LiveRun run = engine.runLive(new SzseSession.Config("127.0.0.1", server.port(), "client",
                    "gateway", "", 5, true), messages::add, s -> { });
                assertThat(run.outcome()).isEqualTo(SzseSession.Outcome.CHANNELS_ENDED);
                final RunLog log = run.log();
                assertThat(log.rejectedTotal()).as(messages.toString()).isZero();
                assertThat(log.gaps()).isZero();
                assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(fileDigest(day));
            }
            return served.get(30, TimeUnit.SECONDS).framesSent;
        }
    }

    /** Fills and cancels in the counters: one per trade record that reached them. */
    private static long tradeRecords(final Engine engine)
    {
        final FlowCountersReader reader = engine.reader();
        final SlotView view = reader.newView();
        long sum = 0;
        for (int slot = 0; slot < reader.slotsUsed(); slot++)
        {
            reader.read(slot, view);
            sum += view.day(DayField.TRADES) + view.day(DayField.CANCELS);
        }
        return sum;
    }

    /**
     * A journaled live run stopped part-way and started again on its journal continues the stream: every record the
     * gateway sent is either counted or reported missing (sent to the first session and not yet read when it
     * stopped); nothing is skipped silently. Before the fix the second session skipped as many arriving records as
     * the journal held, as if the gateway sent the day again from its start (60,053 fills and cancels lost in one run).
     */
    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldLoseNothingWhenALiveRunContinuesOnItsJournal() throws Exception
    {
        final Path journal = dir.resolve("journal");
        // tradeData.zip holds only trades and cancels: 181,683 records, numbered 1.. on their channels
        final List<String> serverLog = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (SzseFeedServer server = new SzseFeedServer(0, List.of(DAY), Layouts.bundled(), null, 50_000, Set.of(),
            0, 1, null, serverLog::add))
        {
            final CompletableFuture<SzseFeedServer.Faults> served = Serve.async(server);
            final SzseSession.Config config = new SzseSession.Config("127.0.0.1", server.port(), "client", "gateway",
                "", 5, true);
            final long firstSession;
            try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
            {
                final Engine.LiveRun run = engine.runLive(config, m -> { }, session ->
                {
                    final Thread watcher = new Thread(() ->
                    {
                        // stop once a third of the day is in (the server sends 50,000 a second)
                        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                        while (tradeRecords(engine) < 60_000 && System.nanoTime() < deadline)
                        {
                            LockSupport.parkNanos(1_000_000);
                        }
                        session.stop();
                    });
                    watcher.setDaemon(true);
                    watcher.start();
                });
                assertThat(run.outcome()).isEqualTo(SzseSession.Outcome.STOPPED);
                firstSession = tradeRecords(engine);
                assertThat(firstSession).isBetween(60_000L, 150_000L);
            }
            final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();
            final String continued;
            try (Engine engine = Engine.launch(new EngineContext().journalDir(journal)))
            {
                final Engine.LiveRun run = engine.runLive(config, messages::add, s -> { });
                assertThat(run.outcome()).as("client " + messages + ", server " + serverLog)
                    .isEqualTo(SzseSession.Outcome.CHANNELS_ENDED);
                final RunLog log = run.log();
                assertThat(tradeRecords(engine) + log.missing()).as(messages.toString()).isEqualTo(181_683);
                assertThat(log.rejectedTotal()).as(messages.toString()).isZero();
                continued = CountersDigest.sha256(engine.counters());
            }
            assertThat(served.get(30, TimeUnit.SECONDS).framesSent).isEqualTo(181_683);
            // and the journal of both sessions replays to the same numbers
            try (Journal source = Journal.open(journal);
                 Engine engine = Engine.launch(JournalHeaders.context(source.read(null).header())))
            {
                engine.replay(source, ReplayFilter.ALL, 0, m -> { });
                assertThat(CountersDigest.sha256(engine.counters())).isEqualTo(continued);
            }
        }
    }
}

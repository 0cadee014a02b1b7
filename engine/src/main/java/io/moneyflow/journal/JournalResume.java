package io.moneyflow.journal;

import io.moneyflow.feed.Feed;

import java.util.function.Consumer;

/**
 * Continues the run a journal holds before a run journals into it. A fresh journal gets the run's header; one holding
 * a run of the same settings and inputs is checked end to end and replayed into the engine through the run's feed,
 * whose positions then follow on: a file run reads its inputs again and skips the records the journal holds; a live
 * run judges what the gateway sends again by the sequence numbers the replay restored. A journal holding another run,
 * or damaged, is refused before anything is written into it.
 */
public final class JournalResume
{
    private JournalResume()
    {
    }

    /**
     * @param journal  the run's journal.
     * @param handler  the journal stage, told which streams the journal names already.
     * @param feed     the run's feed, not yet journaling.
     * @param header   the run's header: its settings and inputs.
     * @param messages where notes go.
     * @param live     true for a live run.
     * @throws JournalException when the journal is damaged, holds another run, or lacks records a file run needs.
     */
    public static void resume(
        final Journal journal, final JournalHandler handler, final Feed feed, final JournalHeader header,
        final Consumer<String> messages, final boolean live)
    {
        for (final String note : journal.recovered())
        {
            messages.accept("journal " + journal.dir() + ": " + note);
        }
        final Journal.ReadResult check = journal.read(null);
        if (check.damage() != null)
        {
            throw new JournalException(Journal.damaged(journal.dir(), check.damage()));
        }
        if (check.header() == null)
        {
            if (check.excerpts() > 0)
            {
                throw new JournalException(Journal.damaged(journal.dir(), "records but no header"));
            }
            journal.writeHeader(header);
            return;
        }
        if (check.lostPositions() > 0 && !live)
        {
            throw new JournalException("journal " + journal.dir() + " lacks " + String.format("%,d",
                check.lostPositions()) + " input records that a repair found damaged: a run cannot continue it " +
                "without them. 'moneyflow replay' and 'audit' still read it (and say what is missing); journal this " +
                "run afresh into another directory, the inputs hold every record");
        }
        final String difference = check.header().difference(header);
        if (difference != null)
        {
            throw new JournalException("journal " + journal.dir() + " holds another run (" + difference +
                "); resume it with the same settings and inputs, or journal this run elsewhere");
        }
        final JournalReplay replay = new JournalReplay(feed, ReplayFilter.ALL, 0);
        feed.replaying(true);
        journal.read(replay);
        feed.replaying(false);
        journal.resumed(check);
        handler.resumeSources(check.sources());
        if (live)
        {
            feed.continueAfter(check.lastPosition(), check.sources());
            if (check.lastPosition() > 0)
            {
                messages.accept("resuming from journal " + journal.dir() + ": " +
                    String.format("%,d", check.lastPosition()) + " input records already journaled are replayed; " +
                    "what the gateway sends again is dropped as duplicates");
            }
            return;
        }
        feed.resumeAfter(check.lastPosition(), check.sources());
        if (check.lastPosition() > 0)
        {
            messages.accept("resuming from journal " + journal.dir() + ": " + String.format("%,d", check.lastPosition()) +
                " input records already journaled are replayed, then skipped in the input");
        }
    }
}

package io.moneyflow.journal;

/**
 * Chronicle Queue sends usage analytics by default: a DNS lookup and an HTTP request to an analytics host, and a
 * client id written into the user's home directory ({@code ~/.chronicle.analytics.client.id}). moneyflow never
 * phones home, whoever starts it (the launcher, {@code java -jar}, or a program embedding the engine): every class
 * of moneyflow that opens a queue calls {@link #disable()} in its static initialiser, before Chronicle Queue builds
 * one. A value the user set explicitly ({@code -Dchronicle.analytics.disable=false}) is left as it is.
 */
public final class ChronicleAnalytics
{
    /** The system property Chronicle reads. */
    public static final String PROPERTY = "chronicle.analytics.disable";

    private ChronicleAnalytics()
    {
    }

    /**
     * Switches Chronicle's analytics off for this JVM unless the user chose otherwise. Idempotent; any thread.
     */
    public static void disable()
    {
        if (System.getProperty(PROPERTY) == null)
        {
            System.setProperty(PROPERTY, "true");
        }
    }
}

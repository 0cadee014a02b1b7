package io.moneyflow.fuzz;

import org.junit.platform.launcher.EngineFilter;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.util.Arrays;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;
import static org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder.request;

/**
 * Runs one Jazzer fuzz test outside Maven, so that several can fuzz at once from one build (each in its own JVM):
 * {@code bin/fuzz} calls it with the test's class and method and the duration. Set {@code JAZZER_FUZZ=1} in the
 * environment to fuzz; without it the test runs on its regression corpus only.
 */
public final class FuzzMain
{
    private FuzzMain()
    {
    }

    /**
     * @param args {@code fully.qualified.Class#method [duration]}, e.g. {@code io.moneyflow.feed.SzseFeedFuzzTest#...
     *             10m}.
     */
    public static void main(final String[] args) throws ClassNotFoundException
    {
        if (args.length < 1 || !args[0].contains("#"))
        {
            System.err.println("usage: FuzzMain CLASS#METHOD [DURATION]");
            System.exit(2);
        }
        final String duration = args.length > 1 ? args[1] : "10m";
        final String[] target = args[0].split("#", 2);
        final Class<?> testClass = Class.forName(target[0]);
        final Method method = Arrays.stream(testClass.getDeclaredMethods())
            .filter(m -> m.getName().equals(target[1]))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("no method " + args[0]));
        final LauncherDiscoveryRequest request = request()
            .selectors(selectMethod(testClass, method))
            .filters(EngineFilter.includeEngines("junit-jupiter"))
            .configurationParameter("jazzer.max_duration", duration)
            // the project's default per-test timeout would stop a long fuzzing run
            .configurationParameter("junit.jupiter.execution.timeout.default", "24 h")
            .build();
        final Launcher launcher = LauncherFactory.create();
        final SummaryGeneratingListener summary = new SummaryGeneratingListener();
        launcher.execute(request, summary);
        final TestExecutionSummary result = summary.getSummary();
        result.printTo(new PrintWriter(System.out));
        result.printFailuresTo(new PrintWriter(System.out), 30);
        System.exit(result.getTotalFailureCount() == 0 && result.getTestsSucceededCount() > 0 ? 0 : 1);
    }
}

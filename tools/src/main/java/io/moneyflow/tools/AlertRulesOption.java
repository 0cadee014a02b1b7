package io.moneyflow.tools;

import io.moneyflow.signal.AlertRules;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --alert-rules} of the commands that raise alerts (through {@link OutputOptions}, and {@code close-day}).
 */
final class AlertRulesOption
{
    @Option(names = "--alert-rules", paramLabel = "FILE", description = "Alert thresholds. Default: " +
        "config/alerts.properties of the installation.")
    Path file;

    /**
     * @return the thresholds of --alert-rules, else of the installation's config/alerts.properties, else the defaults.
     * @throws IllegalArgumentException when --alert-rules names no readable file.
     */
    AlertRules rules()
    {
        final Path rules = file != null ? file : Home.dir().resolve("config").resolve("alerts.properties");
        if (file != null && !Files.isRegularFile(rules))
        {
            throw new IllegalArgumentException("--alert-rules " + rules + " is not a readable file");
        }
        return Files.isRegularFile(rules) ? AlertRules.load(rules) : AlertRules.defaults();
    }
}

package io.moneyflow.tools;

import picocli.CommandLine.Option;

/**
 * The output options every ingesting command shares.
 */
final class OutputOptions
{
    @Option(names = "--format", defaultValue = "table", paramLabel = "FORMAT",
        description = "table (default), csv or json.")
    Format format;

    @Option(names = {"-q", "--quiet"}, description = "No progress lines on stderr.")
    boolean quiet;
}

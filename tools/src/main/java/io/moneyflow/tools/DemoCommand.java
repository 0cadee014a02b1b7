package io.moneyflow.tools;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code moneyflow demo}: the bundled sample day through the engine, needing nothing else.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the bundled sample (real Level-2 data of 2023-02-01: 000001.SZ, 600000.SH, 600519.SH) " +
        "through the engine and print the money-flow table. Takes the same options as 'flow'.")
final class DemoCommand implements Callable<Integer>
{
    @Mixin
    EngineOptions engine;

    @Mixin
    OutputOptions output;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call()
    {
        FileOutput.check(output.file, output.format, spec);
        FileOutput.checkColumns(output.file, engine.scheme, false, spec);
        final Path sample = Home.sample().resolve("ddb-l2-20230201");
        if (!Files.isDirectory(sample))
        {
            System.err.println("moneyflow: the bundled sample is not at " + sample +
                "; run from the moneyflow folder or set MONEYFLOW_HOME");
            return 1;
        }
        if (output.format == Format.table && !output.quiet)
        {
            System.out.println("moneyflow demo: " + sample + " (SZSE and SSE Level-2, 2023-02-01; see NOTICE)");
            System.out.println();
        }
        return FlowCommand.run(engine, List.of(sample), Set.of(), output, System.out, System.err);
    }
}

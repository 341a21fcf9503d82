package io.ticketpulse.app;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The options of every subcommand: {@code --help}, and {@code --options-file} (read by {@link OptionLayers}
 * before the command line is parsed; the field only makes it a known, documented option).
 */
final class CommonOptions {

    /** The option that names the options file. */
    static final String OPTIONS_FILE = "--options-file";

    @Option(names = OPTIONS_FILE, paramLabel = "FILE", converter = CliConverters.ExistingFile.class,
            description = "Options from a YAML (.yaml, .yml) or Java properties (.properties) file, one key per"
                    + " option without its leading --, e.g. window-size: 2h; a list for a repeatable option;"
                    + " true/false for a flag. The command line wins over it.")
    Path optionsFile;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Print this help and exit.")
    boolean help;
}

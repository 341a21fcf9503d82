package io.ticketpulse.app;

import io.ticketpulse.app.JobOptions.OptionException;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ticketpulse simulate}: the built-in ticket simulator as a Kafka producer job ({@link SimulatorJob}).
 */
@Command(name = "simulate", sortOptions = false, abbreviateSynopsis = true, showDefaultValues = true, usageHelpWidth = 120,
        headerHeading = "%n",
        header = "Produce simulated ticket events to a Kafka topic (a Flink job), keyed by ticket id, at least once.",
        descriptionHeading = "%n",
        description = "The same records the embedded run simulates, deliberately malformed, duplicated and late ones"
                + " included. Precedence of a setting: command line > environment (secrets) > --options-file > Flink"
                + " configuration (ticketpulse.*) > default.")
final class SimulateCommand implements Callable<Integer> {

    /** The simulated clock may start this far ahead of the wall clock (the job's default --max-future-skew). */
    static final Duration MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    @ParentCommand
    TicketPulseCli cli;

    @Spec
    CommandSpec spec;

    @ArgGroup(validate = false, heading = "%nKafka connection:%n", order = 1)
    SharedOptions.KafkaConnection kafka = new SharedOptions.KafkaConnection();

    @ArgGroup(validate = false, heading = "%nSimulator:%n", order = 2)
    SharedOptions.SimulationSettings simulation = new SharedOptions.SimulationSettings();

    @ArgGroup(validate = false, heading = "%nFlink runtime:%n", order = 3)
    SharedOptions.RuntimeSettings runtime = new SharedOptions.RuntimeSettings();

    @ArgGroup(validate = false, heading = "%nOptions file and help:%n", order = 4)
    CommonOptions common = new CommonOptions();

    @Override
    public Integer call() {
        return SimulatorJob.run(settings(), cli.out(), cli.err(), cli.clock());
    }

    /**
     * The checked settings.
     *
     * @throws OptionException naming the option and the problem
     */
    SimulatorJob.Settings settings() {
        if (kafka.bootstrapServers == null) {
            throw new OptionException("--kafka-bootstrap-servers: is required (where to produce the events)");
        }
        long events = simulation.events(option -> cli.given(spec, option));
        simulation.checkStart(cli.clock(), MAX_FUTURE_SKEW);
        return new SimulatorJob.Settings(kafka.bootstrapServers, kafka.eventsTopic, kafka.clientProperties(),
                simulation.simulatorOptions(events), simulation.runForever, runtime.parallelism,
                runtime.checkpointInterval);
    }
}

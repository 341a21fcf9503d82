package io.ticketpulse.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the domain, the simulator core and the importers plain Java, and the topology free of concrete I/O. */
@AnalyzeClasses(packages = "io.ticketpulse", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule domainHasNoFlink = noClasses()
            .that().resideInAPackage("io.ticketpulse.domain..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
            .because("the ticket lifecycle and KPI maths are plain Java, unit-tested without a cluster");

    @ArchTest
    static final ArchRule simulatorHasNoFlink = noClasses()
            .that().resideInAPackage("io.ticketpulse.simulator..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
            .because("the ticket simulator is plain Java; io.SimulatorSource adapts it to Flink");

    @ArchTest
    static final ArchRule importerHasNoFlink = noClasses()
            .that().resideInAPackage("io.ticketpulse.importer..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
            .because("importers turn other systems' exports into ticket-event records, plain Java (a CLI, not a job)");

    @ArchTest
    static final ArchRule reportHasNoFlink = noClasses()
            .that().resideInAPackage("io.ticketpulse.report..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.flink..")
            .because("the run report reads files and writes a page, plain Java (a CLI, not a job)");

    @ArchTest
    static final ArchRule pipelineConstructsNoConcreteIo = noClasses()
            .that().resideInAPackage("io.ticketpulse.pipeline..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.apache.flink.connector.kafka..", "org.apache.flink.connector.file..", "io.ticketpulse.app..")
            .because("sources and sinks are injected into the topology builder");
}

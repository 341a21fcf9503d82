package io.ticketpulse.reference;

import java.util.List;

/**
 * A generated input script for the per-ticket engine: the settings, the processing time the harness starts at, and
 * the steps in order. Printed one step a line, instants relative to T0, so a shrunk failing case reads as a story.
 */
public record Scenario(ReferenceSettings settings, long initialProcessingTimeMs, List<Step> steps) {

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("Scenario[").append(settings).append(", wall clock starts at ")
                .append(Times.at(initialProcessingTimeMs)).append(", ").append(steps.size()).append(" steps]");
        for (int i = 0; i < steps.size(); i++) {
            b.append("\n  ").append(String.format("%3d  ", i + 1)).append(steps.get(i));
        }
        return b.toString();
    }
}

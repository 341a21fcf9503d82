package io.ticketpulse.io;

import java.util.List;

/**
 * An SLA policy file that cannot be used: unreadable, not JSON/YAML, not a valid {@code sla-policy} v1 file, or
 * semantically wrong. The message names the file and lists every problem, each as {@code <where>: <what>}, where
 * {@code <where>} is a JSON path inside the file (e.g. {@code $.policies[2].targets.first_response}) or, for a
 * syntax error, {@code line L, column C}:
 *
 * <pre>
 * SLA policy file policies.yaml is invalid (2 problems):
 *   $.policies[0].targets.first_response: "10x" is not a duration (use e.g. 30s, 10m, 1h)
 *   $.policies[1].id: duplicate policy id 'p2-high' (first at $.policies[0].id)
 * </pre>
 *
 * or, for a file that cannot be read, one line: {@code SLA policy file policies.yaml cannot be read: no such file}.
 */
public class SlaPolicyException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<String> problems;

    private SlaPolicyException(String message, String source, List<String> problems, Throwable cause) {
        super(message, cause);
        this.source = source;
        this.problems = List.copyOf(problems);
    }

    /** A file that was read but is not a valid policy file; {@code problems} as {@code <where>: <what>}. */
    static SlaPolicyException invalid(String source, List<String> problems, Throwable cause) {
        StringBuilder sb = new StringBuilder("SLA policy file ").append(source).append(" is invalid (")
                .append(problems.size()).append(problems.size() == 1 ? " problem):" : " problems):");
        for (String p : problems) {
            sb.append("\n  ").append(p);
        }
        return new SlaPolicyException(sb.toString(), source, problems, cause);
    }

    /** A file that could not be read at all. */
    static SlaPolicyException unreadable(String source, String reason, Throwable cause) {
        return new SlaPolicyException("SLA policy file " + source + " cannot be read: " + reason, source,
                List.of(reason), cause);
    }

    /** The file (a path, or e.g. {@code classpath:sla/default-policies.yaml}). */
    public String source() {
        return source;
    }

    /** Every problem, as {@code <where>: <what>} (for an unreadable file: the one reason), sorted by place. */
    public List<String> problems() {
        return problems;
    }
}

package io.ticketpulse.testing;

/**
 * Runtime policy records for tests: complete policy files following {@link SlaTestPolicies#policies()} (version 1,
 * the start-up file). Version 2 sets P2 to assignment 20 min, first response 4 min, resolution 24 h (version 1:
 * 5 min, 10 min, 24 h); the other priorities are no longer tracked.
 */
public final class RuntimePolicies {

    private RuntimePolicies() {}

    /** Version 2, in force from {@code effectiveFrom} (RFC 3339), or from the record's time when null. */
    public static String version2(String effectiveFrom) {
        return "version: 2\n"
                + (effectiveFrom == null ? "" : "effective_from: \"" + effectiveFrom + "\"\n")
                + "policies:\n"
                + "  - id: p2-high\n"
                + "    match: {priorities: [P2]}\n"
                + "    targets: {assignment: 20m, first_response: 4m, resolution: 24h}\n";
    }

    /** Not a valid file: a zero target, and a version that is fine. */
    public static String invalidVersion3() {
        return "version: 3\n"
                + "policies:\n"
                + "  - id: p2-high\n"
                + "    match: {priorities: [P2]}\n"
                + "    targets: {first_response: 0m}\n";
    }
}

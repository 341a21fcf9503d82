package io.ticketpulse.testing;

import java.util.List;

/**
 * The what-if JSON lines of the hand-worked three-ticket history (worked out in {@code WhatIfComparisonTest}, times
 * in seconds here), shared by the command test and the Flink pipeline test, which must both write them.
 */
public final class WhatIfHandWorked {

    private WhatIfHandWorked() {}

    /** Line 5: the first-response totals over all channels and priorities. */
    public static final String FIRST_RESPONSE_GROUP = "{\"record\":\"group\",\"channel\":null,\"priority\":null,"
            + "\"sla_metric\":\"first_response\","
            + "\"current\":{\"met\":1,\"breached\":1,\"cancelled\":0,\"open\":1,\"attainment_pct\":50.0,"
            + "\"warnings\":2,\"pages\":{\"warning\":1,\"yellow\":1,\"orange\":0,\"red\":0},"
            + "\"overrun_p50_s\":120.0,\"overrun_p90_s\":120.0},"
            + "\"candidate\":{\"met\":0,\"breached\":3,\"cancelled\":0,\"open\":0,\"attainment_pct\":0.0,"
            + "\"warnings\":3,\"pages\":{\"warning\":3,\"yellow\":3,\"orange\":3,\"red\":2},"
            + "\"overrun_p50_s\":240.0,\"overrun_p90_s\":420.0}}";

    /**
     * Lines 7 to 9, the changed outcomes. T1 answered at 7 min: met under 10 min; under 5 min 2 min over (orange at
     * 6.5 min, red at 7.5 not reached). The conflicting e5 at 10:02 is dropped (the first e5, 10:12, wins): T2 2 min
     * over 10 min (yellow at 11) and 7 min over 5 min (red at 7.5). T3 still open at 11:00 after 9 min: warned at
     * 7.5 min under 10 min; 4 min over 5 min (red at 7.5). Each change names the ticket's life: its CREATED (T1 and
     * T2 at 10:00, T3 at 10:51).
     */
    public static final List<String> CHANGES = List.of(
            "{\"record\":\"change\",\"ticket_id\":\"T1\",\"life\":\"2026-11-22T10:00:00.000Z\","
                    + "\"sla_metric\":\"first_response\",\"cycle\":1,"
                    + "\"current\":{\"outcome\":\"met\",\"reached\":\"none\",\"policy_id\":\"p1\","
                    + "\"channel\":\"email\",\"priority\":\"P1\",\"overrun_s\":null},"
                    + "\"candidate\":{\"outcome\":\"breached\",\"reached\":\"orange\",\"policy_id\":\"p1\","
                    + "\"channel\":\"email\",\"priority\":\"P1\",\"overrun_s\":120.0}}",
            "{\"record\":\"change\",\"ticket_id\":\"T2\",\"life\":\"2026-11-22T10:00:00.000Z\","
                    + "\"sla_metric\":\"first_response\",\"cycle\":1,"
                    + "\"current\":{\"outcome\":\"breached\",\"reached\":\"yellow\",\"policy_id\":\"p1\","
                    + "\"channel\":\"chat\",\"priority\":\"P1\",\"overrun_s\":120.0},"
                    + "\"candidate\":{\"outcome\":\"breached\",\"reached\":\"red\",\"policy_id\":\"p1\","
                    + "\"channel\":\"chat\",\"priority\":\"P1\",\"overrun_s\":420.0}}",
            "{\"record\":\"change\",\"ticket_id\":\"T3\",\"life\":\"2026-11-22T10:51:00.000Z\","
                    + "\"sla_metric\":\"first_response\",\"cycle\":1,"
                    + "\"current\":{\"outcome\":\"open\",\"reached\":\"warning\",\"policy_id\":\"p1\","
                    + "\"channel\":\"email\",\"priority\":\"P1\",\"overrun_s\":null},"
                    + "\"candidate\":{\"outcome\":\"breached\",\"reached\":\"red\",\"policy_id\":\"p1\","
                    + "\"channel\":\"email\",\"priority\":\"P1\",\"overrun_s\":240.0}}");

    /** Line 0: the run record, with the two policy files' sources as the run names them. */
    public static String runLine(String currentSource, String candidateSource) {
        return "{\"record\":\"run\",\"as_of\":\"2026-11-22T11:00:00.000Z\",\"tickets\":3,"
                + "\"events\":7,\"duplicates\":1,\"rejected\":{\"MALFORMED_JSON\":1,\"DUPLICATE_CONFLICT\":1},"
                + "\"current_policy\":{\"source\":\"" + currentSource + "\",\"version\":1},"
                + "\"candidate_policy\":{\"source\":\"" + candidateSource + "\",\"version\":2}}";
    }
}

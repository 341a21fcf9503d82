package io.ticketpulse.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @ParameterizedTest
    @CsvSource({
        "2026-11-22T10:00:00Z, 2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00.123456789Z, 2026-11-22T10:00:00.123Z",
        "2026-11-22T10:00:00.1+05:30, 2026-11-22T04:30:00.100Z",
        "2026-11-22T10:00:00-00:00, 2026-11-22T10:00:00Z",
        "2026-11-22T10:00:00+23:59, 2026-11-21T10:01:00Z",
        "2026-11-22T10:00:00-23:59, 2026-11-23T09:59:00Z",
        "2016-12-31T23:59:60Z, 2016-12-31T23:59:59.999Z",
        "2026-06-30T23:59:60.75Z, 2026-06-30T23:59:59.999Z",
        "2024-02-29T00:00:00Z, 2024-02-29T00:00:00Z",
        "0001-01-01T00:00:00Z, 0001-01-01T00:00:00Z",
        "9999-12-31T23:59:59.999Z, 9999-12-31T23:59:59.999Z"
    })
    void readsEveryRfc3339Form(String text, String instant) {
        assertThat(Timestamps.parse(text)).isEqualTo(Instant.parse(instant).toEpochMilli());
        assertThat(Timestamps.isValid(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-22T10:00:00", "2026-11-22t10:00:00z", "2026-11-22 10:00:00Z",
        "2026-11-22T10:00Z", "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00.1234567890Z", "2026-11-22T24:00:00Z",
        "2026-11-22T10:60:00Z", "2026-11-22T10:00:61Z", "2026-02-29T10:00:00Z", "2026-13-01T10:00:00Z",
        "2026-11-22T10:00:00+24:00", "2026-11-22T10:00:00+05:60", "2026-11-22T10:00:00+0530",
        "+2026-11-22T10:00:00Z", "2026-11-22T10:00:00Z\n", "", "2026-11-22T10:00:00+05:30:00"})
    void refusesAnythingElse(String text) {
        assertThat(Timestamps.isValid(text)).isFalse();
        assertThatThrownBy(() -> Timestamps.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void acceptedEventTimesAreTheYears1970To2999AndTheirFormatRoundTrips() {
        assertThat(Timestamps.isEventTime(Timestamps.parse("1970-01-01T00:00:00Z"))).isTrue();
        assertThat(Timestamps.isEventTime(Timestamps.parse("1969-12-31T23:59:59.999Z"))).isFalse();
        assertThat(Timestamps.isEventTime(Timestamps.parse("2999-12-31T23:59:59.999Z"))).isTrue();
        assertThat(Timestamps.isEventTime(Timestamps.parse("3000-01-01T00:00:00Z"))).isFalse();
        // the latest event time plus the longest duration (100 years) is still written as a four-digit year
        long latest = Timestamps.MAX_EVENT_TIME_MS - 1 + 36_500L * 86_400_000L;
        assertThat(Timestamps.parse(Timestamps.format(latest))).isEqualTo(latest);
        assertThat(Timestamps.format(latest)).matches("[0-9]{4}-.*Z");
    }
}

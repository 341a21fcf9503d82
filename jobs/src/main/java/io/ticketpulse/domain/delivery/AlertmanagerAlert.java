package io.ticketpulse.domain.delivery;

import java.util.SortedMap;

/**
 * One alert as posted to Alertmanager's {@code POST /api/v2/alerts} ({@code postableAlert} of its OpenAPI
 * specification): labels, annotations, {@code startsAt} and, once the end is known, {@code endsAt} (epoch
 * milliseconds; null while firing, so that Alertmanager ends it {@code resolve_timeout} after the last re-send).
 */
public record AlertmanagerAlert(
        SortedMap<String, String> labels, SortedMap<String, String> annotations, long startsAtMs, Long endsAtMs) {}

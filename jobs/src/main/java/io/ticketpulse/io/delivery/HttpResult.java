package io.ticketpulse.io.delivery;

/**
 * A receiver's answer to one request: the HTTP status, the body (cut to a few KiB, for log lines) and the wait
 * its {@code Retry-After} header asked for in milliseconds ({@code -1} without one).
 */
public record HttpResult(int status, String body, long retryAfterMs) {

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }
}

package io.ticketpulse.domain;

import java.io.Serializable;

/**
 * Which KPI windows of one (channel, priority) get a row: the rule that keeps the KPI output proportional to the
 * input, whatever the timestamps and however long the gaps between them.
 *
 * <p>A window {@code [end - size, end)} is emitted when
 * <ol>
 *   <li>one of its panes holds facts (a <em>window with facts</em>), or
 *   <li>it is a <em>quiet window</em>, one of the first {@code quietWindows} windows after the last window
 *       holding the key's latest fact before {@code end}, and the open backlog at {@code end} is not zero.
 * </ol>
 * Nothing else is emitted: a key whose backlog stays open across a long gap reports it for {@code quietWindows}
 * windows after its last fact and again from the first window holding its next fact, with the backlog carried
 * (the backlog is a running sum, so that row shows it right). The decision depends only on the key's fact times
 * and its backlog, never on when a watermark fired or on other keys.
 *
 * <p>The bound: a pane with facts makes at most {@link #windowsPerFactPane()} = {@code size/slide + quietWindows}
 * windows exist (the {@code size/slide} windows containing it and the quiet ones after them), so a key emits at
 * most that many windows per pane with facts, hence per fact, however far apart the facts lie.
 */
public final class KpiEmissionRule implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The largest accepted {@code quietWindows}. */
    public static final int MAX_QUIET_WINDOWS = 100_000;

    /** Passed as the latest fact pane when the key has no fact before the window end. */
    public static final long NO_FACT = Long.MIN_VALUE;

    private final long sizeMs;
    private final long slideMs;
    private final int quietWindows;
    private final long reachMs;

    /**
     * @param sizeMs window size, a positive multiple of {@code slideMs}
     * @param slideMs window slide (= pane length), positive
     * @param quietWindows how many backlog-only windows follow the last window with facts, 0 to
     *     {@link #MAX_QUIET_WINDOWS}
     */
    public KpiEmissionRule(long sizeMs, long slideMs, int quietWindows) {
        if (slideMs <= 0 || sizeMs <= 0 || sizeMs % slideMs != 0) {
            throw new IllegalArgumentException(
                    "Window size " + sizeMs + " ms must be a positive multiple of the slide " + slideMs + " ms");
        }
        if (quietWindows < 0 || quietWindows > MAX_QUIET_WINDOWS) {
            throw new IllegalArgumentException(
                    "quiet-windows must be from 0 to " + MAX_QUIET_WINDOWS + ", got " + quietWindows);
        }
        this.sizeMs = sizeMs;
        this.slideMs = slideMs;
        this.quietWindows = quietWindows;
        this.reachMs = Math.addExact(sizeMs, Math.multiplyExact(slideMs, (long) quietWindows));
    }

    /** The default number of quiet windows: one window size of them, {@code size / slide}. */
    public static int defaultQuietWindows(long sizeMs, long slideMs) {
        return (int) Math.min(MAX_QUIET_WINDOWS, sizeMs / slideMs);
    }

    public int quietWindows() {
        return quietWindows;
    }

    /**
     * Whether the window ending at {@code windowEndMs} gets a row.
     *
     * @param latestFactPaneStartMs start of the latest pane with facts that starts before {@code windowEndMs}
     *     (already purged panes included), or {@link #NO_FACT}
     * @param backlogAtEnd the key's open backlog at {@code windowEndMs}
     */
    public boolean isEmitted(long windowEndMs, long latestFactPaneStartMs, long backlogAtEnd) {
        if (latestFactPaneStartMs == NO_FACT) {
            return false;
        }
        if (latestFactPaneStartMs >= windowEndMs) {
            throw new IllegalArgumentException("Fact pane " + latestFactPaneStartMs
                    + " does not start before the window end " + windowEndMs);
        }
        long sinceFact = saturatedDifference(windowEndMs, latestFactPaneStartMs);
        if (sinceFact <= sizeMs) {
            return true; // the pane lies in [end - size, end)
        }
        return backlogAtEnd != 0 && sinceFact <= reachMs;
    }

    /**
     * The end of the last window a pane with facts starting at {@code paneStartMs} can make exist (the last quiet
     * window after it): {@code paneStart + size + quietWindows * slide}, saturated at {@code Long.MAX_VALUE}.
     */
    public long lastWindowEndOf(long paneStartMs) {
        return paneStartMs > Long.MAX_VALUE - reachMs ? Long.MAX_VALUE : paneStartMs + reachMs;
    }

    /** The most windows one pane with facts can make exist: {@code size/slide + quietWindows}. */
    public long windowsPerFactPane() {
        return sizeMs / slideMs + quietWindows;
    }

    /** {@code a - b} for {@code a > b}, saturated at {@code Long.MAX_VALUE}. */
    private static long saturatedDifference(long a, long b) {
        long d = a - b;
        return d < 0 ? Long.MAX_VALUE : d;
    }

    @Override
    public String toString() {
        return "KpiEmissionRule{size=" + sizeMs + "ms, slide=" + slideMs + "ms, quietWindows=" + quietWindows + '}';
    }
}

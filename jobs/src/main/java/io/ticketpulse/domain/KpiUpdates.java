package io.ticketpulse.domain;

/**
 * Which rows a KPI window emits when the allowed lateness L is non-zero (with L = 0 both emit one final row).
 *
 * <ul>
 *   <li>{@link #EARLY_AND_LATE} (live streams): revision 0 when the watermark passes the window end, a new revision
 *       whenever a late delta changes the row, and the final row when the watermark passes end + L. How many
 *       revisions a window gets depends on when watermarks fire relative to the late data, i.e. on read speed.
 *   <li>{@link #FINAL_ONLY} (bounded replays: a file, a bounded topic range): one row per window, revision 0 and
 *       final, when the watermark passes end + L. A replay's output then depends on the data alone: byte-identical
 *       at any read speed and parallelism.
 * </ul>
 */
public enum KpiUpdates {
    EARLY_AND_LATE,
    FINAL_ONLY
}

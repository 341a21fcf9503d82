package io.ticketpulse.report;

import static io.ticketpulse.report.ReportFormat.count;
import static io.ticketpulse.report.ReportFormat.duration;
import static io.ticketpulse.report.ReportFormat.percent;
import static io.ticketpulse.report.ReportFormat.rating;
import static io.ticketpulse.report.ReportFormat.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ticketpulse.domain.report.Estimate;
import io.ticketpulse.domain.report.PlaybookKpi;
import io.ticketpulse.domain.report.RunReport;
import io.ticketpulse.domain.report.RunReport.AlertBucket;
import io.ticketpulse.domain.report.RunReport.Assessment;
import io.ticketpulse.domain.report.RunReport.ChannelFrt;
import io.ticketpulse.domain.report.RunReport.CsatBucket;
import io.ticketpulse.domain.report.RunReport.Period;
import io.ticketpulse.domain.report.RunReport.PolicyCheck;
import io.ticketpulse.domain.report.RunReport.QueueBreaches;
import io.ticketpulse.domain.sla.Severity;
import io.ticketpulse.domain.whatif.MetricResult;
import io.ticketpulse.domain.whatif.WhatIfComparison.Change;
import io.ticketpulse.domain.whatif.WhatIfComparison.Group;
import io.ticketpulse.domain.whatif.WhatIfComparison.Stats;
import io.ticketpulse.domain.whatif.WhatIfRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a {@link RunReport} as one self-contained HTML page: inline CSS, the tables as HTML, the charts drawn
 * by ECharts (the {@code org.webjars.npm:echarts} webjar's {@code echarts.common.min.js}, inlined) from the data
 * embedded as JSON. No network access when opened. Every number in a table has an {@code id}
 * ({@code assess-frt_mean-value}, {@code channel-chat-p90}, ...) so tests can read it.
 */
public final class ReportHtml {

    /** The ECharts build inlined (line and bar charts), from the webjar on the class path. */
    static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.common.min.js";

    static final String[] SEVERITIES = {"warning", "yellow", "orange", "red"};

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ReportHtml() {}

    /**
     * The page of {@code report}.
     *
     * @param title   the run's name ({@code run-20261201-081953})
     * @param sources where the numbers come from (the folder, the policy file, the targets), one line each
     */
    public static String render(RunReport report, String title, List<String> sources) {
        return render(report, title, sources, null);
    }

    /** The page of {@code report} with, when {@code whatIf} is not null, the section "What-if: candidate policy". */
    public static String render(RunReport report, String title, List<String> sources, WhatIfRecord whatIf) {
        StringBuilder h = new StringBuilder(1_200_000);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>TicketPulse report – ")
                .append(esc(title)).append("</title>\n<style>").append(CSS).append("</style>\n</head><body>\n");
        h.append("<header><h1>TicketPulse run report</h1><p class=\"sub\">").append(esc(title)).append(" · event time ")
                .append(report.firstWindowStart() == null ? "–" : esc(report.firstWindowStart().toString()))
                .append(" to ").append(report.lastWindowEnd() == null ? "–" : esc(report.lastWindowEnd().toString()))
                .append(" · KPI windows of ").append(report.windowSize() == null ? "–" : duration(
                        report.windowSize().toSeconds() * 1.0))
                .append("</p><ul class=\"sources\">");
        for (String s : sources) {
            h.append("<li>").append(esc(s)).append("</li>");
        }
        h.append("</ul></header>\n");

        assessment(h, report);
        periods(h, "daily", "Trends per day (UTC)", report.daily());
        periods(h, "weekly", "Trends per week (ISO weeks, UTC)", report.weekly());
        channels(h, report.frtByChannel());
        policy(h, report.policyChecks());
        csat(h, report.csatByFrtBucket());
        alerts(h, report);
        counts(h, report);
        if (whatIf != null) {
            h.append(whatIfSection(whatIf));
        }
        h.append("<footer>Definitions: README, section \"Report\". A run-level percentile (≈) is the count-weighted"
                + " mean of the non-overlapping windows' percentiles; the exact value lies in the range shown."
                + "</footer>\n");

        h.append("<script type=\"application/json\" id=\"report-data\">")
                .append(json(data(report)).replace("</", "<\\/")).append("</script>\n");
        h.append("<script>").append(echarts().replace("</script", "<\\/script")).append("</script>\n");
        h.append("<script>").append(CHARTS).append("</script>\n</body></html>\n");
        return h.toString();
    }

    private static void assessment(StringBuilder h, RunReport r) {
        h.append("<section id=\"assessment\"><h2>Assessment: the playbook KPIs over the run</h2>\n"
                + "<table><thead><tr><th>KPI</th><th>current (run)</th><th>target</th><th>gap</th><th>status</th>"
                + "</tr></thead><tbody>\n");
        for (Assessment a : r.assessment()) {
            String id = "assess-" + a.kpi().id();
            String status = a.met() == null ? "no data" : a.met() ? "met" : "missed";
            h.append("<tr class=\"").append(a.met() == null ? "none" : a.met() ? "met" : "missed").append("\"><td>")
                    .append(esc(a.kpi().label())).append("</td>")
                    .append(td(id + "-value", kpiValue(a.kpi(), a.value())))
                    .append(td(id + "-target", kpiValue(a.kpi(), a.target())))
                    .append(td(id + "-gap", gap(a.kpi(), a.gap())))
                    .append(td(id + "-status", status)).append("</tr>\n");
        }
        h.append("</tbody></table>\n<p class=\"note\">Backlog open at the end: <b id=\"backlog-end\">")
                .append(count(r.backlogAtEnd())).append("</b> · tickets created: <b id=\"created-total\">")
                .append(count(r.run().created())).append("</b> · resolved: <b id=\"resolved-total\">")
                .append(count(r.run().resolved())).append("</b> · first responses: <b id=\"frt-count-total\">")
                .append(count(r.run().frtCount())).append("</b></p></section>\n");
    }

    /** A KPI's value in its unit. */
    static String kpiValue(PlaybookKpi kpi, Double value) {
        return switch (kpi.unit()) {
            case SECONDS -> duration(value);
            case PERCENT -> percent(value);
            case SCORE -> score(value);
        };
    }

    /** A gap: signed, percentage points for rates. */
    static String gap(PlaybookKpi kpi, Double gap) {
        if (gap == null) {
            return ReportFormat.NONE;
        }
        String s = switch (kpi.unit()) {
            case SECONDS -> duration(gap);
            case PERCENT -> String.format(Locale.ROOT, "%.1f pp", gap * 100);
            case SCORE -> score(gap);
        };
        return gap > 0 ? "+" + s : s;
    }

    private static void periods(StringBuilder h, String id, String title, List<Period> periods) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(esc(title)).append("</h2>\n")
                .append("<div class=\"charts\"><div class=\"chart\" id=\"chart-").append(id)
                .append("-times\"></div><div class=\"chart\" id=\"chart-").append(id)
                .append("-rates\"></div><div class=\"chart\" id=\"chart-").append(id).append("-volume\"></div></div>\n")
                .append("<table><thead><tr><th>").append(id.equals("daily") ? "day" : "week").append("</th>"
                        + "<th>created</th><th>FRT mean</th><th>wait-timeout rate</th><th>resolved</th><th>MTTR</th>"
                        + "<th>FCR</th><th>CSAT (0-100)</th><th>backlog at end</th></tr></thead><tbody>\n");
        for (Period p : periods) {
            String pid = id + "-" + p.label();
            h.append("<tr><td>").append(esc(p.label())).append("</td>")
                    .append(td(pid + "-created", count(p.totals().created())))
                    .append(td(pid + "-frt", duration(p.totals().frtMeanS())))
                    .append(td(pid + "-wait", percent(p.totals().waitTimeoutRate())))
                    .append(td(pid + "-resolved", count(p.totals().resolved())))
                    .append(td(pid + "-mttr", duration(p.totals().mttrMeanS())))
                    .append(td(pid + "-fcr", percent(p.totals().fcrRate())))
                    .append(td(pid + "-csat", score(csat100(p.totals().csatMean()))))
                    .append(td(pid + "-backlog", count(p.backlogAtEnd()))).append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void channels(StringBuilder h, List<ChannelFrt> channels) {
        h.append("<section id=\"frt\"><h2>First response time per channel</h2>\n<div class=\"chart wide\""
                + " id=\"chart-frt\"></div>\n<table><thead><tr><th>channel</th><th>first responses</th><th>mean</th>"
                + "<th>p50 ≈</th><th>p50 range</th><th>p90 ≈</th><th>p90 range</th></tr></thead><tbody>\n");
        for (ChannelFrt c : channels) {
            String id = "channel-" + c.channel();
            h.append("<tr><td>").append(esc(c.channel())).append("</td>")
                    .append(td(id + "-count", count(c.frtCount())))
                    .append(td(id + "-mean", duration(c.frtMeanS())))
                    .append(td(id + "-p50", duration(c.p50().value()))).append(td(id + "-p50-range", range(c.p50())))
                    .append(td(id + "-p90", duration(c.p90().value()))).append(td(id + "-p90-range", range(c.p90())))
                    .append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void policy(StringBuilder h, List<PolicyCheck> checks) {
        h.append("<section id=\"policy\"><h2>Queues against their SLA policy</h2>\n<table><thead><tr><th>queue</th>"
                + "<th>policy</th><th>created</th><th>FRT p90 ≈</th><th>first-response target</th><th>resolved</th>"
                + "<th>MTTR</th><th>resolution target</th><th>wait-timeout rate</th><th>ceiling</th></tr></thead>"
                + "<tbody>\n");
        for (PolicyCheck c : checks) {
            String id = "queue-" + c.queue().replace('/', '-');
            h.append("<tr><td>").append(esc(c.queue())).append("</td><td>")
                    .append(c.policyId() == null ? "(none)" : esc(c.policyId())).append("</td>")
                    .append(td(id + "-created", count(c.created())))
                    .append(tdOver(id + "-frt-p90", duration(c.frtP90S().value()), c.frtP90S().value(), c.frtTargetS()))
                    .append(td(id + "-frt-target", duration(c.frtTargetS())))
                    .append(td(id + "-resolved", count(c.resolved())))
                    .append(tdOver(id + "-mttr", duration(c.mttrMeanS()), c.mttrMeanS(), c.mttrTargetS()))
                    .append(td(id + "-mttr-target", duration(c.mttrTargetS())))
                    .append(tdOver(id + "-wait", percent(c.waitTimeoutRate()), c.waitTimeoutRate(),
                            c.waitTimeoutCeiling()))
                    .append(td(id + "-wait-ceiling", percent(c.waitTimeoutCeiling()))).append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void csat(StringBuilder h, List<CsatBucket> buckets) {
        h.append("<section id=\"csat\"><h2>CSAT by first-response-time bucket</h2>\n<div class=\"chart wide\""
                + " id=\"chart-csat\"></div>\n<table><thead><tr><th>bucket</th><th>mean rating (1-5) ≈</th>"
                + "<th>range of window means</th></tr></thead><tbody>\n");
        int i = 0;
        for (CsatBucket b : buckets) {
            String id = "csat-bucket-" + i++;
            h.append("<tr><td>").append(esc(b.bucket())).append("</td>")
                    .append(td(id, rating(b.mean().value()))).append(td(id + "-range", b.mean().weight() == 0
                            ? ReportFormat.NONE : rating(b.mean().min()) + " – " + rating(b.mean().max())))
                    .append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void alerts(StringBuilder h, RunReport r) {
        h.append("<section id=\"alerts\"><h2>Alert timeline</h2>\n<p class=\"note\">Alert records per ")
                .append(r.alertBucket().toHours() >= 24 ? "day" : "hour")
                .append(" of their <code>changed_at</code>: firing by severity, and resolved.</p>\n"
                        + "<div class=\"chart wide\" id=\"chart-alerts\"></div>\n")
                .append("<h2>Queues that breach most</h2>\n<table><thead><tr><th>queue</th><th>breached alerts</th>"
                        + "<th>of them red</th><th>aggregate alerts</th><th>warnings</th></tr></thead><tbody>\n");
        for (QueueBreaches q : r.topQueues()) {
            String id = "top-" + q.queue().replace('/', '-');
            h.append("<tr><td>").append(esc(q.queue())).append("</td>").append(td(id + "-breached", count(q.breached())))
                    .append(td(id + "-red", count(q.red()))).append(td(id + "-aggregate", count(q.aggregate())))
                    .append(td(id + "-warnings", count(q.warnings()))).append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
    }

    private static void counts(StringBuilder h, RunReport r) {
        h.append("<section id=\"counts\"><h2>What the run wrote</h2>\n<table class=\"half\"><thead><tr><th>alert"
                + " records (status kind severity)</th><th>count</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Long> e : r.alertsByState().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(count(e.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("<tr class=\"total\"><td>all</td>").append(td("alerts-total", count(r.alertRecords())))
                .append("</tr></tbody></table>\n<table class=\"half\"><thead><tr><th>dead letters (reason)</th>"
                        + "<th>count</th></tr></thead><tbody>\n");
        for (Map.Entry<String, Long> e : r.deadLettersByReason().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(count(e.getValue()))
                    .append("</td></tr>\n");
        }
        h.append("<tr class=\"total\"><td>all</td>").append(td("dead-letters-total", count(r.deadLetters())))
                .append("</tr></tbody></table>\n<p class=\"note\">KPI rows: <b id=\"kpi-rows\">")
                .append(count(r.kpiRows())).append("</b> (latest revision per window), of them <b id=\"tiling-rows\">")
                .append(count(r.tilingRows())).append("</b> in non-overlapping windows.</p></section>\n");
    }

    /**
     * A standalone page of only the section "What-if: candidate policy" ({@code what-if --report-file}): same
     * style, no charts, no script.
     */
    public static String renderWhatIf(WhatIfRecord whatIf, String title) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>TicketPulse what-if – "
                + esc(title) + "</title>\n<style>" + CSS + "</style>\n</head><body>\n<header><h1>TicketPulse what-if"
                + "</h1><p class=\"sub\">" + esc(title) + "</p></header>\n" + whatIfSection(whatIf)
                + "<footer>Definitions: README, section \"ticketpulse what-if\".</footer>\n</body></html>\n";
    }

    /** Groups listed in the what-if section's "attainment changes most" table. */
    public static final int WHAT_IF_TOP_GROUPS = 10;

    /** Changed metrics listed in the what-if section. */
    public static final int WHAT_IF_CHANGES = 20;

    /**
     * The section "What-if: candidate policy" of a what-if output: the run record, per SLA metric the totals
     * (each cell {@code current → candidate}), the groups whose attainment changes most and the first changed
     * metrics. Cell ids {@code whatif-total-<metric>-<column>}, {@code whatif-group-<i>-<column>},
     * {@code whatif-change-<i>-<column>}.
     */
    public static String whatIfSection(WhatIfRecord w) {
        StringBuilder h = new StringBuilder();
        h.append("<section id=\"what-if\"><h2>What-if: candidate policy</h2>\n<p class=\"note\">History as of <b"
                + " id=\"whatif-as-of\">").append(esc(w.asOf() == null ? ReportFormat.NONE : w.asOf()))
                .append("</b> · tickets <b id=\"whatif-tickets\">").append(count(w.tickets()))
                .append("</b> · events <b id=\"whatif-events\">").append(count(w.events()))
                .append("</b> · current <b id=\"whatif-current-policy\">")
                .append(esc(w.currentSource() + " v" + w.currentVersion()))
                .append("</b> → candidate <b id=\"whatif-candidate-policy\">")
                .append(esc(w.candidateSource() + " v" + w.candidateVersion())).append("</b></p>\n");
        h.append("<table><thead><tr><th>metric (all channels and priorities)</th><th>attainment</th><th>met</th>"
                + "<th>breached</th><th>open</th><th>warnings</th><th>pages w/y/o/r</th><th>overrun p50</th>"
                + "<th>overrun p90</th></tr></thead><tbody>\n");
        for (Group g : w.totals()) {
            String id = "whatif-total-" + g.metric().wireName();
            Stats a = g.current();
            Stats b = g.candidate();
            h.append("<tr><td>").append(esc(g.metric().wireName())).append("</td>")
                    .append(td(id + "-attainment", arrow(attainment(a.attainmentPct()), attainment(b.attainmentPct()))))
                    .append(td(id + "-met", arrow(count(a.met()), count(b.met()))))
                    .append(td(id + "-breached", arrow(count(a.breached()), count(b.breached()))))
                    .append(td(id + "-open", arrow(count(a.open()), count(b.open()))))
                    .append(td(id + "-warnings", arrow(count(a.warnings()), count(b.warnings()))))
                    .append(td(id + "-pages", arrow(pages(a), pages(b))))
                    .append(td(id + "-overrun-p50", arrow(overrun(a.overrunP50Ms()), overrun(b.overrunP50Ms()))))
                    .append(td(id + "-overrun-p90", arrow(overrun(a.overrunP90Ms()), overrun(b.overrunP90Ms()))))
                    .append("</tr>\n");
        }
        h.append("</tbody></table>\n<h2>What-if: the groups whose attainment changes most</h2>\n<table><thead><tr>"
                + "<th>channel</th><th>priority</th><th>metric</th><th>attainment</th><th>change</th><th>breached</th>"
                + "</tr></thead><tbody>\n");
        int i = 0;
        for (Group g : w.topAttainmentChanges(WHAT_IF_TOP_GROUPS)) {
            String id = "whatif-group-" + i++;
            double delta = WhatIfRecord.attainmentDelta(g);
            h.append("<tr>").append(td(id + "-channel", g.channel())).append(td(id + "-priority", g.priority()))
                    .append(td(id + "-metric", g.metric().wireName()))
                    .append(td(id + "-attainment", arrow(attainment(g.current().attainmentPct()),
                            attainment(g.candidate().attainmentPct()))))
                    .append(td(id + "-change", String.format(Locale.ROOT, "%+.1f pp", delta)))
                    .append(td(id + "-breached", arrow(count(g.current().breached()),
                            count(g.candidate().breached()))))
                    .append("</tr>\n");
        }
        h.append("</tbody></table>\n<h2>What-if: changed metrics (first ").append(WHAT_IF_CHANGES).append(" of <b"
                + " id=\"whatif-changes\">").append(count(w.changes().size())).append("</b>)</h2>\n<table><thead><tr>"
                + "<th>ticket</th><th>metric</th><th>cycle</th><th>current (outcome/most urgent alert)</th>"
                + "<th>candidate</th></tr></thead><tbody>\n");
        i = 0;
        for (Change c : w.firstChanges(WHAT_IF_CHANGES)) {
            String id = "whatif-change-" + i++;
            h.append("<tr>").append(td(id + "-ticket", c.ticketId())).append(td(id + "-metric", c.metric().wireName()))
                    .append(td(id + "-cycle", Integer.toString(c.cycle())))
                    .append(td(id + "-current", side(c.current()))).append(td(id + "-candidate", side(c.candidate())))
                    .append("</tr>\n");
        }
        h.append("</tbody></table></section>\n");
        return h.toString();
    }

    private static String arrow(String current, String candidate) {
        return current.equals(candidate) ? current + " =" : current + " → " + candidate;
    }

    private static String attainment(Double pct) {
        return pct == null ? ReportFormat.NONE : String.format(Locale.ROOT, "%.1f %%", pct);
    }

    private static String overrun(Long ms) {
        return ms == null ? ReportFormat.NONE : duration(ms / 1000.0);
    }

    private static String pages(Stats s) {
        StringBuilder b = new StringBuilder();
        for (Severity severity : Severity.values()) {
            b.append(b.length() == 0 ? "" : "/").append(s.pages().get(severity));
        }
        return b.toString();
    }

    private static String side(MetricResult r) {
        String s = r.outcome().wireName() + "/" + r.reached().wireName();
        return r.overrunMs() == null ? s : s + " +" + duration(r.overrunMs() / 1000.0);
    }

    private static ObjectNode data(RunReport r) {
        ObjectNode d = MAPPER.createObjectNode();
        d.set("daily", periodData(r.daily()));
        d.set("weekly", periodData(r.weekly()));
        ObjectNode frt = d.putObject("frt");
        ArrayNode channels = frt.putArray("channels");
        ArrayNode mean = frt.putArray("mean");
        ArrayNode p50 = frt.putArray("p50");
        ArrayNode p90 = frt.putArray("p90");
        for (ChannelFrt c : r.frtByChannel()) {
            channels.add(c.channel());
            mean.add(minutes(c.frtMeanS()));
            p50.add(minutes(c.p50().value()));
            p90.add(minutes(c.p90().value()));
        }
        ObjectNode csat = d.putObject("csat");
        ArrayNode buckets = csat.putArray("buckets");
        ArrayNode means = csat.putArray("mean");
        for (CsatBucket b : r.csatByFrtBucket()) {
            buckets.add(b.bucket());
            means.add(round(b.mean().value(), 2));
        }
        ObjectNode alerts = d.putObject("alerts");
        ArrayNode times = alerts.putArray("times");
        ObjectNode bySeverity = alerts.putObject("firing");
        for (String s : SEVERITIES) {
            bySeverity.putArray(s);
        }
        ArrayNode resolved = alerts.putArray("resolved");
        for (AlertBucket b : r.alertTimeline()) {
            times.add(b.start().toString().replace("T", " ").replace(":00Z", "").replace(":00:00", ":00"));
            for (String s : SEVERITIES) {
                ((ArrayNode) bySeverity.get(s)).add(b.firingBySeverity().getOrDefault(s, 0L));
            }
            resolved.add(b.resolved());
        }
        return d;
    }

    private static ObjectNode periodData(List<Period> periods) {
        ObjectNode d = MAPPER.createObjectNode();
        ArrayNode labels = d.putArray("labels");
        ArrayNode frt = d.putArray("frtMin");
        ArrayNode mttr = d.putArray("mttrMin");
        ArrayNode wait = d.putArray("waitPct");
        ArrayNode fcr = d.putArray("fcrPct");
        ArrayNode csat = d.putArray("csat");
        ArrayNode created = d.putArray("created");
        ArrayNode resolvedCount = d.putArray("resolved");
        ArrayNode backlog = d.putArray("backlog");
        for (Period p : periods) {
            labels.add(p.label());
            frt.add(minutes(p.totals().frtMeanS()));
            mttr.add(minutes(p.totals().mttrMeanS()));
            wait.add(pct(p.totals().waitTimeoutRate()));
            fcr.add(pct(p.totals().fcrRate()));
            csat.add(round(csat100(p.totals().csatMean()), 1));
            created.add(p.totals().created());
            resolvedCount.add(p.totals().resolved());
            backlog.add(p.backlogAtEnd());
        }
        return d;
    }

    private static Double csat100(Double mean) {
        return mean == null ? null : mean * 20;
    }

    private static Double minutes(Double seconds) {
        return seconds == null ? null : round(seconds / 60, 2);
    }

    private static Double pct(Double fraction) {
        return fraction == null ? null : round(fraction * 100, 2);
    }

    private static Double round(Double v, int decimals) {
        if (v == null) {
            return null;
        }
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }

    private static String range(Estimate e) {
        return e.weight() == 0 ? ReportFormat.NONE : duration(e.min()) + " – " + duration(e.max());
    }

    private static String td(String id, String text) {
        return "<td id=\"" + esc(id) + "\">" + esc(text) + "</td>";
    }

    /** A cell marked {@code over} when {@code value} exceeds {@code limit}. */
    private static String tdOver(String id, String text, Double value, Double limit) {
        boolean over = value != null && limit != null && value > limit;
        return "<td id=\"" + esc(id) + "\"" + (over ? " class=\"over\"" : "") + ">" + esc(text) + "</td>";
    }

    static String esc(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    private static String json(ObjectNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String echarts() {
        try (InputStream in = ReportHtml.class.getClassLoader().getResourceAsStream(ECHARTS)) {
            if (in == null) {
                throw new IllegalStateException("the ECharts webjar is not on the class path: " + ECHARTS);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:1180px;\
            padding:16px 24px;color:#1f2937;background:#f8fafc}
            h1{margin:0 0 4px;font-size:26px}h2{font-size:19px;margin:26px 0 8px;border-bottom:1px solid #cbd5e1;\
            padding-bottom:4px}
            .sub{margin:0;color:#475569}.sources{margin:6px 0 0;padding-left:18px;color:#64748b;font-size:13px}
            table{border-collapse:collapse;width:100%;background:#fff;font-size:14px;margin:6px 0}
            table.half{width:49%;display:inline-table;vertical-align:top;margin-right:1%}
            th,td{border:1px solid #e2e8f0;padding:4px 8px;text-align:right}th{background:#f1f5f9}
            td:first-child,th:first-child{text-align:left}
            tr.met td:last-child{color:#15803d;font-weight:600}tr.missed td:last-child{color:#b91c1c;font-weight:600}
            td.over{color:#b91c1c;font-weight:600}tr.total td{font-weight:600}
            .charts{display:flex;gap:8px}.chart{flex:1;height:260px;background:#fff;border:1px solid #e2e8f0}
            .chart.wide{height:300px;width:100%}.note{color:#475569;font-size:14px}
            footer{margin:28px 0 8px;color:#64748b;font-size:13px}
            """;

    /** Draws the charts from the embedded data; {@code window.ticketpulseReport} tells a test what was drawn. */
    private static final String CHARTS = """
            (function () {
              var data = JSON.parse(document.getElementById('report-data').textContent);
              var drawn = {};
              var base = {animation: false, tooltip: {trigger: 'axis'}, legend: {top: 0},
                grid: {left: 52, right: 16, top: 36, bottom: 28}};
              function chart(id, option) {
                var el = document.getElementById(id);
                if (!el) { return; }
                var c = echarts.init(el);
                c.setOption(Object.assign({}, base, option));
                drawn[id] = option.series.map(function (s) { return s.data.length; });
              }
              function cat(labels) { return {type: 'category', data: labels}; }
              function line(name, values) { return {name: name, type: 'line', data: values, connectNulls: true}; }
              function bar(name, values, extra) { return Object.assign({name: name, type: 'bar', data: values}, extra || {}); }
              ['daily', 'weekly'].forEach(function (p) {
                var d = data[p];
                chart('chart-' + p + '-times', {xAxis: cat(d.labels), yAxis: {type: 'value', name: 'min'},
                  series: [line('FRT mean', d.frtMin), line('MTTR', d.mttrMin)]});
                chart('chart-' + p + '-rates', {xAxis: cat(d.labels), yAxis: {type: 'value', name: '%', max: 100},
                  series: [line('wait-timeout %', d.waitPct), line('FCR %', d.fcrPct), line('CSAT', d.csat)]});
                chart('chart-' + p + '-volume', {xAxis: cat(d.labels), yAxis: {type: 'value'},
                  series: [bar('created', d.created), bar('resolved', d.resolved), line('backlog', d.backlog)]});
              });
              chart('chart-frt', {xAxis: cat(data.frt.channels), yAxis: {type: 'value', name: 'min'},
                series: [bar('mean', data.frt.mean), bar('p50 ≈', data.frt.p50), bar('p90 ≈', data.frt.p90)]});
              chart('chart-csat', {xAxis: cat(data.csat.buckets), yAxis: {type: 'value', min: 1, max: 5},
                series: [bar('mean rating', data.csat.mean)]});
              var colors = {warning: '#64748b', yellow: '#eab308', orange: '#f97316', red: '#dc2626'};
              var series = Object.keys(colors).map(function (s) {
                return bar('firing ' + s, data.alerts.firing[s], {stack: 'firing', itemStyle: {color: colors[s]}});
              });
              series.push(bar('resolved', data.alerts.resolved, {itemStyle: {color: '#16a34a'}}));
              chart('chart-alerts', {xAxis: cat(data.alerts.times), yAxis: {type: 'value'}, series: series});
              window.ticketpulseReport = {charts: drawn};
            })();
            """;
}

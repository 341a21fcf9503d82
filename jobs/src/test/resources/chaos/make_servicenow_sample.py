#!/usr/bin/env python3
"""Throwaway converter that made servicenow-sample.jsonl (the chaos tests' real-data fixture).

Input: ../shared/data/real/servicenow_incident_event_log.zip (UCI "Incident management process enriched event
log", a ServiceNow incident audit export, CC BY 4.0). It selects the incidents OPENED in [--from, --to) and writes
all their events, converted to ticket-event v1 JSON lines, sorted by occurred_at (stable: the events of one
incident keep their order), so that every Kafka partition a ticket lands on is in event-time order.

The mapping follows the importer on branch h-bench (io.ticketpulse.importer.ServiceNowIncidentLog), simplified:
rows of an incident ordered by sys_updated_at, sys_mod_count, file line; CREATED at opened_at (channel from
contact_type, priority 1..4 -> P1..P4); PRIORITY_CHANGED; ASSIGNED when assigned_to / assignment_group changes;
RESOLVED (agent resolved_by) / CLOSED; REOPENED when leaving Resolved/Closed; STATUS_CHANGED new / open / pending /
on_hold; AGENT_REPLIED for the first move out of New and every move into Awaiting User Info; CUSTOMER_REPLIED when
leaving Awaiting User Info for an open state. Timestamps d/m/Y H:M read as UTC; an update earlier than opened_at
is moved to opened_at (the log has 9 such rows); rows with an unknown state (-100) are skipped.

Made with:
  python3 make_servicenow_sample.py --zip /work/shared/data/real/servicenow_incident_event_log.zip --from 2016-03-01 --to 2016-03-03 > servicenow-sample.jsonl
The long chaos drill generates a larger replay the same way (see ChaosE2EITCase / README).
"""
import argparse, csv, io, json, sys, zipfile
from collections import defaultdict
from datetime import datetime, timezone

ZIP = "../shared/data/real/servicenow_incident_event_log.zip"
CHANNELS = {"Phone": "phone", "Email": "email", "Self service": "self_service", "IVR": "ivr",
            "Direct opening": "direct_opening"}
STATUS = {"New": "new", "Active": "open", "Awaiting User Info": "pending", "Awaiting Vendor": "on_hold",
          "Awaiting Problem": "on_hold", "Awaiting Evidence": "on_hold"}


def ts(s):
    return datetime.strptime(s, "%d/%m/%Y %H:%M").replace(tzinfo=timezone.utc)


def iso(t):
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def prio(s):
    return "P" + s.split(" ")[0]


def convert(number, rows):
    rows.sort(key=lambda r: (ts(r["sys_updated_at"]), int(r["sys_mod_count"]), r["_line"]))
    first = rows[0]
    opened = ts(first["opened_at"])
    events = []

    def emit(kind, at, **fields):
        e = {"event_id": "%s-%04d" % (number, len(events) + 1), "ticket_id": number, "type": kind,
             "occurred_at": iso(max(at, opened))}
        e.update({k: v for k, v in fields.items() if v is not None})
        events.append(e)

    emit("CREATED", opened, channel=CHANNELS[first["contact_type"]], priority=prio(first["priority"]),
         team=None if first["assignment_group"] == "?" else first["assignment_group"])
    state, priority, agent, team, left_new = "New", prio(first["priority"]), None, None, False
    for r in rows:
        s = r["incident_state"]
        if s not in STATUS and s not in ("Resolved", "Closed"):
            continue
        at = ts(r["sys_updated_at"])
        if prio(r["priority"]) != priority:
            priority = prio(r["priority"])
            emit("PRIORITY_CHANGED", at, priority=priority)
        a = None if r["assigned_to"] == "?" else r["assigned_to"]
        g = None if r["assignment_group"] == "?" else r["assignment_group"]
        if (a is not None and a != agent) or (g is not None and g != team):
            agent, team = a or agent, g or team
            emit("ASSIGNED", at, agent_id=agent, team=team)
        if s == state:
            continue
        if s != "New" and not left_new:
            left_new = True
            emit("AGENT_REPLIED", at, agent_id=agent)
        if s == "Resolved":
            emit("RESOLVED", at, agent_id=None if r["resolved_by"] == "?" else r["resolved_by"])
        elif s == "Closed":
            emit("CLOSED", at)
        else:
            if state in ("Resolved", "Closed"):
                emit("REOPENED", at)
            if state == "Awaiting User Info" and s in ("New", "Active"):
                emit("CUSTOMER_REPLIED", at)
            if s == "Awaiting User Info":
                emit("AGENT_REPLIED", at, agent_id=agent)
            if not (state in ("Resolved", "Closed") and s == "Active"):
                emit("STATUS_CHANGED", at, status=STATUS[s])
        state = s
    return events


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--zip", default=ZIP)
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--to", dest="end", required=True)
    args = p.parse_args()
    start = datetime.fromisoformat(args.start).replace(tzinfo=timezone.utc)
    end = datetime.fromisoformat(args.end).replace(tzinfo=timezone.utc)
    by_incident = defaultdict(list)
    with zipfile.ZipFile(args.zip) as z, z.open("incident_event_log.csv") as f:
        for i, r in enumerate(csv.DictReader(io.TextIOWrapper(f, "utf-8"))):
            if start <= ts(r["opened_at"]) < end and r["contact_type"] in CHANNELS:
                r["_line"] = i
                by_incident[r["number"]].append(r)
    events = [e for n in sorted(by_incident) for e in convert(n, by_incident[n])]
    events.sort(key=lambda e: e["occurred_at"])  # stable: one incident's events keep their order
    for e in events:
        sys.stdout.write(json.dumps(e, separators=(",", ":")) + "\n")
    print("%d incidents, %d events" % (len(by_incident), len(events)), file=sys.stderr)


if __name__ == "__main__":
    main()

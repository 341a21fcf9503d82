#!/usr/bin/env python3
"""Made servicenow-sample.jsonl, the chaos tests' real-data fixture, from the ServiceNow importer's output.

1. Convert the real log with the project's importer (ticketpulse import servicenow, see README "Importers"), e.g.
   from the repository root:
     mvn -q -Prun compile -Dexec.args="import servicenow $PWD/../shared/data/real/servicenow_incident_event_log.zip $PWD/jobs/target/servicenow.jsonl"
2. Select the tickets CREATED in [--from, --to) with all their events, sorted by occurred_at (stable: the events
   of one ticket keep the importer's order), so that every Kafka partition a ticket lands on is in event-time order:
     python3 jobs/src/test/resources/chaos/make_servicenow_sample.py --from 2016-03-01 --to 2016-03-02 \
       < jobs/target/servicenow.jsonl \
       > jobs/src/test/resources/chaos/servicenow-sample.jsonl
The long chaos drill takes --from 2016-03-01 --to 2016-03-15 the same way (README, "Crash drills").
"""
import argparse, json, sys
from collections import defaultdict


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--from", dest="start", required=True)
    p.add_argument("--to", dest="end", required=True)
    args = p.parse_args()
    events = defaultdict(list)
    selected = set()
    for line in sys.stdin:
        e = json.loads(line)
        events[e["ticket_id"]].append((e["occurred_at"], line.rstrip("\n")))
        if e["type"] == "CREATED" and args.start <= e["occurred_at"][:10] < args.end:
            selected.add(e["ticket_id"])
    out = [ev for t in sorted(selected) for ev in events[t]]
    out.sort(key=lambda ev: ev[0])  # stable; occurred_at is UTC 'Z' with a fixed layout, so text order is time order
    for _, line in out:
        sys.stdout.write(line + "\n")
    print("%d tickets, %d events" % (len(selected), len(out)), file=sys.stderr)


if __name__ == "__main__":
    main()

"""Read newsann's JSONL output with Python's standard library.

    newsann annotate -o jsonl --text corpus/ > annotations.jsonl
    python3 notebook_example.py annotations.jsonl
"""
import collections
import json
import sys

path = sys.argv[1] if len(sys.argv) > 1 else "annotations.jsonl"

# One JSON object a line, in input order.
with open(path, encoding="utf-8") as f:
    records = [json.loads(line) for line in f if line.strip()]

# An input that could not be read is a record with an "error" instead of
# annotations; the run reported it on stderr too.
docs = [r for r in records if "error" not in r]
for r in records:
    if "error" in r:
        print(f"failed: {r['id']}: {r['error']}")
print(f"{len(docs)} documents")

# Offsets count code points, as Python's str does: a slice of the text
# is the mention, whatever characters come before it.
labels = collections.Counter()
for d in docs:
    for m in d["mentions"]:
        assert d["text"][m["start"]:m["end"]] == m["text"], (d["id"], m)
        labels[m["label"]] += 1
for label, n in sorted(labels.items(), key=lambda kv: (-kv[1], kv[0])):
    print(f"{label}\t{n}")

# Mentions point at entities; entities carry the lexicon's codes.
for d in docs:
    entities = {e["id"]: e for e in d["entities"]}
    countries = sorted({entities[m["entity"]].get("codes", {}).get("iso3", m["entity"])
                        for m in d["mentions"]
                        if m["label"] in ("COUNTRY", "NATIONALITY") and m.get("entity") in entities})
    print(f"{d['id']}: countries {' '.join(countries) or '-'}")

    # Relations, events and findings point into the text the same way.
    for r in d["relations"]:
        evidence = d["text"][r["evidence"]["start"]:r["evidence"]["end"]]
        print(f"  {r['subject']} {r['type']} {r['object']}: \"{evidence}\"")
    for e in d["events"]:
        trigger = d["text"][e["trigger"]["start"]:e["trigger"]["end"]]
        print(f"  event {e['type']} {e.get('cameo', '-')}: \"{trigger}\"")
    for f in d["findings"]:
        print(f"  {f['severity']} {f['check']} at {f['line']}:{f['column']}: {f['message']}")

#!/usr/bin/env python3
"""Scores secret scanner reports against a labeled corpus (truth.jsonl), the way the cases README defines:
findings become distinct (file, line) pairs; a pair on a truth entry's line (or inside a multi-line secret)
is a true positive, each entry matched once; every other pair is a false positive.

usage: score.py CORPUS_DIR TOOL REPORT [--misses]
TOOL is lanyard, gitleaks, secretlint, devskim or git-secrets; prints one JSON line of counts."""
import json
import os
import sys
from urllib.parse import unquote, urlparse


def relative(path, root):
    if path.startswith("file://"):
        path = unquote(urlparse(path).path)
    path = os.path.normpath(path)
    root = os.path.normpath(root)
    if os.path.isabs(path) and path.startswith(root + os.sep):
        path = path[len(root) + 1:]
    return path.replace(os.sep, "/").removeprefix("./")


def pairs_lanyard(report, root):
    for f in json.load(open(report))["findings"]:
        yield relative(f["path"], root), f["line"]


def pairs_gitleaks(report, root):
    for f in json.load(open(report)) or []:
        yield relative(f["File"], root), f["StartLine"]


def pairs_secretlint(report, root):
    text = open(report).read().strip()
    for result in json.loads(text) if text else []:
        for message in result.get("messages", []):
            yield relative(result["filePath"], root), message["loc"]["start"]["line"]


def pairs_devskim(report, root):
    for run in json.load(open(report)).get("runs", []):
        for result in run.get("results", []):
            location = result["locations"][0]["physicalLocation"]
            yield relative(location["artifactLocation"]["uri"], root), location["region"]["startLine"]


def pairs_git_secrets(report, root):
    for line in open(report, errors="replace"):
        parts = line.split(":", 2)
        if len(parts) == 3 and parts[1].isdigit():
            yield relative(parts[0], root), int(parts[1])


READERS = {"lanyard": pairs_lanyard, "gitleaks": pairs_gitleaks, "secretlint": pairs_secretlint,
           "devskim": pairs_devskim, "git-secrets": pairs_git_secrets}


def main():
    corpus, tool, report = sys.argv[1:4]
    root = os.path.join(corpus, "files")
    truth = [json.loads(l) for l in open(os.path.join(corpus, "truth.jsonl")) if l.strip()]
    pairs = sorted(set(READERS[tool](report, root))) if os.path.exists(report) else []
    matched, false_positives = set(), []
    for file, line in pairs:
        hit = next((i for i, t in enumerate(truth) if i not in matched and t["file"] == file
                    and t["line"] <= line <= t.get("end_line", t["line"])), None)
        if hit is None:
            false_positives.append(f"{file}:{line}")
        else:
            matched.add(hit)
    tp = len(matched)
    result = {"tool": tool, "truth": len(truth), "reported": len(pairs), "tp": tp, "fp": len(false_positives),
              "precision": round(tp / len(pairs), 3) if pairs else 0.0, "recall": round(tp / len(truth), 3)}
    print(json.dumps(result))
    if "--misses" in sys.argv:
        for i, t in enumerate(truth):
            if i not in matched:
                print(f"  missed {t['file']}:{t['line']} {t['kind']}", file=sys.stderr)
        for fp in false_positives:
            print(f"  false positive {fp}", file=sys.stderr)


main()

#!/usr/bin/env python3
"""Reads the JUnit XML that the console launcher writes (--reports-dir) for an mpunit run and
prints per-file verdicts; given two report folders, prints every file whose verdict or output
differs between them.

    junit_verdicts.py RUN                 counts, then every failure with its message
    junit_verdicts.py RUN_A RUN_B         differences in verdict or output (exit 1 if any)
"""
import glob
import re
import signal
import sys
import xml.etree.ElementTree as ET
from collections import Counter

OUTPUT = re.compile(r"- micropython\.output: (.*?)(?:\n\t- micropython\.|\n\]|\Z)", re.S)
# A large output is published as a file entry; the inline entry then names the file.
FILE_ENTRY = re.compile(r"\(\d+ bytes, in file entry (.+)\)")


def output_of(entry):
    """The output a report entry holds, read from its file when it was too large to inline."""
    if entry is None:
        return None
    in_file = FILE_ENTRY.fullmatch(entry.strip())
    if in_file:
        with open(in_file.group(1), "rb") as f:
            return f.read().decode("utf-8", "replace")
    return entry


def load(folder):
    """{test name: (verdict, message, output)} over every XML file in the folder."""
    results = {}
    for path in glob.glob(folder + "/*.xml"):
        for case in ET.parse(path).getroot().iter("testcase"):
            verdict, message = "pass", ""
            for child in case:
                if child.tag in ("failure", "error"):
                    verdict, message = "fail", child.get("message") or ""
                elif child.tag == "skipped":
                    verdict, message = "skip", child.get("message") or child.text or ""
            text = "".join(out.text or "" for out in case.iter("system-out"))
            found = OUTPUT.search(text)
            results[case.get("name")] = (verdict, message, output_of(found.group(1) if found else None))
    return results


def main(argv):
    first = load(argv[1])
    if len(argv) == 2:
        print(dict(Counter(v[0] for v in first.values())), "files:", len(first))
        for name, (verdict, message, _) in sorted(first.items()):
            if verdict == "fail":
                print(f"{name}: {message[:200]!r}")
        return 0
    second = load(argv[2])
    names = sorted(set(first) | set(second))
    differing = [n for n in names if first.get(n, ("missing",))[0] != second.get(n, ("missing",))[0]
                 or (first.get(n) or (None, None, None))[2] != (second.get(n) or (None, None, None))[2]]
    print(f"{len(first)} and {len(second)} files; {len(differing)} differ in verdict or output")
    for name in differing:
        a, b = first.get(name), second.get(name)
        print(f"  {name}: {a[0] if a else 'missing'} vs {b[0] if b else 'missing'}")
    return 1 if differing else 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # | head is fine
    sys.exit(main(sys.argv))

#!/usr/bin/env python3
"""Reads what bench/compare-run-tests.sh left in its work directory and prints the comparison.

Inputs (in --work):
  run-tests/_results.json   upstream run-tests.py's results
  run-tests.time            "start end" (date +%s.%N) of the run-tests.py run
  mpunit-cold/*.xml         legacy JUnit XML of the cold mpunit run (--reports-dir)
  mpunit-cold.time
  mpunit-warm/*.xml, mpunit-warm.time   the same for the warm run

Verdicts: run-tests.py's own (pass, fail, skip, ignored). mpunit: per file test (unique id ending
in [file:...]; unittest cases below it are not compared): a failure or error element -> fail, a
skipped element (skipped or aborted) -> skip, otherwise pass, or what its report entry
micropython.verdict says when that is ignored (a known-flaky failure) or fail (a unittest file
whose failed cases carry its failures passes in JUnit itself).
"""

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import urllib.parse
import xml.etree.ElementTree as ET

VERDICTS = ("pass", "fail", "skip", "ignored")


def read_time(path):
    with open(path) as f:
        start, end = f.read().split()
    return float(end) - float(start)


def read_cpu(work, name):
    """(CPU seconds of the run's own processes, CPU seconds of everything else on the machine
    meanwhile) as 'own / other', or '?'."""
    try:
        with open(os.path.join(work, name + ".cpu")) as f:
            user, system = (float(x) for x in f.read().split()[-2:])
        with open(os.path.join(work, name + ".busy")) as f:
            before, after = (float(x) for x in f.read().split())
    except (OSError, ValueError):
        return "?"
    own = user + system
    return "%6.0f / %-4.0f" % (own, max(0.0, after - before - own))


def run_tests_results(work):
    with open(os.path.join(work, "run-tests", "_results.json")) as f:
        data = json.load(f)
    return {test.replace("\\", "/"): (verdict, reason) for test, verdict, reason in data["results"]}


FILE_ID = re.compile(r"^unique-id: (\S+)$", re.M)
ENTRY = re.compile(r"^\t- (micropython\.[a-z.-]+): (.*)$", re.M)


def entry_value(outs, key):
    """The value of report entry `key` (None when absent); a file entry is read from its file."""
    start = outs.find("\t- " + key + ": ")
    if start < 0:
        return None
    start += len("\t- " + key + ": ")
    end = outs.find("\n\t- micropython.", start)
    if end >= 0:
        value = outs[start:end]
    else:
        # The last entry: the legacy XML report trims the trailing white space of its text and
        # ends it with one line end, so the value's own trailing white space is not known.
        value = outs[start:].rstrip("\n") + "\n"
    m = re.fullmatch(r"\(\d+ bytes, in file entry (.+)\)", value.rstrip("\n"))
    if m and os.path.isfile(m.group(1)):
        with open(m.group(1), "rb") as f:
            return f.read().decode("utf-8", "surrogateescape")
    return value


def mpunit_results(directory, outputs=None):
    """{relative path: (verdict, reason)} for every file test in the XML reports; fills
    outputs[path] = (output, expected) from the report entries when given."""
    results = {}
    for xml in sorted(glob.glob(os.path.join(directory, "*.xml"))):
        for case in ET.parse(xml).getroot().iter("testcase"):
            outs = "\n".join(e.text or "" for e in case.findall("system-out"))
            m = FILE_ID.search(outs)
            if not m:
                continue
            last = m.group(1).rsplit("/", 1)[-1]
            if not last.startswith("[file:"):
                continue  # a unittest case
            path = urllib.parse.unquote(last[len("[file:") : -1])
            entries = dict(ENTRY.findall(outs))
            reason = entries.get("micropython.reason", "")
            if case.find("failure") is not None or case.find("error") is not None:
                verdict = "fail"
                if not reason:
                    element = case.find("failure")
                    if element is None:
                        element = case.find("error")
                    reason = (element.get("message") or element.text or "").strip().split("\n")[0]
            elif case.find("skipped") is not None:
                verdict = "skip"
                if not reason:
                    text = case.find("skipped").text or case.find("skipped").get("message") or ""
                    reason = text.strip().split("\n")[0]
            elif entries.get("micropython.verdict") in ("ignored", "fail"):
                # ignored: a known-flaky failure; fail: a unittest file whose failures are all its
                # cases' own passes in JUnit (its cases fail), while run-tests.py's verdict is fail.
                verdict = entries["micropython.verdict"]
            else:
                verdict = "pass"
            results[path] = (verdict, reason)
            if outputs is not None:
                outputs[path] = (
                    entry_value(outs, "micropython.output"),
                    entry_value(outs, "micropython.expected"),
                )
    return results


# Characters XML 1.0 cannot carry: the legacy XML report shows them as U+FFFD.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def same_text(report, upstream):
    """Whether a report entry's text is upstream's bytes, up to what XML cannot carry."""
    if report is None:
        return False
    upstream = NOT_XML.sub("\ufffd", upstream)
    # The legacy XML report trims the trailing white space of its text, so the last entry's is
    # not known.
    return report == upstream or report.rstrip() == upstream.rstrip()


def read_text(path):
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        return f.read().decode("utf-8", "surrogateescape")


def counts(results, files):
    c = {v: 0 for v in VERDICTS}
    for f in files:
        c[results[f][0]] += 1
    return c


def version_of(command):
    try:
        return subprocess.run(command, capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def short(text, width=90):
    text = text.replace("\n", " ")  # runs of spaces kept: they can be the difference
    return text if len(text) <= width else text[: width - 3] + "..."


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", required=True)
    parser.add_argument("--tests", required=True)
    target = parser.add_mutually_exclusive_group(required=True)
    target.add_argument("--mjs", help="the webassembly micropython.mjs both tools ran")
    target.add_argument("--micropython", help="the unix port's executable both tools ran")
    parser.add_argument("--jobs", help="run-tests.py's -j on the unix port")
    parser.add_argument("--cpython", default="python3")
    args = parser.parse_args()

    upstream = run_tests_results(args.work)
    t_upstream = read_time(os.path.join(args.work, "run-tests.time"))
    runs = []
    outputs = {}
    for name in ("mpunit-cold", "mpunit-warm"):
        directory = os.path.join(args.work, name)
        if os.path.isdir(directory):
            outputs[name] = {}
            runs.append(
                (name, mpunit_results(directory, outputs[name]),
                 read_time(os.path.join(args.work, name + ".time")))
            )
    if not runs:
        sys.exit("compare: no mpunit results in " + args.work)

    print()
    print("tests:        " + args.tests)
    if args.mjs:
        print("mjs:          " + args.mjs)
        print("node:         " + version_of(["node", "--version"]))
    else:
        print("micropython:  %s (%s)" % (args.micropython, version_of(
            [args.micropython, "-c", "import sys; print(sys.version, sys.implementation._build)"])))
        print("run-tests.py: -t unix -j %s" % args.jobs)
    print("cpython:      %s (%s)" % (args.cpython, version_of(args.cpython.split() + ["--version"])))
    print("cores:        %d" % os.cpu_count())
    print()

    both = sorted(set(upstream) & set(runs[0][1]))
    only_upstream = sorted(set(upstream) - set(runs[0][1]))
    only_mpunit = sorted(set(runs[0][1]) - set(upstream))

    header = "%-22s %7s %6s %6s %6s %8s %10s %8s   %s" % (
        "", "files", "pass", "fail", "skip", "ignored", "wall [s]", "ratio", "CPU s: own / other"
    )
    print("Files both tools list (%d):" % len(both))
    print(header)
    c = counts(upstream, both)
    print(
        "%-22s %7d %6d %6d %6d %8d %10.1f %8s   %s"
        % ("run-tests.py", len(both), c["pass"], c["fail"], c["skip"], c["ignored"], t_upstream, "1",
           read_cpu(args.work, "run-tests"))
    )
    for name, results, wall in runs:
        c = counts(results, both)
        print(
            "%-22s %7d %6d %6d %6d %8d %10.1f %8s   %s"
            % (name, len(both), c["pass"], c["fail"], c["skip"], c["ignored"], wall,
               "1/%.1f" % (t_upstream / wall), read_cpu(args.work, name))
        )
    print("(wall times are for each tool's whole run, including the files only mpunit lists;")
    print(" ratio = run-tests.py's wall time / mpunit's; CPU s: CPU time of the tool's processes /")
    print(" of everything else on the machine meanwhile (more than a few seconds: a disturbed run);")
    print(" mpunit-cold: a fresh, empty cache directory, so CPython computes every expected output")
    print(" as run-tests.py does on every run; mpunit-warm: a second run on that cache)")
    print()

    print("Files only run-tests.py lists: %d" % len(only_upstream))
    for f in only_upstream:
        print("  %-50s %s" % (f, upstream[f][0]))
    name, results, _ = runs[0]
    c = counts(results, only_mpunit)
    print(
        "Files only mpunit lists (directories run-tests.py does not scan on this target): %d "
        "(pass %d, fail %d, skip %d, ignored %d)"
        % (len(only_mpunit), c["pass"], c["fail"], c["skip"], c["ignored"])
    )
    by_dir = {}
    for f in only_mpunit:
        by_dir.setdefault(os.path.dirname(f), []).append(f)
    for d in sorted(by_dir):
        verdicts = {}
        for f in by_dir[d]:
            verdicts[results[f][0]] = verdicts.get(results[f][0], 0) + 1
        print("  %-30s %4d  %s" % (d + "/", len(by_dir[d]), ", ".join(
            "%s %d" % (v, n) for v, n in sorted(verdicts.items()))))
    for f in only_mpunit:
        if results[f][0] != "skip":
            print("  not skipped: %-50s %s %s" % (f, results[f][0], short(results[f][1])))
    print()

    print("Files whose verdict differs (run-tests.py vs mpunit):")
    differing = 0
    for f in both:
        verdicts = [upstream[f][0]] + [r[f][0] for _, r, _ in runs]
        if len(set(verdicts)) == 1:
            continue
        differing += 1
        print("  %s" % f)
        print("      %-12s %-8s %s" % ("run-tests.py", upstream[f][0], short(upstream[f][1])))
        for name, results, _ in runs:
            print("      %-12s %-8s %s" % (name, results[f][0], short(results[f][1])))
    if differing == 0:
        print("  none")
    print("%d differing file(s)" % differing)
    print()

    # Files both call failed: is the output the same as run-tests.py's <result dir>/<name>.out
    # (and the expectation its .exp)? Differences here hide behind equal verdicts.
    print("Files both fail, compared with run-tests.py's .out / .exp:")
    checked = 0
    mismatches = 0
    for f in both:
        if upstream[f][0] != "fail":
            continue
        base = os.path.join(args.work, "run-tests", f.replace("/", "_"))
        up_out, up_exp = read_text(base + ".out"), read_text(base + ".exp")
        for name, results, _ in runs:
            if results[f][0] != "fail":
                continue
            checked += 1
            out, exp = outputs[name].get(f, (None, None))
            problems = []
            if up_out is not None and not same_text(out, up_out):
                problems.append("output differs")
            if up_exp is not None and not same_text(exp, up_exp):
                problems.append("expected output differs")
            if problems:
                mismatches += 1
                print("  %-50s %-12s %s" % (f, name, ", ".join(problems)))
    print("%d failing file run(s) checked, %d with a different output or expectation" % (checked, mismatches))
    return 0


if __name__ == "__main__":
    sys.exit(main())

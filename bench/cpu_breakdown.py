#!/usr/bin/env python3
"""Runs a command (an mpunit run) and prints where its CPU seconds went.

    bench/cpu_breakdown.py [--jfr FILE] [--node-prof DIR] [--commands] -- ./mpunit <tests> --config ...

The command's process tree is read from /proc every 20 ms: each process's own CPU seconds
(utime + stime), and for the JVM each thread's, by name. What the polls cannot see (processes
shorter than a poll, the last moments of a process) is the difference between the tree's total
(the command's rusage, children included, as bash's `time` reports it) and what was seen; it is
printed as such, never spread over the rest. Of it, the JVM's ended children are known exactly:
the JVM's own cutime + cstime (what its children used, once it reaped them) at its last poll,
less what the polls saw of processes that ended under it. On the unix port those are mostly
micropython processes shorter than a poll.

With --jfr FILE the JVM records with Java Flight Recorder (JAVA_TOOL_OPTIONS) and the JVM's
execution samples are summed by the package of the top frame and by the first dev.mpunit method
on the stack (the engine's own code that was responsible, its callees included). The recorder's
own threads show in the thread table.

With --node-prof DIR the .cpuprofile files node wrote there (`node --cpu-prof --cpu-prof-dir=DIR`,
e.g. through a micropython.node wrapper script) are summed by what the time was spent on: the
wasm code (MicroPython running the tests), micropython.mjs's JavaScript (instance creation, the
emscripten file system, proxies), the host script, node itself, garbage collection, idle.
"""
import argparse
import collections
import json
import os
import re
import subprocess
import sys
import time

HZ = os.sysconf("SC_CLK_TCK")


def stat(path, children=False):
    """(comm, ppid, cpu seconds) of a /proc/<pid>[/task/<tid>]/stat, None when gone; with
    children, the CPU seconds of its reaped children (cutime + cstime) instead."""
    try:
        with open(path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
    except OSError:
        return None
    close = text.rindex(")")
    comm = text[text.index("(") + 1:close]
    fields = text[close + 2:].split()
    # fields[0] is state (field 3); utime is field 14, stime field 15, ppid field 4.
    if children:
        return comm, int(fields[1]), (int(fields[13]) + int(fields[14])) / HZ
    return comm, int(fields[1]), (int(fields[11]) + int(fields[12])) / HZ


def cmdline(pid):
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            return f.read().split(b"\0")
    except OSError:
        return []


def kind(pid, comm):
    args = cmdline(pid)
    first = os.path.basename(args[0].decode("utf-8", "replace")) if args else comm
    joined = b" ".join(args)
    if comm == "java" or first == "java":
        return "jvm"
    if first.startswith("node") or comm == "node" or b"webassembly-host.mjs" in joined:
        return "node host" if b"webassembly-host.mjs" in joined else "node (other)"
    if first.startswith("python") or comm.startswith("python"):
        return "CPython"
    return "other: " + (first or comm)


def thread_group(name):
    # "mpunit-webassembly-host-1234" and "GC Thread#1" are one group each.
    return re.sub(r"[-#]?\d+$", "", name).strip() or name


def poll_tree(root, seen, kinds, threads, jvm, comms, examples, alive, reaped):
    children = collections.defaultdict(list)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            s = stat(f"/proc/{entry}/stat")
            if s:
                children[s[1]].append((int(entry), s))
    stack = [root]
    while stack:
        pid = stack.pop()
        for child, (comm, _, cpu) in children.get(pid, ()):
            stack.append(child)
            # A pid keeps its number across exec (env -> bash -> java, jspawnhelper -> node).
            if comms.get(child) != comm:
                comms[child] = comm
                kinds[child] = kind(child, comm)
                if examples is not None:
                    examples.setdefault(kinds[child], collections.Counter())[
                        b" ".join(cmdline(child)[:4]).decode("utf-8", "replace")[:160]] += 1
            seen[child] = max(seen.get(child, 0.0), cpu)
            alive.add(child)
            if kinds[child] == "jvm":
                jvm.add(child)
                reaped_now = stat(f"/proc/{child}/stat", children=True)
                if reaped_now:
                    reaped[child] = max(reaped.get(child, 0.0), reaped_now[2])
                try:
                    tids = os.listdir(f"/proc/{child}/task")
                except OSError:
                    tids = []
                for tid in tids:
                    t = stat(f"/proc/{child}/task/{tid}/stat")
                    if t:
                        key = (child, int(tid))
                        name, _, tcpu = t
                        old = threads.get(key)
                        threads[key] = (name, max(tcpu, old[1] if old else 0.0))


def jfr_tables(recording):
    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample",
                          recording], capture_output=True, text=True, check=True).stdout
    events = json.loads(out)["recording"]["events"]
    by_package = collections.Counter()
    by_mpunit = collections.Counter()
    by_thread = collections.Counter()
    for event in events:
        values = event["values"]
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        thread = values.get("sampledThread") or {}
        by_thread[thread_group(thread.get("javaName") or thread.get("osName") or "?")] += 1
        top = frames[0]["method"]["type"]["name"].replace("/", ".")
        by_package[top.rsplit(".", 1)[0] if "." in top else top] += 1
        owner = "(no dev.mpunit frame)"
        for frame in frames:
            cls = frame["method"]["type"]["name"].replace("/", ".")
            if cls.startswith("dev.mpunit.") and "$$Lambda" not in cls:
                owner = cls.removeprefix("dev.mpunit.") + "." + frame["method"]["name"]
                break
        by_mpunit[owner] += 1
    return len(events), by_package, by_mpunit, by_thread


def node_profile_tables(directory):
    import glob
    by_kind = collections.Counter()
    by_function = collections.Counter()
    profiles = 0
    for path in glob.glob(os.path.join(directory, "*.cpuprofile")):
        with open(path) as f:
            profile = json.load(f)
        nodes = {node["id"]: node for node in profile["nodes"]}
        if any("[worker eval]" in node["callFrame"]["url"] for node in profile["nodes"]):
            # The host's flusher thread: it spends its time in Atomics.wait, which the profiler counts.
            by_kind["host's output flusher thread (mostly waiting)"] += sum(profile["timeDeltas"]) / 1e6
            continue
        profiles += 1
        for sample, delta in zip(profile["samples"], profile["timeDeltas"]):
            frame = nodes[sample]["callFrame"]
            name, url = frame["functionName"], frame["url"]
            if name in ("(garbage collector)", "(idle)", "(program)"):
                what = name
            elif url.startswith("wasm://"):
                what = "wasm: MicroPython itself"
            elif url.endswith("micropython.mjs"):
                what = "micropython.mjs JavaScript (instances, file system, proxies)"
            elif url.endswith("webassembly-host.mjs"):
                what = "webassembly-host.mjs"
            elif url.startswith("node:") or not url:
                what = "node and V8 built-ins"
            else:
                what = "test scripts' JavaScript (" + os.path.basename(url) + ")" if url.endswith((".mjs", ".js")) else url
            by_kind[what] += delta / 1e6
            by_function[f"{name or '(anonymous)'} {os.path.basename(url)}"] += delta / 1e6
    return profiles, by_kind, by_function


def table(title, counter, total, unit, limit=15):
    print(f"\n{title}")
    for name, value in counter.most_common(limit):
        share = 100.0 * value / total if total else 0
        print(f"  {value:10.2f} {unit}  {share:5.1f} %  {name}" if unit == "s"
              else f"  {value:10d} {unit}  {share:5.1f} %  {name}")
    rest = sum(counter.values()) - sum(v for _, v in counter.most_common(limit))
    if rest:
        print(f"  {rest:10.2f} {unit}          (the rest)" if unit == "s" else f"  {rest:10d} {unit}          (the rest)")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jfr", help="record the JVM with Java Flight Recorder into this file and sum its samples")
    parser.add_argument("--node-prof", help="sum node's .cpuprofile files in this directory after the run")
    parser.add_argument("--commands", action="store_true", help="also print the command lines seen, per kind")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between polls of /proc")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("give the command to measure after --")
    env = dict(os.environ)
    if options.jfr:
        env["JAVA_TOOL_OPTIONS"] = (env.get("JAVA_TOOL_OPTIONS", "") + " -XX:StartFlightRecording=settings=profile,"
                                    f"filename={options.jfr}").strip()

    load = os.getloadavg()
    wall0 = time.monotonic()
    process = subprocess.Popen(command, env=env)
    seen, kinds, threads, jvm, comms, reaped = {}, {}, {}, set(), {}, {}
    examples = {} if options.commands else None
    rusage = None
    alive = set()
    while rusage is None:
        alive = set()
        poll_tree(os.getpid(), seen, kinds, threads, jvm, comms, examples, alive, reaped)
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            rusage = usage
            code = os.waitstatus_to_exitcode(status)
            break
        time.sleep(options.interval)
    wall = time.monotonic() - wall0
    total = rusage.ru_utime + rusage.ru_stime

    by_kind = collections.Counter()
    processes = collections.Counter()
    for pid, cpu in seen.items():
        by_kind[kinds[pid]] += cpu
        processes[kinds[pid]] += 1
    seen_total = sum(by_kind.values())
    print(f"\nCPU seconds of `{' '.join(command[:2])} ...`: {total:.2f} s in {wall:.1f} s wall "
          f"(load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}, at end "
          f"{' '.join(f'{x:.2f}' for x in os.getloadavg())})")
    print("\nBy process kind (each process's own CPU at its last poll)")
    for name, value in by_kind.most_common():
        print(f"  {value:10.2f} s  {100 * value / total:5.1f} %  {name} ({processes[name]} processes)")
    # What the JVM's children used, once reaped (exact), less what the polls saw of processes that
    # had ended by the last poll (they were reaped, by the JVM or by a child the JVM reaped).
    jvm_children = sum(reaped.values())
    ended_seen = sum(cpu for pid, cpu in seen.items() if pid not in alive and kinds[pid] != "jvm")
    unseen_children = max(0.0, jvm_children - ended_seen)
    unseen_rest = total - seen_total - unseen_children
    print(f"  {unseen_children:10.2f} s  {100 * unseen_children / total:5.1f} %  "
          "not seen by the polls: ended children of the JVM (its cutime + cstime less what the polls saw of them;"
          " on the unix port mostly micropython processes shorter than a poll)")
    print(f"  {unseen_rest:10.2f} s  {100 * unseen_rest / total:5.1f} %  "
          "not seen by the polls otherwise (processes shorter than a poll outside the JVM, ends after the last poll)")

    if examples:
        for name, lines in sorted(examples.items()):
            print(f"\n  command lines of {name}:")
            for line, count in lines.most_common(8):
                print(f"    {count:5d} x {line}")

    groups = collections.Counter()
    for name, cpu in threads.values():
        groups[thread_group(name)] += cpu
    table("JVM threads by name (/proc, names cut to 15 characters by Linux)", groups, total, "s")

    if options.jfr and os.path.exists(options.jfr):
        count, by_package, by_mpunit, by_thread = jfr_tables(options.jfr)
        print(f"\nJFR: {count} execution samples of Java code (JIT, GC and native waits are not sampled)")
        table("JFR samples by thread", by_thread, count, "samples", 10)
        table("JFR samples by the top frame's package", by_package, count, "samples")
        table("JFR samples by the first dev.mpunit method on the stack", by_mpunit, count, "samples", 25)
    if options.node_prof:
        profiles, by_kind, by_function = node_profile_tables(options.node_prof)
        seconds = sum(by_kind.values())
        print(f"\nnode --cpu-prof: {profiles} main-thread profiles (a process killed by the JVM writes none)")
        table("node's samples by what they ran (seconds of samples; idle is not CPU)", by_kind, seconds, "s")
        table("node's samples by function (self time)", by_function, seconds, "s", 20)
    return code


if __name__ == "__main__":
    sys.exit(main())

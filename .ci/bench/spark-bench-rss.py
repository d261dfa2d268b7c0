#!/usr/bin/env python3
"""Peak RSS of every JVM of a benchmark run, by role.

usage: spark-bench-rss.py OUT.tsv PID [PID ...]

Every 0.2 s it walks the process trees under the given PIDs (Maven's JVM, the cluster's master and workers) and reads
each process's VmHWM (its peak resident set size, kept by the kernel) from /proc/<pid>/status. The value read last
before a process exits is its peak up to that poll, so a spike in the last 0.2 s of a short-lived process can be
missed. On SIGTERM (or when every root has exited) it writes one line per process: pid, role, VmHWM in KB, and the
command's main class. Roles: maven, driver (SparkDriverMain), master, worker, executor (CoarseGrainedExecutorBackend),
jvm (any other Java process), other.
"""
import os
import signal
import sys
import time

INTERVAL = 0.2
ROLES = (
    ("org.codehaus.plexus.classworlds", "maven"),
    ("io.github.mlmaven.spark.SparkDriverMain", "driver"),
    ("org.apache.spark.deploy.master.Master", "master"),
    ("org.apache.spark.deploy.worker.Worker", "worker"),
    ("CoarseGrainedExecutorBackend", "executor"),
)


def parent_map():
    parents = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
        except OSError:
            continue
        # the command name (2nd field) is in parentheses and may hold spaces: the fields after it are split safely
        after = stat[stat.rfind(")") + 2:].split()
        parents[int(entry)] = int(after[1])
    return parents


def tree(roots, parents):
    children = {}
    for pid, ppid in parents.items():
        children.setdefault(ppid, []).append(pid)
    found, todo = set(), [r for r in roots if r in parents]
    while todo:
        pid = todo.pop()
        if pid not in found:
            found.add(pid)
            todo.extend(children.get(pid, []))
    return found


def describe(pid):
    with open(f"/proc/{pid}/cmdline", "rb") as f:
        args = [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    line = " ".join(args)
    for marker, role in ROLES:
        if marker in line:
            return role, marker.rsplit(".", 1)[-1]
    if args and os.path.basename(args[0]) == "java":
        main = next((a for a in reversed(args) if "." in a and not a.startswith("-")), "?")
        return "jvm", main
    return "other", os.path.basename(args[0]) if args else "?"


def hwm_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    out, roots = sys.argv[1], [int(p) for p in sys.argv[2:]]
    peaks = {}
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))

    def poll():
        parents = parent_map()
        for pid in tree(roots, parents):
            try:
                kb = hwm_kb(pid)
                # described again every time: mvn's shell script execs its JVM under the same PID
                role, main_class = describe(pid)
            except OSError:
                continue  # exited between the listing and the read
            if pid in peaks and (role, main_class) == ("other", "?"):
                # an exiting process has an empty command line: it keeps the role it was seen with
                role, main_class = peaks[pid][1], peaks[pid][2]
            peaks[pid] = (max(kb, peaks[pid][0]) if pid in peaks else kb, role, main_class)
        return any(r in parents for r in roots)

    while not stop:
        if not poll():
            break
        time.sleep(INTERVAL)
    poll()
    with open(out, "w") as f:
        for pid, (kb, role, main_class) in sorted(peaks.items()):
            f.write(f"{pid}\t{role}\t{kb}\t{main_class}\n")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Run one command under `/usr/bin/time -v` and report its cost.

usage: scripts/bench-measure.py [--stdout FILE] [--stderr FILE] -- CMD [ARG...]

Prints one line:  rc=N wall=SECONDS maxrss_kb=N tree_pss_kb=N
  wall, maxrss_kb  from GNU time: "Elapsed (wall clock) time" and "Maximum
                   resident set size". For a program that forks worker
                   processes, maxrss is the largest single process, not the sum.
  tree_pss_kb      peak over time of the summed PSS (proportional set size,
                   /proc/PID/smaps_rollup) of the whole process tree, sampled
                   every 50 ms; counts forked workers, shares shared pages
                   fairly. 0 if /proc is not readable. Informational only.
The command's stdout goes to /dev/null unless --stdout is given.
"""
import os
import re
import subprocess
import sys
import tempfile
import time


def children_map():
    kids = {}
    for d in os.listdir('/proc'):
        if not d.isdigit():
            continue
        try:
            with open(f'/proc/{d}/stat') as f:
                st = f.read()
            ppid = int(st[st.rindex(')') + 2:].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        kids.setdefault(ppid, []).append(int(d))
    return kids


def tree_pss_kb(root):
    kids = children_map()
    todo, total = [root], 0
    while todo:
        pid = todo.pop()
        todo.extend(kids.get(pid, []))
        try:
            with open(f'/proc/{pid}/smaps_rollup') as f:
                for line in f:
                    if line.startswith('Pss:'):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
    return total


def parse_wall(s):
    # "h:mm:ss" or "m:ss.ss"
    parts = [float(p) for p in s.strip().split(':')]
    secs = 0.0
    for p in parts:
        secs = secs * 60 + p
    return secs


def main():
    argv = sys.argv[1:]
    out_path, err_path = os.devnull, None
    while argv and argv[0] != '--':
        if argv[0] == '--stdout' and len(argv) > 1:
            out_path, argv = argv[1], argv[2:]
        elif argv[0] == '--stderr' and len(argv) > 1:
            err_path, argv = argv[1], argv[2:]
        else:
            sys.exit(__doc__)
    if not argv or len(argv) < 2:
        sys.exit(__doc__)
    cmd = argv[1:]
    tfd, tpath = tempfile.mkstemp(prefix='bench-time-')
    os.close(tfd)
    try:
        with open(out_path, 'wb') as out, \
                (open(err_path, 'wb') if err_path else open(os.devnull, 'wb')) as err:
            p = subprocess.Popen(['/usr/bin/time', '-v', '-o', tpath] + cmd,
                                 stdout=out, stderr=err)
            peak = 0
            while p.poll() is None:
                try:
                    peak = max(peak, tree_pss_kb(p.pid))
                except Exception:
                    pass
                time.sleep(0.05)
        with open(tpath) as f:
            tv = f.read()
    finally:
        os.unlink(tpath)
    m_wall = re.search(r'Elapsed \(wall clock\) time.*\):\s*(\S+)\s*$', tv, re.M)
    m_rss = re.search(r'Maximum resident set size \(kbytes\):\s*(\d+)', tv)
    m_rc = re.search(r'Exit status:\s*(\d+)', tv)
    m_sig = re.search(r'Command terminated by signal (\d+)', tv)
    if not (m_wall and m_rss):
        sys.stderr.write('bench-measure: could not parse /usr/bin/time output:\n' + tv)
        sys.exit(3)
    if m_sig:
        rc = 128 + int(m_sig.group(1))
    elif m_rc:
        rc = int(m_rc.group(1))
    else:
        rc = p.returncode
    print(f'rc={rc} wall={parse_wall(m_wall.group(1)):.3f} '
          f'maxrss_kb={m_rss.group(1)} tree_pss_kb={peak}')


if __name__ == '__main__':
    main()

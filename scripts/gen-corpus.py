#!/usr/bin/env python3
"""Generate a larger benchmark corpus from the public manifest corpus.

usage: scripts/gen-corpus.py OUT_DIR [--factor N] [--source DIR] [--suffix-names]

Deterministic: the same source and options always give byte-identical output.

Default mode copies every file of the source corpus verbatim, N times, into
OUT_DIR/copy0 ... OUT_DIR/copy{N-1}, keeping the relative paths. That is the
simplest honest way to get an N-times larger input: the scanner does exactly
N times the reading and parsing work, the deliberately broken files stay
broken, and nothing in the input is invented. The copies describe the same
objects (same names and namespaces), so a scanner that merged duplicates
would see fewer distinct objects; Bulwark counts every document it reads.

With --suffix-names, copies 1..N-1 are edited minimally so every copy is a
distinct set of objects: in YAML files, the `name:` and `namespace:` lines
directly under a top-level `metadata:` key get the suffix `-cK` appended
(only plain or quoted single-line scalars; nothing else is touched, so a
file that did not parse still does not parse). JSON files and YAML
documents whose metadata is written differently are copied verbatim.
Cross-references (roleRef, serviceAccountName, subjects) are not rewritten.
"""
import argparse
import os
import re
import shutil
import sys

META_KEY = re.compile(r'^(?P<ind>[ \t]+)(?P<key>name|namespace):(?P<sp>[ \t]+)'
                      r'(?P<val>"[^"\n]*"|\'[^\'\n]*\'|[A-Za-z0-9][A-Za-z0-9._-]*)'
                      r'(?P<rest>[ \t]*(#.*)?)$')


def suffix_yaml(text, suffix):
    out = []
    in_meta = False
    child_indent = None
    for line in text.split('\n'):
        stripped = line.strip()
        if line.startswith('metadata:') and stripped == 'metadata:':
            in_meta, child_indent = True, None
            out.append(line)
            continue
        if in_meta:
            if stripped == '' or stripped.startswith('#'):
                out.append(line)
                continue
            if not line[:1].isspace():  # back at column 0: metadata block ended
                in_meta = False
            else:
                indent = len(line) - len(line.lstrip(' \t'))
                if child_indent is None:
                    child_indent = indent
                if indent == child_indent:
                    m = META_KEY.match(line)
                    if m:
                        val = m.group('val')
                        if val[0] in '"\'':
                            val = val[:-1] + suffix + val[-1]
                        else:
                            val = val + suffix
                        line = f"{m.group('ind')}{m.group('key')}:{m.group('sp')}{val}{m.group('rest')}"
        out.append(line)
    return '\n'.join(out)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_src = os.path.normpath(os.path.join(here, '..', '..', 'shared', 'corpus'))
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('out_dir')
    ap.add_argument('--factor', type=int, default=10)
    ap.add_argument('--source', default=os.environ.get('CORPUS', default_src))
    ap.add_argument('--suffix-names', action='store_true')
    a = ap.parse_args()
    if a.factor < 1:
        ap.error('--factor must be >= 1')
    src = os.path.abspath(a.source)
    if not os.path.isdir(src):
        sys.exit(f'gen-corpus: source corpus not found: {src}')
    out = os.path.abspath(a.out_dir)
    if out == src or out.startswith(src + os.sep):
        sys.exit('gen-corpus: OUT_DIR must not be inside the source corpus')

    files = []
    for root, dirs, names in os.walk(src):
        dirs.sort()
        for n in sorted(names):
            files.append(os.path.relpath(os.path.join(root, n), src))

    nfiles = nbytes = 0
    for k in range(a.factor):
        base = os.path.join(out, f'copy{k}')
        for rel in files:
            s, d = os.path.join(src, rel), os.path.join(base, rel)
            os.makedirs(os.path.dirname(d), exist_ok=True)
            if a.suffix_names and k > 0 and rel.endswith(('.yaml', '.yml')):
                with open(s, 'rb') as f:
                    raw = f.read()
                try:
                    text = raw.decode('utf-8')
                except UnicodeDecodeError:
                    shutil.copyfile(s, d)
                else:
                    with open(d, 'wb') as f:
                        f.write(suffix_yaml(text, f'-c{k}').encode('utf-8'))
            else:
                shutil.copyfile(s, d)
            nfiles += 1
            nbytes += os.path.getsize(d)
    print(f'gen-corpus: {nfiles} files, {nbytes} bytes ({nbytes / 1048576:.1f} MiB) '
          f'in {a.factor} copies under {out}', file=sys.stderr)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""Regenerates the README's parts that come from the code: the sample output (the README's first
command, with --now fixed and --severity critical so that it fits) and the flag reference (every
command's options, from the binary's own `--experimental-dump-help`).

    scripts/update-readme.py [--bulwark PATH]           rewrite README.md in place
    scripts/update-readme.py [--bulwark PATH] --check   exit 1 when the flag reference is stale

The sample depends on the file modes a checkout gave examples/node (git keeps only the executable
bit), so --check compares the flag reference only; the sample is rewritten by the first form.
"""
import json
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE_ARGS = ["scan", "examples/insecure", "examples/control-plane", "--node-root", "examples/node",
               "--exceptions", "examples/exceptions.yaml", "--now", "2026-12-01T00:00:00Z", "--severity", "critical"]


def run(bulwark, args):
    env = dict(os.environ, COLUMNS="100", NO_COLOR="1")
    return subprocess.run([bulwark] + args, cwd=ROOT, env=env, capture_output=True, text=True)


def sample(bulwark):
    out = run(bulwark, SAMPLE_ARGS)
    if out.returncode not in (0, 1):
        sys.exit(f"update-readme: the sample command exited {out.returncode}: {out.stderr}")
    return "```text\n$ bulwark " + " ".join(SAMPLE_ARGS) + "\n" + out.stdout.rstrip("\n") + "\n```\n"


def cell(text):
    return text.replace("|", "\\|").replace("\n", " ").strip()


def flag_name(argument):
    names = []
    for n in argument.get("names", []):
        prefix = "-" if n["kind"] == "short" else "--"
        names.append(prefix + n["name"])
    if argument["kind"] == "positional":
        names = [argument.get("valueName", "arg").upper() + ("…" if argument.get("isRepeating") else "")]
    name = ", ".join(names)
    if argument["kind"] == "option":
        name += " " + argument.get("valueName", "value").upper()
    return name


def flags(bulwark):
    dumped = run(bulwark, ["--experimental-dump-help"])
    if dumped.returncode != 0:
        sys.exit("update-readme: --experimental-dump-help failed: " + dumped.stderr)
    tree = json.loads(dumped.stdout)["command"]
    lines = []

    def walk(command, path):
        arguments = [a for a in command.get("arguments", []) if a.get("shouldDisplay", True)
                     and a.get("preferredName", {}).get("name") not in ("help", "version")]
        if arguments and path != ["bulwark"]:
            lines.append(f"**`{' '.join(path)}`** — {cell(command.get('abstract', ''))}\n")
            lines.append("| flag | meaning | default |")
            lines.append("|---|---|---|")
            for a in arguments:
                default = a.get("defaultValue", "")
                values = a.get("allValues")
                meaning = cell(a.get("abstract", ""))
                if values and not all(v in meaning for v in values):
                    meaning += " (" + ", ".join(values) + ")"
                lines.append(f"| `{flag_name(a)}` | {meaning} | {('`' + cell(default) + '`') if default else ''} |")
            lines.append("")
        for sub in command.get("subcommands", []):
            if sub["commandName"] != "help":
                walk(sub, path + [sub["commandName"]])

    walk(tree, ["bulwark"])
    return "\n".join(lines)


def replace(text, marker, body):
    pattern = re.compile(r"(<!-- %s:begin[^>]*-->\n)(.*?)(<!-- %s:end -->)" % (marker, marker), re.S)
    if not pattern.search(text):
        sys.exit(f"update-readme: README.md has no <!-- {marker}:begin --> … <!-- {marker}:end --> block")
    return pattern.sub(lambda m: m.group(1) + body + m.group(3), text, count=1)


def main():
    args = sys.argv[1:]
    bulwark = os.path.join(ROOT, ".build/debug/bulwark")
    if "--bulwark" in args:
        bulwark = args[args.index("--bulwark") + 1]
    path = os.path.join(ROOT, "README.md")
    text = open(path, encoding="utf-8").read()
    updated = replace(text, "flags", flags(bulwark) + "\n")
    if "--check" in args:
        if updated != text:
            sys.exit("update-readme: README.md's flag reference is stale: run scripts/update-readme.py")
        return
    updated = replace(updated, "sample", sample(bulwark))
    open(path, "w", encoding="utf-8").write(updated)


if __name__ == "__main__":
    main()

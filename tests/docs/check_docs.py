#!/usr/bin/env python3
"""check_docs.py PERSIST - every relative link in the project's Markdown points to a file that exists
(and, with an #anchor, to a heading that exists), and every `persist COMMAND` the documentation names
in code (inline code, code blocks, the man pages' command lines) is a command that PERSIST (the built
tool) knows. Prints one line per problem and a summary; exits 1 when there is a problem."""
import os
import re
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SKIP_DIRS = {".git", "node_modules", "corpus"}


def tracked_docs():
    """Markdown and man pages of the project (not build output)."""
    out = []
    for base, dirs, files in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith("build")]
        for f in files:
            if f.endswith(".md") or re.fullmatch(r".*\.[1-8]", f):
                out.append(os.path.join(base, f))
    return sorted(out)


def slug(heading):
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to dashes."""
    h = re.sub(r"[`*_]", "", heading.strip().lower())
    h = re.sub(r"[^\w\- ]", "", h)
    return h.replace(" ", "-")


def anchors(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    return {slug(m.group(1)) for m in re.finditer(r"^#+\s+(.*)$", text, re.M)}


def check_links(path, problems):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    text = re.sub(r"```.*?```", "", text, flags=re.S)
    for m in re.finditer(r"\]\(([^)\s]+)\)", text):
        target = m.group(1)
        if re.match(r"[a-z]+:", target):  # http:, https:, mailto:
            continue
        file_part, _, anchor = target.partition("#")
        dest = path if file_part == "" else os.path.normpath(os.path.join(os.path.dirname(path), file_part))
        rel = os.path.relpath(path, ROOT)
        if not os.path.exists(dest):
            problems.append(f"{rel}: link to {target}: no such file")
        elif anchor and dest.endswith(".md") and anchor not in anchors(dest):
            problems.append(f"{rel}: link to {target}: no heading with that anchor")


def commands(tool):
    out = subprocess.run([tool, "--help"], capture_output=True, text=True, check=False).stdout
    cmds = set(re.findall(r"^  ([a-z][a-z-]+) ", out, re.M))
    cmds.add("help")
    return cmds


def code_of(path):
    """The parts of a document that are code: inline code, fenced and indented blocks, man-page
    synopsis and example lines."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if not path.endswith(".md"):  # man page: every line, with font escapes removed
        return [re.sub(r"\\f[BIRP]|\\-|^\.[A-Z]{1,2} ?", lambda m: "-" if m.group(0) == "\\-" else "", line)
                for line in text.splitlines()]
    parts = re.findall(r"```.*?```", text, flags=re.S)
    parts += re.findall(r"`([^`\n]+)`", re.sub(r"```.*?```", "", text, flags=re.S))
    parts += [line for line in text.splitlines() if line.startswith("    ")]
    return parts


def check_commands(path, known, problems):
    rel = os.path.relpath(path, ROOT)
    man = not path.endswith(".md")
    for part in code_of(path):
        for m in re.finditer(r"(?<![\w/.-])(?<!import )persist[ \t]+(?:--?[\w-]+(?:[ =]\S+)?[ \t]+)*([a-z][a-z-]*)\b",
                             part):
            word = m.group(1)
            if man and not part.lstrip().startswith("persist"):
                continue  # man pages: only command lines
            if word not in known and word not in {"store", "is", "the", "and"}:
                problems.append(f"{rel}: `persist {word}` is not a command of the tool")


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: check_docs.py PERSIST")
    known = commands(sys.argv[1])
    if len(known) < 10:
        sys.exit(f"check_docs: could not read the command list from {sys.argv[1]} --help")
    problems = []
    docs = tracked_docs()
    for path in docs:
        if path.endswith(".md"):
            check_links(path, problems)
        check_commands(path, known, problems)
    for p in problems:
        print("docs: " + p)
    print(f"docs: {len(docs)} documents, {len(known)} commands known, {len(problems)} problems")
    sys.exit(1 if problems else 0)


main()

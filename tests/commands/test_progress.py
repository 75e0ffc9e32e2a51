"""The build's progress bar: drawn on a terminal (a pseudo-terminal here), never in a
pipe, a log or a CI job, whose stderr stays exactly the build's report."""

from __future__ import annotations

import fcntl
import io
import os
import pty
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

from glossator.cli import main
from glossator.commands.progress import Bars, terminal_progress
from glossator.paths import STAMP

ESSAYS = 12


def corpus(root: Path) -> Path:
    """Twelve short essays, citing nothing: a build with nothing to warn about."""
    essays = root / "content" / "essays"
    essays.mkdir(parents=True)
    for number in range(1, ESSAYS + 1):
        (essays / f"essay-{number:02}.md").write_text(
            f"---\ntitle: Essay number {number}\nauthor: A. Writer\ndate: 2024-01-{number:02}\n"
            f"---\n\nThe {number}th essay says one thing, plainly.\n",
            encoding="utf-8",
        )
    return root / "content"


def files_in(folder: Path) -> int:
    """The files the build wrote, not counting its own stamp."""
    return sum(1 for path in folder.rglob("*") if path.is_file() and path.name != STAMP)


def test_off_a_terminal_the_build_prints_its_report_and_nothing_else(tmp_path, capsys):
    content, out = corpus(tmp_path), tmp_path / "_site"
    assert main(["build", "--content", str(content), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert captured.err == f"glossator: wrote {files_in(out)} files to {out}\n"
    assert captured.out == ""


def test_a_ci_job_gets_no_bar_even_on_a_terminal(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("CI", "true")
    assert terminal_progress(Terminal()) is None
    monkeypatch.delenv("CI")
    assert isinstance(terminal_progress(Terminal()), Bars)
    assert terminal_progress(io.StringIO()) is None


def read_all(fd: int) -> bytes:
    chunks = []
    while True:
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the other end is closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks)


# the terminal's size as a terminal emulator sets it, or none (0 by 0), as a program
# that opens a terminal may leave it
@pytest.mark.parametrize(("cache", "columns"), [(True, 100), (False, 100), (True, 0)])
def test_on_a_terminal_the_build_shows_its_progress_then_erases_it(tmp_path, cache, columns):
    content, out = corpus(tmp_path), tmp_path / "_site"
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    args = [sys.executable, "-m", "glossator", "build", "--content", str(content)]
    args += ["--out", str(out)] + ([] if cache else ["--no-cache"])
    leader, follower = pty.openpty()
    lines = 24 if columns else 0
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", lines, columns, 0, 0))
    try:
        run = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=follower, env=env)
        os.close(follower)
        shown = read_all(leader).decode("utf-8")
        stdout, _ = run.communicate(timeout=120)
    finally:
        os.close(leader)
    assert run.returncode == 0 and stdout == b""
    assert "Reading essays:   0%|" in shown and f"| 0/{ESSAYS} [" in shown
    stages = ["Reading essays", "Reading references.bib", "Linking citations"]
    stages += ["Formatting the bibliography", "Formatting citations", "Indexing for search"]
    stages += ["Rendering pages", "Writing files"]
    firsts = [shown.find(f"\r{stage}: ") for stage in stages]
    assert -1 not in firsts and firsts == sorted(firsts), dict(zip(stages, firsts, strict=True))
    # the last bar erased, the report stands alone on its line
    report = f"glossator: wrote {files_in(out)} files to {out}\r\n"
    assert shown.endswith("\r" + report)
    bars = shown.removesuffix("\r" + report)
    assert "\n" not in bars  # every bar redrawn in place, none left on a line of its own
    assert bars.rsplit("\r", 1)[-1].strip() == ""  # the last drawing erased

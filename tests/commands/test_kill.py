"""A build killed with SIGKILL at any instant leaves the old site or the new one, whole.

The build counts its file-system steps (`write._step`) and, with GLOSSATOR_KILL_AT=N,
kills itself with SIGKILL just before step N. A helper process imports glossator once
and forks one real build per N (every step of the build, until one completes), each in
its own copy of a folder holding the content and the previous site. After each kill the
output must be exactly the old or the new site, and the next build must publish the new
one and leave nothing else beside it. Then the same with the two-rename swap, with a
second kill while the next build cleans up, and with kills at random times.
"""

from __future__ import annotations

import fcntl
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from glossator.cli import main
from glossator.incremental.inputs import CACHE_NAME  # the build cache, beside the output
from glossator.write import recover

REPO = Path(__file__).resolve().parents[2]
GOOD = REPO / "tests" / "fixtures" / "good"

HELPER = r"""
import json, os, shutil, signal, sys
from pathlib import Path
from glossator import write
from glossator.cli import main

base, root = Path(sys.argv[1]), Path(sys.argv[2])
first, limit = int(sys.argv[3]), int(sys.argv[4])
devnull = os.open(os.devnull, os.O_WRONLY)
os.dup2(devnull, 2)
main(["build", "--content", str(base / "content"), "--out", str(root / "warm")])
shutil.rmtree(root / "warm")


def killed_build(work, n):
    pid = os.fork()
    if pid == 0:
        os.chdir(work)
        os.environ["GLOSSATOR_KILL_AT"] = str(n)
        write._steps = 0
        os._exit(main(["build", "--content", "content", "--out", "site"]))
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


results = []
for n in range(1, limit + 1):
    work = root / f"kill-{n:04d}"
    shutil.copytree(base, work, symlinks=True)
    if first:
        assert killed_build(work, first) == -signal.SIGKILL
    code = killed_build(work, n)
    results.append([n, code])
    if code != -signal.SIGKILL:
        break
print(json.dumps(results))
"""


def tree(folder: Path) -> dict[str, bytes | str] | None:
    """Every file (its bytes), folder and link under `folder`; None when it is missing."""
    if not folder.exists():
        return None
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_symlink():
            found[name] = f"link -> {os.readlink(path)}"
        elif path.is_dir():
            found[name] = "folder"
        else:
            found[name] = path.read_bytes()
    return found


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """A folder with the new content and the old site in `site/`, and both sites' trees."""
    base = tmp_path_factory.mktemp("base")
    shutil.copytree(GOOD, base / "content")
    assert main(["build", "--content", str(base / "content"), "--out", str(base / "site")]) == 0
    sidecar = base / "content" / "essays" / "ledgers.yaml"
    sidecar.write_text("format: pdf-text\ntitle: The Ledgers Revised\n", encoding="utf-8")
    new = tmp_path_factory.mktemp("new") / "site"
    assert main(["build", "--content", str(base / "content"), "--out", str(new)]) == 0
    old_tree, new_tree = tree(base / "site"), tree(new)
    assert old_tree != new_tree
    return base, old_tree, new_tree


def kill_everywhere(
    base: Path, root: Path, swap: str, first: int = 0, limit: int = 2000
) -> list[tuple[int, int]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLOSSATOR_")}
    if swap == "rename":
        env["GLOSSATOR_SWAP"] = "rename"
    done = subprocess.run(
        [sys.executable, "-c", HELPER, str(base), str(root), str(first), str(limit)],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    return [tuple(r) for r in json.loads(done.stdout)]


def finish(work: Path, new_tree: dict) -> None:
    """The next, uninterrupted build publishes the new site and cleans up everything."""
    assert main(["build", "--content", str(work / "content"), "--out", str(work / "site")]) == 0
    assert tree(work / "site") == new_tree
    assert sorted(p.name for p in work.iterdir() if p.name != CACHE_NAME) == ["content", "site"]


@pytest.mark.parametrize("swap", ["exchange", "rename"])
def test_sigkill_before_every_file_system_step(swap, sites, tmp_path, monkeypatch, capsys):
    base, old_tree, new_tree = sites
    if swap == "rename":
        monkeypatch.setenv("GLOSSATOR_SWAP", "rename")
    results = kill_everywhere(base, tmp_path, swap)
    *kills, (last, code) = results
    assert code == 0  # the first N past the last step: a build that completes
    assert all(c == -signal.SIGKILL for _, c in kills)
    assert last > 2 * len(new_tree)  # every file is at least two steps (create, write)
    seen = []
    for n, _ in kills:
        work = tmp_path / f"kill-{n:04d}"
        published = tree(work / "site")
        if published is None:
            # Only the two-rename swap, only between its renames: the new site is whole
            # beside it, and recovery (the next build's first act) renames it in.
            assert swap == "rename", n
            ready = [p for p in work.iterdir() if ".site.ready-" in p.name]
            assert [tree(p) for p in ready] == [new_tree], n
            recover(work / "site")
            assert tree(work / "site") == new_tree
            seen.append("missing")
        else:
            assert published in (old_tree, new_tree), n
            seen.append("old" if published == old_tree else "new")
        finish(work, new_tree)
    assert seen[0] == "old" and seen[-1] == "new"
    # old, then new for good: the switch happens once, at one step
    switch = seen.index("new")
    assert set(seen[:switch]) <= {"old", "missing"} and set(seen[switch:]) == {"new"}
    assert seen.count("missing") == (1 if swap == "rename" else 0)
    capsys.readouterr()


def test_sigkill_while_the_next_build_cleans_up(sites, tmp_path, capsys):
    """Killed once half-way through writing (leaving a staging folder of some 15 files),
    then again before each of the first 60 steps of the next build, which start with
    removing that folder: the old site stays, and one more build cleans up both."""
    base, old_tree, new_tree = sites
    results = kill_everywhere(base, tmp_path, "exchange", first=40, limit=60)
    assert results == [(n, -signal.SIGKILL) for n in range(1, 61)]
    for n, _ in results:
        work = tmp_path / f"kill-{n:04d}"
        assert tree(work / "site") == old_tree, n
        debris = [p for p in work.iterdir() if p.name.startswith(".site.new-")]
        assert all((p / ".glossator-site").is_file() or not any(p.iterdir()) for p in debris)
        finish(work, new_tree)
    capsys.readouterr()


def test_sigkill_at_random_times(sites, tmp_path, capsys):
    base, old_tree, new_tree = sites
    work = tmp_path / "work"
    shutil.copytree(base, work, symlinks=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLOSSATOR_")}
    rng = random.Random(7)
    command = [sys.executable, "-m", "glossator", "build", "--content", "content"]
    for _ in range(8):
        process = subprocess.Popen(
            [*command, "--out", "site"], cwd=work, env=env, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, 0.5))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        assert tree(work / "site") in (old_tree, new_tree)
    finish(work, new_tree)
    capsys.readouterr()


def test_a_second_build_into_the_same_output_is_refused(sites, tmp_path, capsys):
    base, old_tree, _ = sites
    work = tmp_path / "work"
    shutil.copytree(base, work, symlinks=True)
    with open(work / ".site.lock", "w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # as a running build holds it
        code = main(["build", "--content", str(work / "content"), "--out", str(work / "site")])
        assert code == 2
        assert capsys.readouterr().err.endswith(
            f"glossator: another glossator build is writing {work / 'site'}; "
            "wait for it to finish\n"
        )
        assert tree(work / "site") == old_tree
    # the lock of a build that died is released by the kernel: its file does not block
    assert (work / ".site.lock").exists()
    assert main(["build", "--content", str(work / "content"), "--out", str(work / "site")]) == 0
    assert sorted(p.name for p in work.iterdir() if p.name != CACHE_NAME) == ["content", "site"]

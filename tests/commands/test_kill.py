"""A build killed with SIGKILL at any instant leaves the old site or the new one, whole.

The build counts its file-system steps (`write.steps.step`) and, with GLOSSATOR_KILL_AT=N,
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
from glossator.write import steps
from glossator.cli import main

base, root, mode = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
first, limit = int(sys.argv[4]), int(sys.argv[5])
devnull = os.open(os.devnull, os.O_WRONLY)
os.dup2(devnull, 2)
main(["build", "--content", str(base / "content"), "--out", str(root / "warm")])
shutil.rmtree(root / "warm")
options = ["--no-cache"] if mode != "in-place" else []


def killed_build(work, n):
    pid = os.fork()
    if pid == 0:
        os.chdir(work)
        os.environ["GLOSSATOR_KILL_AT"] = str(n)
        steps.count = 0
        os._exit(main(["build", "--content", "content", "--out", "site", *options]))
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        return -os.WTERMSIG(status)
    return os.WEXITSTATUS(status)


current = root / "current"  # the path the old site's build records name
if mode == "in-place":
    # the old site built here, from the old content, so that the killed build keeps
    # its unchanged files; each kill starts from hard links to it (same inodes, so
    # trusted as published), and a publish never writes into a published file
    shutil.copytree(base, current, symlinks=True)
    shutil.rmtree(current / "site")
    shutil.rmtree(current / "content")
    shutil.copytree(base.parent / "old-content", current / "content")
    assert killed_build(current, 0) == 0
    shutil.rmtree(current / "content")
    shutil.copytree(base / "content", current / "content")
    current.rename(root / "template")
results = []
for n in range(1, limit + 1):
    if mode == "in-place":
        shutil.copytree(root / "template", current, symlinks=True, copy_function=os.link)
    else:
        shutil.copytree(base, current, symlinks=True)
    if first:
        assert killed_build(current, first) == -signal.SIGKILL
    code = killed_build(current, n)
    current.rename(root / f"kill-{n:04d}")
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


PLATE = bytes.fromhex(  # a 1x1 PNG
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def essay(title: str, image: str = "") -> str:
    figure = f"\n![A plate]({image})\n" if image else ""
    return (
        f"---\ntitle: {title}\n---\n\nMerchants kept their ledgers.[^1]\n{figure}\n"
        "[^1]: Frederic C. Lane, *Venice: A Maritime Republic* (Baltimore: Johns Hopkins "
        "University Press, 1973), 12.\n"
    )


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict, dict]:
    """A folder with the new content and the old site in `site/`, and both sites' trees.
    The old content (kept beside it, `old-content/`) has an essay with a figure in a
    folder of its own that the new one drops, and the new one has an essay the old
    did not and another title: files are added, changed and removed, and a folder goes."""
    base = tmp_path_factory.mktemp("base") / "base"
    old = base.parent / "old-content"
    shutil.copytree(GOOD, old)
    (old / "essays" / "plates").mkdir()
    (old / "essays" / "plates" / "one.png").write_bytes(PLATE)
    (old / "essays" / "margins.md").write_text(essay("Margins", "plates/one.png"), "utf-8")
    shutil.copytree(old, base / "content")
    assert main(["build", "--content", str(base / "content"), "--out", str(base / "site")]) == 0
    content = base / "content"
    shutil.rmtree(content / "essays" / "plates")
    (content / "essays" / "margins.md").unlink()
    (content / "essays" / "glosses.md").write_text(essay("Glosses"), "utf-8")
    sidecar = content / "essays" / "ledgers.yaml"
    sidecar.write_text("format: pdf-text\ntitle: The Ledgers Revised\n", encoding="utf-8")
    new = tmp_path_factory.mktemp("new") / "site"
    assert main(["build", "--content", str(base / "content"), "--out", str(new)]) == 0
    old_tree, new_tree = tree(base / "site"), tree(new)
    assert old_tree != new_tree
    assert "essays/plates/one.png" in old_tree and "essays/plates" not in new_tree
    assert "essays/glosses.html" in new_tree and "essays/glosses.html" not in old_tree
    return base, old_tree, new_tree


def kill_everywhere(
    base: Path, root: Path, mode: str, first: int = 0, limit: int = 2000
) -> list[tuple[int, int]]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GLOSSATOR_")}
    if mode == "rename":
        env["GLOSSATOR_SWAP"] = "rename"
    done = subprocess.run(
        [sys.executable, "-c", HELPER, str(base), str(root), mode, str(first), str(limit)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    return [tuple(r) for r in json.loads(done.stdout)]


def finish(work: Path, new_tree: dict) -> None:
    """The next, uninterrupted build publishes the new site and cleans up everything."""
    assert main(["build", "--content", str(work / "content"), "--out", str(work / "site")]) == 0
    assert tree(work / "site") == new_tree
    assert sorted(p.name for p in work.iterdir() if p.name != CACHE_NAME) == ["content", "site"]


def each_file_old_or_new(published: dict, old_tree: dict, new_tree: dict) -> bool:
    """A site part old, part new: every file whole, the bytes of one of the two."""
    return all(
        data in (old_tree.get(name), new_tree.get(name))
        for name, data in published.items()
        if data != "folder"
    )


def state(work: Path, old_tree: dict, new_tree: dict, mode: str) -> str:
    """What a killed build left: the old site, the new one, or (publishing in place) a
    journal beside a site of old and new files, which `recover` completes."""
    published = tree(work / "site")
    if published is None:
        # Only the two-rename swap, only between its renames: the new site is whole
        # beside it, and recovery (the next build's first act) renames it in.
        assert mode == "rename"
        ready = [p for p in work.iterdir() if ".site.ready-" in p.name]
        assert [tree(p) for p in ready] == [new_tree]
        recover(work / "site")
        assert tree(work / "site") == new_tree
        return "missing"
    if (work / ".site.journal").exists():
        assert mode == "in-place"
        assert each_file_old_or_new(published, old_tree, new_tree)
        recover(work / "site")
        assert tree(work / "site") == new_tree
        assert not (work / ".site.journal").exists()
        return "journal"
    assert published in (old_tree, new_tree)
    return "old" if published == old_tree else "new"


@pytest.fixture(scope="module")
def in_place_kills(sites, tmp_path_factory) -> tuple[Path, list[tuple[int, int]], list[int]]:
    """The in-place publish killed before each of its steps: the folder of the kills,
    the results, and the steps at which a journal was left (read before any test
    completes them)."""
    root = tmp_path_factory.mktemp("in-place")
    results = kill_everywhere(sites[0], root, "in-place")
    journal = [n for n, _ in results[:-1] if (root / f"kill-{n:04d}" / ".site.journal").exists()]
    return root, results, journal


@pytest.mark.parametrize("mode", ["in-place", "exchange", "rename"])
def test_sigkill_before_every_file_system_step(mode, sites, tmp_path, monkeypatch, request, capsys):
    base, old_tree, new_tree = sites
    if mode == "rename":
        monkeypatch.setenv("GLOSSATOR_SWAP", "rename")
    if mode == "in-place":
        tmp_path, results, _ = request.getfixturevalue("in_place_kills")
    else:
        results = kill_everywhere(base, tmp_path, mode)
    *kills, (last, code) = results
    assert code == 0  # the first N past the last step: a build that completes
    assert all(c == -signal.SIGKILL for _, c in kills)
    changed = [p for p, data in new_tree.items() if old_tree.get(p) != data and data != "folder"]
    # every file written is at least two steps (create, write), then moved in place
    assert last > (3 if mode == "in-place" else 2) * len(
        changed if mode == "in-place" else new_tree
    )
    seen = []
    for n, _ in kills:
        work = tmp_path / f"kill-{n:04d}"
        seen.append(state(work, old_tree, new_tree, mode))
        finish(work, new_tree)
    assert seen[0] == "old" and seen[-1] == "new"
    # old, then new for good: the switch happens once, at one step (or, in place, over
    # the steps of the journal)
    switch = seen.index("new")
    assert set(seen[:switch]) <= {"old", "missing", "journal"} and set(seen[switch:]) == {"new"}
    assert seen.count("missing") == (1 if mode == "rename" else 0)
    if mode == "in-place":
        journal = [i for i, s in enumerate(seen) if s == "journal"]
        assert len(journal) > len(changed)  # a kill before each file moved in
        assert journal == list(range(journal[0], switch))  # old, then journal, then new
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


def test_sigkill_while_the_next_build_completes_the_journal(
    sites, in_place_kills, tmp_path, capsys
):
    """Killed half-way through moving an edit in place, then again before each step of
    the next build until it completes: each time the journal is still there (and the
    site part old, part new, each file whole) or the site is the new one."""
    base, old_tree, new_tree = sites
    journal = in_place_kills[2]
    middle = journal[len(journal) // 2]
    results = kill_everywhere(base, tmp_path, "in-place", first=middle)
    *kills, (_, code) = results
    assert code == 0 and len(kills) > 10
    seen = [state(tmp_path / f"kill-{n:04d}", old_tree, new_tree, "in-place") for n, _ in kills]
    assert "old" not in seen and seen[0] == "journal" and seen[-1] == "new"
    for n, _ in kills:
        finish(tmp_path / f"kill-{n:04d}", new_tree)
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
        assert state(work, old_tree, new_tree, "in-place") in ("old", "new", "journal")
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

"""The record in buckets: read back as written, whatever was changed between two
writes, and an unchanged bucket copied from the previous file, not pickled again."""

from __future__ import annotations

import gc
import pickle
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from glossator.incremental import buckets

keys = st.text(alphabet="abcdefgh/é.", min_size=1, max_size=6)
values = st.tuples(st.text(max_size=5), st.lists(st.integers(), max_size=3))
mappings = st.dictionaries(keys, values, max_size=40)


def changed(now: dict, changes: list) -> None:
    """Each change made to `now`: a key set to a value, or (None) removed."""
    for key, value in changes:
        if value is None:
            now.pop(key, None)
        else:
            now[key] = value


@settings(max_examples=60, deadline=None)
@given(first=mappings, changes=st.lists(st.tuples(keys, st.none() | values), max_size=10))
def test_a_record_reads_back_as_written_after_any_changes(first, changes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record"
        buckets.write(path, {"m": (first, 7)}, {"extra": 1}, None)
        maps, extra, source = buckets.read(path)
        assert maps == {"m": first} and extra == {"extra": 1}
        now = dict(maps["m"])  # the very objects read, as a build passes them on
        changed(now, changes)
        path.unlink()  # as the build forgets the record before it writes
        buckets.write(path, {"m": (now, 7), "other": (first, 3)}, None, source)
        source.close()
        again, extra, source = buckets.read(path)
        source.close()
        assert again == {"m": now, "other": first} and extra is None


def test_only_the_buckets_holding_a_change_are_pickled_again(tmp_path, monkeypatch):
    first = {f"job:{n}": (f"signature {n}", [f"page-{n}.html"]) for n in range(200)}
    path = tmp_path / "record"
    buckets.write(path, {"jobs": (first, 16)}, None, None)
    maps, _, source = buckets.read(path)
    now = dict(maps["jobs"])
    now["job:5"] = ("another signature", ["page-5.html"])
    pickled, real = [], pickle.dumps
    monkeypatch.setattr(buckets.pickle, "dumps", lambda v, *a: pickled.append(v) or real(v, *a))
    buckets.write(path, {"jobs": (now, 16)}, None, source)
    # the changed entry's bucket (with its neighbours, unchanged) and the header
    changed = [v for v in pickled if isinstance(v, dict)]
    assert len(changed) == 1 and "job:5" in changed[0]
    assert {k for k in first if buckets.bucket_of(k, 16) == buckets.bucket_of("job:5", 16)} == set(
        changed[0]
    )
    monkeypatch.undo()
    maps, _, source = buckets.read(path)
    source.close()
    assert maps["jobs"] == now


def test_a_damaged_record_is_no_record(tmp_path):
    path = tmp_path / "record"
    assert buckets.read(path) is None
    buckets.write(path, {"m": ({"a": ("b", [1])}, 4)}, None, None)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    assert buckets.read(path) is None
    path.write_bytes(b"\xff" * 40)
    assert buckets.read(path) is None


def test_reading_runs_no_collection_and_leaves_the_collector_as_it_was(tmp_path):
    path = tmp_path / "record"
    many = {f"k{n}": (str(n), [n]) for n in range(20_000)}  # enough for many collections
    buckets.write(path, {"m": (many, 8)}, None, None)
    seen = []

    def collected(phase: str, info: dict) -> None:
        seen.append(phase)

    gc.callbacks.append(collected)
    try:
        for enabled in (True, False):
            (gc.enable if enabled else gc.disable)()
            seen.clear()
            maps, _, source = buckets.read(path)
            source.close()
            assert gc.isenabled() == enabled
            assert seen.count("start") <= 1  # at most the one due as it is switched back on
        assert maps["m"] == many
        gc.enable()
        seen.clear()
        made = [(str(n), [n]) for n in range(20_000)]  # the same containers made outside
        assert len(made) == 20_000 and seen.count("start") > 10
    finally:
        gc.callbacks.remove(collected)
        gc.enable()


def test_changed_buckets_are_appended_and_the_data_written_afresh_when_mostly_dead(tmp_path):
    path = tmp_path / "record"
    data = tmp_path / "record.data"
    first = {f"job:{n}": (f"{n:06d}" * 300, [f"page-{n}.html"]) for n in range(2000)}
    buckets.write(path, {"jobs": (first, 64)}, None, None)
    size, inode = data.stat().st_size, data.stat().st_ino
    maps, _, source = buckets.read(path)
    now = dict(maps["jobs"])
    now["job:7"] = ("y" * 1800, ["page-7.html"])
    buckets.write(path, {"jobs": (now, 64)}, None, source)
    source.close()
    # one bucket of 64 appended, the file the same one
    assert data.stat().st_ino == inode
    assert size < data.stat().st_size < size * 1.1
    sizes = []
    for step in range(8):  # every bucket rewritten, again and again
        maps, _, source = buckets.read(path)
        now = {k: (f"{step}" + v[0][1:], v[1]) for k, v in maps["jobs"].items()}
        buckets.write(path, {"jobs": (now, 64)}, None, source)
        source.close()
        sizes.append(data.stat().st_size)
    # bounded: written afresh once the dead buckets outweigh the live ones
    assert max(sizes) <= 3 * size + buckets.SLACK and min(sizes) < 2 * size
    maps, _, source = buckets.read(path)
    source.close()
    assert maps["jobs"] == now


def test_what_a_killed_build_appended_without_its_index_is_never_read(tmp_path):
    path = tmp_path / "record"
    buckets.write(path, {"m": ({"a": ("old", [1])}, 4)}, None, None)
    maps, _, source = buckets.read(path)
    path.unlink()  # forgotten before the site is written
    with open(tmp_path / "record.data", "ab") as handle:
        handle.write(b"half a bucket")  # killed while appending
    assert buckets.read(path) is None
    buckets.write(path, {"m": ({"a": ("new", [2])}, 4)}, None, source)
    source.close()
    maps, _, source = buckets.read(path)
    source.close()
    assert maps == {"m": {"a": ("new", [2])}}
    (tmp_path / "record.data").write_bytes(b"another file")  # not the one indexed
    assert buckets.read(path) is None


@settings(max_examples=40, deadline=None)
@given(first=mappings, changes=st.lists(st.tuples(keys, st.none() | values), max_size=10))
def test_the_record_written_is_the_one_read_back(first, changes):
    """What `write` returns (serve keeps it for its next build) is what `read` finds:
    the same buckets at the same places, so the next write works from either alike."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record"
        written = buckets.write(path, {"m": (first, 7)}, None, None)
        _, _, read = buckets.read(path)
        assert written.parts == read.parts
        now = dict(first)
        changed(now, changes)
        path.unlink()
        again = buckets.write(path, {"m": (now, 7)}, None, written)
        written.close()
        maps, _, source = buckets.read(path)
        assert maps == {"m": now} and again.parts == source.parts
        for kept in (again, source, read):
            kept.close()


def test_a_record_written_afresh_pickles_each_bucket_as_it_writes_it(tmp_path, monkeypatch):
    """A cold build's record is some 50 MB of pickles: made one bucket at a time, each
    written before the next is made, not all held at once."""
    events: list[str] = []
    real_dumps, real_open = pickle.dumps, open

    def dumps(value, *args):
        if isinstance(value, dict):
            events.append("pickle")
        return real_dumps(value, *args)

    class Handle:
        def __init__(self, handle):
            self._handle = handle

        def __enter__(self):
            self._handle.__enter__()
            return self

        def __exit__(self, *exc):
            return self._handle.__exit__(*exc)

        def write(self, data):
            events.append("write")
            return self._handle.write(data)

        def __getattr__(self, name):
            return getattr(self._handle, name)

    monkeypatch.setattr(buckets.pickle, "dumps", dumps)
    monkeypatch.setattr(buckets, "open", lambda *a: Handle(real_open(*a)), raising=False)
    jobs = {f"job:{n}": (f"signature {n}", [f"page-{n}.html"]) for n in range(100)}
    buckets.write(tmp_path / "record", {"jobs": (jobs, 8)}, None, None).close()
    assert events == ["pickle", "write"] * 8
    monkeypatch.undo()
    maps, _, source = buckets.read(tmp_path / "record")
    source.close()
    assert maps["jobs"] == jobs


@settings(max_examples=60, deadline=None)
@given(
    first=mappings,
    gone=st.lists(keys, max_size=10),
    changes=st.lists(st.tuples(keys, st.none() | values), max_size=10),
)
def test_entries_let_go_are_no_longer_held_and_the_record_is_as_written(first, gone, changes):
    """An entry let go (render makes its job again) is held by the source no more, and
    whatever is written then reads back as written: its bucket is pickled again."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record"
        buckets.write(path, {"m": (first, 7)}, None, None)
        maps, _, source = buckets.read(path)
        now = dict(maps["m"])
        for key in gone:
            was = now.pop(key, None)
            source.let_go("m", key)
            held = [v for _, _, bucket in source.parts["m"] for v in bucket.values()]
            assert was is None or all(v is not was for v in held)
        changed(now, changes)
        path.unlink()
        buckets.write(path, {"m": (now, 7)}, None, source)
        source.close()
        again, _, source = buckets.read(path)
        source.close()
        assert again == {"m": now}

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


@settings(max_examples=60, deadline=None)
@given(first=mappings, changes=st.lists(st.tuples(keys, st.none() | values), max_size=10))
def test_a_record_reads_back_as_written_after_any_changes(first, changes):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "record"
        buckets.write(path, {"m": (first, 7)}, {"extra": 1}, None)
        maps, extra, source = buckets.read(path)
        assert maps == {"m": first} and extra == {"extra": 1}
        now = dict(maps["m"])  # the very objects read, as a build passes them on
        for key, value in changes:
            if value is None:
                now.pop(key, None)
            else:
                now[key] = value
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

"""Benchmark (figures; the issue's bar is under 5 s): merging a share of 10,000 tags into a
library holding the same document, and merging it again (nothing to do).

    packaging/dev.sh bench -k merge   (quick mode, in the test run: 300 tags)
"""
import platform
import time

import pytest

from clausemark.core.library.library import Library
from clausemark.core.team import merge_share, plan_merge, read_share
from tests.bench.figures import record
from tests.core.team_helpers import big_share_pair

TAGS = 10_000


@pytest.mark.timeout(300)
def test_bench_merge_10000_tags(bench, tmp_path):
    tags = bench.pick(TAGS, 300)
    _, dest = big_share_pair(tmp_path, tags=tags)
    start = time.perf_counter()
    share = read_share(tmp_path / "big.clausemark-share")
    read = time.perf_counter() - start
    with Library(dest, author="receiver") as lib:
        start = time.perf_counter()
        plan = plan_merge(lib, share)
        planned = time.perf_counter() - start
        result = merge_share(lib, share)
        total = time.perf_counter() - start
        start = time.perf_counter()
        again = merge_share(lib, read_share(tmp_path / "big.clausemark-share"))
        second = time.perf_counter() - start
        assert lib.conn.execute("SELECT count(*) FROM tags").fetchone()[0] == tags
    assert plan.counts()["new"] == result.counts["new"] == tags and again.share_id is None
    print(f"\nmerge of {tags} tags ({platform.python_version()}, {platform.machine()}): read "
          f"{read:.2f} s, plan {planned:.2f} s, plan + write {total - planned:.2f} s "
          f"(merge total {read + total:.2f} s); the same share again {second:.2f} s")
    record(f"merge a share of {tags:,} tags into a library holding the same document",
           f"{read + total:.2f} s (read {read:.2f} s, plan {planned:.2f} s, write "
           f"{total - planned:.2f} s); the same share again {second:.2f} s", target="< 5 s")

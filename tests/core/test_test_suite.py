"""The test suite's own rules: in CI a missing corpus fails the run instead of skipping; every
test that needs the corpus carries the `corpus` marker; every test has a time limit."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ONE_CORPUS_TEST = "tests/core/test_cli_parse.py::test_json_follows_the_design_contract"


def _pytest(*args, **env):
    full_env = {**os.environ, **env}
    for name in [k for k, v in env.items() if v is None]:
        full_env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                           *args], cwd=ROOT, env=full_env, capture_output=True, text=True,
                          timeout=240)


def test_a_missing_corpus_fails_in_ci_and_skips_elsewhere(tmp_path):
    missing = str(tmp_path / "no-corpus")
    ci = _pytest(ONE_CORPUS_TEST, CI="true", CLAUSEMARK_CORPUS=missing)
    assert ci.returncode == 1, ci.stdout
    assert "CI=true but the corpus is missing" in ci.stdout and "1 error" in ci.stdout
    local = _pytest(ONE_CORPUS_TEST, CI=None, CLAUSEMARK_CORPUS=missing)
    assert local.returncode == 0, local.stdout
    assert "1 skipped" in local.stdout


def test_tests_that_use_the_corpus_carry_the_marker():
    listed = _pytest("--collect-only", "-m", "not corpus", "tests/core/test_cli_parse.py",
                     "tests/core/test_library.py")
    assert ONE_CORPUS_TEST not in listed.stdout
    assert "tests/core/test_library.py::" in listed.stdout  # the others are still there
    marked = _pytest("--collect-only", "-m", "corpus", "tests/core/test_cli_parse.py")
    assert ONE_CORPUS_TEST in marked.stdout


def test_every_test_has_a_time_limit(pytestconfig):
    assert float(pytestconfig.getini("timeout")) > 0

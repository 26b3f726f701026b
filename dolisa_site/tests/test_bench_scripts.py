"""The benchmark scripts still import and parse: they run by hand, so nothing
else would notice when a change breaks one."""

import importlib.util
import subprocess
from pathlib import Path

import pytest
from django.conf import settings

BENCH = Path(settings.BASE_DIR) / "bench"


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.py")), ids=lambda path: path.name)
def test_bench_script_imports(script):
    spec = importlib.util.spec_from_file_location(f"bench_{script.stem}", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)


@pytest.mark.parametrize("script", sorted(BENCH.glob("*.sh")), ids=lambda path: path.name)
def test_bench_shell_script_parses(script):
    subprocess.run(["bash", "-n", str(script)], check=True)


def test_there_are_bench_scripts():
    assert len(list(BENCH.glob("*.py"))) >= 4

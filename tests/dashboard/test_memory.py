"""The dashboard process's memory: huge pages off."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest


ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="transparent huge pages are Linux's")
def test_huge_pages_are_turned_off_for_the_app_process_and_its_children() -> None:
    code = ("import subprocess, sys; from dashboard import memory; print(memory.huge_pages_off(), "
            "memory.no_huge_pages(), memory.huge_pages_off(), memory.no_huge_pages()); sys.stdout.flush(); "
            "subprocess.run([sys.executable, '-c', 'from dashboard import memory; print(memory.huge_pages_off())'])")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    # a fresh process has them (unless its parent turned them off), then not; a child inherits the setting
    assert done.stdout.split()[1:] == ["True", "True", "True", "True"]


"""Helpers for inspecting a rendered project and running commands inside it."""

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

# Directories that tools create inside a rendered project; never rendered.
TOOL_DIRS = frozenset({".git", ".venv", ".ruff_cache", ".pytest_cache", "__pycache__"})

# `${{ ... }}` is GitHub Actions syntax, kept verbatim with {% raw %}.
LEFTOVER_JINJA = re.compile(r"(?<!\$)\{\{|\{%")

SUMMARY_COUNT = re.compile(r"(\d+) (passed|failed|skipped|errors?|xfailed|xpassed)")
OUTCOME_ALIASES = {"error": "errors"}  # pytest writes "1 error" but "2 errors"

# Variables of the outer run that would steer the inner uv or pytest.
OUTER_ENV_PREFIXES = ("PYTEST_", "UV_PROJECT_ENVIRONMENT", "VIRTUAL_ENV")

COMMAND_TIMEOUT_SECONDS = 900


def rendered_files(project: Path) -> Iterator[Path]:
    """Every rendered file, skipping what tools created inside the project."""
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project)
        if TOOL_DIRS.isdisjoint(relative.parts) and path.is_file():
            yield path


def read_text_or_none(path: Path) -> str | None:
    """The file's text, or None for a binary file."""
    data = path.read_bytes()
    if b"\0" in data:
        return None

    try:
        return data.decode()
    except UnicodeDecodeError:
        return None


def run_in(project: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    """Run a command inside the project with its own uv environment."""
    uv = os.environ.get("UV") or shutil.which("uv")
    assert uv is not None, "uv is needed to install the rendered project"

    env = {k: v for k, v in os.environ.items() if not k.startswith(OUTER_ENV_PREFIXES)}
    return subprocess.run(
        [uv, *argv],
        cwd=project,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=COMMAND_TIMEOUT_SECONDS,
        check=False,
    )


def summary_counts(pytest_output: str) -> dict[str, int]:
    """Outcome counts from the last line of a pytest run, e.g. {"passed": 12}."""
    lines = [line for line in pytest_output.splitlines() if SUMMARY_COUNT.search(line)]
    if not lines:
        return {}

    found = SUMMARY_COUNT.findall(lines[-1])
    return {OUTCOME_ALIASES.get(outcome, outcome): int(n) for n, outcome in found}

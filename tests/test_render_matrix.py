"""Every option value renders a project that lints clean, loads its .env and
passes its own suite.

Each framework runs with every other answer at its default; the combinations
below spread the non-default answers over the three frameworks.
"""

import filecmp
import os
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from project_tools import LEFTOVER_JINJA, rendered_files, run_in, summary_counts

RenderProject = Callable[[Mapping[str, Any]], Path]

FRAMEWORKS = ["fastapi", "flask", "litestar"]

# Every non-default value of every question at least once.
COMBINATIONS: dict[str, dict[str, Any]] = {
    "opaque-tokens": {"framework": "litestar", "token_strategy": "opaque"},
    "eddsa": {"framework": "flask", "jwt_algorithm": "EdDSA", "api_keys": True},
    "no-tiers": {"user_tiers": False, "rate_limit_strategy": "fixed-window"},
    "custom-tiers": {
        "framework": "flask",
        "tiers": {"basic": "10/minute", "gold": "500/15 minutes"},
        "default_tier": "gold",
        "rate_limit_strategy": "moving-window",
    },
    "cors-and-names": {
        "framework": "litestar",
        "project_name": "Payment Gateway",
        "project_slug": "zeta-payments",
        "cors_origins": ["https://app.example.com", "http://localhost:5173"],
        "description": "Takes payments.",
    },
    "early-sorting-slug": {"project_name": "Billing", "token_strategy": "opaque"},
}
SUITE_RUNS = {fw: {"framework": fw} for fw in FRAMEWORKS} | COMBINATIONS

SETTINGS_SMOKE = (
    "import sys; sys.path.insert(0, 'src'); "
    "from {package}.config import load_settings; "
    "from {package}.runtime import build_runtime; "
    "build_runtime(load_settings()).close()"
)


def _ruff(project: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    # The template repository's own ruff, reading the project's pyproject.
    return subprocess.run(
        [sys.executable, "-m", "ruff", *argv, "."],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize("answers", COMBINATIONS.values(), ids=COMBINATIONS.keys())
def test_each_combination_renders_clean(
    render_project: RenderProject, answers: dict[str, Any]
) -> None:
    project = render_project(answers)

    leftovers = [
        path
        for path in rendered_files(project)
        if LEFTOVER_JINJA.search(path.read_text(errors="replace"))
    ]
    assert leftovers == []
    check = _ruff(project, "check")
    assert check.returncode == 0, check.stdout
    formatted = _ruff(project, "format", "--check")
    assert formatted.returncode == 0, formatted.stdout


@pytest.mark.parametrize("answers", COMBINATIONS.values(), ids=COMBINATIONS.keys())
def test_each_combinations_env_is_a_valid_configuration(
    render_project: RenderProject,
    default_synced: Path,
    answers: dict[str, Any],
) -> None:
    project = render_project(answers)
    package = next((project / "src").iterdir()).name
    python = default_synced / ".venv" / "bin" / "python"
    env = {key: value for key, value in os.environ.items() if key.isupper()}
    for key in list(env):
        if key.startswith(("JWT_", "TOKEN_", "DATABASE_", "RATE_LIMIT_", "TIER")):
            env.pop(key)

    completed = subprocess.run(
        [str(python), "-c", SETTINGS_SMOKE.format(package=package)],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert completed.returncode == 0, completed.stderr


@pytest.fixture(scope="session")
def default_synced(render_project: RenderProject) -> Path:
    """A rendered default project with its environment installed."""
    project = render_project({})
    completed = run_in(project, "sync")
    assert completed.returncode == 0, completed.stdout
    return project


@pytest.mark.parametrize("answers", SUITE_RUNS.values(), ids=SUITE_RUNS.keys())
def test_each_render_passes_ruff_and_its_own_suite(
    render_project: RenderProject, answers: dict[str, Any]
) -> None:
    project = render_project(answers)

    for argv in (("check",), ("format", "--check")):
        completed = _ruff(project, *argv)
        assert completed.returncode == 0, completed.stdout
    tests = run_in(project, "run", "pytest", "-q", "-p", "no:cacheprovider")
    counts = summary_counts(tests.stdout)

    assert tests.returncode == 0, tests.stdout[-5000:]
    assert counts.get("passed", 0) > 0, tests.stdout[-2000:]
    assert counts.get("failed", 0) == counts.get("skipped", 0) == 0, tests.stdout


def test_test_files_are_byte_identical_across_frameworks(
    render_project: RenderProject,
) -> None:
    projects = [render_project({"framework": framework}) for framework in FRAMEWORKS]
    reference = projects[0] / "tests"
    shared = sorted(
        path.name
        for path in reference.glob("*.py")
        if path.name != "framework_client.py"
    )

    for project in projects[1:]:
        names = sorted(
            path.name
            for path in (project / "tests").glob("*.py")
            if path.name != "framework_client.py"
        )
        assert names == shared
        _, mismatch, errors = filecmp.cmpfiles(
            reference, project / "tests", shared, shallow=False
        )
        assert (mismatch, errors) == ([], [])
        assert (project / "tests" / "framework_client.py").is_file()

"""A project rendered with every default is complete, secret-safe and green."""

import re
import shutil
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest
from project_tools import (
    LEFTOVER_JINJA,
    read_text_or_none,
    rendered_files,
    run_in,
    summary_counts,
)

SECRET_NAME = re.compile(r"SECRET|PEPPER|(^|_)KEY$")
SECRET_VALUE = re.compile(r"[0-9a-f]{64}")  # 256 bits, hex


def read_env_file(path: Path) -> dict[str, str]:
    """Parse KEY=value lines of a dotenv file, dropping comments and quotes."""
    variables: dict[str, str] = {}
    for line in path.read_text().splitlines():
        line = line.strip().removeprefix("export ").strip()
        if not line or line.startswith("#") or "=" not in line:
            continue

        key, _, value = line.partition("=")
        variables[key.strip()] = value.strip().strip("'\"")
    return variables


def env_secrets(project: Path) -> dict[str, str]:
    """The secret variables of the project's .env, by name."""
    variables = read_env_file(project / ".env")
    return {k: v for k, v in variables.items() if SECRET_NAME.search(k)}


def is_git_ignored(gitignore: Path, name: str, scratch: Path) -> bool:
    """Whether git, given this .gitignore, ignores a top-level file called name."""
    shutil.copy(gitignore, scratch / ".gitignore")
    subprocess.run(["git", "init", "-q", str(scratch)], check=True)

    # Ask git itself: patterns like `.env*` with `!.env.example` must work too.
    completed = subprocess.run(
        ["git", "-C", str(scratch), "check-ignore", "-q", name], check=False
    )
    return completed.returncode == 0


@pytest.fixture(scope="module")
def pristine_files(default_project: Path) -> dict[Path, str | None]:
    """The rendered files and their text, read before any tool runs inside."""
    return {path: read_text_or_none(path) for path in rendered_files(default_project)}


@pytest.fixture(scope="module")
def synced_project(
    default_project: Path, pristine_files: dict[Path, str | None]
) -> Path:
    """The default project with its own dependencies installed by uv."""
    completed = run_in(default_project, "sync")

    assert completed.returncode == 0, completed.stdout
    return default_project


def test_default_render_leaves_no_jinja_markup(
    default_project: Path, pristine_files: dict[Path, str | None]
) -> None:
    leftovers = [
        f"{path.relative_to(default_project)}:{number}: {line.strip()}"
        for path, text in pristine_files.items()
        if text is not None
        for number, line in enumerate(text.splitlines(), start=1)
        if LEFTOVER_JINJA.search(line)
    ]
    leftover_names = [
        str(path.relative_to(default_project))
        for path in pristine_files
        if LEFTOVER_JINJA.search(str(path.relative_to(default_project)))
    ]

    assert leftovers == []
    assert leftover_names == []


def test_env_file_is_rendered_and_git_ignored(
    default_project: Path, tmp_path: Path
) -> None:
    assert (default_project / ".env").is_file()
    assert is_git_ignored(default_project / ".gitignore", ".env", tmp_path)


def test_env_example_is_not_git_ignored(default_project: Path, tmp_path: Path) -> None:
    assert (default_project / ".env.example").is_file()
    assert not is_git_ignored(default_project / ".gitignore", ".env.example", tmp_path)


def test_env_secrets_are_256_bit_hex(default_project: Path) -> None:
    secrets = env_secrets(default_project)

    assert secrets, "the .env holds no secret variable"
    weak = [
        name for name, value in secrets.items() if not SECRET_VALUE.fullmatch(value)
    ]
    assert weak == []


def test_env_secrets_differ_between_two_renders(
    default_project: Path, render_project: Callable[[Mapping[str, Any]], Path]
) -> None:
    first = env_secrets(default_project)
    second = env_secrets(render_project({}))

    assert first.keys() == second.keys()
    assert [name for name in first if first[name] == second[name]] == []


def test_env_example_lists_every_env_variable_without_its_secret(
    default_project: Path,
) -> None:
    example = (default_project / ".env.example").read_text()
    example_keys = read_env_file(default_project / ".env.example").keys()
    env_keys = read_env_file(default_project / ".env").keys()

    assert sorted(env_keys - example_keys) == []
    assert [n for n, v in env_secrets(default_project).items() if v in example] == []


def test_answers_file_records_no_secret(default_project: Path) -> None:
    answers = (default_project / ".copier-answers.yml").read_text()

    assert [n for n, v in env_secrets(default_project).items() if v in answers] == []


def test_rendered_project_passes_ruff_check(synced_project: Path) -> None:
    completed = run_in(synced_project, "run", "ruff", "check", ".")

    assert completed.returncode == 0, completed.stdout


def test_rendered_project_passes_ruff_format_check(synced_project: Path) -> None:
    completed = run_in(synced_project, "run", "ruff", "format", "--check", ".")

    assert completed.returncode == 0, completed.stdout


def test_rendered_project_passes_its_own_test_suite(synced_project: Path) -> None:
    completed = run_in(synced_project, "run", "pytest", "-q", "-p", "no:cacheprovider")
    counts = summary_counts(completed.stdout)

    assert completed.returncode == 0, completed.stdout
    assert counts.get("passed", 0) > 0, completed.stdout
    assert counts.get("failed", 0) == 0, completed.stdout
    assert counts.get("skipped", 0) == 0, completed.stdout
    assert counts.get("errors", 0) == 0, completed.stdout

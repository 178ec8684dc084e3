"""Bad answers are refused at question time with a message that says why."""

import re
from pathlib import Path
from typing import Any

import copier
import pytest

# Each case: the answers given, then a fragment of the message that must
# reach the user (from copier.yml's validator, or Copier's own choice check).
REFUSED_ANSWERS = [
    pytest.param(
        {"project_slug": "My Slug!"},
        '"My Slug!" is not a valid slug',
        id="slug-with-space-and-punctuation",
    ),
    pytest.param(
        {"project_slug": "-lead"}, '"-lead" is not a valid slug', id="slug-leading-dash"
    ),
    pytest.param(
        {"project_slug": "UPPER"}, '"UPPER" is not a valid slug', id="slug-uppercase"
    ),
    pytest.param(
        {"project_slug": "my--api"},
        '"my--api" is not a valid slug',
        id="slug-double-dash",
    ),
    pytest.param(
        {"tiers": {"free": "lots"}},
        'Tier "free" has limit "lots"',
        id="tier-rate-is-a-word",
    ),
    pytest.param(
        {"tiers": {"free": "0/hour"}},
        'Tier "free" has limit "0/hour"',
        id="tier-rate-is-zero",
    ),
    pytest.param(
        {"tiers": {"free": "100/fortnight"}},
        'Tier "free" has limit "100/fortnight"',
        id="tier-rate-has-unknown-period",
    ),
    pytest.param(
        {"tiers": {"Free Plan": "100/hour"}},
        'Tier "Free Plan" is not a valid name',
        id="tier-name-has-uppercase-and-space",
    ),
    pytest.param(
        {"tiers": {}}, "Tiers must be a non-empty YAML mapping", id="tiers-empty"
    ),
    pytest.param(
        {"tiers": ["free"]},
        "Tiers must be a non-empty YAML mapping",
        id="tiers-is-a-list",
    ),
    pytest.param(
        {"framework": "django"},
        "Invalid choice for 'framework'",
        id="framework-unknown",
    ),
    pytest.param(
        {"database": "oracle"}, "Invalid choice for 'database'", id="database-unknown"
    ),
    pytest.param(
        {"cors_origins": ["*"]}, '"*" is not an origin', id="cors-origin-wildcard"
    ),
    pytest.param(
        {"cors_origins": ["https://x.com/path"]},
        '"https://x.com/path" is not an origin',
        id="cors-origin-with-path",
    ),
    pytest.param(
        {"cors_origins": "https://x.com"},
        "CORS origins must be a YAML list",
        id="cors-origins-not-a-list",
    ),
]

ACCEPTED_ANSWERS = [
    pytest.param({"project_slug": "api2-v1"}, id="slug-with-digits-and-dashes"),
    pytest.param({"tiers": {"basic_1": "5/second"}}, id="tier-per-second"),
    pytest.param(
        {"cors_origins": ["http://localhost:3000", "https://app.example.com"]},
        id="cors-origins-with-port",
    ),
]


def copy_with(
    repo_root: Path, dst: Path, answers: dict[str, Any], *, pretend: bool = False
) -> None:
    """Answer with the given data and take the default for everything else."""
    copier.run_copy(
        str(repo_root),
        str(dst),
        data=answers,
        defaults=True,
        unsafe=False,
        vcs_ref="HEAD",
        quiet=True,
        pretend=pretend,
    )


def has_files(path: Path) -> bool:
    """Whether path exists and holds anything."""
    return path.exists() and any(path.iterdir())


@pytest.mark.parametrize(("answers", "message"), REFUSED_ANSWERS)
def test_bad_answer_is_refused_with_a_clear_message_before_rendering(
    repo_root: Path, tmp_path: Path, answers: dict[str, Any], message: str
) -> None:
    dst = tmp_path / "project"

    with pytest.raises(ValueError, match=re.escape(message)):
        copy_with(repo_root, dst, answers)

    assert not has_files(dst)


@pytest.mark.parametrize("answers", ACCEPTED_ANSWERS)
def test_unusual_but_valid_answer_is_accepted(
    repo_root: Path, tmp_path: Path, answers: dict[str, Any]
) -> None:
    copy_with(repo_root, tmp_path / "project", answers, pretend=True)

"""Render the template from this checkout, once per answer set per session."""

import json
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeAlias

import copier
import pytest
from pytest_copie.plugin import Copie

REPO_ROOT: Path = Path(__file__).resolve().parent.parent

# Without a ref Copier renders the newest tag; HEAD renders the working tree,
# uncommitted edits included, which is what a change under test needs.
VCS_REF = "HEAD"

Answers: TypeAlias = Mapping[str, Any]
RenderProject: TypeAlias = Callable[[Answers], Path]


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config: pytest.Config) -> None:
    """Point pytest-copie at this repository wherever pytest is started from."""
    if config.option.template == ".":
        config.option.template = str(REPO_ROOT)


def render_template(dst: Path, answers: Answers) -> Path:
    """Render this checkout into dst as a plain `copier copy --defaults` would."""
    # unsafe=False: a template that starts needing --trust must fail here.
    copier.run_copy(
        str(REPO_ROOT),
        str(dst),
        data=dict(answers),
        defaults=True,
        unsafe=False,
        vcs_ref=VCS_REF,
        quiet=True,
    )
    return dst


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The template repository: this checkout."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def render_project(tmp_path_factory: pytest.TempPathFactory) -> RenderProject:
    """Render the template once per distinct answer set; later calls reuse it."""
    rendered: dict[str, Path] = {}

    def render(answers: Answers) -> Path:
        key = json.dumps(answers, sort_keys=True)
        if key not in rendered:
            dst = tmp_path_factory.mktemp("project")
            rendered[key] = render_template(dst, answers)
        return rendered[key]

    return render


@pytest.fixture(scope="session")
def default_project(copie_session: Copie) -> Path:
    """The template rendered with every default through pytest-copie."""
    result = copie_session.copy(vcs_ref=VCS_REF)

    assert result.exception is None, f"copier failed: {result.exception!r}"
    assert result.project_dir is not None
    return result.project_dir

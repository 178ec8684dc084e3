"""The documented command line renders a project with no --trust."""

import subprocess
import sys
from pathlib import Path


def copier_copy(repo_root: Path, dst: Path) -> subprocess.CompletedProcess[str]:
    """Run `copier copy --defaults --vcs-ref HEAD` as a user would type it."""
    # The copier installed beside this interpreter, not whatever is on PATH.
    argv = [sys.executable, "-m", "copier", "copy", "--defaults"]
    argv += ["--vcs-ref", "HEAD", str(repo_root), str(dst)]

    return subprocess.run(
        argv,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def test_plain_copier_copy_renders_a_project_without_trust(
    repo_root: Path, tmp_path: Path
) -> None:
    dst = tmp_path / "my-api"

    completed = copier_copy(repo_root, dst)

    # Copier exits 4 when the template asks for --trust (tasks, migrations).
    assert completed.returncode == 0, completed.stdout + completed.stderr
    assert (dst / "pyproject.toml").is_file()
    assert (dst / ".copier-answers.yml").is_file()

"""make configure: a fork points the course at its own repository in one command."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest

from scripts import configure, sync_code

ROOT = Path(__file__).resolve().parent.parent
FORK, BRANCH = "teacher/cnn-fork", "spring-2027"


def tracked_files():
    out = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True)
    return [Path(p) for p in out.stdout.decode().split("\0") if p]


@pytest.fixture(scope="module")
def fork(tmp_path_factory):
    """A copy of the repository's files, configured for FORK and BRANCH."""
    copy = tmp_path_factory.mktemp("fork")
    for rel in tracked_files():
        if (ROOT / rel).is_file():
            (copy / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, copy / rel)
    old = configure.current(copy)
    changed = configure.configure(FORK, BRANCH, root=copy)
    return copy, old, changed


def test_configure_changes_exactly_the_address(fork):
    copy, (old_url, old_branch), changed = fork
    old_pip = configure.pip_target(old_url, old_branch)
    new_url = f"https://github.com/{FORK}"
    new_pip = configure.pip_target(new_url, BRANCH)
    assert new_pip == f"git+{new_url}@{BRANCH}"
    notebooks = sorted(copy.glob("chapters/*/*.ipynb"))
    expected = {copy / "_config.yml", copy / "catalogs" / "code.yml", *notebooks}
    expected |= set(copy.glob("chapters/*/index.md"))
    assert set(changed) == expected
    for rel in tracked_files():
        before = (ROOT / rel).read_text(encoding="utf-8", errors="replace")
        after = (copy / rel).read_text(encoding="utf-8", errors="replace")
        if copy / rel not in expected:
            assert after == before, f"{rel} changed but holds no address"
            continue
        # Undo the new address: what is left is the file as it was.
        undone = after.replace(new_pip, old_pip)
        if rel.name == "_config.yml":
            undone = undone.replace(f"url: {new_url}", f"url: {old_url}").replace(
                f"branch: {BRANCH}", f"branch: {old_branch}"
            )
        assert undone == before, f"{rel}: changed beyond the address"
        assert old_url not in after, f"{rel} still names {old_url}"


def test_a_configured_fork_passes_the_parity_checks(fork, monkeypatch):
    copy, _, _ = fork
    target = configure.pip_target(*configure.current(copy))
    for path in sorted(copy.glob("chapters/*/*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        setup = next(c for c in nb.cells if c.cell_type == "code")
        assert f'"lessons-lib @ {target}"' in setup.source, path
    monkeypatch.setattr(sync_code, "CHAPTERS", copy / "chapters")
    monkeypatch.setattr(sync_code, "CATALOGS", copy / "catalogs")
    catalogs = sync_code.load_catalogs()
    for path in sorted((copy / "chapters" / "en").glob("*.ipynb")):
        for lang in sync_code.TRANSLATIONS:
            assert sync_code.sync_notebook(path.name, lang, catalogs) == []


@pytest.mark.book
def test_a_configured_fork_builds_with_its_own_launch_links(fork):
    copy, _, _ = fork
    env = {**os.environ, "PYTHONWARNINGS": "ignore"}
    jb = Path(sys.executable).with_name("jupyter-book")
    result = subprocess.run(
        [str(jb), "build", str(copy), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        env=env,
        timeout=900,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-4000:]
    page = (copy / "_build" / "html" / "chapters" / "en" / "02_convolution.html").read_text(
        encoding="utf-8"
    )
    assert (
        f"colab.research.google.com/github/{FORK}/blob/{BRANCH}/chapters/en/02_convolution.ipynb"
        in page
    )
    assert "open-cnn-course" not in page


@pytest.mark.parametrize(
    "repo, branch, message",
    [
        ("cnn-fork", "main", "repo must be 'owner/name' as on GitHub, got 'cnn-fork'"),
        ("a/b/c", "main", "repo must be 'owner/name' as on GitHub, got 'a/b/c'"),
        (FORK, "bad branch", "branch must be a git branch name such as 'main', got 'bad branch'"),
        (FORK, "a..b", "branch must be a git branch name such as 'main', got 'a..b'"),
    ],
)
def test_configure_rejects_a_malformed_address(repo, branch, message, tmp_path):
    with pytest.raises(ValueError) as error:
        configure.configure(repo, branch, root=tmp_path)
    assert str(error.value) == message

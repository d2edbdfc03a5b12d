"""Point a fork of the course at its own repository: ``make configure REPO=owner/name``.

Usage: python scripts/configure.py owner/name [--branch main] [--root .]

The repository's address lives in a few places, and they must agree
(``tests/test_parity.py`` checks it):

- ``_config.yml``: ``repository.url`` and ``repository.branch`` (the book's
  repository button and its Colab and Binder launch links);
- the setup cell of every notebook in every edition, which installs
  lessons_lib on Colab from ``git+<url>`` (``@<branch>`` unless the branch
  is ``main``), and ``catalogs/code.yml``, from which ``make sync`` writes
  the Russian and Dutch setup cells;
- the install line of each edition's ``index.md`` and the README.

This rewrites exactly those occurrences of the current address (read from
``_config.yml``) and nothing else; it prints every file it changed. Outputs
are untouched, so the notebooks need no re-execution.
"""

import argparse
import re
import sys
from pathlib import Path

import nbformat
import yaml

ROOT = Path(__file__).resolve().parent.parent
SLUG = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})/[A-Za-z0-9._-]{1,100}$")
BRANCH = re.compile(r"^[A-Za-z0-9._/-]{1,100}$")


def current(root):
    """``(url, branch)`` as ``_config.yml`` names them."""
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    repo = config["repository"]
    return repo["url"].rstrip("/"), str(repo.get("branch", "main"))


def pip_target(url, branch):
    """What ``pip install "lessons-lib @ git+..."`` installs from.

    Examples
    --------
    >>> pip_target("https://github.com/me/cnn", "main")
    'git+https://github.com/me/cnn'
    >>> pip_target("https://github.com/me/cnn", "spring-2027")
    'git+https://github.com/me/cnn@spring-2027'
    """
    return f"git+{url}" + ("" if branch == "main" else f"@{branch}")


def files(root):
    """Every file the address may live in, relative to ``root``."""
    found = [root / "_config.yml", root / "catalogs" / "code.yml", root / "README.md"]
    found += sorted((root / "chapters").glob("*/*.ipynb"))
    found += sorted((root / "chapters").glob("*/index.md"))
    return [p for p in found if p.is_file()]


def configure(repo, branch="main", root=ROOT):
    """Rewrite the repository address everywhere it lives.

    Parameters
    ----------
    repo : str
        ``"owner/name"`` on GitHub.
    branch : str, optional
        The branch the book and Colab use, by default ``"main"``.
    root : path, optional
        The repository to change (by default this one).

    Returns
    -------
    list of pathlib.Path
        The files changed.

    Raises
    ------
    ValueError
        For a ``repo`` that is not ``owner/name`` or a malformed ``branch``.
    """
    if not isinstance(repo, str) or not SLUG.match(repo):
        raise ValueError(f"repo must be 'owner/name' as on GitHub, got {repo!r}")
    if not isinstance(branch, str) or not BRANCH.match(branch) or ".." in branch:
        raise ValueError(f"branch must be a git branch name such as 'main', got {branch!r}")
    root = Path(root)
    old_url, old_branch = current(root)
    new_url = f"https://github.com/{repo}"
    old_pip, new_pip = pip_target(old_url, old_branch), pip_target(new_url, branch)
    changed = []
    for path in files(root):
        text = path.read_text(encoding="utf-8")
        new = text
        if path.suffix == ".ipynb":
            nb = nbformat.reads(text, as_version=4)
            for cell in nb.cells:
                if cell.cell_type == "code":
                    cell.source = cell.source.replace(old_pip + '"', new_pip + '"')
            new = nbformat.writes(nb)
            if text.endswith("\n") and not new.endswith("\n"):
                new += "\n"
        else:
            new = new.replace(old_pip + '"', new_pip + '"')
            if path.name == "_config.yml":
                new = re.sub(
                    r"(?m)^(\s*url:\s*)" + re.escape(old_url) + r"[ \t]*$",
                    lambda m: m[1] + new_url,
                    new,
                )
                new = re.sub(
                    r"(?m)^(\s*branch:\s*)" + re.escape(old_branch) + r"[ \t]*$",
                    lambda m: m[1] + branch,
                    new,
                )
            elif path.name == "README.md":
                new = new.replace(old_url, new_url)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", help="owner/name of the fork on GitHub")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--root", default=str(ROOT), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    try:
        changed = configure(args.repo, args.branch, args.root)
    except ValueError as error:
        print(error, file=sys.stderr)
        return 2
    for path in changed:
        print(f"configured: {path.relative_to(Path(args.root).resolve())}")
    print(f"{len(changed)} file(s) now point at https://github.com/{args.repo} ({args.branch})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Report how long every notebook took under nbval (issue: speed, measured).

nbval runs each code cell as a test item; this adds up their times per
notebook and prints the table, per edition and in total, at the end of
`make test`. Nothing here changes what is tested.
"""

from collections import defaultdict
from pathlib import Path

_seconds = defaultdict(float)


def pytest_runtest_logreport(report):
    path = report.nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):
        _seconds[path] += report.duration


def pytest_terminal_summary(terminalreporter):
    if not _seconds:
        return
    write = terminalreporter.write_line
    terminalreporter.section("notebook execution times (nbval)")
    editions = defaultdict(float)
    for path, seconds in sorted(_seconds.items()):
        write(f"{seconds:8.1f} s  {path}")
        editions[Path(path).parent.name] += seconds
    for lang, seconds in sorted(editions.items()):
        write(f"{seconds:8.1f} s  edition {lang}")
    write(f"{sum(_seconds.values()):8.1f} s  all notebooks")

"""The README's notebook example runs, and each `expression  # value` line gives that value."""

from __future__ import annotations

import ast
import re

from conftest import ROOT


def readme_example() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## In Python", 1)[1]
    match = re.search(r"```python\n(.*?)```", section, re.S)
    assert match, "README.md: the Python section has no ```python block"
    return match.group(1)


def test_readme_example_gives_the_values_it_shows():
    namespace: dict = {}
    checked = 0
    for line in readme_example().splitlines():
        code, _, expected = line.partition("  # ")
        if expected and not code.lstrip().startswith(("import", "from")) and "=" not in code.split("(")[0]:
            assert eval(code, namespace) == ast.literal_eval(expected.strip()), line
            checked += 1
        else:
            exec(code, namespace)
    assert checked >= 2, "the example shows no values to check"


def test_readme_example_is_five_lines():
    lines = [line for line in readme_example().splitlines() if line.strip()]
    assert len(lines) == 5

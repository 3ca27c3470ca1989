"""Settings: every variable the code reads is documented, and bad values are refused."""

from __future__ import annotations

import re

from bot.config import ENV_VARS, ROOT


def test_every_environment_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    assert [name for name in ENV_VARS if f"`{name}`" not in readme] == []


def test_the_code_reads_no_undocumented_signpost_variable():
    read = set()
    for path in (ROOT / "bot").rglob("*.py"):
        read |= set(
            re.findall(r"_env\(\"(SIGNPOST_[A-Z_]+)\"|environ(?:\.get)?\(\"(SIGNPOST_[A-Z_]+)\"", path.read_text())
        )
    names = {a or b for a, b in read}
    assert names and names <= set(ENV_VARS)

"""axe-core (vendored, see tests/support/vendor/axe-core) run in a Playwright page or frame.

axe-core 4.14.1 from npm (``npm pack axe-core``), MPL-2.0: ``axe.min.js`` is used unchanged, with
its licence beside it. It is a test tool, not part of the package.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
#: WCAG 2.0/2.1 A and AA rules plus axe's best practices (landmarks, headings, regions).
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
BLOCKING = ("serious", "critical")


@dataclass(frozen=True)
class Violation:
    """One axe rule broken: its id, impact ("minor" … "critical"), help text and the nodes
    (CSS selectors) that break it."""

    rule: str
    impact: str
    help: str
    targets: tuple[str, ...]

    def __str__(self) -> str:
        shown = ", ".join(self.targets[:4]) + (" …" if len(self.targets) > 4 else "")
        return f"[{self.impact}] {self.rule} ({len(self.targets)} node(s)): {self.help} — {shown}"


def run_axe(target) -> list[Violation]:
    """Inject axe into ``target`` (a Playwright ``Page`` or ``Frame``) and run it on its
    document alone (nested frames are checked on their own, so ``iframes: false``)."""
    if not target.evaluate("() => typeof window.axe !== 'undefined'"):
        target.add_script_tag(content=AXE_JS.read_text(encoding="utf-8"))
    result = target.evaluate(
        """tags => axe.run(document, {iframes: false, resultTypes: ['violations'],
                                      runOnly: {type: 'tag', values: tags}})""",
        TAGS,
    )
    return [
        Violation(
            rule=v["id"],
            impact=v["impact"] or "minor",
            help=v["help"],
            targets=tuple(" ".join(map(str, node["target"])) for node in v["nodes"]),
        )
        for v in result["violations"]
    ]


def blocking(violations: list[Violation]) -> list[Violation]:
    """The serious and critical ones (the suite fails on these)."""
    return [v for v in violations if v.impact in BLOCKING]

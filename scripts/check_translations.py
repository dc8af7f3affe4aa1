"""Fail if the Dutch or French catalogue misses, or has fuzzy, translations of any source string.

Regenerates the catalogues with makemessages (stable: no line numbers) and checks that
(1) nothing changed, i.e. the committed catalogues cover every string in code and templates,
(2) no entry is untranslated or fuzzy.
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "livc"
LANGUAGES = ("nl", "fr")


def _catalogue(lang: str) -> Path:
    return PACKAGE / "locale" / lang / "LC_MESSAGES" / "django.po"


def _content(path: Path) -> list[str]:
    # makemessages rewrites the creation date on every run: not a change of content.
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    return [line for line in text.splitlines() if not line.startswith('"POT-Creation-Date:')]


def main() -> int:
    before = {lang: _content(_catalogue(lang)) for lang in LANGUAGES}
    subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), "makemessages", "--no-location",
         "--no-obsolete", "-v", "0", *[f"-l{lang}" for lang in LANGUAGES]],
        cwd=PACKAGE, check=True,
    )  # fmt: skip
    problems = [
        f"{lang}: catalogue was out of date; makemessages updated it, translate and commit"
        for lang in LANGUAGES
        if _content(_catalogue(lang)) != before[lang]
    ]
    for lang in LANGUAGES:
        po = _catalogue(lang)
        for flag, label in (("--untranslated", "untranslated"), ("--only-fuzzy", "fuzzy")):
            out = subprocess.run(
                ["msgattrib", flag, "--no-obsolete", str(po)],
                capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            entries = [line for line in out.splitlines() if line.startswith("msgid ")][1:]
            if entries:
                problems.append(f"{lang}: {len(entries)} {label}: " + "; ".join(entries[:5]))
    for problem in problems:
        print(problem)
    if not problems:
        print(f"translations complete for {', '.join(LANGUAGES)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())

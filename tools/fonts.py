"""`make fonts`: the web font the site ships, cut from Vazirmatn (npm, package-lock.json).

Persian and Arabic pages need one font: Vazirmatn, for Arabic-script text. The published
file is the variable font limited to weights 400-700 (what the theme uses; 300 is drawn at
400) and to the characters of the Arabic script that Persian and Arabic writing uses
(ARABIC_SCRIPT below), with every OpenType feature kept, so joining, ligatures and marks
shape as in the full font. Latin text, on every page, is set in the reader's system font
(handbook.css): English pages download no font at all.

    python tools/fonts.py           # writes docs/assets/fonts/Vazirmatn-Arabic.woff2
    python tools/fonts.py --check   # exit 1 if the committed file is not what this makes

Run after a Vazirmatn upgrade or a change of ARABIC_SCRIPT; tests/test_fonts.py checks the
file is up to date and covers every Arabic-script character of the built site.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "node_modules" / "vazirmatn" / "fonts" / "webfonts" / "Vazirmatn[wght].woff2"
TARGET = ROOT / "docs" / "assets" / "fonts" / "Vazirmatn-Arabic.woff2"
WEIGHTS = (400, 700)

# Arabic-script punctuation and letters (Arabic and the Persian additions ی ک گ پ چ ژ), harakat,
# Arabic-Indic and Persian digits, ٪ and the Arabic decimal marks, ZWNJ/ZWJ/LRM/RLM; the space,
# no-break space and « » so Persian lines keep one set of spaces and quotes.
# handbook.css gives the same ranges as unicode-range (tests/test_fonts.py compares them).
ARABIC_SCRIPT = (
    (0x0020, 0x0020),
    (0x00A0, 0x00A0),
    (0x00AB, 0x00AB),
    (0x00BB, 0x00BB),
    (0x060C, 0x060C),
    (0x061B, 0x061B),
    (0x061F, 0x061F),
    (0x0621, 0x063A),
    (0x0640, 0x0655),
    (0x0660, 0x066C),
    (0x0670, 0x0670),
    (0x067E, 0x067E),
    (0x0686, 0x0686),
    (0x0698, 0x0698),
    (0x06A9, 0x06A9),
    (0x06AF, 0x06AF),
    (0x06C0, 0x06C0),
    (0x06CC, 0x06CC),
    (0x06F0, 0x06F9),
    (0x200C, 0x200F),
)


def codepoints() -> list[int]:
    return [c for lo, hi in ARABIC_SCRIPT for c in range(lo, hi + 1)]


def unicode_range() -> str:
    """The CSS unicode-range of ARABIC_SCRIPT."""
    return ", ".join(f"U+{lo:04X}" if lo == hi else f"U+{lo:04X}-{hi:04X}" for lo, hi in ARABIC_SCRIPT)


def build(source: Path = SOURCE) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    if not source.exists():
        raise SystemExit(f"{source.relative_to(ROOT)} is missing: run `npm ci` (make test does)")
    font = instancer.instantiateVariableFont(TTFont(source, recalcTimestamp=False), {"wght": WEIGHTS})
    with tempfile.TemporaryDirectory() as tmp:
        ttf, out = Path(tmp) / "in.ttf", Path(tmp) / "out.woff2"
        font.flavor = None
        font.save(ttf)
        # The command-line entry point: the same options as `pyftsubset`, all features kept.
        subset.main(
            [
                str(ttf),
                f"--unicodes={','.join(f'U+{c:04X}' for c in codepoints())}",
                "--layout-features=*",
                "--flavor=woff2",
                "--no-hinting",
                f"--output-file={out}",
            ]
        )
        return out.read_bytes()


def main(argv: list[str]) -> int:
    data = build()
    if "--check" in argv:
        if not TARGET.exists() or TARGET.read_bytes() != data:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run `make fonts` and commit it")
            return 1
        print(f"{TARGET.relative_to(ROOT)} is up to date ({len(data)} bytes)")
        return 0
    TARGET.write_bytes(data)
    print(f"wrote {TARGET.relative_to(ROOT)}: {len(data)} bytes, weights {WEIGHTS[0]}-{WEIGHTS[1]}, {len(codepoints())} characters")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The fonts LibreOffice may use, and the TH Sarabun substitute for machines that lack the real fonts.

Thai official documents are set in TH SarabunIT๙ (or PSK / New). These fonts are not in any package registry,
and every font a Debian machine has instead draws Thai about 1.5× larger, so a page of text would spill onto a
second one. Debian's Laksaman is TH Sarabun New redrawn at 1.5× (same design, every metric ×1.5, checked
against TH Sarabun's published metrics), so Laksaman with its em square enlarged from 1000 to 1500 units draws
exactly like TH Sarabun at the same point size. That rescaled copy, renamed because it is a modified font, is
the *substitute*.

LibreOffice sees fonts through one generated fontconfig file (never the system one):
- real fonts the user drops into ``fonts/`` at the repository root come first and win,
- the three TH Sarabun names fall back to the substitute only when the real family is absent,
- no Thai font from Debian's packages (Loma, Garuda, full-size Laksaman, Noto …) can be used at all, so a
  missing font shows up as an error here or as a wrong name in ``pdffonts``, never as a silent look-alike.
"""

from __future__ import annotations

import hashlib
import html
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from generator import paths
from generator.errors import ProngsaiError

OFFICIAL_FAMILIES = ("TH SarabunIT๙", "TH SarabunPSK", "TH Sarabun New")
SUBSTITUTE_FAMILY = "Laksaman Prongsai"
SUBSTITUTE_POSTSCRIPT = "LaksamanProngsai"
SOURCE_DIR = Path(os.environ.get("PRONGSAI_LAKSAMAN_DIR", "/usr/share/fonts/truetype/tlwg"))
SOURCE_COPYRIGHT = Path("/usr/share/doc/fonts-tlwg-laksaman/copyright")
SOURCE_PACKAGE = "fonts-thai-tlwg (fonts-tlwg-laksaman-ttf)"
# style name → Laksaman file
STYLES = {
    "Regular": "Laksaman.ttf",
    "Bold": "Laksaman-Bold.ttf",
    "Italic": "Laksaman-Italic.ttf",
    "Bold Italic": "Laksaman-BoldItalic.ttf",
}
UNITS_PER_EM = 1500  # Laksaman's 1000 × 1.5: glyphs shrink to 2/3, TH Sarabun's size
RECIPE = "upm1500-v2"  # change when make_substitute changes, so installed copies are rebuilt

DEFAULT_USER_FONTS_DIR = paths.ROOT / "fonts"
FONTS_DIR = paths.ROOT / ".cache" / "fonts"
SUBSTITUTE_DIR = FONTS_DIR / "substitute"
FONTCONFIG_CACHE = FONTS_DIR / "fc-cache"
# Fonts an administrator installed by hand (not Debian's packages) are as good as fonts/.
LOCAL_FONT_DIRS = (Path("/usr/local/share/fonts"), Path.home() / ".local" / "share" / "fonts", Path.home() / ".fonts")


def user_fonts_dir() -> Path:
    """Where real fonts are dropped: ``fonts/`` at the repository root, or $PRONGSAI_FONTS_DIR."""
    return Path(os.environ.get("PRONGSAI_FONTS_DIR") or DEFAULT_USER_FONTS_DIR)


def fontconfig_file() -> Path:
    """The generated fontconfig file for the current fonts folder (one per folder, so two set-ups never fight)."""
    tag = hashlib.sha256(str(user_fonts_dir().resolve()).encode()).hexdigest()[:10]
    return FONTS_DIR / f"fonts-{tag}.conf"


def make_substitute(source: Path, target: Path, style: str) -> None:
    """Write the substitute for one style: Laksaman at 2/3 size, renamed; nothing else changes.

    Only the em square changes (1000 → 1500 units), which scales every glyph and metric by 2/3 without touching
    an outline. The vertical metrics stay Laksaman's (= TH Sarabun's typo metrics ×1.5, with USE_TYPO_METRICS),
    so LibreOffice sets lines 1.14 em apart. Calibration against the printed seed plan chose these over the win
    metrics (1.30 em): with them the seed's คำนำ fits on its one page and parts 1–3 come out at its length.
    """
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    font["head"].unitsPerEm = UNITS_PER_EM
    _rename(font, style)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)


def _rename(font, style: str) -> None:
    postscript = f"{SUBSTITUTE_POSTSCRIPT}-{style.replace(' ', '')}"
    full = SUBSTITUTE_FAMILY if style == "Regular" else f"{SUBSTITUTE_FAMILY} {style}"
    name = font["name"]
    version = name.getDebugName(5) or ""
    copyright_ = name.getDebugName(0) or ""
    for record in list(name.names):
        if record.nameID in (16, 17, 18, 21, 22):  # typographic names would still say Laksaman
            name.removeNames(nameID=record.nameID)
    for name_id, value in {
        0: copyright_ + "\n\nModified for Prongsai: units per em 1000 -> 1500 (2/3 size), renamed.",
        1: SUBSTITUTE_FAMILY,
        2: style,
        3: f"{postscript};{RECIPE}",
        4: full,
        5: f"{version.strip()}; Prongsai {RECIPE}",
        6: postscript,
        10: "Laksaman (fonts-tlwg) rescaled to the metrics of TH Sarabun New, as a stand-in where the real "
            "TH Sarabun fonts are not installed. Not Laksaman; not TH Sarabun.",
    }.items():
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)


def _recipe_stamp() -> str:
    """What the installed substitute was made from: recipe plus the source files' bytes."""
    digest = hashlib.sha256(RECIPE.encode())
    for file in STYLES.values():
        source = SOURCE_DIR / file
        digest.update(source.read_bytes() if source.is_file() else b"missing")
    return digest.hexdigest()


def substitute_files() -> list[Path]:
    return [SUBSTITUTE_DIR / f"{SUBSTITUTE_POSTSCRIPT}-{style.replace(' ', '')}.ttf" for style in STYLES]


def install_substitute() -> bool:
    """Create the substitute fonts, their licence and notice, unless an identical set is there. True if made."""
    stamp_file = SUBSTITUTE_DIR / ".recipe"
    if not (SOURCE_DIR / STYLES["Regular"]).is_file():
        return False
    stamp = _recipe_stamp()
    if stamp_file.is_file() and stamp_file.read_text() == stamp and all(f.is_file() for f in substitute_files()):
        return False
    staging = Path(tempfile.mkdtemp(prefix=".substitute-", dir=_ensure(FONTS_DIR)))
    staging.chmod(0o755)
    try:
        for (style, file), target in zip(STYLES.items(), substitute_files()):
            if (SOURCE_DIR / file).is_file():
                make_substitute(SOURCE_DIR / file, staging / target.name, style)
        _write_licence(staging)
        (staging / ".recipe").write_text(stamp)
        if SUBSTITUTE_DIR.exists():
            shutil.rmtree(SUBSTITUTE_DIR)
        os.replace(staging, SUBSTITUTE_DIR)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return True


def _write_licence(folder: Path) -> None:
    gpl = Path("/usr/share/common-licenses/GPL-2")
    if gpl.is_file():
        shutil.copyfile(gpl, folder / "GPL-2.txt")
    if SOURCE_COPYRIGHT.is_file():
        shutil.copyfile(SOURCE_COPYRIGHT, folder / "COPYRIGHT-fonts-tlwg.txt")
    (folder / "NOTICE.txt").write_text(NOTICE, encoding="utf-8")


NOTICE = f"""\
{SUBSTITUTE_FAMILY} — a modified version of Laksaman

Source: Laksaman 004.001 from Debian's {SOURCE_PACKAGE}, {SOURCE_DIR}.
Laksaman is "based on TH Sarabun New", Copyright (c) 2010-2011 Software Industry Promotion Agency (SIPA),
Copyright (c) 2014-2015 Theppitak Karoonboonyanan. Licence: GPL-2+ with font exception (see
COPYRIGHT-fonts-tlwg.txt and GPL-2.txt in this folder).

What Prongsai changed (generated by generator/fonts.py, recipe {RECIPE}), and nothing else:
- head.unitsPerEm 1000 -> {UNITS_PER_EM}, so every glyph and metric is drawn at 2/3 of Laksaman's size, which is
  the size of TH Sarabun New at the same point size (no outline, width or other metric was edited);
- renamed to "{SUBSTITUTE_FAMILY}" (PostScript {SUBSTITUTE_POSTSCRIPT}-*) because it is a modified font; it is
  neither Laksaman nor TH Sarabun.

This modified font is distributed under the same licence, GPL-2+, and the font exception is extended to it:
As a special exception, if you create a document which uses this font, and embed this font or unaltered
portions of this font into the document, this font does not by itself cause the resulting document to be
covered by the GNU General Public License. This exception does not however invalidate any other reasons why
the document might be covered by the GNU General Public License.
"""


def own_families() -> list[str]:
    """Families of the fonts someone installed on purpose: ``fonts/`` and the hand-installed font folders."""
    folders = [str(d) for d in (user_fonts_dir(), *LOCAL_FONT_DIRS) if d.is_dir()]
    if not folders or not shutil.which("fc-scan"):
        return []
    out = subprocess.run(["fc-scan", "--format", "%{family}\n", *folders], capture_output=True, text=True,
                         timeout=120).stdout
    return sorted({name.strip() for line in out.splitlines() for name in line.split(",") if name.strip()})


def fontconfig_xml(accepted: list[str]) -> str:
    """The fontconfig set-up LibreOffice runs with (see the module docstring for the rules it encodes).

    fontconfig can only let a font through a ``lang`` rejection by a pattern, not by its folder, so the Thai
    fonts allowed are named: the official families, the substitute, and every family found in ``fonts/``.
    """
    esc = html.escape
    families = sorted({*OFFICIAL_FAMILIES, SUBSTITUTE_FAMILY, *accepted})
    accept = "".join(
        f'<pattern><patelt name="family"><string>{esc(f)}</string></patelt></pattern>' for f in families
    )
    aliases = "".join(
        f'  <alias binding="same"><family>{esc(f)}</family><accept><family>{esc(SUBSTITUTE_FAMILY)}</family>'
        f"</accept></alias>\n"
        for f in OFFICIAL_FAMILIES
    )
    return f"""<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<!-- Generated by generator/fonts.py; do not edit. Fonts for Prongsai's LibreOffice, not the system's. -->
<fontconfig>
  <dir>{esc(str(user_fonts_dir()))}</dir>
  <dir>{esc(str(SUBSTITUTE_DIR))}</dir>
  <dir>/usr/share/fonts</dir>
  <dir>/usr/local/share/fonts</dir>
  <dir>~/.local/share/fonts</dir>
  <dir>~/.fonts</dir>
  <cachedir>{esc(str(FONTCONFIG_CACHE))}</cachedir>
  <cachedir>/var/cache/fontconfig</cachedir>
  <!-- No other Thai font: a missing TH Sarabun must not turn into a look-alike (Loma, Garuda, Laksaman). -->
  <selectfont>
    <rejectfont><pattern><patelt name="lang"><string>th</string></patelt></pattern></rejectfont>
    <acceptfont>{accept}</acceptfont>
  </selectfont>
  <!-- TH Sarabun names: the real family when present (fonts/ or installed by hand), else the substitute. -->
{aliases}</fontconfig>
"""


def install_fontconfig(refresh_cache: bool = False) -> Path:
    """Write the fontconfig file (atomically, only when it changed) and warm its cache."""
    _ensure(user_fonts_dir())
    _ensure(FONTCONFIG_CACHE)
    text = fontconfig_xml(own_families())
    config = fontconfig_file()
    if not config.is_file() or config.read_text(encoding="utf-8") != text:
        tmp = config.with_suffix(f".tmp{os.getpid()}")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, config)
        refresh_cache = True
    if refresh_cache and shutil.which("fc-cache"):
        subprocess.run(["fc-cache"], env=fontconfig_env(), capture_output=True, timeout=300)
    return config


def install() -> Path:
    """Everything conversion needs from fonts; cheap when nothing changed. Returns the fontconfig file."""
    made = install_substitute()
    return install_fontconfig(refresh_cache=made)


FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc", ".pfb", ".woff", ".woff2")


def fingerprint() -> str:
    """Changes whenever the fonts LibreOffice would use change (a font dropped into fonts/, a new substitute)."""
    config = fontconfig_file()
    digest = hashlib.sha256(config.read_bytes() if config.is_file() else b"")
    for folder in (user_fonts_dir(), SUBSTITUTE_DIR, *LOCAL_FONT_DIRS):
        if folder.is_dir():
            for file in sorted(folder.rglob("*")):
                if file.suffix.lower() in FONT_SUFFIXES:
                    stat = file.stat()
                    digest.update(f"{file}|{stat.st_size}|{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def fontconfig_env(base: dict[str, str] | None = None, config_file: Path | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env["FONTCONFIG_FILE"] = str(config_file or fontconfig_file())
    env.pop("FONTCONFIG_PATH", None)
    return env


def _ensure(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class FontChoice:
    """Which font LibreOffice will draw a requested family with."""

    requested: str
    family: str  # the family fontconfig matched
    file: Path | None

    @property
    def is_real(self) -> bool:
        return self.family.casefold() == self.requested.casefold()

    @property
    def is_substitute(self) -> bool:
        return self.family == SUBSTITUTE_FAMILY and self.requested in OFFICIAL_FAMILIES

    def describe(self) -> str:
        if self.is_real:
            return f"{self.requested} ({self.file})"
        if self.is_substitute:
            return f"{SUBSTITUTE_FAMILY} (substitute for {self.requested}; put the real fonts into {user_fonts_dir()})"
        return f"missing ({self.requested})"


def choose(family: str) -> FontChoice:
    """Ask fontconfig, with our set-up, what it draws ``family`` with (Thai text, regular weight)."""
    if not fontconfig_file().is_file():
        install()
    pattern = f"{family.replace('-', chr(92) + '-')}:lang=th"
    try:
        out = subprocess.run(
            ["fc-match", "--format", "%{family[0]}\n%{file}", pattern],
            env=fontconfig_env(), capture_output=True, text=True, timeout=60, check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as exc:
        raise ProngsaiError("ตรวจแบบอักษรไม่ได้ (fc-match)", f"cannot check fonts with fc-match: {exc}") from exc
    matched, _, file = out.partition("\n")
    return FontChoice(family, matched.strip(), Path(file.strip()) if file.strip() else None)


def require(family: str) -> FontChoice:
    """The font for ``family``, or a clear error: a PDF in a look-alike font is not one to sign.

    TH SarabunIT๙ / PSK / New may be drawn with the substitute; any other family must be installed for real.
    """
    choice = choose(family)
    if choice.is_real or choice.is_substitute:
        return choice
    if family in OFFICIAL_FAMILIES:
        raise ProngsaiError(
            f"ไม่พบแบบอักษร {family} และไม่พบแบบอักษรทดแทน {SUBSTITUTE_FAMILY} "
            f"(ต้องติดตั้ง fonts-thai-tlwg แล้วสั่ง make install) หรือวางไฟล์ฟอนต์จริงไว้ที่ {user_fonts_dir()}",
            f"font {family} is not installed and its substitute {SUBSTITUTE_FAMILY} is missing: install "
            f"fonts-thai-tlwg and run `make install`, or put the real font files into {user_fonts_dir()}",
        )
    raise ProngsaiError(
        f"ไม่พบแบบอักษร {family} ที่องค์กรกำหนดไว้ (font.name) กรุณาวางไฟล์ฟอนต์ (.ttf/.otf) ไว้ที่ {user_fonts_dir()} "
        f"หรือเปลี่ยน font.name เป็น {OFFICIAL_FAMILIES[0]}",
        f"the organisation's font {family} (font.name) is not installed: put its .ttf/.otf files into "
        f"{user_fonts_dir()}, or set font.name to {OFFICIAL_FAMILIES[0]}",
    )


def main(argv: list[str] | None = None) -> int:
    """``python -m generator.fonts [install|check FAMILY…]``: what ``make install`` runs."""
    import sys

    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] == "install":
        made = install_substitute()
        conf = install_fontconfig(refresh_cache=made)
        state = "created" if made else "up to date"
        if not (SUBSTITUTE_DIR / substitute_files()[0].name).is_file():
            state = f"NOT created: {SOURCE_DIR / STYLES['Regular']} missing (install fonts-thai-tlwg)"
        print(f"fonts: substitute {SUBSTITUTE_FAMILY} {state}; fontconfig {conf}")
        args = ["check", *OFFICIAL_FAMILIES]
    if args[0] == "check":
        for family in args[1:]:
            print(f"  {family}: {choose(family).describe()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""The TH Sarabun substitute, the fontconfig set-up LibreOffice sees, and what happens when a font is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator import fonts
from generator.convert import ConversionJob, check, convert
from generator.errors import ProngsaiError
from sample_docx import write_sample

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module", autouse=True)
def installed():
    fonts.install()


def fc(*args: str, fonts_dir: Path | None = None) -> str:
    env = fonts.fontconfig_env()
    return subprocess.run(list(args), env=env, capture_output=True, text=True, check=True).stdout


def test_substitute_is_laksaman_at_two_thirds_renamed_with_its_licence():
    regular = fonts.SUBSTITUTE_DIR / f"{fonts.SUBSTITUTE_POSTSCRIPT}-Regular.ttf"
    font, source = TTFont(regular), TTFont(fonts.SOURCE_DIR / "Laksaman.ttf")
    assert font["head"].unitsPerEm == 1500
    assert font["name"].getDebugName(1) == fonts.SUBSTITUTE_FAMILY != source["name"].getDebugName(1)
    assert font["name"].getDebugName(6) == f"{fonts.SUBSTITUTE_POSTSCRIPT}-Regular"
    assert not [r for r in font["name"].names if r.nameID in (1, 4, 16) and r.toUnicode() == "Laksaman"]
    # Same outlines and advance widths, so every glyph is drawn at 1000/1500 of Laksaman's size.
    cmap, source_cmap = font.getBestCmap(), source.getBestCmap()
    for char in "กขคงประกาศ๑๒๓AZaz09":
        assert font["hmtx"][cmap[ord(char)]][0] == source["hmtx"][source_cmap[ord(char)]][0]
    notice = (fonts.SUBSTITUTE_DIR / "NOTICE.txt").read_text(encoding="utf-8")
    assert "GPL-2+" in notice and "font exception" in notice and "unitsPerEm 1000 -> 1500" in notice
    assert (fonts.SUBSTITUTE_DIR / "GPL-2.txt").is_file()
    for style in ("Bold", "Italic", "BoldItalic"):
        assert (fonts.SUBSTITUTE_DIR / f"{fonts.SUBSTITUTE_POSTSCRIPT}-{style}.ttf").is_file()


def test_install_is_idempotent():
    before = {p: p.stat().st_mtime_ns for p in fonts.substitute_files()}
    assert fonts.install_substitute() is False
    fonts.install()
    assert {p: p.stat().st_mtime_ns for p in fonts.substitute_files()} == before


def test_th_sarabun_names_resolve_to_the_substitute_and_nothing_else_draws_thai():
    if fonts.choose("TH SarabunIT๙").is_real:
        pytest.skip("the real TH Sarabun fonts are installed here")
    for family in fonts.OFFICIAL_FAMILIES:
        choice = fonts.choose(family)
        assert choice.is_substitute and choice.file.parent == fonts.SUBSTITUTE_DIR
    thai_capable = set(fc("fc-list", ":lang=th", "family").split())
    assert thai_capable <= set(fonts.SUBSTITUTE_FAMILY.split())
    for fallback in ("Loma", "Garuda", "Laksaman", "Norasi", "Kinnari"):
        assert fc("fc-list", fallback) == ""


@pytest.fixture
def real_font_folder(tmp_path, monkeypatch):
    """A fonts/ folder holding a font whose family is TH SarabunIT๙ (a renamed substitute, for the test only)."""
    folder = tmp_path / "fonts"
    folder.mkdir()
    font = TTFont(fonts.substitute_files()[0])
    name = font["name"]
    name.names = [r for r in name.names if r.platformID == 3]  # Mac Roman records cannot spell ๙
    for name_id, value in ((1, "TH SarabunIT๙"), (4, "TH SarabunIT๙"), (3, "TestSarabunIT9-Regular"),
                           (6, "TestSarabunIT9-Regular")):
        name.setName(value, name_id, 3, 1, 0x409)
    font.save(folder / "THSarabunIT9.ttf")
    monkeypatch.setenv("PRONGSAI_FONTS_DIR", str(folder))
    yield folder
    fonts.fontconfig_file().unlink(missing_ok=True)


def test_real_fonts_in_the_fonts_folder_take_precedence(real_font_folder, tmp_path):
    fonts.install()
    assert fonts.choose("TH SarabunIT๙").is_real
    assert fonts.choose("TH SarabunPSK").is_substitute
    docx = write_sample(tmp_path / "real.docx", paragraphs=2)
    convert([ConversionJob(docx, tmp_path / "real.pdf")], engine="oneshot")
    assert "TestSarabunIT9-Regular" in check.embedded_fonts(tmp_path / "real.pdf")
    assert f"{fonts.SUBSTITUTE_POSTSCRIPT}-Regular" not in check.embedded_fonts(tmp_path / "real.pdf")


def test_an_organisation_font_that_is_not_installed_stops_the_build(minimal_org, tmp_path):
    with pytest.raises(ProngsaiError) as error:
        fonts.require("TH Niramit AS")
    assert "TH Niramit AS" in error.value.th and "fonts" in error.value.en
    organisation = minimal_org / "organisation.yaml"
    organisation.write_text(organisation.read_text(encoding="utf-8") + "font: {name: TH Niramit AS}\n",
                            encoding="utf-8")
    run = subprocess.run([sys.executable, "-m", "generator", "build", str(minimal_org), "--output", str(tmp_path)],
                         cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 1
    assert "TH Niramit AS" in run.stderr and "font.name" in run.stderr
    assert not list(tmp_path.rglob("*.pdf"))

"""The copy of a DOCX that LibreOffice converts: Word's Thai typography said in words LibreOffice 7.4 understands.

The DOCX a user receives is untouched; only the bytes handed to LibreOffice change:
- ``w:jc="thaiDistribute"`` (Word's Thai justification) is read by LibreOffice as *left*, so it becomes ``both``;
- every run holding Thai text carries ``w:lang w:bidi="th-TH"``, because LibreOffice spreads a justified line
  over Thai character cells only for text whose complex-script language is Thai (otherwise only spaces
  stretch, and a Thai line without spaces stays ragged);
- Latin letters and digits are laid out in a Western language of their own (``w:lang w:val``): a template whose
  Western language is th-TH, as Thai templates often are, makes LibreOffice 7.4 break Latin words and numbers
  anywhere ("Assessme|nt", "2566 – 2|570", "นร 1|013.7"), and where depends on what came earlier in the
  document. Thai text keeps its complex-script language, th-TH;
- in a document whose page numbers are Thai digits, LibreOffice draws every Arabic digit of a th-TH run in Thai
  (profile setting CTLTextNumerals); page-number fields therefore sit in th-TH runs, and any Arabic digit left in
  the text on purpose (a URL, an e-mail address) gets a Western language so it stays Arabic;
- a line must not end with a one-cell Thai word that follows Latin text or digits ("… 20 ปี" + space):
  LibreOffice 7.4's Thai justification then draws that word's vowel or tone mark detached, up to 15 pt to the
  right, beyond the margin. The space after such a word becomes a no-break space, so the line ends before the
  number or after the next word instead. (When no space follows, as in "20 ปีนี้", nothing can be done without
  adding characters; that case is rare.)
"""

from __future__ import annotations

import io
import re
import zipfile

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
RECIPE = "typography-v3"  # part of the conversion cache key: change it when this module's output changes

_STORY = re.compile(r"word/(document|header\d*|footer\d*|footnotes|endnotes)\.xml")
_THAI = re.compile("[\u0e00-\u0e7f]")
_ARABIC_DIGIT = re.compile("[0-9]")
# Latin letter, digit or closing sign; a space; one consonant with its marks; a space.
_ONE_CELL_AFTER_LATIN = re.compile(
    "(?<=[0-9A-Za-z)\\]%.,]) [\u0e01-\u0e2e][\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+( )")
NO_BREAK_SPACE = "\u00a0"
WESTERN_LANGUAGE = "en-US"
_RPR_TAIL = {f"{{{W}}}{t}" for t in ("eastAsianLayout", "specVanish", "oMath", "rPrChange")}


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def for_libreoffice(docx: bytes, thai_numerals: bool, *, glue: bool = True) -> bytes:
    """The DOCX bytes to convert, given the DOCX bytes delivered to the user.

    What cannot be read (not a ZIP, a broken XML part) is passed on as it is: LibreOffice then reports it. The
    copy is stored uncompressed: it lives for one conversion on the same machine."""
    try:
        source = zipfile.ZipFile(io.BytesIO(docx))
    except zipfile.BadZipFile:
        return docx
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/styles.xml" or _STORY.fullmatch(info.filename):
                data = _rewrite(data, story=info.filename != "word/styles.xml",
                                page_area=bool(re.match(r"word/(header|footer)", info.filename)),
                                thai_numerals=thai_numerals, glue=glue)
            target.writestr(info.filename, data)
    return out.getvalue()


def _rewrite(xml: bytes, *, story: bool, page_area: bool, thai_numerals: bool, glue: bool) -> bytes:
    try:
        root = etree.fromstring(xml)
    except etree.XMLSyntaxError:
        return xml
    for jc in root.iter(_w("jc")):
        if jc.get(_w("val")) == "thaiDistribute":
            jc.set(_w("val"), "both")
    for lang in root.iter(_w("lang")):
        if lang.get(_w("val")) == "th-TH":
            lang.set(_w("val"), WESTERN_LANGUAGE)
    if story:
        for paragraph in root.iter(_w("p")):
            _mark_runs(paragraph, page_area=page_area, thai_numerals=thai_numerals)
            if glue:
                _keep_short_words_off_line_ends(paragraph)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _mark_runs(paragraph: etree._Element, *, page_area: bool, thai_numerals: bool) -> None:
    in_field = False  # between a complex field's begin and end: its instruction and result
    for run in paragraph.iter(_w("r")):
        if run.getparent() is not None and run.getparent().tag == _w("fldSimple"):
            field_run = True
        else:
            for char in run.iter(_w("fldChar")):
                in_field = char.get(_w("fldCharType")) != "end"
            field_run = in_field or run.find(_w("fldChar")) is not None
        text = "".join(t.text or "" for t in run.iter(_w("t")))
        if _THAI.search(text):
            _set_lang(run, bidi="th-TH")
        if not thai_numerals:
            continue
        if field_run or page_area:
            _set_lang(run, val="th-TH", bidi="th-TH")
        elif _ARABIC_DIGIT.search(text):
            _set_lang(run, val=WESTERN_LANGUAGE)


def _keep_short_words_off_line_ends(paragraph: etree._Element) -> None:
    """Turn the space after "<Latin or digit> <one Thai cell>" into a no-break space, across runs too."""
    texts = [t for t in paragraph.iter(_w("t")) if t.text]
    if not texts:
        return
    joined = "".join(t.text for t in texts)
    for match in _ONE_CELL_AFTER_LATIN.finditer(joined):
        position = match.start(1)
        for t in texts:
            if position < len(t.text):
                t.text = t.text[:position] + NO_BREAK_SPACE + t.text[position + 1:]
                break
            position -= len(t.text)


def _set_lang(run: etree._Element, **values: str) -> None:
    rpr = run.find(_w("rPr"))
    if rpr is None:
        rpr = etree.Element(_w("rPr"))
        run.insert(0, rpr)
    lang = rpr.find(_w("lang"))
    if lang is None:
        lang = etree.Element(_w("lang"))
        tail = next((i for i, child in enumerate(rpr) if child.tag in _RPR_TAIL), len(rpr))
        rpr.insert(tail, lang)
    for key, value in values.items():
        lang.set(_w(key), value)

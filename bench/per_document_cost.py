"""Experiment (not a test): how much of the conversion is LibreOffice's cost per document?

    python bench/per_document_cost.py [ORG_DIR] [--runs 5]

On one `prongsai serve-converters` worker, medians of --runs runs, cache off:
- the documents filed after the plan (announcements, orders, internal-control reports), one conversion each;
- the same documents emptied (their first paragraph only, styles, headers and sections kept): what a
  conversion costs whatever the document says;
- one announcement converted as many times as there are filed documents, against one document holding that many
  copies of it, one after another on new pages: the same text in one conversion;
- each family of filed documents whose other parts (styles, numbering, settings, headers, relationships …) are
  byte for byte the same, converted one by one and as one document (``groups.merged``: the bodies one after another,
  each document's section ending with its last paragraph and numbering its pages from 1), and whether every
  page gives the same text lines at the same places (to 0.1 pt, as poppler reads them) both ways.

Measured on 2026-11-26 (บึงปรือ, 15 filed documents; this script and its drafts): the 15 documents 0.77–0.88 s,
the 15 emptied 0.52–0.68 s, 15 copies of one announcement 0.70–0.97 s one by one against 0.19–0.23 s as one
document (of 29 pages: more text than the 15 pages, not less). Timed inside LibreOffice with a throwaway UNO
script (one process, medians of 15), an emptied announcement costs 26–30 ms to load (the same with the filter
named, so no type detection, and without the 137 latent styles), 5 ms to export and 3 ms to close; the full one
30 ms, 8–9 ms and 3 ms. The other 17 ms or so of a job are the request and the typography copy. So about three
quarters of the filed documents' conversion is a cost per document, paid 15 times.

The groups, in both examples: the 9 announcements and orders other than the working-group order (whose template
has a style of its own), and the 5 internal-control reports. บึงปรือ: 0.43–0.53 s one by one against 0.16–0.18 s
as one, and 0.27–0.30 s against 0.15–0.17 s; หนองบัว: 0.45–0.49 s against 0.16–0.18 s, and 0.25–0.34 s against
0.12–0.18 s. Every page of every group, in both examples, gave the same lines at the same places (once each
section numbered its pages from 1; without that only the page numbers differed). That is about 0.4 s of
converter time per build, some 0.2 s of a warm build on two cores.

Builds do this since (``generator.convert.groups``, whose ``merged`` this script uses; ``split`` finds each
document's pages again; ``tests/test_group_conversion.py`` checks every page of both examples).
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from convert import RunningWorkers  # noqa: E402

from generator import paths, pipeline, validate  # noqa: E402
from generator.convert import ConversionJob, engine, groups  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"
XHTML = "{http://www.w3.org/1999/xhtml}"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def with_body(docx: bytes, change) -> bytes:
    """``docx`` with ``change(body)`` applied to its document.xml (the section properties stay last)."""
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(DOCUMENT))
    body = root.find(_w("body"))
    section = body.find(_w("sectPr"))
    body.remove(section)
    change(body)
    body.append(section)
    return groups.with_document(docx, root)


def emptied(docx: bytes) -> bytes:
    def keep_first(body) -> None:
        for child in list(body)[1:]:
            body.remove(child)
    return with_body(docx, keep_first)


def copies(docx: bytes, count: int) -> bytes:
    def repeat(body) -> None:
        content = list(body)
        for _ in range(count - 1):
            paragraph = etree.SubElement(body, _w("p"))
            etree.SubElement(etree.SubElement(paragraph, _w("r")), _w("br")).set(_w("type"), "page")
            body.extend(copy.deepcopy(child) for child in content)
    return with_body(docx, repeat)


def families(documents) -> list[list]:
    """The documents of each family (``groups.family``: every part but the text the same), in order."""
    found: dict[str, list] = {}
    for document in documents:
        found.setdefault(groups.family(document.content, document.thai_numerals), []).append(document)
    return list(found.values())


def page_lines(pdf: Path) -> list[list[tuple[str, float, float]]]:
    """Each page's text lines with where they start (x, y in pt, to 0.1 pt), as poppler reads them."""
    xml = subprocess.run(["pdftotext", "-bbox-layout", str(pdf), "-"], capture_output=True, check=True).stdout
    root = etree.fromstring(xml, etree.XMLParser(recover=True, huge_tree=True))
    return [[("".join(word.text or "" for word in line.iter(f"{XHTML}word")),
              round(float(line.get("xMin")), 1), round(float(line.get("yMin")), 1))
             for line in page.iter(f"{XHTML}line")]
            for page in root.iter(f"{XHTML}page")]


def timed(jobs: list[ConversionJob], runs: int) -> float:
    seconds = []
    for _ in range(runs):
        started = time.perf_counter()
        engine.convert(jobs, use_cache=False)
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("org_dir", nargs="?", type=Path, default=paths.DEFAULT_EXAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    filed = pipeline.render_all(validate.load_valid(args.org_dir, None))[1:]
    announcement = next(d for d in filed if d.group == "appendix")
    with tempfile.TemporaryDirectory(prefix="prongsai-per-document-") as tmp, RunningWorkers(1):
        work = Path(tmp)

        def jobs(name: str, contents: list[tuple[bytes, bool]]) -> list[ConversionJob]:
            made = []
            for i, (content, thai) in enumerate(contents):
                (work / f"{name}-{i}.docx").write_bytes(content)
                made.append(ConversionJob(work / f"{name}-{i}.docx", work / f"{name}-{i}.pdf", thai, False))
            return made

        count = len(filed)
        timed(jobs("warm-up", [(announcement.content, announcement.thai_numerals)]), 1)
        figures = {
            f"the {count} filed documents, one conversion each": jobs("filed", [(d.content, d.thai_numerals)
                                                                                for d in filed]),
            f"the same {count} emptied (first paragraph only)": jobs("empty", [(emptied(d.content), d.thai_numerals)
                                                                               for d in filed]),
            f"one announcement {count} times, one conversion each": jobs("one", [(announcement.content,
                                                                                  announcement.thai_numerals)] * count),
            f"{count} copies of it in one document": jobs("copies", [(copies(announcement.content, count),
                                                                      announcement.thai_numerals)]),
        }
        print(f"{args.org_dir.name}: one converter, median of {args.runs} runs, cache off")
        for name, batch in figures.items():
            print(f"{name}: {timed(batch, args.runs):.3f} s")
        for number, group in enumerate(families(filed)):
            if len(group) < 2:
                continue
            alone = jobs(f"group{number}-alone", [(d.content, d.thai_numerals) for d in group])
            [together] = jobs(f"group{number}-one", [(groups.merged([d.content for d in group]), group[0].thai_numerals)])
            separately, as_one = timed(alone, args.runs), timed([together], args.runs)
            pages_alone = [page for job in alone for page in page_lines(job.pdf)]
            pages_together = page_lines(together.pdf)
            differing = [i + 1 for i, (a, b) in enumerate(zip(pages_alone, pages_together)) if a != b]
            print(f"{len(group)} documents with the same parts ({group[0].path.split('/')[0]}): one by one "
                  f"{separately:.3f} s, as one document {as_one:.3f} s; {len(pages_alone)} pages alone, "
                  f"{len(pages_together)} as one; pages whose lines differ: {differing or 'none'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Experiment (not a test, not used by builds): how much of the conversion is LibreOffice's cost per document?

    python bench/per_document_cost.py [ORG_DIR] [--runs 5]

On one `prongsai serve-converters` worker, medians of --runs runs, cache off:
- the documents filed after the plan (announcements, orders, internal-control reports), one conversion each;
- the same documents emptied (their first paragraph only, styles, headers and sections kept): what a
  conversion costs whatever the document says;
- one announcement converted as many times as there are filed documents, against one document holding that many
  copies of it, one after another on new pages: the same text in one conversion.

Measured on 2026-11-26 (บึงปรือ, 15 filed documents; this script and its first draft): the 15 documents 0.87–0.88 s,
the 15 emptied 0.55–0.68 s, 15 copies of one announcement 0.80–0.97 s one by one against 0.21–0.23 s as one
document (of 29 pages: it is more text than the 15 pages, not less). Timed inside LibreOffice with a throwaway
UNO script (one process, medians of 15), an emptied announcement costs 26–30 ms to load (the same with the filter
named, so no type detection, and without the 137 latent styles), 5 ms to export and 3 ms to close; the full one
30 ms, 8–9 ms and 3 ms. The other 17 ms or so of a job are the request and the typography copy. So about three
quarters of the filed documents' conversion is a cost per document, paid 15 times.

What it would take to use this (not done): convert the filed documents as one document, its PDF then split into
the documents' PDFs. Their templates differ in styles of the same name, numbering, headers, page size and
orientation (ปค.๕ is landscape) and digit style, all of which would have to be merged without changing how any
page is laid out, and each document's pages found again in the PDF; every build would then depend on it. It is
less than it sounds within each group: the 12 templates share numbering.xml, settings.xml, fontTable.xml and the
theme byte for byte, the 7 appendix templates share their headers and 6 of them styles.xml, and the 5
internal-control templates their headers and styles.xml. Page 1 of an announcement or order prints no number
and its later pages "- ๒ -" …: a split could find each document's first page again by that.
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
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
from generator.convert import ConversionJob, engine  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOCUMENT = "word/document.xml"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def with_body(docx: bytes, change) -> bytes:
    """``docx`` with ``change(body)`` applied to its document.xml (the section properties stay last)."""
    package = zipfile.ZipFile(io.BytesIO(docx))
    root = etree.fromstring(package.read(DOCUMENT))
    body = root.find(_w("body"))
    section = body.find(_w("sectPr"))
    body.remove(section)
    change(body)
    body.append(section)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in package.infolist():
            data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True) \
                if info.filename == DOCUMENT else package.read(info)
            target.writestr(info.filename, data)
    return out.getvalue()


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
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

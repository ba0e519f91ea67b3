"""Experiment (not a test): does a piece of the plan converted alone print as in the whole plan, and what does it save?

    python bench/plan_pieces.py [ORG_DIR] [--runs 5] [--no-lead-in]

The plan is cut where a new page must start anyway (a section break, or a heading with "page break before"):
ส่วนที่ ๑, ๒, each มิติ of ส่วนที่ ๓, ภาคผนวก. Each piece is converted on its own, with the page number its
first page has in the whole plan and, in front of it, the plan's cover section, whose page is then dropped
(``--no-lead-in``: without it).

Measured on 2026-11-26 with LibreOffice 7.4 (medians of 5, two converters running):
- with the cover in front: for บึงปรือ all 42 pages from ส่วนที่ ๑ on gave the same lines; for
  หนองบัว two pages differed: "๘. ผู้รับผิดชอบโครงการ", kept with the next paragraph, sat alone at the foot of
  page ๕ in the piece and at the top of page ๖ in the whole plan.
- without the cover in front: every page of both plans gave the same lines as the whole plan (an earlier
  measurement, on an earlier version of the plan, found a heading moved up a page that way).
- Time, บึงปรือ: the whole plan 0.63 s, every piece one after another 0.96 s (two converters: 0.54 s), the two
  pieces a budget change touches 0.18 s. หนองบัว: 0.32 s, 0.67 s, 0.15 s.
Measured again later that day, on บึงปรือ with its first budget changed: without the cover, pages 12–14
differed (the space within justified lines, then "ลำดับที่ 4" a page earlier); with it, none; the whole plan
0.59–0.61 s, the two pieces 0.13–0.14 s. Nothing in LibreOffice promises either.

Builds now use pieces in a rebuild only (generator/convert/pieces.py, with the cover in front): a build that
converts the whole plan remembers which pages each piece printed, and the next build converts only the changed
pieces and keeps them only if they print as many pages, the same numbers and the same headings as before; else
it converts the whole plan. A build made of pieces alone would cost about half as much converter time again,
which is why a first build still converts the plan whole.

Printed: whether the pieces give the same lines on every page as the whole plan (whitespace aside), then medians
of --runs runs, on `prongsai serve-converters` workers: the whole plan, every piece (on both converters, then one
after another), and the two pieces a change of one project's budget touches (ส่วนที่ ๒'s table and the มิติ
holding the project).
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

from generator import pages, paths, pipeline, toc  # noqa: E402
from generator.convert import ConversionJob, engine  # noqa: E402

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{W}}}{tag}"


def _section(paragraph) -> etree._Element | None:
    return paragraph.find(f"{_w('pPr')}/{_w('sectPr')}") if paragraph.tag == _w("p") else None


def boundaries(children: list) -> tuple[int, list[int]]:
    """The end of the cover section, and where each piece after the front matter starts."""
    ends = [i for i, el in enumerate(children) if _section(el) is not None]
    starts = [i + 1 for i in ends[1:]]  # after the front matter's section
    starts += [i for i, el in enumerate(children) if i > starts[0]
               and el.find(f"{_w('pPr')}/{_w('pageBreakBefore')}") is not None]
    return ends[0] + 1, sorted(set(starts))


def piece(docx: bytes, cover_end: int, start: int, end: int, first_page: int) -> bytes:
    """The cover section, then body elements [start, end) in the section that holds them, numbered from
    ``first_page``."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source:
        root = etree.fromstring(source.read("word/document.xml"))
        body = root.find(_w("body"))
        children = list(body)
        governing = next((_section(children[i]) for i in range(end - 1, len(children) - 1)
                          if _section(children[i]) is not None), children[-1])
        closing = copy.deepcopy(governing)
        numbering = closing.find(_w("pgNumType"))
        if numbering is None:
            numbering = etree.Element(_w("pgNumType"))
            closing.insert(list(closing).index(closing.find(_w("pgMar"))) + 1, numbering)
        numbering.set(_w("start"), str(first_page))
        kept = children[:cover_end] + children[start:end]
        for el in children:
            body.remove(el)
        for el in kept:
            body.append(el)
        last = _section(body[-1])
        if last is not None:
            last.getparent().remove(last)
        body.append(closing)
        return toc.with_document(source, root)


def page_lines(pdf: Path) -> list[list[str]]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [["".join(line.split()) for line in page.splitlines() if line.strip()] for page in text.split("\f")[:-1]]


def convert(jobs: list[ConversionJob]) -> float:
    started = time.perf_counter()
    engine.convert(jobs, use_cache=False)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("org", nargs="?", type=Path, default=paths.DEFAULT_EXAMPLE)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-lead-in", action="store_true", help="pieces without the cover section in front")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="prongsai-pieces-") as tmp, RunningWorkers(2):
        work = Path(tmp)
        plan = pipeline.build(args.org, work / "out").documents[0]
        docx, thai = plan.content, plan.thai_numerals
        (work / "whole.docx").write_bytes(docx)
        whole = ConversionJob(work / "whole.docx", work / "whole.pdf", thai, False)
        convert([whole])
        printed = pages.printed_numbers(whole.pdf)
        heads = [h for h in pages.headings(whole.pdf) if h.level <= 2]
        children = list(etree.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read("word/document.xml")).find(_w("body")))
        cover_end, starts = boundaries(children)
        titles = ["".join(t.text or "" for t in children[s].iter(_w("t"))) for s in starts]
        first_pages = [next(h.page for h in heads if "".join(h.title.split()) == "".join(t.split())) for t in titles]
        jobs = []
        for k, (start, end) in enumerate(zip(starts, [*starts[1:], len(children) - 1])):
            source = work / f"piece-{k}.docx"
            source.write_bytes(piece(docx, 0 if args.no_lead_in else cover_end, start, end,
                                     first_pages[k] - first_pages[0] + 1))
            jobs.append(ConversionJob(source, source.with_suffix(".pdf"), thai, False))
        convert(jobs)
        joined = [page for job in jobs for page in page_lines(job.pdf)[0 if args.no_lead_in else 1:]]
        reference = page_lines(whole.pdf)[first_pages[0]:]
        differing = [printed[first_pages[0] + i] for i, (a, b) in enumerate(zip(reference, joined)) if a != b]
        print(f"pieces: {len(jobs)}, pages {len(joined)} (whole plan from its first piece: {len(reference)})")
        print(f"pages whose lines differ from the whole plan's: {len(differing)} {differing}")
        touched = [jobs[1], jobs[2]]  # ส่วนที่ ๒ and the first มิติ: the example's first project
        for name, run in (("whole plan", lambda: convert([whole])),
                          ("every piece (two converters)", lambda: convert(jobs)),
                          ("every piece, one after another", lambda: sum(convert([job]) for job in jobs)),
                          ("two pieces", lambda: convert(touched))):
            seconds = [run() for _ in range(args.runs)]
            print(f"{name}: median {statistics.median(seconds):.3f} s (min {min(seconds):.3f}, max {max(seconds):.3f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

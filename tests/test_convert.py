"""DOCX → PDF with the real LibreOffice: fonts, tofu, Thai page numbers, justification, cache, isolation, failures."""

from __future__ import annotations

import os
import time
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator import fonts
from generator.convert import ConversionError, ConversionJob, cache, check, convert, typography
from generator.convert.jobs import is_complete_pdf
from sample_docx import write_sample

ROOT = Path(__file__).resolve().parent.parent
RIGHT_MARGIN_X = 595.3 - 56.7  # A4 width minus the samples' 2 cm right margin, in points
SUBSTITUTE_FONTS = {f"{fonts.SUBSTITUTE_POSTSCRIPT}-Regular", f"{fonts.SUBSTITUTE_POSTSCRIPT}-Bold"}


def pages(pdf: Path) -> int:
    return len(PdfReader(pdf).pages)


def header_band(pdf: Path, page: int, out: Path) -> bytes:
    """The header band of one page as grey pixels (100 dpi), for comparing what was drawn."""
    subprocess.run(["pdftoppm", "-f", str(page), "-l", str(page), "-r", "100", "-gray", "-x", "0", "-y", "0",
                    "-W", "827", "-H", "90", str(pdf), str(out)], check=True)
    image = next(out.parent.glob(f"{out.name}*.pgm"))
    data = image.read_bytes()
    image.unlink()
    return data


@pytest.fixture(scope="module")
def oneshot(tmp_path_factory) -> dict[str, Path]:
    """Three documents converted in one call: Thai page numbers, Arabic page numbers, and a tofu probe."""
    folder = tmp_path_factory.mktemp("oneshot")
    docs = {
        "thai": write_sample(folder / "thai.docx", paragraphs=12),
        "arabic": write_sample(folder / "arabic.docx", paragraphs=12),
        "literal-thai": write_sample(folder / "literal-thai.docx", paragraphs=12, header="- ๒ -"),
        "literal-arabic": write_sample(folder / "literal-arabic.docx", paragraphs=12, header="- 2 -"),
    }
    jobs = [ConversionJob(path, path.with_suffix(".pdf"), thai_numerals=name == "thai") for name, path in docs.items()]
    report = convert(jobs, engine="oneshot", use_cache=False)
    assert report.converted == len(jobs) and report.engine == "oneshot"
    return {name: path.with_suffix(".pdf") for name, path in docs.items()}


def test_pdf_embeds_only_the_substitute_when_th_sarabun_is_missing(oneshot):
    if fonts.choose("TH SarabunIT๙").is_real:
        pytest.skip("the real TH SarabunIT๙ is installed here")
    for pdf in oneshot.values():
        assert set(check.embedded_fonts(pdf)) == SUBSTITUTE_FONTS


def test_no_character_is_drawn_as_a_box(oneshot):
    for pdf in oneshot.values():
        assert check.tofu(pdf) == []


def test_a_missing_glyph_is_detected(tmp_path):
    """The tofu check itself works: no installed font has CJK, so 漢 is drawn as .notdef."""
    docx = write_sample(tmp_path / "cjk.docx", paragraphs=1, extra=["ภาษาไทย 漢 ภาษาไทย"])
    convert([ConversionJob(docx, tmp_path / "cjk.pdf")], engine="oneshot", use_cache=False)
    assert any(found.startswith("漢") for found in check.tofu(tmp_path / "cjk.pdf"))


def test_the_substitute_has_th_sarabun_size(oneshot):
    """12 paragraphs of the notice fit on 3 pages at TH Sarabun's size; Laksaman at full size needs 5."""
    assert pages(oneshot["thai"]) == 3


def difference(a: bytes, b: bytes) -> int:
    """How different two renderings of the same size are: summed grey-level differences."""
    assert len(a) == len(b)
    return sum(abs(x - y) for x, y in zip(a, b))


def test_page_numbers_are_drawn_in_thai_digits_only_where_asked(oneshot, tmp_path):
    """The PAGE field of the Thai-digit document looks like "- ๒ -" typed by hand, the other like "- 2 -"."""
    band = {name: header_band(pdf, 2, tmp_path / name) for name, pdf in oneshot.items()}
    for field, twin, other in (("thai", "literal-thai", "literal-arabic"), ("arabic", "literal-arabic", "literal-thai")):
        assert difference(band[field], band[twin]) * 4 < difference(band[field], band[other])
    assert header_band(oneshot["thai"], 1, tmp_path / "p1") == header_band(oneshot["arabic"], 1, tmp_path / "q1")


def test_justified_thai_lines_reach_the_right_margin(oneshot, tmp_path):
    """thaiDistribute is sent to LibreOffice as justify + th-TH, so every line but a paragraph's last ends at the
    margin, also where the line has no space to stretch; the same DOCX converted as it is stays ragged."""
    gaps = check.justified_line_ends(oneshot["arabic"], RIGHT_MARGIN_X)
    assert len(gaps) >= 40
    assert all(-2.0 <= gap <= 0.5 for gap in gaps), gaps
    plain = tmp_path / "plain"
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(["soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf", "--outdir",
                    str(plain), str(oneshot["arabic"].with_suffix(".docx"))], check=True, capture_output=True,
                   env=fonts.fontconfig_env())
    ragged = check.justified_line_ends(plain / "arabic.pdf", RIGHT_MARGIN_X)
    assert sum(gap < -5 for gap in ragged) > len(ragged) // 3


def test_no_mark_is_drawn_away_from_its_consonant(tmp_path):
    """LibreOffice 7.4 detaches the vowel of a one-cell word ending a justified line after digits ("20 ปี");
    the typography copy keeps such words off line ends. Shown with 60 line-break positions."""
    tail = "ยุทธศาสตร์ชาติ 20 ปี (พ.ศ. 2561 – 2580) แผนแม่บท 5 ที่ ITA มี "
    docx = write_sample(tmp_path / "marks.docx", paragraphs=0, extra=["ข" * k + " " + tail * 4 for k in range(60)])
    convert([ConversionJob(docx, tmp_path / "marks.pdf")], engine="oneshot", use_cache=False)
    assert check.detached_marks(tmp_path / "marks.pdf") == []
    # Without the no-break spaces LibreOffice does detach some: the check sees them.
    unglued = tmp_path / "unglued.docx"
    unglued.write_bytes(typography.for_libreoffice(docx.read_bytes(), False, glue=False))
    subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(unglued)], check=True, capture_output=True,
                   env=fonts.fontconfig_env())
    assert check.detached_marks(tmp_path / "unglued.pdf")


def test_delivered_docx_keeps_thai_distribute(oneshot):
    with zipfile.ZipFile(oneshot["thai"].with_suffix(".docx")) as z:
        assert b'w:val="thaiDistribute"' in z.read("word/styles.xml")


def test_pdfa_export(tmp_path):
    docx = write_sample(tmp_path / "a.docx", paragraphs=2)
    convert([ConversionJob(docx, tmp_path / "a.pdf", pdfa=True)], engine="oneshot", use_cache=False)
    metadata = PdfReader(tmp_path / "a.pdf").xmp_metadata
    assert metadata is not None
    assert (str(metadata.pdfaid_part), metadata.pdfaid_conformance) == ("2", "B")


def test_unchanged_docx_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "CACHE_DIR", tmp_path / "cache")  # a cache of its own, empty
    docx = write_sample(tmp_path / "c.docx", title="แคช", paragraphs=3)
    first = convert([ConversionJob(docx, tmp_path / "1.pdf")], engine="oneshot")
    # The same content written again (new ZIP timestamps) is still the same document.
    rewritten = tmp_path / "c2.docx"
    with zipfile.ZipFile(docx) as src, zipfile.ZipFile(rewritten, "w", zipfile.ZIP_STORED) as dst:
        for info in src.infolist():
            info.date_time = (2030, 1, 2, 3, 4, 6)
            dst.writestr(info, src.read(info))
    again = convert([ConversionJob(rewritten, tmp_path / "2.pdf")], engine="oneshot")
    assert (first.converted, again.converted, again.from_cache) == (1, 0, 1)
    assert (tmp_path / "2.pdf").read_bytes() == (tmp_path / "1.pdf").read_bytes()
    other_setting = convert([ConversionJob(rewritten, tmp_path / "3.pdf", thai_numerals=True)], engine="oneshot")
    changed = write_sample(tmp_path / "c3.docx", title="แคช เปลี่ยน", paragraphs=3)
    changed_content = convert([ConversionJob(changed, tmp_path / "4.pdf")], engine="oneshot")
    assert (other_setting.converted, changed_content.converted) == (1, 1)


def test_two_conversions_at_once_both_produce_pdfs(tmp_path):
    """Two builds in two processes at the same moment: each LibreOffice has its own profile and fonts."""
    script = (
        "import sys; from pathlib import Path; sys.path.insert(0, 'tests');"
        "from sample_docx import write_sample; from generator.convert import ConversionJob, convert;"
        "d = Path(sys.argv[1]); docs = [write_sample(d / f'{i}.docx', title=f'{d.name} {i}', paragraphs=4)"
        " for i in range(3)];"
        "convert([ConversionJob(p, p.with_suffix('.pdf')) for p in docs], engine='oneshot', use_cache=False)"
    )
    runs = []
    for name in ("org-a", "org-b"):
        (tmp_path / name).mkdir()
        runs.append(subprocess.Popen([sys.executable, "-c", script, str(tmp_path / name)], cwd=ROOT,
                                     env={**os.environ, "PYTHONPATH": str(ROOT)}))
    assert [run.wait(timeout=300) for run in runs] == [0, 0]
    for name in ("org-a", "org-b"):
        assert all(is_complete_pdf(tmp_path / name / f"{i}.pdf") for i in range(3))


def test_a_damaged_docx_fails_clearly_and_leaves_no_pdf(tmp_path):
    good = write_sample(tmp_path / "good.docx", paragraphs=2)
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(good) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, data[: len(data) // 2] if info.filename == "word/document.xml" else data)
    with pytest.raises(ConversionError) as error:
        convert([ConversionJob(good, tmp_path / "good.pdf"), ConversionJob(broken, tmp_path / "broken.pdf")],
                engine="oneshot", use_cache=False)
    assert "broken.docx" in error.value.th and "broken.docx" in error.value.en
    assert not (tmp_path / "broken.pdf").exists()
    assert not list(tmp_path.glob(".*.tmp"))


def test_a_hung_libreoffice_is_stopped_and_the_batch_retried(tmp_path):
    """Freeze the first soffice of a batch: the watchdog kills it and a fresh process converts everything."""
    docs = [write_sample(tmp_path / f"h{i}.docx", title=f"ค้าง {i}", paragraphs=3) for i in range(3)]
    freezer = subprocess.Popen([sys.executable, "-c", FREEZE_FIRST_SOFFICE], stdout=subprocess.PIPE, text=True)
    report = convert([ConversionJob(p, p.with_suffix(".pdf")) for p in docs], engine="oneshot", use_cache=False,
                     job_timeout=8)
    frozen = freezer.communicate(timeout=60)[0].strip()
    assert frozen.isdigit(), "the test could not freeze LibreOffice"
    assert report.converted == 3 and all(is_complete_pdf(p.with_suffix(".pdf")) for p in docs)


FREEZE_FIRST_SOFFICE = r"""
import os, signal, time
deadline = time.time() + 30
while time.time() < deadline:
    for pid in filter(str.isdigit, os.listdir('/proc')):
        try:
            cmd = open(f'/proc/{pid}/cmdline', 'rb').read()
        except OSError:
            continue
        if cmd.split(b'\0')[0].endswith(b'soffice.bin') and b'oneshot-' in cmd and b'--convert-to' in cmd:
            os.kill(int(pid), signal.SIGSTOP)
            print(pid)
            raise SystemExit
    time.sleep(0.01)
"""


def test_a_build_session_converts_on_its_own_workers_and_stops_them(tmp_path):
    """Inside session() (what a build opens) documents go to workers started for it; none outlive it."""
    from generator.convert import session, supervisor, workers

    if workers.live_workers() or not supervisor.PrivatePool.available():
        pytest.skip("shared converters are running, or the worker venv is missing")
    docs = [write_sample(tmp_path / f"s{i}.docx", title=f"รอบ {i}", paragraphs=3) for i in range(3)]
    with session():
        first = convert([ConversionJob(d, d.with_suffix(".pdf")) for d in docs[:2]], use_cache=False)
        second = convert([ConversionJob(docs[2], docs[2].with_suffix(".pdf"), thai_numerals=True)], use_cache=False)
        pids = {w.soffice_pid for w in engine_session_infos()}
    assert first.engine == second.engine == "session" and first.converted + second.converted == 3
    assert all(is_complete_pdf(d.with_suffix(".pdf")) for d in docs)
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert pids and not any(alive(pid) for pid in pids)


def engine_session_infos():
    from generator.convert import engine

    return engine._session.infos()


def alive(pid: int) -> bool:
    """Running, not a zombie waiting to be reaped."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_a_killed_libreoffice_leaves_no_pipe_in_tmp(tmp_path):
    """LibreOffice opens a pipe in /tmp named after its profile; one that is killed leaves it there. The slot
    knows its name (checked against a real LibreOffice) and removes it when released."""
    import signal
    import uuid

    from generator.convert import profile
    from generator.convert.soffice import soffice_binary

    accept = f"prongsai-test-{uuid.uuid4().hex}"
    slot = profile.acquire("oneshot").prepare(thai_numerals=False)
    try:
        office = subprocess.Popen([soffice_binary(), f"-env:UserInstallation={slot.url}", "--headless", "--norestore",
                                   "--nologo", "--nodefault", f"--accept=pipe,name={accept};urp;"],
                                  env=slot.env(), start_new_session=True, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 60
        while not slot.office_pipes[0].exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        os.killpg(office.pid, signal.SIGKILL)
        office.wait()
        assert slot.office_pipes[0].exists(), "LibreOffice's pipe is not where the slot expects it"
    finally:
        slot.release()
        Path(f"/tmp/OSL_PIPE_{os.getuid()}_{accept}").unlink(missing_ok=True)
    assert not any(pipe.exists() for pipe in slot.office_pipes)


def test_a_new_profile_skips_libreoffice_graphics_self_tests(tmp_path, monkeypatch):
    """LibreOffice runs its graphics self-tests (0.7 s) at every start of a profile that has not recorded the
    version it last ran, which a headless LibreOffice never records; the slot records it for it."""
    from generator.convert import profile
    from generator.convert.soffice import soffice_binary

    monkeypatch.setattr(profile, "PROFILES_DIR", tmp_path / "profiles")
    source, out = write_sample(tmp_path / "short.docx", title="ทดสอบ", paragraphs=2), tmp_path / "out"
    with profile.acquire("oneshot") as slot:
        slot.prepare(thai_numerals=False)
        subprocess.run([soffice_binary(), f"-env:UserInstallation={slot.url}", "--headless", "--norestore",
                        "--convert-to", "pdf", "--outdir", str(out), str(source)],
                       env=slot.env(), capture_output=True, timeout=120)
        assert (out / "short.pdf").is_file()
        installed = subprocess.run([soffice_binary(), "--version"], capture_output=True, text=True).stdout.split()[1]
        assert installed.startswith(f"{profile.libreoffice_version()}.")  # "7.4" for LibreOffice 7.4.7.2
        assert not (slot.profile / "user" / "GraphicsRenderTests.log").exists()

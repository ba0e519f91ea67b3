"""The ``prongsai`` command: parses options, reports progress and problems, sets the exit code.

No domain logic lives here; every command calls into the pipeline or a stage module.
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import os
import sys
import threading
import time
from pathlib import Path

from generator import __version__, paths
from generator.errors import EXIT_DATA, DataError, Problem, ProngsaiError

ORG_HELP = "โฟลเดอร์ข้อมูลองค์กร / organisation data folder (default: the built-in example)"


class Progress:
    """Stage messages on stderr, each with the time since the command started."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        print(f"[{time.monotonic() - self.start:5.1f}s] {message}", file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from generator.convert import session

    folders = _distinct(args.org_dirs)
    _refuse_shared_output(folders)
    with session():  # LibreOffice starts while Python loads the rest; one start for every folder
        if len(folders) == 1:
            return _build(args, folders[0])
        return _build_each(args, folders)


def _distinct(folders: list[Path]) -> list[Path]:
    """The folders in the order given, each once (a shell glob and a typed name may both name one)."""
    seen: dict[Path, Path] = {}
    for folder in folders:
        seen.setdefault(folder.resolve(), folder)
    return list(seen.values())


def _refuse_shared_output(folders: list[Path]) -> None:
    """An organisation's output folder is named after its data folder, so two data folders of one name would
    write into one output folder, the second replacing the first: refused before anything is built."""
    by_name: dict[str, list[Path]] = {}
    for folder in folders:
        by_name.setdefault(folder.resolve().name, []).append(folder)
    clashes = [group for group in by_name.values() if len(group) > 1]
    if clashes:
        listed = "; ".join(", ".join(str(f) for f in group) for group in clashes)
        raise DataError([Problem(f"โฟลเดอร์ข้อมูลชื่อซ้ำกัน ผลลัพธ์จะทับกัน: {listed} (เปลี่ยนชื่อโฟลเดอร์หนึ่ง)",
                                 f"data folders with the same name would write into the same output folder: "
                                 f"{listed} (rename one of them)")])


def _build_each(args: argparse.Namespace, folders: list[Path]) -> int:
    """Build several organisations one after another on the same converters. A folder that fails is reported
    as a single build reports it, and the others are still built; the exit code is the first failure's."""
    outcomes = []
    for n, folder in enumerate(folders, 1):
        sys.stdout.flush()  # the last folder's summary before this one's progress, also when both go to a file
        print(f"\n=== [{n}/{len(folders)}] {folder}", file=sys.stderr, flush=True)
        try:
            code = _build(args, folder, every_file=False)
        except ProngsaiError as exc:
            code = _report_error(exc)
        outcomes.append((folder, code))
    built = sum(1 for _, code in outcomes if code == 0)
    print(f"\nสรุป / summary: สร้างสำเร็จ {built} จาก {len(outcomes)} องค์กร / "
          f"{built} of {len(outcomes)} organisations built")
    for folder, code in outcomes:
        print(f"  {folder}: " + ("สำเร็จ / built" if code == 0 else f"ไม่สำเร็จ / failed (exit {code})"))
    return next((code for _, code in outcomes if code), 0)


def _build(args: argparse.Namespace, folder: Path, *, every_file: bool = True) -> int:
    """One organisation's build and its summary; ``every_file=False`` (a batch) names the output folder and the
    assembled plan instead of listing every document and file."""
    from generator import pipeline
    from generator.check import report as check_report
    from generator.check.build import ChecksFailed

    try:
        result = pipeline.build(folder, Path(args.output), progress=Progress(), undated=args.undated,
                                draft=args.draft, pdfa=args.pdfa, edition=args.edition)
    except ChecksFailed as exc:
        print(check_report.text(exc.report), file=sys.stderr)
        return _report_error(exc)
    for warning in result.warnings:
        print(f"คำเตือน / warning: {warning}", file=sys.stderr)
    if result.report is not None and result.report.findings:
        print(check_report.text(result.report), file=sys.stderr)
    if result.draft:
        print("ฉบับร่าง: ทุกหน้ามีคำว่า ร่าง / draft: every page is marked ร่าง", file=sys.stderr)
    if every_file:
        print("เอกสาร / documents:")
        for document in result.documents:
            print(f"  {document.title}  →  {document.path}")
        print(f"เขียนไฟล์แล้ว / written to {result.out_dir}:")
        for path in result.files:
            print(f"  {path}")
    else:
        print(f"เขียนไฟล์แล้ว {len(result.files)} ไฟล์ / {len(result.files)} files written to {result.out_dir}")
    if result.bundle is not None:
        print(f"แผนฉบับรวมเล่ม / the assembled plan (cover to ภาคผนวก): {result.bundle}")
    for note in result.notes:
        print(f"หมายเหตุ / note: {note}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from generator.check import report as check_report
    from generator.check.run import check_path

    report = check_path(args.target, args.org)
    print(check_report.as_json(report) if args.format == "json" else check_report.text(report))
    return report.exit_code


def cmd_validate(args: argparse.Namespace) -> int:
    from generator import validate

    data = validate.load_valid(args.org_dir, args.edition)
    print(f"ข้อมูลถูกต้อง / the data is valid: {args.org_dir} (ฉบับ / edition {data.year})")
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    from generator import scaffold

    written = scaffold.new_organisation(
        args.org_dir, org_type=args.type, name=args.name, district=args.district, province=args.province,
        start=args.start, end=args.end,
    )
    print(f"สร้างโฟลเดอร์ข้อมูลแล้ว / created {args.org_dir}:")
    for path in written:
        print(f"  {path}")
    print("กรอกข้อมูลที่ยังว่าง แล้วตรวจด้วย / fill in the empty fields, then check with:"
          f"  prongsai validate {args.org_dir}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    from generator import schema

    for path in schema.export(Path(args.out)):
        print(path)
    return 0


def cmd_serve_converters(args: argparse.Namespace) -> int:
    from generator.convert import supervisor

    supervisor.serve(args.workers, recycle_after=args.recycle_after, log=lambda m: print(m, flush=True))
    return 0


def cmd_converters(args: argparse.Namespace) -> int:
    from generator.convert import workers

    if args.action == "stop":
        print(f"หยุดแล้ว / stopped {workers.stop_all()} process(es)")
        return 0
    rows = workers.status()
    if not rows:
        print("ไม่มีตัวแปลงทำงานอยู่ / no converter is running (builds use one-shot soffice calls)")
    for row in rows:
        state = "answers" if row["answers"] else ("running, not answering" if row["alive"] else "dead")
        print(f"{row['name']}: port {row['port']}, pid {row['pid']}, LibreOffice pid {row['soffice_pid']}, "
              f"{state}, documents since start: {row['served']}")
    if rows:
        from generator import build_service

        print("กระบวนการสร้างเอกสารที่พร้อมไว้ทำงานอยู่ / warm build process: running" if build_service.running()
              else "กระบวนการสร้างเอกสารที่พร้อมไว้ไม่ได้ทำงาน / warm build process: not running")
    return 0


def cmd_edition_new(args: argparse.Namespace) -> int:
    from generator.edition import start

    new = start.start(args.org_dir, args.year)
    print(f"เริ่มฉบับปีงบประมาณ {new.year} จากฉบับ {new.based_on} แล้ว / started edition {new.year} from {new.based_on}:")
    for path in new.written:
        print(f"  {path}")
    print("สิ่งที่เปลี่ยน / what changed:")
    for change in new.changes:
        print(f"  - {change.th}\n    {change.en}")
    print(f"ต้องตรวจทานก่อนออกฉบับ (to_review ใน {new.folder / 'edition.yaml'}) / to review before issuing:")
    for item in new.review:
        print(f"  - {item.th}\n    {item.en}")
    if new.problems:
        print("ข้อมูลของฉบับใหม่ยังมีปัญหา / the new edition's data still has problems:", file=sys.stderr)
        for problem in new.problems:
            print(f"  - {problem}", file=sys.stderr)
    print(f"สร้างเอกสาร / build: prongsai build {args.org_dir} --edition {new.year}")
    return 0


def cmd_edition_issue(args: argparse.Namespace) -> int:
    from generator.edition import issue

    issued = issue.issue(args.org_dir, args.year, Path(args.output), Progress(), undated=args.undated,
                         pdfa=args.pdfa)
    for warning in issued.build.warnings:
        print(f"คำเตือน / warning: {warning}", file=sys.stderr)
    for note in issued.notes:
        print(f"หมายเหตุ / note: {note}")
    manifest = issued.manifest
    print(f"ออกฉบับปีงบประมาณ {manifest.edition} แล้ว / issued edition {manifest.edition} ({manifest.issued_at}):")
    print(f"  {len(manifest.files)} ไฟล์ / files, data sha256 {manifest.data['sha256'][:16]}…")
    print(f"  manifest: {issued.manifest_path}")
    print(f"  manifest: {issued.output / 'manifest.json'}")
    print(f"  zip: {issued.archive}")
    return 0


def cmd_edition_verify(args: argparse.Namespace) -> int:
    from generator.edition.verify import verify

    codes = []
    for file in args.files:
        verdict = verify(file, orgs=args.org, manifests=args.manifest, trust=args.trust)
        print("\n".join(verdict.lines()))
        codes.append(verdict.exit_code)
    return max(codes)


def cmd_edition_migrate(args: argparse.Namespace) -> int:
    from generator.edition import layout, start

    if layout.years(args.org_dir):
        print(f"แยกฉบับรายปีอยู่แล้ว / already has editions: {args.org_dir / layout.EDITIONS}")
        return 0
    year, moved = start.migrate(args.org_dir)
    print(f"ย้ายไปฉบับปีงบประมาณ {year} แล้ว / moved into edition {year}:")
    for path in moved:
        print(f"  {path}")
    return 0


def cmd_diff(args: argparse.Namespace) -> int:
    from generator.edition import changes

    data, report = changes.compare_editions(args.org_dir, args.old, args.new)
    print(changes.terminal(report, color=sys.stdout.isatty()))
    if not args.no_document:
        for path in changes.write_report(data, report, Path(args.output), Progress()):
            print(f"  → {path}")
    return 0


def cmd_sign(args: argparse.Namespace) -> int:
    import getpass
    import os

    from generator.signing.sign import sign

    if args.password_file:
        password = Path(args.password_file).read_bytes().rstrip(b"\r\n")
    elif "PRONGSAI_P12_PASSWORD" in os.environ:
        password = os.environ["PRONGSAI_P12_PASSWORD"].encode()
    elif sys.stdin.isatty():
        password = getpass.getpass("รหัสผ่านใบรับรอง / certificate password: ").encode()
    else:
        password = None
    signed = sign(args.file, args.p12, password, field=args.field, output=args.output, reason=args.reason,
                  location=args.location, font_name=args.font)
    print(f"ลงนามช่อง {signed.field} โดย {signed.signer} แล้ว / signed field {signed.field} as {signed.signer}:")
    print(f"  {signed.output}")
    return 0


def _edition_parsers(sub) -> None:
    e = sub.add_parser("edition", help="ฉบับรายปี: เริ่ม ออก ตรวจ / annual editions: start, issue, verify")
    esub = e.add_subparsers(dest="edition_command", required=True, metavar="ACTION")
    n = esub.add_parser("new", help="เริ่มฉบับปีใหม่จากฉบับล่าสุด / start the next year's edition from the latest")
    n.add_argument("org_dir", type=Path)
    n.add_argument("--year", type=int, required=True, help="ปีงบประมาณของฉบับใหม่ (พ.ศ.) / the new fiscal year (BE)")
    n.set_defaults(func=cmd_edition_new)
    i = esub.add_parser("issue", help="ออกฉบับ: สร้าง บันทึก manifest และ zip / build, freeze, record and zip an edition")
    i.add_argument("org_dir", type=Path)
    i.add_argument("--year", type=int, required=True, help="ปีงบประมาณของฉบับ / the edition's fiscal year (BE)")
    i.add_argument("--output", default=str(paths.OUTPUT_DIR), help="โฟลเดอร์ผลลัพธ์ / output folder (default: output/)")
    i.add_argument("--undated", action="store_true", help="ประกาศและคำสั่งเว้นวันที่ / blank dates on announcements")
    i.add_argument("--pdfa", action="store_true", help="ส่งออกเป็น PDF/A-2b / export PDF/A-2b (archival)")
    i.set_defaults(func=cmd_edition_issue)
    v = esub.add_parser("verify", help="ตรวจว่าไฟล์ตรงกับฉบับที่ออกและลายมือชื่อถูกต้อง / "
                                       "is a file an unmodified issued output; are its signatures valid")
    v.add_argument("files", type=Path, nargs="+")
    v.add_argument("--org", type=Path, action="append", default=[], help="โฟลเดอร์ข้อมูลองค์กร / organisation folder")
    v.add_argument("--manifest", type=Path, action="append", default=[], help="manifest.json ของฉบับ / an edition manifest")
    v.add_argument("--trust", type=Path, action="append", default=[],
                   help="ใบรับรอง (PEM/DER) ที่เชื่อถือ / a certificate to trust")
    v.set_defaults(func=cmd_edition_verify)
    m = esub.add_parser("migrate", help="แยกโฟลเดอร์เดิมเป็นฉบับรายปี / move a flat folder into editions/<year>/")
    m.add_argument("org_dir", type=Path)
    m.set_defaults(func=cmd_edition_migrate)

    d = sub.add_parser("diff", help="รายงานการเปลี่ยนแปลงระหว่างสองฉบับ / what changed between two editions")
    d.add_argument("org_dir", type=Path)
    d.add_argument("old", type=int, help="ฉบับเดิม / the earlier edition, e.g. 2566")
    d.add_argument("new", type=int, help="ฉบับใหม่ / the later edition, e.g. 2567")
    d.add_argument("--output", default=str(paths.OUTPUT_DIR), help="โฟลเดอร์ผลลัพธ์ / output folder (default: output/)")
    d.add_argument("--no-document", action="store_true", help="แสดงบนจอเท่านั้น ไม่สร้าง DOCX/PDF / terminal only")
    d.set_defaults(func=cmd_diff)

    g = sub.add_parser("sign", help="ลงนามดิจิทัลด้วยใบรับรอง PKCS#12 / sign a PDF's signature field with a .p12")
    g.add_argument("file", type=Path)
    g.add_argument("--p12", type=Path, required=True, help="ใบรับรอง .p12/.pfx / PKCS#12 certificate")
    g.add_argument("--field", default=None, help="ชื่อช่องลงนาม / signature field (default: the only empty one)")
    g.add_argument("--output", type=Path, default=None, help="ไฟล์ที่ลงนามแล้ว / output (default: '… (ลงนามแล้ว).pdf')")
    g.add_argument("--password-file", default=None,
                   help="ไฟล์รหัสผ่าน (หรือใช้ PRONGSAI_P12_PASSWORD หรือพิมพ์เมื่อถูกถาม) / password file")
    g.add_argument("--reason", default=None, help="เหตุผลการลงนาม / reason")
    g.add_argument("--location", default=None, help="สถานที่ / location")
    g.add_argument("--font", default="TH SarabunIT๙", help="แบบอักษรของตราลงนาม / font of the visible stamp")
    g.set_defaults(func=cmd_sign)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="prongsai",
        description="สร้างแผนปฏิบัติการป้องกันการทุจริตและเอกสารประกอบจากข้อมูล / "
                    "generate the anti-corruption plan and its documents from data",
    )
    p.add_argument("--version", action="version", version=f"prongsai {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="สร้างเอกสาร / build the documents of an organisation")
    b.add_argument("org_dirs", nargs="*", type=Path, default=[paths.DEFAULT_EXAMPLE], metavar="org_dir",
                   help="โฟลเดอร์ข้อมูลองค์กร หลายโฟลเดอร์ได้ (ไม่ระบุ = ตัวอย่างในตัว) / organisation data folder(s) "
                        "(default: the built-in example)")
    b.add_argument("--output", default=str(paths.OUTPUT_DIR), help="โฟลเดอร์ผลลัพธ์ / output folder (default: output/)")
    b.add_argument("--pdfa", action="store_true", help="ส่งออกเป็น PDF/A-2b / export PDF/A-2b (archival)")
    b.add_argument("--undated", action="store_true",
                   help="ประกาศและคำสั่งเว้นวันที่ไว้เขียนด้วยมือ / leave the date of announcements and orders blank "
                        "(ณ วันที่ ...... เดือน ......) to be filled in by hand when signed")
    b.add_argument("--edition", type=int, default=None,
                   help="ปีงบประมาณของฉบับ (ไม่ระบุ = ฉบับล่าสุด) / the edition's fiscal year (default: the latest)")
    b.add_argument("--draft", action="store_true",
                   help="สร้างแม้ตรวจพบข้อผิดพลาด และพิมพ์คำว่า ร่าง ทุกหน้า / build even with errors; every page is marked ร่าง")
    b.set_defaults(func=cmd_build)

    c = sub.add_parser("check", help="ตรวจเอกสารก่อนลงนาม / preflight-check data, an edition, or a DOCX/PDF/text plan")
    c.add_argument("target", nargs="?", type=Path, default=paths.DEFAULT_EXAMPLE,
                   help="โฟลเดอร์ข้อมูลองค์กร โฟลเดอร์ผลลัพธ์ หรือไฟล์ .docx .pdf .txt / "
                        "organisation folder, edition folder, or a .docx/.pdf/.txt file")
    c.add_argument("--org", type=Path, default=None,
                   help="โฟลเดอร์ข้อมูลองค์กรเจ้าของเอกสาร (ถ้าไม่ระบุจะอนุมานจากข้อความ) / the document's organisation folder")
    c.add_argument("--format", choices=("text", "json"), default="text", help="รูปแบบรายงาน / report format")
    c.set_defaults(func=cmd_check)

    v = sub.add_parser("validate", help="ตรวจข้อมูลเท่านั้น / check the data only, listing every problem")
    v.add_argument("org_dir", nargs="?", type=Path, default=paths.DEFAULT_EXAMPLE, help=ORG_HELP)
    v.add_argument("--edition", type=int, default=None, help="ปีงบประมาณของฉบับ (ไม่ระบุ = ฉบับล่าสุด) / edition year")
    v.set_defaults(func=cmd_validate)

    n = sub.add_parser("new", help="สร้างโฟลเดอร์ข้อมูลองค์กรใหม่ / scaffold a new organisation folder")
    n.add_argument("org_dir", type=Path)
    n.add_argument("--type", required=True, help="อบต., เทศบาลตำบล, เทศบาลเมือง, เทศบาลนคร, อบจ., กรุงเทพมหานคร, เมืองพัทยา")
    n.add_argument("--name", required=True, help="ชื่อองค์กร (ไม่มีคำนำหน้า) / own name without the type, e.g. บึงปรือ")
    n.add_argument("--district", default="", help="อำเภอ / district")
    n.add_argument("--province", default="", help="จังหวัด / province")
    n.add_argument("--start", type=int, default=2566, help="ปีงบประมาณแรกของแผน / first fiscal year (BE)")
    n.add_argument("--end", type=int, default=2570, help="ปีงบประมาณสุดท้าย / last fiscal year (BE)")
    n.set_defaults(func=cmd_new)

    s = sub.add_parser("schema", help="ส่งออก JSON Schema ของไฟล์ข้อมูล / export JSON Schemas for editors")
    s.add_argument("--out", default=str(paths.ROOT / "data" / "schema"))
    s.set_defaults(func=cmd_schema)

    w = sub.add_parser("serve-converters", help="เปิดตัวแปลง PDF ค้างไว้ให้การสร้างครั้งต่อไปเร็วขึ้น / "
                                                "keep LibreOffice workers running for faster builds (Ctrl-C stops)")
    w.add_argument("--workers", type=int, default=None, help="จำนวนตัวแปลง / number of workers (default: cores, max 4)")
    w.add_argument("--recycle-after", type=int, default=200, help="restart a worker after this many documents")
    w.set_defaults(func=cmd_serve_converters)

    c = sub.add_parser("converters", help="ดู/หยุดตัวแปลงที่เปิดไว้ / show or stop running converter workers")
    c.add_argument("action", nargs="?", choices=["status", "stop"], default="status")
    c.set_defaults(func=cmd_converters)
    _edition_parsers(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    """The command line (``argv``, else the process's own arguments). A build from the command line runs in
    the warm build process of ``prongsai serve-converters`` when one is running (generator.build_service)."""
    if argv is None and sys.argv[1:2] == ["build"]:
        from generator import build_service

        code = build_service.forward(sys.argv[1:])
        if code is not None:
            return code
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except ProngsaiError as exc:
        return _report_error(exc)
    except KeyboardInterrupt:
        print("ยกเลิก / interrupted", file=sys.stderr)
        return 130


def _report_error(exc: ProngsaiError) -> int:
    """Print a failure the user can act on (a data error with every problem and where it is); its exit code."""
    if isinstance(exc, DataError):
        print(str(exc), file=sys.stderr)
        return EXIT_DATA
    print(f"ข้อผิดพลาด: {exc.th}\nerror: {exc.en}", file=sys.stderr)
    return exc.exit_code


def run() -> None:
    """``prongsai`` and ``python -m generator``: ``main``, then the end of the process without Python's teardown
    of every object a build loaded, which takes 0.1–0.2 s after the files are written and the summary printed.
    First come the steps of an ordinary exit, in its order: threads are shut down and waited for as the
    interpreter does it (``threading._shutdown``, which also stops idle thread pools), exit handlers run, the
    streams are flushed. (``SystemExit`` from the argument parser and unexpected errors end the process the
    ordinary way.)"""
    code = main()
    threading._shutdown()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(int(code or 0))

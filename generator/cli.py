"""The ``prongsai`` command: parses options, reports progress and problems, sets the exit code.

No domain logic lives here; every command calls into the pipeline or a stage module.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from generator import __version__, paths
from generator.errors import EXIT_DATA, DataError, ProngsaiError

ORG_HELP = "โฟลเดอร์ข้อมูลองค์กร / organisation data folder (default: the built-in example)"


class Progress:
    """Stage messages on stderr, each with the time since the command started."""

    def __init__(self) -> None:
        self.start = time.monotonic()

    def __call__(self, message: str) -> None:
        print(f"[{time.monotonic() - self.start:5.1f}s] {message}", file=sys.stderr, flush=True)


def cmd_build(args: argparse.Namespace) -> int:
    from generator import pipeline
    from generator.check import report as check_report
    from generator.check.build import ChecksFailed

    try:
        result = pipeline.build(args.org_dir, Path(args.output), progress=Progress(), undated=args.undated,
                                draft=args.draft, pdfa=args.pdfa)
    except ChecksFailed as exc:
        print(check_report.text(exc.report), file=sys.stderr)
        print(f"ข้อผิดพลาด: {exc.th}\nerror: {exc.en}", file=sys.stderr)
        return exc.exit_code
    for warning in result.warnings:
        print(f"คำเตือน / warning: {warning}", file=sys.stderr)
    if result.report is not None and result.report.findings:
        print(check_report.text(result.report), file=sys.stderr)
    if result.draft:
        print("ฉบับร่าง: ทุกหน้ามีคำว่า ร่าง / draft: every page is marked ร่าง", file=sys.stderr)
    print("เอกสาร / documents:")
    for document in result.documents:
        print(f"  {document.title}  →  {document.path}")
    print(f"เขียนไฟล์แล้ว / written to {result.out_dir}:")
    for path in result.files:
        print(f"  {path}")
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

    validate.load_valid(args.org_dir)
    print(f"ข้อมูลถูกต้อง / the data is valid: {args.org_dir}")
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
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="prongsai",
        description="สร้างแผนปฏิบัติการป้องกันการทุจริตและเอกสารประกอบจากข้อมูล / "
                    "generate the anti-corruption plan and its documents from data",
    )
    p.add_argument("--version", action="version", version=f"prongsai {__version__}")
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    b = sub.add_parser("build", help="สร้างเอกสาร / build the documents of an organisation")
    b.add_argument("org_dir", nargs="?", type=Path, default=paths.DEFAULT_EXAMPLE, help=ORG_HELP)
    b.add_argument("--output", default=str(paths.OUTPUT_DIR), help="โฟลเดอร์ผลลัพธ์ / output folder (default: output/)")
    b.add_argument("--pdfa", action="store_true", help="ส่งออกเป็น PDF/A-2b / export PDF/A-2b (archival)")
    b.add_argument("--undated", action="store_true",
                   help="ประกาศและคำสั่งเว้นวันที่ไว้เขียนด้วยมือ / leave the date of announcements and orders blank "
                        "(ณ วันที่ ...... เดือน ......) to be filled in by hand when signed")
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
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except DataError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_DATA
    except ProngsaiError as exc:
        print(f"ข้อผิดพลาด: {exc.th}\nerror: {exc.en}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("ยกเลิก / interrupted", file=sys.stderr)
        return 130

"""Checks that only an edition can make: its year agrees with its folder, its reports are for its year."""

from __future__ import annotations

from generator.errors import Problem
from generator.load import OrganisationData


def check_edition(data: OrganisationData) -> list[Problem]:
    edition, out = data.edition, []
    if edition.flat:
        return out
    src = data.sources.get("edition")
    if data.info is None:  # missing or unreadable: the loader has said so
        return out
    info = data.info
    if info.year != edition.year:
        out.append(src.problem(("year",), f"ปี {info.year} ไม่ตรงกับชื่อโฟลเดอร์ของฉบับ ({edition.year})",
                               f"year {info.year} does not match the edition's folder ({edition.year})"))
    if info.based_on is not None and info.based_on >= info.year:
        out.append(src.problem(("based_on",), f"ฉบับต้นแบบ ({info.based_on}) ต้องเป็นปีก่อน {info.year}",
                               f"based_on ({info.based_on}) must be a year before {info.year}"))
    for key, report in data.internal_control.items():
        if report.year != edition.year:
            out.append(data.sources[key].problem(
                ("year",),
                f"รายงานการควบคุมภายในปี {report.year} อยู่ในฉบับปี {edition.year}: ฉบับหนึ่งมีรายงานของปีงบประมาณของตนเท่านั้น",
                f"the internal-control report for {report.year} is in edition {edition.year}: an edition holds only "
                "its own fiscal year's report",
            ))
    return out

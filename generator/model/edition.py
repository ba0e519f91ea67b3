"""``editions/<ปี>/edition.yaml``: what belongs to one fiscal year's document set and nothing else.

The edition's own dates, order numbers and signers live in its appendix.yaml and internal-control file; this
file names the year, the edition it was started from, the edition's date, and the clerk's review list.
"""

from __future__ import annotations

from pydantic import Field

from generator.model.appendix import DocDate
from generator.model.base import FiscalYear, Record, Text


class EditionInfo(Record):
    """One edition: the fiscal year (BE) it is for and what the clerk still has to check before issuing it."""

    year: FiscalYear = Field(description="ปีงบประมาณของฉบับ (พ.ศ.) ต้องตรงกับชื่อโฟลเดอร์")
    date: DocDate | None = Field(None, description="วันที่ของฉบับ: วันที่ของประกาศ/คำสั่งที่ไม่ระบุวันที่เอง และเวลาในไฟล์ "
                                                   "DOCX; ไม่ระบุ = 1 ตุลาคม ต้นปีงบประมาณ")
    based_on: FiscalYear | None = Field(None, description="ฉบับที่ใช้เป็นต้นแบบ (เขียนโดย prongsai edition new)")
    title: Text | None = Field(None, description="ชื่อฉบับ เช่น ฉบับปรับปรุง ครั้งที่ 1 (ไม่บังคับ)")
    to_review: list[Text] = Field([], description="รายการที่ต้องตรวจทานก่อนออกฉบับ: ลบแต่ละรายการเมื่อตรวจแล้ว")

"""Helpers for the edition tests: running the CLI, revising the plan for a new year, a throw-away certificate."""

from __future__ import annotations

import contextlib
import datetime
import io
from pathlib import Path

from generator.cli import main

P03_BUDGET = ("    budget: {2566: 5000, 2567: 5000, 2568: 5000, 2569: 5000, 2570: 5000}\n    responsible: [office]\n"
              "    outputs:\n      - มีการจัดอบรมจำนวน 1 ครั้ง")
NEW_PROJECT = '''  - id: p19
    kind: โครงการ
    name: อบรมการป้องกันผลประโยชน์ทับซ้อนสำหรับผู้บริหารและพนักงาน
    code: "1.1.2"
    years: {start: 2567, end: 2570}
    rationale: ["${org}เห็นความสำคัญของการป้องกันผลประโยชน์ทับซ้อน"]
    objectives: [เพื่อให้บุคลากรเข้าใจเรื่องผลประโยชน์ทับซ้อน]
    target_group: ["ผู้บริหารและพนักงานของ${org}"]
    methods: [จัดอบรม, ประเมินผล]
    budget: {2567: 12000, 2568: 12000}
    responsible: [office]
    outputs: [จัดอบรม 1 ครั้ง]
    outcomes: [บุคลากรหลีกเลี่ยงผลประโยชน์ทับซ้อนได้]

'''
OLD_OBJECTIVE = "นำหลักคุณธรรม จริยธรรมมาประยุกต์ใช้ในการดำเนินชีวิตประจำวัน"
NEW_OBJECTIVE = "นำหลักคุณธรรม จริยธรรมมาประยุกต์ใช้ในการทำงานประจำวัน"
OLD_DEPUTY, NEW_DEPUTY = "นางสาวจันทร์เพ็ญ ทองดี", "นายสมศักดิ์ ใจงาม"


def run(*argv: str) -> tuple[int, str, str]:
    """The CLI's exit code, stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([str(a) for a in argv])
    return code, out.getvalue(), err.getvalue()


def revise_for_2567(org: Path) -> None:
    """The clerk's revision of the shared plan and profile: p03's 2567 budget 5,000 → 8,000, a new project p19
    (12,000 in 2567 and 2568) inserted before p04, one word of p03's first objective, a new deputy."""
    plan = (org / "plan.yaml").read_text(encoding="utf-8")
    assert plan.count(P03_BUDGET) == 1 and plan.count(OLD_OBJECTIVE) == 1
    plan = plan.replace(P03_BUDGET, P03_BUDGET.replace("2567: 5000", "2567: 8000"))
    plan = plan.replace(OLD_OBJECTIVE, NEW_OBJECTIVE)
    plan = plan.replace("  - id: p04   # ลำดับที่ 4\n", NEW_PROJECT + "  - id: p04   # ลำดับที่ 4\n", 1)
    (org / "plan.yaml").write_text(plan, encoding="utf-8")
    profile = (org / "organisation.yaml").read_text(encoding="utf-8")
    assert OLD_DEPUTY in profile
    (org / "organisation.yaml").write_text(profile.replace(OLD_DEPUTY, NEW_DEPUTY), encoding="utf-8")


def self_signed_p12(path: Path, password: bytes, name: str) -> Path:
    """A throw-away PKCS#12 certificate (2048-bit RSA, valid for a day either side of now); its PEM beside it."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import pkcs12
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.timezone.utc)
    usage = x509.KeyUsage(digital_signature=True, content_commitment=True, key_encipherment=False,
                          data_encipherment=False, key_agreement=False, key_cert_sign=True, crl_sign=False,
                          encipher_only=False, decipher_only=False)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject).public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(usage, critical=True)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"test", key, cert, None, serialization.BestAvailableEncryption(password)))
    path.with_suffix(".pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return path

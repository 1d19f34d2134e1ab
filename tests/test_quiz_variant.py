"""Platonus / Univer `<question> … <variant>` banks both ways: tags, encodings, .docx, pictures."""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path

import pytest
import yaml

from builder.cli import main
from builder.model import Bank
from builder.quiz.exchange import import_file

RU = """<question>Какой огнетушитель подходит для электроустановок?
<variant>Водный
<variantright>Углекислотный
<variant>Пенный
<question2>Что входит в треугольник огня?
<variantright>Тепло
<variant>Песок
<variantright>Горючее
<variantright>Кислород
<question3>Номер единой службы спасения - это
<variant>112
<variant>103
"""
KK = """<question>Өрт сөндіргіштің қай түрі электр қондырғыларына жарайды?
<variant>Көмірқышқыл газды
<variant>Сулы
"""


def bank_of(out: Path) -> Bank:
    return Bank.model_validate({**yaml.safe_load(out.read_text("utf-8")), "path": out,
                                "rel": "x", "component": "interim"})


def keys(bank: Bank) -> list[tuple[str, int, list[bool]]]:
    return [(q.type, q.difficulty, [o.correct for o in q.options]) for q in bank.questions]


def test_variantright_anywhere_and_several(tmp_path: Path) -> None:
    src, out = tmp_path / "ru.txt", tmp_path / "ru.quiz.yml"
    src.write_text(RU, encoding="utf-8")
    assert import_file(src, "variant", out) == (3, [])
    bank = bank_of(out)
    assert keys(bank) == [("single", 1, [False, True, False]),
                          ("multiple", 2, [True, False, True, True]),
                          ("single", 3, [True, False])]  # no <variantright>: the first
    assert bank.questions[0].options[1].text == "Углекислотный"


@pytest.mark.parametrize(("text", "encoding"), [
    (RU, "utf-8"), (RU, "utf-8-sig"), (RU, "utf-16"), (RU, "cp1251"), (RU, "koi8_r"),
    (KK, "utf-8"), (KK, "utf-8-sig"), (KK, "kz1048")])
def test_every_encoding_reads_the_same(tmp_path: Path, text: str, encoding: str) -> None:
    src, out = tmp_path / "bank.txt", tmp_path / "bank.quiz.yml"
    src.write_bytes(text.replace("\n", "\r\n").encode(encoding))
    count, findings = import_file(src, "variant", out)
    assert (count, findings) == (text.count("<question"), [])
    reference = tmp_path / "ref.txt"
    reference.write_text(text, encoding="utf-8")
    import_file(reference, "variant", tmp_path / "ref.quiz.yml")
    assert [q.text for q in bank_of(out).questions] == \
        [q.text for q in bank_of(tmp_path / "ref.quiz.yml").questions]
    assert keys(bank_of(out)) == keys(bank_of(tmp_path / "ref.quiz.yml"))


def test_undecodable_bytes_are_a_finding(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                         ) -> None:
    src = tmp_path / "bin.txt"
    src.write_bytes(bytes(range(256)) * 4)
    out = tmp_path / "bin.quiz.yml"
    assert main(["import", str(src), "--format", "variant", "--out", str(out)]) == 1
    assert "Traceback" not in capsys.readouterr().err and not out.exists()


def png(width: int = 2, height: int = 2) -> bytes:
    """A tiny valid PNG (python-docx reads its size)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2,
                                                               0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def test_docx_with_inline_pictures_and_picture_tags(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("<question>Суретте не көрсетілген?")
    document.add_paragraph().add_run().add_picture(io.BytesIO(png()))
    document.add_paragraph("<variant>Өрт сөндіргіш")
    document.add_paragraph("<variantright>Эвакуация жоспары <#picture=plan.png#>")
    table = document.add_table(rows=1, cols=1)
    table.cell(0, 0).text = "<question2>Кестедегі сұрақ?"
    document.add_paragraph("<variant>Иә")
    document.add_paragraph("<variant>Жоқ")
    src = tmp_path / "bank.docx"
    document.save(str(src))
    (tmp_path / "plan.png").write_bytes(png(3, 3))
    course = tmp_path / "course"
    (course / "interim").mkdir(parents=True)
    out = course / "interim" / "bank.quiz.yml"
    assert main(["import", str(src), "--format", "variant", "--out", str(out)]) == 0
    bank = bank_of(out)
    assert keys(bank) == [("single", 1, [False, True]), ("single", 2, [True, False])]
    first = bank.questions[0]
    inline = first.text.split("](../media/")[1].rstrip(")")
    assert first.text.startswith("Суретте не көрсетілген?\n![](../media/")
    assert (course / "media" / inline).read_bytes().startswith(b"\x89PNG")
    assert first.options[1].text == "Эвакуация жоспары ![](../media/plan.png)"
    assert (course / "media" / "plan.png").read_bytes() == png(3, 3)


def test_every_bad_question_by_line_and_nothing_written(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = ("<question>Good?\n<variant>a\n<variant>b\n"
            "<question>Truncated\n<variant>only\n"
            "<question>Also good?\n<variant>a\n<variant>b\n"
            "<question>\n<variant>a\n<variant>b\n"
            "<question>Picture <#picture=../../etc/passwd#>\n<variant>a\n<variant>b\n")
    src, out = tmp_path / "bad.txt", tmp_path / "bad.quiz.yml"
    src.write_text(text, encoding="utf-8")
    assert main(["import", str(src), "--format", "variant", "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "bad.txt:4: error:" in err and "bad.txt:9: error:" in err
    assert "bad.txt:12: error:" in err and "../../etc/passwd" in err
    assert not out.exists()
    assert main(["import", str(src), "--format", "variant", "--out", str(out),
                 "--skip-invalid"]) == 0
    err = capsys.readouterr().err
    assert "bad.txt:4: warning:" in err and "bad.txt:12: warning:" in err
    assert [q.text for q in bank_of(out).questions] == ["Good?", "Also good?"]


def test_export_variant_right_first_and_what_is_lost(
        make_course, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    course = make_course(overlay="quiz-course")
    out = tmp_path / "bank.txt"
    assert main(["export", str(course), "--format", "variant", "--out", str(out)]) == 0
    err = capsys.readouterr().err
    text = out.read_text(encoding="utf-8")
    assert "<question>Which extinguisher suits **electrical** fires?" in text
    single = text.split("<question>Which extinguisher")[1].split("<question")[0]
    assert single.splitlines()[1] == "<variant>Carbon dioxide"  # the right one first
    for qid, kind in (("m1-short", "short"), ("m1-matching", "matching"),
                      ("m1-essay", "essay"), ("m2-pi", "numerical")):
        assert f"'{qid}' ({kind})" in err
    assert "'m1-single': the format cannot hold `feedback`" in err
    back = tmp_path / "back.quiz.yml"
    count, findings = import_file(out, "variant", back)
    assert findings == [] and count == text.count("<question")
    multiple = next(q for q in bank_of(back).questions if q.text.startswith("Which are parts"))
    assert [o.correct for o in multiple.options] == [True, True, True, False]


def test_export_to_a_new_folder(make_course, tmp_path: Path, monkeypatch) -> None:
    course = make_course(overlay="quiz-course")
    monkeypatch.chdir(tmp_path)
    assert main(["export", str(course), "--format", "gift", "--out", "newdir/"]) == 0
    assert (tmp_path / "newdir").is_dir()
    assert len(list((tmp_path / "newdir").glob("*.gift.txt"))) == 4
    assert main(["export", str(course), "--format", "variant", "--out", "deep/er/all.txt"]) == 0
    assert (tmp_path / "deep/er/all.txt").is_file()
    assert main(["export", str(course), "--format", "moodle-xml"]) == 0  # the default name
    assert (tmp_path / "course.xml").is_file()
    assert main(["import", "deep/er/all.txt", "--format", "variant", "--out", "banks/"]) == 0
    assert (tmp_path / "banks" / "all.quiz.yml").is_file()
    assert main(["tickets", str(course), "--out", "pdfs/"]) == 0
    assert (tmp_path / "pdfs" / "course-tickets.pdf").read_bytes().startswith(b"%PDF")

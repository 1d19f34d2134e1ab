"""A course.yml that does not parse: the course keeps its language, and nothing cascades."""

from __future__ import annotations

import shutil
from pathlib import Path

from builder import profiles
from builder.check import check_reports
from tests.conftest import VALID


def test_broken_course_yml_keeps_the_language_and_reports_only_the_syntax(tmp_path: Path
                                                                          ) -> None:
    course = tmp_path / "kk-course"
    shutil.copytree(VALID, course)
    yml = course / "course.yml"
    text = yml.read_text(encoding="utf-8").replace("language: en", "language: kk")
    yml.write_text(text.replace("modules:", "modules: [unclosed\n", 1), encoding="utf-8")
    [report] = check_reports([course], profiles.get("mes-385"), root=tmp_path)
    assert report.lang == "kk"
    rules = {f.rule for f in report.findings}
    assert "yaml.syntax" in rules
    assert not rules & {"quiz.module", "tickets.draw", "page.module", "syllabus.modules"}
    [syntax] = [f for f in report.findings if f.rule == "yaml.syntax"]
    assert syntax.file == "kk-course/course.yml" and syntax.line is not None
    assert syntax.message("kk").startswith("YAML жазылуында қате бар")

"""The yearly cycle: start the 2022 follow-up from 2021, follow it up, adopt it.

Expected figures come from the source documents: the 2021 follow-up decides
for each measure what happens in the 2022 plan (24 vidmakthållna, 19
vidareutvecklade, 6 ingår i annan åtgärd, 5 utgår, 6 utgår som genomförda),
so 43 measures are carried forward; the 2023 letter states the 2022
follow-up as 15/39/6 of 60 measures.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from helpers import (
    BuiltSite,
    copy_project,
    definitions,
    edit,
    git,
    mkdocs_build,
    run_check,
    snapshot,
    table_by_caption,
    table_rows,
    text_of,
)

from actionplan.commands.cli import main
from actionplan.fields import PROSE_PENDING, SUMMARY_PENDING

# From the 2021 follow-up report: the measures that "ingår i annan åtgärd" 2022.
MERGED_2021 = ["1.7", "1.12", "1.14", "2.5", "2.13", "5.9"]
KEPT, DEVELOPED = 24, 19


def front_matter_value(page: Path, key: str) -> str:
    match = re.search(rf"^{key}:(.*)$", page.read_text(encoding="utf-8"), re.MULTILINE)
    assert match, (page, key)
    return match[1].split("#")[0].strip()


def fill_in_new_page(page: Path, status: str = "") -> None:
    """What an editor does with a page from `atgardsplan new`: the facts and the description."""
    text = page.read_text(encoding="utf-8")
    for key, value in [("districts", "[Ryd]"), ("responsible", "[KoF]"), ("financing", '"Inom ram."')]:
        text = re.sub(rf"^{key}: \[?\"?FYLL I.*$", f"{key}: {value}", text, flags=re.MULTILINE)
    text = text.replace("FYLL I: beskrivning av åtgärden.", "Beskrivning.")
    if status:
        text = re.sub(r"^status:.*$", f"status: {status}", text, flags=re.MULTILINE)
    page.write_text(text, encoding="utf-8")


@pytest.fixture
def started(project: Path, capsys) -> tuple[Path, str]:
    """A copy of the real project with `new-year 2022` run, and what the command printed."""
    vocabulary_before = (project / "data/measures.yml").read_bytes()
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    output = capsys.readouterr().out
    # 2022 was already in the data with the letter's figures: the file is left exactly as it was.
    assert (project / "data/measures.yml").read_bytes() == vocabulary_before
    return project, output


# Starting the year ------------------------------------------------------------


def test_new_year_carries_forward_the_kept_and_developed_measures(started):
    project, output = started
    pages = sorted((project / "docs/2022/atgarder").glob("*.md"))
    assert len(pages) == KEPT + DEVELOPED == 43
    dispositions = {}
    for page in pages:
        earlier = project / "docs/2021/atgarder" / page.name
        # Same number, and `continues` names the 2021 measure of the same number.
        assert front_matter_value(page, "continues") == f'["{page.stem.replace("-", ".")}"]'
        dispositions[page.stem] = front_matter_value(earlier, "next_year")
        for key in ("title", "area", "financing"):
            assert front_matter_value(page, key) == front_matter_value(earlier, key).replace("'", '"'), key
        assert front_matter_value(page, "status") == ""
        assert front_matter_value(page, "comment") == ""
    assert sorted(dispositions.values()).count("vidmakthallen") == KEPT
    assert sorted(dispositions.values()).count("vidareutvecklad") == DEVELOPED
    # The description is carried over word for word.
    assert (
        (project / "docs/2022/atgarder/1-4.md")
        .read_text(encoding="utf-8")
        .endswith("Genomförs tillsammans med SOF och VSS genom Kontakt Linköping.\n")
    )
    names = sorted(p.name for p in (project / "docs/2022").iterdir())
    assert names == ["alla-atgarder.md", "atgarder", "statistik.md"] + [
        f"utvecklingsomrade-{n}.md" for n in range(1, 6)
    ]
    overview = (project / "docs/2022/utvecklingsomrade-3.md").read_text(encoding="utf-8")
    assert "## Året som gått\n\n*Sammanfattningen av året skrivs när uppföljningen är klar.*\n" in overview
    assert "{{ area_overview(2022, 3) }}" in overview

    assert output.startswith("Uppföljningsåret 2022 är startat från 2021.\n")
    # Values by their labels, as the editors know them; never a key such as vidmakthallen.
    assert "43 åtgärdssidor i docs/2022/atgarder/ (24 Vidmakthållen, 19 Vidareutvecklad), var och en" in output
    assert not re.search(r"\b(vidmakthallen|vidareutvecklad|ingar_i_annan|utgar|genomford|pagar)\b", output)
    merged_lines = [line.strip()[2:].split(" ")[0] for line in output.splitlines() if line.startswith("   - ")]
    assert merged_lines == MERGED_2021
    assert "atgardsplan plan-form --year 2022" in output and "atgardsplan new --from" in output
    assert "--continues 1.7" in output
    assert "- data/2022/rapporttext.md: rapportens rubriker, texten ännu inte skriven" in output
    assert "atgardsplan adopt 2022 --date ÅÅÅÅ-MM-DD" in output
    # The report's own text is there to be written, under the report's headings.
    prose = (project / "data/2022/rapporttext.md").read_text(encoding="utf-8")
    assert [line for line in prose.splitlines() if line.startswith("#")] == [
        "## 1 Inledning",
        "### 1.1 Sammanfattning av uppföljningens resultat",
        "## 2 Uppföljning av åtgärdsplan mot segregation",
    ]
    assert prose.count("*Texten skrivs när uppföljningen är klar.*") == 3


def test_new_year_refuses_and_writes_nothing(started, capsys):
    project, _ = started
    before = snapshot(project)
    assert main(["--root", str(project), "new-year", "2022"]) == 1
    assert (
        capsys.readouterr().err == "Inget skrevs: 2022 är inte senare än 2022, det senaste året med åtgärdssidor. "
        "Ett nytt uppföljningsår måste vara senare, till exempel 2023.\n"
    )
    assert main(["--root", str(project), "new-year", "2023"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Inget skrevs: uppföljningen 2022 är inte klar: 43 åtgärder har ingen next_year (1.1, 1.2,")
    assert snapshot(project) == before


def test_new_year_refuses_a_tree_with_problems(project, capsys):
    edit(project, "docs/2021/atgarder/1-4.md", "status: genomford", "status: Klar")
    before = snapshot(project)
    assert main(["--root", str(project), "new-year", "2022"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Inget skrevs: innehållet har problem som måste rättas först (kör atgardsplan check):\n")
    assert "docs/2021/atgarder/1-4.md:8: status: 'Klar' är inte ett giltigt värde." in err
    assert snapshot(project) == before


def test_new_year_refuses_a_year_folder_with_content(project, capsys):
    (project / "docs/2022").mkdir()
    (project / "docs/2022/statistik.md").write_text("# Utkast\n", encoding="utf-8")
    before = snapshot(project)
    assert main(["--root", str(project), "new-year", "2022"]) == 1
    assert capsys.readouterr().err.startswith("Inget skrevs: docs/2022/ finns redan och har innehåll;")
    assert snapshot(project) == before


def test_new_year_adds_a_missing_year_keeping_the_file_as_it_was(project, capsys):
    path = project / "data/measures.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("  # Öppet år: siffrorna är tjänsteskrivelsens")
    end = text.index("\n# Senare åtgärdsplaner")
    without_2022 = text[:start].rstrip("\n") + "\n" + text[end:]
    path.write_text(without_2022, encoding="utf-8")
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    assert "2022 lades till under follow_ups som ett öppet år." in capsys.readouterr().out
    after = path.read_text(encoding="utf-8")
    inserted = (
        "  # Öppet år: uppföljningen pågår. När den är beslutad skriver\n"
        "  # atgardsplan adopt 2022 --date ÅÅÅÅ-MM-DD siffrorna här och fastställer året.\n"
        "  - year: 2022\n"
        '    title: "Uppföljning av åtgärdsplan mot segregation 2022"\n'
    )
    # Every line of the file as it was is still there, in order, with the new entry after 2021's.
    anchor = "        5: {genomford: 0, pagar: 8, ej_genomford: 2}\n"
    assert after == without_2022.replace(anchor, anchor + inserted)
    code, lines = run_check(project, capsys)
    assert code == 0, lines


def test_new_year_opens_a_year_marked_adopted(project, capsys):
    edit(
        project, "data/measures.yml", '    date: "2023-02-06"\n', '    date: "2023-02-06"\n    adopted: "2023-02-06"\n'
    )
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    assert "raden adopted togs bort så att året är öppet" in capsys.readouterr().out
    text = (project / "data/measures.yml").read_text(encoding="utf-8")
    assert 'adopted: "2023-02-06"' not in text and 'adopted: "2022-01-05"' in text


# The open year on the site ----------------------------------------------------


@pytest.fixture(scope="module")
def open_site(tmp_path_factory) -> BuiltSite:
    """The real project after `new-year 2022` and one filled-in status, built."""
    project = copy_project(tmp_path_factory.mktemp("open") / "project")
    assert main(["--root", str(project), "new-year", "2022"]) == 0
    # Straight after new-year the site builds, with every 2022 measure Ej uppföljd.
    before = mkdocs_build(project, project / "site-before")
    assert before.returncode == 0, before.stdout + before.stderr
    edit(project, "docs/2022/atgarder/1-4.md", "status:  #", "status: pagar  #")
    site_dir = project / "site"
    result = mkdocs_build(project, site_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    built = BuiltSite(site_dir, result.stdout + result.stderr)
    built.before = BuiltSite(project / "site-before", before.stdout + before.stderr)  # type: ignore[attr-defined]
    return built


def test_straight_after_new_year_every_measure_is_ej_uppfoljd(open_site):
    page = open_site.before.page("")
    leads = [text_of(p) for p in page.select("p.ap-lead")]
    assert (
        "Uppföljningen 2022 omfattar 43 åtgärder. Genomförd: 0, Pågår: 0, Ej genomförd: 0, Ej uppföljd: 43. "
        "Uppföljningen 2022 pågår: 43 åtgärder är ännu inte uppföljda (Ej uppföljd)." in leads
    )
    rows = table_rows(table_by_caption(page, "Status per utvecklingsområde 2022"))
    # Per area, the measures carried into 2022 (from the 2021 report's dispositions), all Ej uppföljd.
    assert [row[1:] for row in rows] == [
        ("0", "0", "0", "9", "9"),
        ("0", "0", "0", "7", "7"),
        ("0", "0", "0", "6", "6"),
        ("0", "0", "0", "12", "12"),
        ("0", "0", "0", "9", "9"),
    ]
    area = open_site.before.page("2022/utvecklingsomrade-1/")
    assert len(table_by_caption(area, "Åtgärder i utvecklingsområde 1").select("tbody tr")) == 9


def test_the_start_page_opens_on_the_open_year(open_site):
    page = open_site.page("")
    headings = [text_of(h) for h in page.find_all("h2")]
    assert headings[:3] == ["Uppföljning 2022", "Status 2022", "Utveckling över tid"]
    lead = text_of(page.find("p", class_="ap-lead", string=None) or page.select(".ap-lead")[1])
    leads = [text_of(p) for p in page.select("p.ap-lead")]
    assert (
        "Uppföljningen 2022 omfattar 43 åtgärder. Genomförd: 0, Pågår: 1, Ej genomförd: 0, Ej uppföljd: 42. "
        "Uppföljningen 2022 pågår: 42 åtgärder är ännu inte uppföljda (Ej uppföljd)." in leads
    ), (lead, leads)
    facts = definitions(page.select_one(".ap-document"))
    assert facts["Fastställd"] == "Nej, uppföljningen pågår"
    stated = text_of(page.select_one("p.ap-stated"))
    assert "(60 åtgärder): Genomförd: 15, Pågår: 39, Ej genomförd: 6 (15/39/6)." in stated
    assert "jämförs inte med dokumentets" in stated
    areas = table_rows(table_by_caption(page, "Status per utvecklingsområde 2022"))
    assert areas[0][1:] == ("0", "1", "0", "8", "9")
    # One navigation section per year, newest first.
    sections = [text_of(label) for label in page.select(".md-nav--primary > .md-nav__list > li > label")]
    assert [s for s in sections if s.startswith("Uppföljning")] == ["Uppföljning 2022", "Uppföljning 2021"]


def test_the_start_page_shows_no_older_introduction_under_the_open_year(open_site):
    # 2022's figures are on the page; 2021's introduction ("12 åtgärder är genomförda") must not be under them.
    article = open_site.page("").select_one("article")
    text = " ".join(article.get_text().split())
    assert "Rapportens text för uppföljningen 2022 är inte skriven ännu." in text
    assert "Den senaste fastställda uppföljningen är 2021: Rapport 2021." in text
    [report] = [a for a in article.select("a") if text_of(a) == "Rapport 2021"]
    assert report["href"] == "2021/rapport/" and open_site.file("/2021/rapport/").is_file()
    assert "Uppföljningen av åtgärdsplanen visar att 12 åtgärder är genomförda" not in text
    assert "1 Inledning" not in [text_of(h) for h in article.find_all(["h2", "h3"])]


def test_development_over_time_side_by_side(open_site):
    page = open_site.page("")
    rows = table_rows(table_by_caption(page, "Status vid varje årlig uppföljning"))
    assert rows[0][:6] == ("2021", "60", "12", "42", "6", "–")
    assert rows[1][:6] == ("2022", "43", "0", "1", "0", "42")
    assert "Enligt tjänsteskrivelsen" in rows[1][6] and "15/39/6" in rows[1][6]
    per_area = table_rows(table_by_caption(page, "Status per utvecklingsområde vid varje årlig uppföljning"))
    assert per_area[:3] == [
        ("1. Ökad trygghet, gemenskap och delaktighet i samhället",),
        (
            "2021",
            "16",
            "6",
            "9",
            "1",
            "–",
            "Räknat från åtgärdssidorna; fastställt, stämmer med uppföljningsrapporten 2021",
        ),
        per_area[2],
    ]
    assert per_area[2][:6] == ("2022", "9", "0", "1", "0", "8")
    [figure] = [f for f in page.select("figure.ap-figure") if "Status per uppföljningsår" in text_of(f.figcaption)]
    assert figure.svg["aria-label"] == (
        "2021: Genomförd 12, Pågår 42, Ej genomförd 6, Ej uppföljd 0; "
        "2022: Genomförd 0, Pågår 1, Ej genomförd 0, Ej uppföljd 42"
    )


def test_ej_uppfoljd_in_tables_filters_and_facet_pages(open_site):
    table = open_site.page("2022/alla-atgarder/")
    status_filter = [text_of(o) for o in table.select("select[name=status] option")]
    assert status_filter == ["Alla", "Genomförd", "Pågår", "Ej genomförd", "Ej uppföljd"]
    assert len(table.select("tr[data-status=ej_uppfoljd]")) == 42
    facet = open_site.page("2022/status/ej-uppfoljd/")
    assert "42 åtgärder" in text_of(facet.select_one(".ap-lead"))
    badge = table.select_one(".ap-status--ej_uppfoljd")
    assert text_of(badge) == "Ej uppföljd"
    assert ".ap-status--ej_uppfoljd{background-color:#6b6b6b;" in (
        open_site.root / "assets/stylesheets/statuser.css"
    ).read_text(encoding="utf-8")
    # 2021 is adopted: no Ej uppföljd there.
    assert "Ej uppföljd" not in text_of(open_site.page("2021/alla-atgarder/").select_one("form"))


def test_measure_pages_link_both_ways_with_history(open_site):
    new = open_site.page("2022/atgarder/1-4/")
    facts = definitions(new.select_one(".ap-facts"))
    assert facts["Fortsättning på 2021"] == "1.4 Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna"
    assert facts["Status 2022"] == "Pågår"
    assert new.select_one(".ap-facts a[href='../../../2021/atgarder/1-4/']")
    old = open_site.page("2021/atgarder/1-4/")
    assert definitions(old.select_one(".ap-facts"))["Fortsätter 2022 som"].startswith("1.4 Starta upp")
    history = table_rows(table_by_caption(old, "Åtgärdens status vid varje uppföljning"))
    assert history == [
        ("2021", "1.4 Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna (den här sidan)", "Genomförd"),
        ("2022", "1.4 Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna", "Pågår"),
    ]
    merged = definitions(open_site.page("2021/atgarder/1-7/").select_one(".ap-facts"))
    assert merged["Fortsätter 2022 som"] == "Ingen åtgärd 2022 fortsätter den ännu."


# Lineage errors -----------------------------------------------------------------


ALLOWED = (
    "Tillåtna (åtgärder 2021 som finns med i planen för 2022): 1.1, 1.2, 1.3, 1.4, 1.5, 1.6, 1.7, 1.8, 1.9, "
    "1.11, 1.12, 1.14, 2.1, 2.2, 2.5, 2.6, 2.7, 2.8, 2.9, 2.10, 2.13, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 4.1, 4.2, "
    "4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 4.10, 4.11, 4.12, 5.1, 5.2, 5.3, 5.4, 5.5, 5.6, 5.7, 5.8, 5.9, 5.10."
)


def test_continues_names_a_known_continuable_measure_of_the_year_before(started, capsys):
    project, _ = started
    page = "docs/2022/atgarder/1-4.md"
    # 1.10 of 2021 was dropped as done (utgar_genomford); 1.99 exists nowhere.
    edit(project, page, 'continues: ["1.4"]', 'continues: ["1.4", "1.10", "1.99"]')
    assert main(["--root", str(project), "new", "--year", "2022", "--area", "2", "--id", "2.20", "--title", "Ny"]) == 0
    fill_in_new_page(project / "docs/2022/atgarder/2-20.md")
    edit(project, "docs/2022/atgarder/1-5.md", 'continues: ["1.5"]', 'continues: ["2.20"]')
    code, lines = run_check(project, capsys)
    assert code == 1
    line_4 = 12  # the line of continues in the page new-year wrote
    assert [line for line in lines if "continues" in line] == [
        f"{page}:{line_4}: continues: '1.10' finns inte med i planen för 2022 (next_year: utgar_genomford, "
        f"Finns inte med, genomförd) och kan inte fortsättas. {ALLOWED}",
        f"{page}:{line_4}: continues: '1.99' finns inte i uppföljningen 2021. {ALLOWED}",
        f"docs/2022/atgarder/1-5.md:{line_4}: continues: '2.20' är en åtgärd i 2022, samma år; continues anger "
        f"åtgärder i uppföljningen 2021. {ALLOWED}",
    ]


def test_continues_in_the_first_year_is_refused(project, capsys):
    edit(
        project,
        "docs/2021/atgarder/1-4.md",
        "next_year: vidareutvecklad",
        'next_year: vidareutvecklad\ncontinues: ["1.3"]',
    )
    code, lines = run_check(project, capsys)
    assert lines == [
        "docs/2021/atgarder/1-4.md:11: continues: det finns ingen tidigare uppföljning med åtgärdssidor än 2021 att "
        "fortsätta. Ta bort fältet."
    ]


def test_continues_written_as_a_number_or_wrong_shape(started, capsys):
    project, _ = started
    edit(project, "docs/2022/atgarder/1-4.md", 'continues: ["1.4"]', "continues: [åtgärd 1.4]")
    code, lines = run_check(project, capsys)
    assert lines == [
        "docs/2022/atgarder/1-4.md:12: continues: 'åtgärd 1.4' har fel form. Skriv numren inom citattecken i en "
        'lista, till exempel ["1.4"].'
    ]


# Adopting a year ------------------------------------------------------------------


def test_adopting_2022_fails_until_the_pages_agree_with_the_letter(started, capsys):
    project, _ = started
    root = ["--root", str(project)]
    edit(
        project, "data/measures.yml", '    date: "2023-02-06"\n', '    date: "2023-02-06"\n    adopted: "2023-01-26"\n'
    )
    code, lines = run_check(project, capsys)
    assert code == 1
    # All at once: every page without a status, every unwritten summary, the 17 measures still missing,
    # and the measures merged into another that no 2022 measure continues yet (the carried pages'
    # continues count although their status is missing).
    assert sum(line.endswith("status: fältet är tomt. Det måste fyllas i.") for line in lines) == 43
    assert sum(line.endswith("next_year: fältet är tomt. Det måste fyllas i.") for line in lines) == 43
    assert sum("sammanfattningen av året är inte skriven" in line for line in lines) == 5
    assert sum("dokumentet anger 60 åtgärder, men det finns 43 åtgärdssidor för 2022" in line for line in lines) == 1
    assert [line.split(":")[0] for line in lines if "men ingen åtgärd 2022 fortsätter den." in line] == [
        f"docs/2021/atgarder/{i.replace('.', '-')}.md" for i in sorted(MERGED_2021, key=lambda i: i.replace(".", "-"))
    ]
    assert [line for line in lines if line.startswith("data/2022/rapporttext.md")] == [
        "data/2022/rapporttext.md:12: uppföljningen 2022 är fastställd, men rapportens text är inte skriven. "
        "Ersätt raden med texten."
    ]
    assert len(lines) == 43 + 43 + 5 + 1 + 6 + 1
    edit(project, "data/measures.yml", '    adopted: "2023-01-26"\n', "")

    # The editor follows the year up. Figures for the test only (the letter gives no per-measure statuses):
    # the 43 carried pages and 17 new ones, 15/39/6 in all.
    statuses = ["genomford"] * 15 + ["pagar"] * 39 + ["ej_genomford"] * 6
    new_ids = [f"1.{20 + i}" for i in range(6)] + [f"2.{20 + i}" for i in range(11)]
    for measure_id in new_ids:
        area = measure_id.split(".")[0]
        assert (
            main([*root, "new", "--year", "2022", "--area", area, "--id", measure_id, "--title", f"Ny {measure_id}"])
            == 0
        )
    capsys.readouterr()
    pages = sorted((project / "docs/2022/atgarder").glob("*.md"), key=lambda p: [int(n) for n in p.stem.split("-")])
    assert len(pages) == 60
    for page, status in zip(pages, statuses, strict=True):
        fill_in_new_page(page, status)
        edit(project, page.relative_to(project).as_posix(), "next_year:", "next_year: vidmakthallen  #")
    for n in range(1, 6):
        edit(
            project,
            f"docs/2022/utvecklingsomrade-{n}.md",
            "*Sammanfattningen av året skrivs när uppföljningen är klar.*",
            "Året i korthet.",
        )
    prose = project / "data/2022/rapporttext.md"
    prose.write_text(prose.read_text(encoding="utf-8").replace(PROSE_PENDING, "Text."), encoding="utf-8")
    assert run_check(project, capsys)[0] == 0
    edit(
        project, "data/measures.yml", '    date: "2023-02-06"\n', '    date: "2023-02-06"\n    adopted: "2023-01-26"\n'
    )
    code, lines = run_check(project, capsys)
    # What is left: the 2021 measures merged into another measure, which no 2022 measure names yet
    # (in the order of the files' names, as every problem list).
    assert lines == sorted(
        [
            f"docs/2021/atgarder/{i.replace('.', '-')}.md:{line}: next_year: åtgärd {i} ska enligt next_year "
            "(ingar_i_annan, Ingår i annan åtgärd) finnas med i planen för 2022, men ingen åtgärd 2022 fortsätter "
            "den. "
            f'Uppföljningen 2022 är fastställd: skriv continues: ["{i}"] på den åtgärd 2022 som fortsätter den.'
            for i, line in zip(MERGED_2021, [line_of_next_year(project, i) for i in MERGED_2021], strict=True)
        ]
    )
    merged_into = f"docs/2022/atgarder/{new_ids[0].replace('.', '-')}.md"
    edit(project, merged_into, "area: 1\n", "area: 1\ncontinues: [" + ", ".join(f'"{i}"' for i in MERGED_2021) + "]\n")
    code, lines = run_check(project, capsys)
    # The pages now give 15/39/6 of 60, as the letter states (it gives no per-area figures): it passes.
    assert code == 0, lines

    # One status more or less, and the adopted letter's figures no longer hold.
    edit(project, "docs/2022/atgarder/1-1.md", "status: genomford", "status: pagar")
    code, lines = run_check(project, capsys)
    assert code == 1
    total = line_of(project / "data/measures.yml", "total: {genomford: 15")
    assert lines == [
        f"data/measures.yml:{total}: 2022, totalt: uppföljningen 2022 är fastställd (tjänsteskrivelsen om uppdaterad "
        "åtgärdsplan 2023 samt uppföljning av 2022, 2023-01-26) och dess siffror är de officiella: status "
        "Genomförd: dokumentet anger 15, men åtgärdssidorna ger 14 "
        f"({', '.join(p.stem.replace('-', '.') for p in pages[1:15])}).",
        lines[1],
    ]
    assert lines[1].startswith(
        f"data/measures.yml:{total}: 2022, totalt: uppföljningen 2022 är fastställd (tjänsteskrivelsen om uppdaterad "
        "åtgärdsplan 2023 samt uppföljning av 2022, 2023-01-26) och dess siffror är de officiella: status "
        "Pågår: dokumentet anger 39, men åtgärdssidorna ger 40 (1.1, "
    )


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if text in line)


def line_of_next_year(project: Path, measure_id: str) -> int:
    lines = (project / f"docs/2021/atgarder/{measure_id.replace('.', '-')}.md").read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if line.startswith("next_year:"))


def test_changing_an_adopted_year_names_the_edited_page(project, capsys):
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "docs", "data")
    git(project, "commit", "-q", "-m", "Uppföljningen 2021")
    edit(project, "docs/2021/atgarder/1-4.md", "status: genomford", "status: pagar")
    code, lines = run_check(project, capsys)
    assert code == 1
    assert lines == [
        "docs/2021/atgarder/1-4.md:8: status: uppföljningen 2021 är fastställd (uppföljningsrapporten 2021, "
        "2022-01-05) och dess siffror är de officiella, men med ändringen blir totalt Genomförd 11 i stället för 12, "
        "totalt Pågår 43 i stället för 42, utvecklingsområde 1 Genomförd 5 i stället för 6, utvecklingsområde 1 "
        "Pågår 10 i stället för 9. Ändra tillbaka; ett fastställt år ändras bara för att rätta något som blivit fel "
        "överfört från dokumentet."
    ]
    # Staged for a commit (what the pre-commit hook sees), the line is the same.
    git(project, "add", "docs")
    assert run_check(project, capsys)[1] == lines


def test_a_status_left_empty_is_an_error_only_in_an_adopted_year(project, capsys):
    edit(project, "docs/2021/atgarder/1-4.md", "status: genomford\n", "status:\n")
    code, lines = run_check(project, capsys)
    assert lines == ["docs/2021/atgarder/1-4.md:8: status: fältet är tomt. Det måste fyllas i."]
    edit(project, "docs/2021/atgarder/1-4.md", "status:\n", "status: ej_uppfoljd\n")
    code, lines = run_check(project, capsys)
    assert lines[0].endswith("Uppföljningsåret är fastställt, så fältet måste fyllas i.")


# The editor guide -------------------------------------------------------------------


def test_editor_guide_shows_the_page_new_year_writes(real_site, started):
    project, _ = started
    guide = real_site.page("/redaktorsguide/")
    headings = [text_of(h) for h in guide.find_all("h2")]
    assert headings.index("Ändra status för en åtgärd") < headings.index("Starta ett nytt uppföljningsår")
    assert "Fastställa ett år" in headings
    years = table_rows(table_by_caption(guide, "Uppföljningsåren i data/measures.yml"))
    assert years == [
        ("2021", "Fastställt 2022-01-05 (uppföljningsrapporten 2021)", "60 åtgärdssidor"),
        ("2022", "Öppet: uppföljningen pågår", "inga åtgärdssidor"),
    ]
    blocks = [block.get_text() for block in guide.select("pre code")]
    assert ".venv/bin/atgardsplan new-year 2022" in blocks
    # The whole change by commands: the new plan's measures from a form, and adopting the year.
    assert ".venv/bin/atgardsplan plan-form --year 2022\n" in "\n".join(blocks)
    assert ".venv/bin/atgardsplan new --from formular/plan-2022.xlsx --apply" in "\n".join(blocks)
    assert '.venv/bin/atgardsplan adopt 2022 --date ÅÅÅÅ-MM-DD --document "uppföljningsrapporten 2022"' in blocks
    [written] = [block for block in blocks if "adopted:" in block]
    assert "      areas:\n        1: {genomford: …, pagar: …, ej_genomford: …}\n" in written
    assert "atgardsplan adopt" in text_of(guide) and "rapporttext.md" in text_of(guide)
    # The example is exactly the page the command writes.
    written = (project / "docs/2022/atgarder/1-1.md").read_text(encoding="utf-8")
    assert written in blocks
    # The first task, changing a status, is explained for an open year.
    [heading] = [h for h in guide.find_all("h2") if text_of(h) == "Ändra status för en åtgärd"]
    section = heading.find_next("ol")
    assert "docs/2022/atgarder/1-4.md" in text_of(section)


# Development over time with one year and with ten ------------------------------------


@pytest.mark.parametrize("count", [1, 10])
def test_development_over_time_reads_with_one_year_and_with_ten(count):
    from dataclasses import replace

    from bs4 import BeautifulSoup
    from helpers import FIXTURE_VOCABULARY

    from actionplan.aggregate.catalogue import Catalogue
    from actionplan.load import vocabulary as vocabulary_loader
    from actionplan.model import FollowUp, StatedTally
    from actionplan.render.overviews import development_over_time
    from actionplan.render.page_links import Links
    from glue.urls import directory_url

    words, problems = vocabulary_loader.load(FIXTURE_VOCABULARY, "data/measures.yml")
    assert words is not None, problems
    follow_ups = tuple(
        FollowUp(
            2021 + i,
            f"Uppföljning {2021 + i}",
            f"rapporten {2021 + i}",
            f"{2022 + i}-01-05",
            measures=60,
            stated=StatedTally({"genomford": i, "pagar": 60 - 2 * i, "ej_genomford": i}, {}),
            adopted=f"{2022 + i}-01-05",
        )
        for i in range(count)
    )
    html = development_over_time(Catalogue(replace(words, follow_ups=follow_ups), ()), Links("index.md", directory_url))
    soup = BeautifulSoup(html, "lxml")
    rows = table_rows(soup.select_one("table.ap-history"))
    assert [row[0] for row in rows] == [str(2021 + i) for i in range(count)]
    assert rows[-1][1:5] == ("60", str(count - 1), str(60 - 2 * (count - 1)), str(count - 1))
    chart = soup.select_one("svg.ap-chart")
    # One labelled bar per year, all in the text alternative, on a height that grows with the years.
    assert chart["aria-label"].count("(rapporterat)") == count
    # (No viewBox: the chart is drawn in percentages; each row is a label line, a bar and a gap.)
    assert chart["height"] == str(count * 60 - 12)
    # No document figures per area: no per-area table rather than an empty one.
    assert soup.select_one("table.ap-history-areas") is None


def test_marking_a_year_adopted_gives_one_summary_not_a_line_per_page(started, capsys):
    project, _ = started
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "docs", "data")
    git(project, "commit", "-q", "-m", "Uppföljningen 2022 påbörjad")
    for page in sorted((project / "docs/2022/atgarder").glob("*.md")):
        text = page.read_text(encoding="utf-8")
        text = re.sub(r"^status:.*$", "status: pagar", text, flags=re.MULTILINE)
        text = re.sub(r"^next_year:.*$", "next_year: vidmakthallen", text, flags=re.MULTILINE)
        page.write_text(text, encoding="utf-8")
    for overview in sorted((project / "docs/2022").glob("utvecklingsomrade-*.md")):
        text = overview.read_text(encoding="utf-8").replace(SUMMARY_PENDING, "Året som gått, i korthet.")
        overview.write_text(text, encoding="utf-8")
    edit(project, "data/measures.yml", "  - year: 2022\n", '  - year: 2022\n    adopted: "2023-02-06"\n')
    code, lines = run_check(project, capsys)
    assert code == 1
    # 43 pages were filled in: no line tells an editor to change them back;
    # the figures that do not add up are said once each, at the document's figures.
    figures = [line for line in lines if "dokumentet anger" in line or "i stället för" in line]
    assert figures and all(line.startswith("data/measures.yml") for line in figures), figures
    assert not any("Ändra tillbaka" in line for line in lines)
    assert len(figures) < 10


def test_search_indexes_the_historik_of_a_measure_with_a_lineage(open_site):
    index = json.loads((open_site.root / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    locations = [e["location"] for e in index if e["location"].startswith("2022/atgarder/1-4/")]
    assert locations == ["2022/atgarder/1-4/", "2022/atgarder/1-4/#historik"]

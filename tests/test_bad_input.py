"""An editor's mistake gives one Swedish line per problem, and nothing is published.

Each test copies the real project and makes one kind of bad edit. The lines
are pinned exactly (they are the text editors read) by running the check in
process, which reads exactly what the build reads; a few tests run the real
`mkdocs build` for its exit code, its output and the site folder it leaves.
"""

from __future__ import annotations

from pathlib import Path

from helpers import edit, mkdocs_build

MEASURE = "docs/2021/atgarder/1-4.md"
STATUSES = "Tillåtna: genomford (Genomförd), pagar (Pågår), ej_genomford (Ej genomförd)."


def site_files(site: Path) -> dict[str, bytes] | None:
    if not site.exists():
        return None
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def failing_build(project: Path) -> list[str]:
    """Build, expect failure without a traceback and the site folder as it was, and return the problem lines."""
    site = project / "site"
    before = site_files(site)
    result = mkdocs_build(project, site)
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert "Innehållet har" in output, output
    assert site_files(site) == before, "a failed build changed the site folder"
    assert not list(project.glob(".site.partial-*")), "a failed build left its staging folder"
    return [line for line in output.splitlines() if line.startswith(("docs/", "data/"))]


def test_unknown_status_in_the_build_and_the_check_alike(project, failing_check):
    edit(project, MEASURE, "status: genomford", "status: Klar")
    expected = [f"{MEASURE}:8: status: 'Klar' är inte ett giltigt värde. {STATUSES}"]
    assert failing_build(project) == expected
    assert failing_check(project) == expected


def test_status_written_as_its_label_gets_a_hint(project, failing_check):
    edit(project, MEASURE, "status: genomford", "status: Genomförd")
    assert failing_check(project) == [
        f"{MEASURE}:8: status: 'Genomförd' är inte ett giltigt värde. {STATUSES} Skriv genomford."
    ]


def test_unknown_area(project, failing_check):
    edit(project, MEASURE, "area: 1", "area: 7")
    [line] = failing_check(project)
    assert line.startswith(f"{MEASURE}:4: area: '7' är inget utvecklingsområde. Tillåtna: 1 (Ökad trygghet,")
    assert "5 (En rikare fritid för alla)." in line


def test_unknown_district(project, failing_check):
    edit(project, MEASURE, "districts: [Berga]", "districts: [Berga, Lambohov]")
    assert failing_check(project) == [
        f"{MEASURE}:5: districts: 'Lambohov' är inget känt område. Tillåtna: Berga, Ryd, Skäggetorp, Mottagande skolor."
    ]


def test_districts_written_as_one_text_get_a_hint(project, failing_check):
    edit(project, MEASURE, "districts: [Berga]", "districts: Berga och Ryd")
    [line] = failing_check(project)
    assert line.endswith("Skriv flera områden som en lista: [Berga, Ryd].")


def test_unknown_administration(project, failing_check):
    edit(project, MEASURE, "responsible: [KoF]", "responsible: [KOF]")
    assert failing_check(project) == [
        f"{MEASURE}:6: responsible: 'KOF' är ingen känd förvaltning. Skriv förkortningen, eventuellt med "
        "enheten inom parentes, till exempel KLF (säkerhetsenheten). Tillåtna: SOF, Leanlink, KLF, UAF, KoF, "
        "VSS, MoS, IAF, Samtliga nämnder, Samordningsförbundet. Menade du KoF?"
    ]


def test_unknown_next_year(project, failing_check):
    edit(project, MEASURE, "next_year: vidareutvecklad", "next_year: fortsätter")
    [line] = failing_check(project)
    assert line.startswith(f"{MEASURE}:10: next_year: 'fortsätter' är inte ett giltigt värde. Tillåtna: ")
    assert "vidmakthallen (Vidmakthållen)" in line and "utgar_genomford (Finns inte med, genomförd)" in line


def test_missing_required_field(project, failing_check):
    edit(project, MEASURE, 'financing: "Genomförs inom ram. Startar 2021"\n', "")
    assert failing_check(project) == [f"{MEASURE}:2: financing: fältet saknas. Det måste fyllas i."]


def test_empty_required_field(project, failing_check):
    edit(project, MEASURE, 'financing: "Genomförs inom ram. Startar 2021"', "financing:")
    assert failing_check(project) == [f"{MEASURE}:7: financing: fältet är tomt. Det måste fyllas i."]


def test_misspelt_field_name(project, failing_check):
    edit(project, MEASURE, "status: genomford", "stauts: genomford")
    lines = failing_check(project)
    assert f"{MEASURE}:2: status: fältet saknas. Det måste fyllas i." in lines
    assert any(
        line.startswith(f"{MEASURE}:8: stauts: 'stauts' är inget känt fält. Tillåtna fält: id, title,")
        for line in lines
    )


def test_id_that_yaml_reads_as_a_number(project, failing_check):
    edit(project, "docs/2021/atgarder/1-10.md", 'id: "1.10"', "id: 1.10")
    assert failing_check(project) == [
        "docs/2021/atgarder/1-10.md:2: id: 1.10 läses som ett tal, och då blir till exempel 1.10 samma sak "
        'som 1.1. Skriv numret inom citattecken: id: "1.10"'
    ]


def test_duplicate_id_within_a_year(project, failing_check):
    edit(project, "docs/2021/atgarder/1-5.md", 'id: "1.5"', 'id: "1.4"')
    assert failing_check(project) == [
        "docs/2021/atgarder/1-5.md:2: id: '1.4' används redan i docs/2021/atgarder/1-4.md för 2021. "
        "Varje åtgärd ska ha ett eget nummer."
    ]


def test_id_that_does_not_match_its_file(project, failing_check):
    (project / MEASURE).rename(project / "docs/2021/atgarder/1-40.md")
    assert failing_check(project) == [
        "docs/2021/atgarder/1-40.md:2: id: '1.4' stämmer inte med filnamnet 1-40.md. Åtgärd 1.4 ska ligga "
        "i filen 1-4.md; byt namn på filen eller rätta numret."
    ]


def test_id_prefix_contradicting_area(project, failing_check):
    edit(project, MEASURE, "area: 1", "area: 2")
    assert failing_check(project) == [
        f"{MEASURE}:2: id: '1.4' börjar med 1, men area är 2. Numrets första del ska vara utvecklingsområdets nummer."
    ]


def test_malformed_yaml_gets_a_hint_for_non_programmers(project, failing_check):
    edit(
        project,
        MEASURE,
        'title: "Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna"',
        "title: Mötesplats: Berga By",
    )
    assert failing_check(project) == [
        f"{MEASURE}:3: YAML-syntaxen går inte att läsa: ett kolon (:) står mitt i ett värde. Sätt texten "
        'inom citattecken, till exempel title: "Mål: fler i arbete".'
    ]


def test_file_that_is_not_utf8(project, failing_check):
    path = project / MEASURE
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert failing_check(project) == [
        f"{MEASURE}:3: filen är inte sparad som UTF-8 (ett tecken på raden går inte att läsa). "
        "Spara om filen med teckenkodningen UTF-8."
    ]


def test_front_matter_that_is_not_a_mapping(project, failing_check):
    (project / MEASURE).write_text("---\n- Berga\n- Ryd\n---\n\nText.\n", encoding="utf-8")
    assert failing_check(project) == [
        f"{MEASURE}:2: front matter ska bestå av fält på formen namn: värde, en per rad, men är en lista."
    ]


def test_page_without_front_matter(project, failing_check):
    (project / MEASURE).write_text("# Berga By\n\nText.\n", encoding="utf-8")
    assert failing_check(project) == [
        f"{MEASURE}:1: sidan saknar front matter: första raden ska vara tre bindestreck (---), följda av "
        "fälten och ännu en rad med ---."
    ]


def test_front_matter_never_closed(project, failing_check):
    text = (project / MEASURE).read_text(encoding="utf-8")
    (project / MEASURE).write_text(text.replace("\n---\n", "\n", 1), encoding="utf-8")
    assert failing_check(project) == [
        f"{MEASURE}:1: front matter avslutas aldrig: lägg till en rad med tre bindestreck (---) efter sista fältet."
    ]


def test_every_problem_in_one_run(project):
    edit(project, MEASURE, "status: genomford", "status: Klar")
    edit(project, MEASURE, "districts: [Berga]", "districts: [Lambohov]")
    edit(project, "docs/2021/atgarder/5-10.md", "area: 5", "area: 9")
    lines = failing_build(project)
    assert [line.split(":")[0:2] for line in lines] == [
        [MEASURE, "5"],
        [MEASURE, "8"],
        ["docs/2021/atgarder/5-10.md", "4"],
    ]


ADOPTED = (
    "uppföljningen 2021 är fastställd (uppföljningsrapporten 2021, 2022-01-05) och dess siffror är de officiella: "
)


def figures(scope: str, start: str) -> str:
    """The start of a line about the 2021 figures: the place in data/measures.yml an editor opens, in their words."""
    lines = (Path(__file__).parents[1] / "data/measures.yml").read_text(encoding="utf-8").splitlines()
    year = lines.index("  - year: 2021")
    line = next(n for n, text in enumerate(lines[year:], start=year + 1) if text.strip().startswith(start))
    return f"data/measures.yml:{line}: 2021, {scope}: {ADOPTED}"


def test_tally_that_disagrees_with_the_report(project, failing_check):
    # Outside git nobody can tell which page was edited: the lines name the figures' file
    # (tests/test_years.py has the case inside git, where the edited page is named).
    edit(project, MEASURE, "status: genomford", "status: pagar")
    total, area = figures("totalt", "total:"), figures("utvecklingsområde 1", "1:")
    assert failing_check(project) == [
        f"{total}status Genomförd: dokumentet anger 12, men "
        "åtgärdssidorna ger 11 (1.1, 1.7, 1.10, 1.12, 1.13, 2.2, 2.4, 2.12, 3.1, 3.8, 3.9).",
        f"{total}status Pågår: dokumentet anger 42, men åtgärdssidorna "
        "ger 43 (1.2, 1.3, 1.4, 1.5, 1.8, 1.9, 1.11, 1.14, 1.15, 1.16, 2.1, 2.5, 2.6, 2.7, 2.8, 2.9, 2.10, "
        "2.13, 3.2, 3.3, 3.4, 3.5, 3.6, 3.7, 4.1, 4.2, 4.3, 4.4, 4.5, 4.6, 4.7, 4.8, 4.9, 4.10, 4.12, 5.2, "
        "5.3, 5.4, 5.5, 5.6, 5.7, 5.8, 5.10).",
        f"{area}status Genomförd: dokumentet anger 6, men åtgärdssidorna ger 5 (1.1, 1.7, 1.10, 1.12, 1.13).",
        f"{area}status Pågår: dokumentet anger 9, men "
        "åtgärdssidorna ger 10 (1.2, 1.3, 1.4, 1.5, 1.8, 1.9, 1.11, 1.14, 1.15, 1.16).",
    ]


def test_a_deleted_measure_is_missed_not_silently_dropped(project, failing_check):
    (project / "docs/2021/atgarder/3-9.md").unlink()
    lines = failing_check(project)
    measures = figures("measures", "measures:")
    assert f"{measures}dokumentet anger 60 åtgärder, men det finns 59 åtgärdssidor för 2021." in lines


def test_broken_vocabulary_yaml(project, failing_check):
    edit(project, "data/measures.yml", "  - key: pagar\n", "  - key: pagar\n   label: [\n")
    waiting, line = failing_check(project)
    assert line.startswith("data/measures.yml:") and "YAML-syntaxen går inte att läsa" in line
    # What cannot be checked without the file is said, not left for a second run.
    assert waiting == "data/measures.yml: åtgärdssidorna (60) kontrolleras när filen går att läsa."


def test_incomplete_vocabulary(project, failing_check):
    edit(project, "data/measures.yml", '    colour: "#f9c80e"\n', "")
    edit(project, "data/measures.yml", "districts:\n", "omraden:\n")
    lines = failing_check(project)
    assert "data/measures.yml:18: status pagar, colour: fältet saknas. Det måste fyllas i." in lines
    assert any(line.endswith(" districts: fältet saknas. Det måste fyllas i.") for line in lines)
    assert any(line.startswith("data/measures.yml:41: omraden: 'omraden' är inget känt fält.") for line in lines)
    # The pages are checked in the same run; those whose status or districts only the broken sections
    # could allow wait for them, and the lines say so (42 pages are Pågår, every page has districts).
    assert (
        "data/measures.yml:13: statuses: 42 åtgärdssidor (docs/2021/atgarder/1-11.md, docs/2021/atgarder/1-14.md, "
        "docs/2021/atgarder/1-15.md …) har ett värde i status som inte står i statuses; de kontrolleras när "
        "problemen i statuses är rättade."
    ) in lines
    assert any(line.startswith("data/measures.yml: districts: 60 åtgärdssidor (") for line in lines)
    assert (
        "data/measures.yml: när problemen i filen är rättade kontrolleras också sidornas makroanrop och menyer, "
        "continues och de angivna siffrorna."
    ) in lines
    assert len(lines) == 6, lines


def test_stated_figures_that_do_not_add_up(project, failing_check):
    edit(project, "data/measures.yml", "1: {genomford: 6, pagar: 9", "1: {genomford: 7, pagar: 9")
    lines = failing_check(project)
    areas = figures("areas", "areas:").split(": 2021, areas: ")[0]
    assert f"{areas}: 2021, areas: utvecklingsområdenas genomford blir sammanlagt 13, men total anger 12." in lines


def test_a_failed_build_keeps_the_previous_site_for_the_web_server(project):
    # A web server may serve site/: a typo must not turn every page into a 404.
    site = project / "site"
    site.mkdir()
    (site / "index.html").write_text("förra webbplatsen", encoding="utf-8")
    edit(project, MEASURE, "status: genomford", "status: Klar")
    failing_build(project)
    assert (site / "index.html").read_text(encoding="utf-8") == "förra webbplatsen"


def test_a_macro_naming_an_unknown_year_fails_with_its_line_in_build_and_check(project, failing_check):
    edit(project, "docs/2021/statistik.md", "{{ statistics(2021) }}", "{{ statistics(2031) }}")
    expected = [
        "docs/2021/statistik.md:11: uppföljningsåret 2031 finns inte under follow_ups i data/measures.yml. "
        "Kända år: 2021, 2022."
    ]
    assert failing_build(project) == expected
    assert failing_check(project) == expected

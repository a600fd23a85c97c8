"""Every file an editor touches is checked: one Swedish line naming file, line and field for each mistake.

The lines are pinned by running `atgardsplan check` in process; a few cases
also run the real build, which must fail with the same lines and no
traceback.
"""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest
from helpers import check_lines, edit, mkdocs_build

from actionplan.commands.cli import main
from glue.sanitise import sanitise

AREA = "docs/2021/utvecklingsomrade-5.md"
STATS = "docs/2021/statistik.md"
MEASURE = "docs/2021/atgarder/1-4.md"


@pytest.fixture
def lines(project, capsys):
    return lambda: check_lines(project, capsys)


def build_agrees(project: Path, expected: list[str]) -> None:
    result = mkdocs_build(project, project / "site")
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert [line for line in output.splitlines() if line.startswith(("docs/", "data/"))] == expected


# Pages that call macros: front matter, encoding, calls ----------------------


def test_broken_yaml_in_an_overview_page(project, lines):
    edit(project, AREA, 'title: "Utvecklingsområde 5: En rikare fritid för alla"', "title: Område 5: Fritid")
    assert lines() == [
        f"{AREA}:2: YAML-syntaxen går inte att läsa: ett kolon (:) står mitt i ett värde. Sätt texten inom "
        'citattecken, till exempel title: "Mål: fler i arbete".'
    ]


def test_an_alias_bomb_in_an_overview_page_is_refused_before_it_expands(project, lines):
    bomb = 'a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n'
    edit(project, AREA, "render_macros: true\n", "render_macros: true\n" + bomb)
    assert lines() == [
        f"{AREA}:4: YAML-ankare (&namn) och alias (*namn) används inte här. Skriv ut värdet; en text som börjar "
        "med & eller * sätts inom citattecken."
    ]


def test_deep_nesting_is_refused_without_crashing(project, lines):
    edit(project, AREA, "render_macros: true\n", "render_macros: true\nx: " + "[" * 5000 + "]" * 5000 + "\n")
    assert lines() == [f"{AREA}:4: värdena är nästlade i mer än 32 nivåer; så djupt skriver ingen sidan."]


def test_a_duplicate_key_in_an_overview_page(project, lines):
    edit(project, AREA, "render_macros: true\n", "render_macros: true\nrender_macros: false\n")
    assert lines() == [f"{AREA}:4: render_macros: fältet står två gånger (även på rad 3); ta bort det ena."]


def test_a_missing_closing_line_would_drop_the_table(project, lines):
    edit(project, AREA, "render_macros: true\n---\n", "render_macros: true\n\n")
    assert lines() == [
        f"{AREA}:1: front matter avslutas aldrig: lägg till en rad med tre bindestreck (---) efter sista fältet."
    ]


def test_an_overview_saved_as_latin_1(project, lines):
    path = project / AREA
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))
    assert lines() == [
        f"{AREA}:2: filen är inte sparad som UTF-8 (ett tecken på raden går inte att läsa). Spara om filen med "
        "teckenkodningen UTF-8."
    ]


def test_an_unknown_macro_in_build_and_check(project, lines):
    edit(project, STATS, "{{ statistics(2021) }}", "{{ statistik(2021) }}")
    expected = [
        f"{STATS}:11: det finns inget makro som heter statistik. Tillåtna: year_tally, area_overview, statistics, "
        "all_measures, follow_up_facts, report_prose, development_over_time, newest_year_overview, new_year_guide, "
        "adopt_year_guide, field_reference, vocabulary_reference, markup_reference. "
        "Menade du statistics?"
    ]
    assert lines() == expected
    build_agrees(project, expected)


def test_quoted_numbers_and_keyword_arguments_are_accepted(project, capsys):
    edit(project, STATS, "{{ statistics(2021) }}", '{{ statistics("2021") }}')
    edit(project, AREA, "{{ area_overview(2021, 5) }}", "{{ area_overview(year=2021, area=5) }}")
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Per utvecklingsområde" in (project / "site/2021/statistik/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("call", "message"),
    [
        ("{{ area_overview(2021, omrade=5) }}", "{{ area_overview(…) }} ska skrivas {{ area_overview(2021, 1) }}."),
        ("{{ area_overview(2021) }}", "{{ area_overview(…) }} ska skrivas {{ area_overview(2021, 1) }}."),
        ("{{ area_overview(2021, 9) }}", "utvecklingsområde 9 finns inte. Tillåtna: 1, 2, 3, 4, 5."),
        (
            '{{ area_overview("2031", 5) }}',
            "uppföljningsåret 2031 finns inte under follow_ups i data/measures.yml. Kända år: 2021, 2022.",
        ),
        (
            "{{ area_overview(2021, 5) }",
            "{{ öppnas men stängs aldrig med }}. Skriv till exempel {{ statistics(2021) }}.",
        ),
        (
            "{{ area_overview(2021, 5) | safe }}",
            "{{ area_overview(2021, 5) | safe }} går inte att läsa som ett makroanrop. Skriv namnet och värdena inom "
            "parentes, till exempel {{ area_overview(2021, 1) }}.",
        ),
        (
            '{% include "hemligt.md" %}',
            "{% … används inte på webbplatsens sidor; bara makroanrop som {{ statistics(2021) }} är tillåtna.",
        ),
    ],
)
def test_bad_calls_get_their_real_line(project, lines, call, message):
    edit(project, AREA, "{{ area_overview(2021, 5) }}", call)
    [line] = lines()
    assert line == f"{AREA}:20: {message}"


# Files where the site does not look ---------------------------------------


def test_a_measure_folder_with_swedish_letters(project, lines):
    (project / "docs/2021/åtgärder").mkdir()
    (project / "docs/2021/åtgärder/1-99.md").write_text("---\nid: x\n---\n", encoding="utf-8")
    assert lines() == [
        "docs/2021/åtgärder: mappen ska heta atgarder (små bokstäver, utan å och ä); sidorna i den läses inte som "
        "åtgärder."
    ]


def test_a_markdown_file_with_another_ending_and_a_folder_named_like_a_page(project, lines):
    (project / "docs/2021/atgarder/1-99.markdown").write_text("text", encoding="utf-8")
    (project / "docs/2021/atgarder/9-9.md").mkdir()
    assert lines() == [
        "docs/2021/atgarder/1-99.markdown: bara filer som slutar på .md blir sidor. Byt namn till 1-99.md",
        "docs/2021/atgarder/9-9.md: är en mapp men heter som en sida. Byt namn på mappen eller ta bort den.",
    ]


LINK = (
    "är en symbolisk länk. Länkar publiceras aldrig (de kan peka utanför projektet); lägg filen direkt i mappen "
    "i stället."
)


def test_symbolic_links_are_reported_whatever_they_point_at(project, tmp_path, lines):
    (tmp_path / "outside.md").write_text("utanför", encoding="utf-8")
    os.symlink("/etc/passwd", project / "docs/passwd.md")
    os.symlink(tmp_path / "outside.md", project / "docs/2021/utanfor.md")
    os.symlink(project / "docs/nowhere.md", project / "docs/2021/atgarder/1-99.md")
    os.symlink(project / "docs/2021", project / "docs/2021/loop")
    assert lines() == [
        f"docs/2021/atgarder/1-99.md: {LINK}",
        f"docs/2021/loop: {LINK}",
        f"docs/2021/utanfor.md: {LINK}",
        f"docs/passwd.md: {LINK}",
    ]


def test_a_named_pipe_is_reported_and_nothing_waits_for_it(project, lines):
    os.mkfifo(project / "docs/2021/atgarder/1-99.md")
    assert lines() == [
        "docs/2021/atgarder/1-99.md: är ingen vanlig fil (till exempel en namngiven pipe eller en enhet) och kan "
        "inte vara en del av webbplatsen."
    ]
    result = mkdocs_build(project, project / "site")  # would wait forever if the pipe were opened
    assert result.returncode != 0


def test_an_unreadable_file(project, lines, monkeypatch):
    unreadable = str(project / MEASURE)
    real_access = os.access
    # As root every file is readable; the permission is taken away where the check asks.
    monkeypatch.setattr(os, "access", lambda path, mode: False if str(path) == unreadable else real_access(path, mode))
    assert lines() == [f"{MEASURE}: filen går inte att läsa (behörighet saknas)."]


# Values of the wrong type --------------------------------------------------


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("yes", "'yes' läses som ett ja/nej-värde, inte som text. Sätt värdet inom citattecken: title: \"yes\""),
        ("2022", "'2022' läses som ett tal, inte som text. Sätt värdet inom citattecken: title: \"2022\""),
        ("3.14", "'3.14' läses som ett tal, inte som text. Sätt värdet inom citattecken: title: \"3.14\""),
        (
            "2022-05-01",
            "'2022-05-01' läses som ett datum, inte som text. Sätt värdet inom citattecken: title: \"2022-05-01\"",
        ),
        (
            "!!binary aGVq",
            "'aGVq' har en YAML-tagg (tag:yaml.org,2002:binary) och är ingen text. Ta bort taggen och skriv texten.",
        ),
    ],
)
def test_a_title_that_yaml_reads_as_something_else(project, lines, value, message):
    edit(
        project,
        MEASURE,
        'title: "Starta upp och utveckla mötesplatsen Berga By för kommuninvånarna"',
        f"title: {value}",
    )
    assert lines() == [f"{MEASURE}:3: title: {message}"]


def test_a_page_title_that_is_no_text(project, lines):
    edit(project, STATS, "title: Statistik 2021", "title: yes")
    assert lines() == [
        f"{STATS}:2: title: 'yes' läses som ett ja/nej-värde, inte som text. Sätt värdet inom citattecken: "
        'title: "yes"'
    ]


# Raw HTML and link schemes ---------------------------------------------------

TAGS = "tillåtna taggar: <br>, <sup>, <sub>, <abbr>, <kbd>, <mark>. Ska tecknet < synas, skriv &lt;."


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("<script>alert(1)</script>", f"HTML-taggen <script> är inte tillåten. Skriv texten i Markdown; {TAGS}"),
        ('<img src="x" onerror="alert(1)">', f"HTML-taggen <img> är inte tillåten. Skriv texten i Markdown; {TAGS}"),
        (
            '<iframe src="https://example.invalid">',
            f"HTML-taggen <iframe> är inte tillåten. Skriv texten i Markdown; {TAGS}",
        ),
        ('<pre class="mermaid">graph</pre>', f"HTML-taggen <pre> är inte tillåten. Skriv texten i Markdown; {TAGS}"),
        ('<br onclick="x()">', f"HTML-taggen <br> är bara tillåten utan attribut. Skriv texten i Markdown; {TAGS}"),
        (
            "[klicka](javascript:alert(1))",
            "länkar som börjar med javascript: är inte tillåtna. Tillåtna: http:, https:, mailto:, tel: (och länkar "
            "inom webbplatsen).",
        ),
    ],
)
def test_raw_html_and_unsafe_links_in_a_description(project, lines, text, message):
    path = project / MEASURE
    path.write_text(path.read_text(encoding="utf-8") + f"\nEn rad.\n{text}\n", encoding="utf-8")
    body_lines = path.read_text(encoding="utf-8").count("\n")
    assert lines() == [f"{MEASURE}:{body_lines}: beskrivning: {message}"]


def test_harmless_text_with_angle_brackets_and_code_passes(project, capsys):
    path = project / MEASURE
    # (A ``` line is no fence on this site, so <div> between two would be raw HTML: tests/test_disguised_markup.py.)
    extra = "\nFler än 3 < 5 barn, se `<script>` i kod, <br> och <https://www.linkoping.se>.\n"
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err


def test_raw_html_in_an_area_summary(project, lines):
    edit(project, AREA, "## Året som gått\n", "## Året som gått\n\n<script>alert(1)</script>\n")
    [line] = lines()
    assert line.startswith(f"{AREA}:10: text: HTML-taggen <script> är inte tillåten.")


def test_the_build_sanitises_what_markdown_made_as_defence_in_depth():
    html = (
        '<p>Hej <script>alert(1)</script><img src="x.png" onerror="alert(1)"> '
        '<a href="javascript:alert(1)">länk</a> <a href="../1-5/">grannen</a></p><!--ap-block-1-0-->'
    )
    cleaned = sanitise(html)
    assert "script" not in cleaned and "onerror" not in cleaned and "javascript" not in cleaned
    assert '<a href="../1-5/">grannen</a>' in cleaned and '<img src="x.png">' in cleaned
    assert "<!--ap-block-1-0-->" in cleaned  # the stand-ins of generated blocks survive


# Look-alike text --------------------------------------------------------------


def test_decomposed_letters_and_outer_spaces_read_as_the_value(project, capsys):
    decomposed = unicodedata.normalize("NFD", "Skäggetorp")
    assert decomposed != "Skäggetorp"
    edit(project, MEASURE, "districts: [Berga]", f'districts: ["{decomposed}", "Berga "]')
    assert main(["--root", str(project), "check"]) == 0, capsys.readouterr().err


def test_invisible_characters_are_named(project, lines):
    edit(project, MEASURE, "districts: [Berga]", 'districts: ["Berga\u00a0"]')
    edit(project, MEASURE, "status: genomford", 'status: "genom\u200bford"')
    [districts, status] = lines()
    assert districts.endswith("Värdet innehåller ett hårt mellanslag (U+00A0); skriv om det med vanliga tecken.")
    assert status.endswith("Värdet innehåller ett osynligt mellanslag (U+200B); skriv om det med vanliga tecken.")


# Messages that point the right way ---------------------------------------------


def test_a_tab_gets_a_hint_about_tabs(project, lines):
    edit(project, MEASURE, "area: 1", "area:\t1\n\tx: y")
    [line] = lines()
    assert "tabbtecken" in line and "@" not in line


def test_a_missing_space_after_a_colon_is_named_on_its_own_line(project, lines):
    edit(project, MEASURE, "status: genomford", "status:genomford")
    assert lines() == [f"{MEASURE}:8: status: efter kolon ska det stå ett mellanslag. Skriv status: genomford"]


def test_a_measure_in_a_year_without_overviews_is_told_it_may_be_misplaced(project, lines):
    (project / "docs/2022/atgarder").mkdir(parents=True)
    (project / "docs/2022/atgarder/1-4.md").write_text(
        (project / MEASURE).read_text(encoding="utf-8"), encoding="utf-8"
    )
    assert lines() == [
        "docs/2022/atgarder/1-4.md: åtgärden ligger i mappen för 2022, men 2022 har inga översiktssidor. Hör filen "
        "till ett annat år, flytta den dit; ska uppföljningen 2022 börja, kör atgardsplan new-year 2022."
    ]


def test_an_unquoted_hash_that_cuts_a_comment_short(project, lines):
    edit(
        project,
        MEASURE,
        'comment: "Berga by öppnade under våren 2021 och invigdes i september 2021."',
        "comment: Berga by öppnade # invigdes i september",
    )
    assert lines() == [
        f"{MEASURE}:9: comment: texten tar slut vid # eftersom YAML läser resten av raden som en kommentar. "
        'Sätt hela texten inom citattecken, till exempel comment: "Mål nr 3 # uppnått"'
    ]


def test_usage_errors_are_swedish(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["new", "--year", "tjugo", "--area", "1", "--title", "x"])
    assert stop.value.code == 2
    error = capsys.readouterr().err
    assert "användning: atgardsplan new" in error
    assert "atgardsplan new: fel: argumentet --year: ogiltigt värde: 'tjugo'" in error


def test_megabytes_of_junk_print_a_bounded_report(project, capsys):
    junk = "".join(f"nyckel{i}: värde\n" for i in range(200_000))
    edit(project, MEASURE, "area: 1\n", "area: 1\n" + junk)
    assert main(["--root", str(project), "check"]) == 1
    output = capsys.readouterr().err
    assert len(output.encode()) < 100_000
    assert output.splitlines()[-1] == "… och 199900 problem till. Rätta dem ovan och kör kontrollen igen."


# Found by trying the product as an editor ----------------------------------------


def test_front_matter_keys_the_theme_would_print_raw_or_fail_on(project, lines):
    edit(project, STATS, "render_macros: true\n", 'render_macros: true\nsubtitle: "<img src=u onerror=alert(1)>"\n')
    edit(project, AREA, "render_macros: true\n", "render_macros: true\nsearch: exclude\nicon: material/hjarta\n")
    allowed = "Tillåtna fält: title, render_macros, search, hide, description."
    assert lines() == [
        f"{STATS}:4: subtitle: 'subtitle' är inget känt fält. {allowed}",
        f"{AREA}:4: search: ska vara en samling fält (namn: värde), men är en text.",
        f"{AREA}:5: icon: 'icon' är inget känt fält. {allowed}",
    ]


def test_a_description_reaches_the_page_escaped(project):
    edit(project, STATS, "render_macros: true\n", "render_macros: true\ndescription: '\"><script>alert(1)</script>'\n")
    result = mkdocs_build(project, project / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    html = (project / "site/2021/statistik/index.html").read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert 'content="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html or "&lt;script&gt;" in html


def test_an_overview_copied_from_another_year_or_area(project, lines):
    edit(project, AREA, "{{ area_overview(2021, 5) }}", "{{ area_overview(2021, 3) }}")
    edit(project, STATS, "{{ statistics(2021) }}", "{{ statistics(2022) }}")
    assert lines() == [
        f"{STATS}:11: sidan ligger i mappen för 2021 men visar 2022. Skriv 2021 i anropet, till exempel "
        "{{ statistics(2021, …) }}.",
        f"{AREA}:20: sidan gäller utvecklingsområde 5 men visar område 3. Skriv {{{{ area_overview(2021, 5) }}}}.",
    ]


def test_backups_and_system_files_are_not_published(project, lines):
    (project / "docs/2021/atgarder/1-5.md~").write_text("kopia", encoding="utf-8")
    (project / "docs/2021/Thumbs.db").write_bytes(b"\0")
    message = "är en säkerhetskopia eller systemfil och skulle publiceras med webbplatsen. Ta bort filen."
    assert lines() == [f"docs/2021/Thumbs.db: {message}", f"docs/2021/atgarder/1-5.md~: {message}"]


def test_images_must_come_from_the_site(project, lines):
    path = project / MEASURE
    path.write_text(path.read_text(encoding="utf-8") + "\n![Karta](https://example.invalid/karta.png)\n", "utf-8")
    [line] = lines()
    assert line.endswith(
        "beskrivning: bilder måste ligga på webbplatsen (intranätet kan sakna internet): lägg "
        "bilden i docs/ och skriv en relativ sökväg, till exempel ![Karta](karta.png)."
    )
    assert "example.invalid" not in sanitise('<p><img src="https://example.invalid/x.png" alt="x"></p>')
    assert 'src="karta.png"' in sanitise('<p><img src="karta.png" alt="x"></p>')


def test_a_hard_space_after_a_colon_and_an_unclosed_quote_point_at_their_own_lines(project, lines):
    edit(project, MEASURE, "status: genomford", "status:\u00a0genomford")
    assert lines() == [
        f"{MEASURE}:8: status: efter kolon står ett hårt mellanslag (U+00A0). Skriv ett vanligt mellanslag: status: …"
    ]
    edit(project, MEASURE, "status:\u00a0genomford", "status: genomford")
    edit(project, MEASURE, 'comment: "Berga by öppnade', 'comment: "Berga by öppnade"x')
    edit(
        project,
        MEASURE,
        'comment: "Berga by öppnade"x under våren 2021 och invigdes i september 2021."',
        'comment: "Berga by öppnade under våren',
    )
    assert lines() == [
        f'{MEASURE}:9: comment: citattecknet (") i början av värdet stängs aldrig på raden. Avsluta texten med ".'
    ]


def test_a_measure_page_outside_a_measures_folder_is_told_where_it_belongs(project, lines):
    (project / "docs/2021/1-99.md").write_text(
        (project / MEASURE).read_text(encoding="utf-8").replace('"1.4"', '"1.99"'), encoding="utf-8"
    )
    assert lines() == [
        "docs/2021/1-99.md:1: sidan ser ut som en åtgärd men ligger utanför en mapp atgarder, så den läses inte "
        "som åtgärd. Flytta den till docs/<år>/atgarder/."
    ]


def test_links_and_images_to_files_that_do_not_exist(project, lines):
    edit(
        project,
        AREA,
        "## Året som gått\n",
        "## Året som gått\n\nSe [åtgärden](atgarder/5-99.md) och ![karta](karta.png).\n",
    )
    edit(project, MEASURE, "\n---\n", "\n---\n\nJämför med [statistiken](/2021/statistik.md).\n")
    [measure, area] = lines()
    assert measure == (
        f"{MEASURE}:14: beskrivning: länken /2021/statistik.md börjar med /, och den fungerar inte när webbplatsen "
        "ligger i en undermapp. Skriv en relativ sökväg, till exempel ../statistik.md."
    )
    assert area == (
        f"{AREA}:10: text: länken eller bilden atgarder/5-99.md pekar på en fil som inte finns "
        "(2021/atgarder/5-99.md). Rätta sökvägen."
    )


def test_a_page_no_menu_leads_to(project, lines):
    (project / AREA).rename(project / "docs/2021/utvecklingsområde-5.md")
    (project / "docs/2021/anteckningar.md").write_text("# Anteckningar\n", encoding="utf-8")
    found = lines()
    unreachable = "sidan finns inte i någon meny och kan inte nås. Ge den rätt namn, eller ta bort den."
    assert f"docs/2021/anteckningar.md: {unreachable}" in found
    assert (
        "docs/2021/utvecklingsområde-5.md: sidan finns inte i någon meny och kan inte nås. Ge den rätt namn, eller "
        "ta bort den. Menade du 2021/utvecklingsomrade-5.md?"
    ) in found


def test_a_page_no_menu_leads_to_is_never_told_a_name_no_menu_leads_to_either(project, lines):
    (project / "docs/översikt.md").write_text("# Översikt\n", encoding="utf-8")
    (project / "docs/2021/Anteckningar.md").write_text("# Anteckningar\n", encoding="utf-8")
    unreachable = "sidan finns inte i någon meny och kan inte nås. Ge den rätt namn, eller ta bort den."
    found = lines()
    # Not "Menade du /oversikt.md?" nor "2021/anteckningar.md": no menu leads there either.
    assert f"docs/översikt.md: {unreachable}" in found
    assert f"docs/2021/Anteckningar.md: {unreachable}" in found


def test_word_processor_leftovers_in_a_text_are_named(project, lines):
    edit(project, MEASURE, 'comment: "Berga by öppnade', 'comment: "”Berga by öppnade')
    edit(project, MEASURE, 'september 2021."', 'september 2021.”"')
    edit(project, MEASURE, 'financing: "Genomförs inom ram. Startar 2021"', 'financing: "Genomförs\u200b inom ram."')
    edit(project, MEASURE, 'id: "1.4"', 'id: "1.4\u00a0"')
    assert lines() == [
        f"{MEASURE}:2: id: '1.4\u00a0' har fel form. Numret skrivs område.nummer, till exempel \"1.4\". Värdet "
        "innehåller ett hårt mellanslag (U+00A0); skriv om det med vanliga tecken.",
        f"{MEASURE}:7: financing: texten innehåller ett osynligt mellanslag (U+200B), som inte syns. Skriv om texten.",
        f"{MEASURE}:9: comment: texten står inom typografiska citattecken (”…”), som då blir en del av texten. "
        'Använd raka citattecken runt texten: "…"',
    ]


def test_reference_links_to_files_that_do_not_exist_are_checked_too(project, lines):
    # A reference definition's target is checked by MkDocs like an inline link's: the check passed these,
    # and the build then stopped on an English strict-mode warning.
    edit(
        project,
        AREA,
        "## Året som gått\n",
        "## Året som gått\n\nSe [åtgärden][a] och [statistiken][s], och [webben][w].\n\n"
        '[a]: atgarder/5-99.md\n[s]: /2021/statistik.md "Statistik"\n[w]: https://www.linkoping.se\n',
    )
    assert lines() == [
        f"{AREA}:12: text: länken eller bilden atgarder/5-99.md pekar på en fil som inte finns "
        "(2021/atgarder/5-99.md). Rätta sökvägen.",
        f"{AREA}:13: text: länken /2021/statistik.md börjar med /, och den fungerar inte när webbplatsen "
        "ligger i en undermapp. Skriv en relativ sökväg, till exempel ../statistik.md.",
    ]

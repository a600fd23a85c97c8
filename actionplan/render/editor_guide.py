"""Reference tables for the editor guide, generated from the vocabulary so that they never go stale."""

from __future__ import annotations

from actionplan import layout
from actionplan.fields import MEASURE_FIELDS
from actionplan.load.markup import ALLOWED_ATTRIBUTES, ALLOWED_SCHEMES, ALLOWED_TAGS
from actionplan.model import DROPPED, FORWARD, MERGED, NOT_DECIDED, NOT_FOLLOWED_UP, Vocabulary
from actionplan.render.badges import status_badge
from actionplan.render.html_fragments import esc


def field_reference(vocabulary: Vocabulary) -> str:
    """A row per front-matter field: name, required or not, meaning, allowed values."""
    allowed = {
        "area": [f"{a.number} ({a.title})" for a in vocabulary.areas],
        "districts": [d.name for d in vocabulary.districts],
        "responsible": [a.abbreviation for a in vocabulary.administrations],
        "status": [f"{s.key} ({s.label})" for s in vocabulary.statuses],
        "next_year": [f"{d.key} ({d.label})" for d in vocabulary.dispositions],
    }
    rows = []
    # Required fields first, as an editor fills them in.
    for field in sorted(MEASURE_FIELDS, key=lambda f: not f.required):
        values = ", ".join(f"<code>{esc(v)}</code>" for v in allowed.get(field.name, [])) or "Fri text"
        required = "Ja" if field.required else "Nej"
        rows.append(
            f'<tr><th scope="row"><code>{field.name}</code></th><td>{required}</td>'
            f"<td>{esc(field.help)}</td><td>{values}</td></tr>"
        )
    return _table(
        "Fälten i en åtgärdssidas front matter", ["Fält", "Obligatoriskt", "Innehåll", "Tillåtna värden"], rows
    )


def vocabulary_reference(vocabulary: Vocabulary) -> str:
    """The allowed values with what they mean and how they are shown."""
    statuses = [
        f'<tr><th scope="row"><code>{esc(s.key)}</code></th><td>{status_badge(s)}</td></tr>'
        for s in vocabulary.statuses
    ]
    dispositions = [
        f'<tr><th scope="row"><code>{esc(d.key)}</code></th><td>{esc(d.label)}</td><td>{esc(d.description)}</td></tr>'
        for d in vocabulary.dispositions
    ]
    administrations = [
        f'<tr><th scope="row"><code>{esc(a.abbreviation)}</code></th><td>{esc(a.name or "–")}</td></tr>'
        for a in vocabulary.administrations
    ]
    return "\n\n".join(
        [
            _table("status", ["Värde", "Visas som"], statuses),
            _table("next_year", ["Värde", "Visas som", "Betyder att åtgärden"], dispositions),
            _table("responsible", ["Förkortning", "Namn (där källdokumenten anger det)"], administrations),
        ]
    )


def markup_reference() -> str:
    """The HTML tags, link schemes and attributes the check lets through, straight from its own lists."""
    tags = ", ".join(f"<code>{esc(f'<{tag}>')}</code>" for tag in ALLOWED_TAGS)
    schemes = ", ".join(f"<code>{esc(scheme)}:</code>" for scheme in ALLOWED_SCHEMES)
    *others, last = (f"<code>{esc(name)}</code>" for name in ALLOWED_ATTRIBUTES)
    attributes = f"{', '.join(others)} och {last}"
    attribute_list = f"<code>{esc('{: #namn .klass }')}</code>"
    return (
        '<ul class="ap-markup">'
        f"<li>Tillåtna HTML-taggar (utan attribut): {tags}.</li>"
        f"<li>Tillåtna länkar: {schemes} och länkar till andra sidor på webbplatsen.</li>"
        f"<li>I en attributlista ({attribute_list}) får bara {attributes} stå. Id och klasser som börjar med "
        "<code>__</code>, <code>ap-</code> eller <code>md-</code> hör till webbplatsens skript.</li>"
        "<li>Bilder läggs i <code>docs/</code> som PNG eller JPG. SVG-bilder och HTML-, XML-, JavaScript- och "
        "CSS-filer publiceras inte: webbläsaren kan köra skript i dem.</li>"
        "</ul>"
    )


def _table(caption: str, headers: list[str], rows: list[str]) -> str:
    head = "".join(f'<th scope="col">{esc(h)}</th>' for h in headers)
    return (
        f'<table class="ap-table"><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _code_block(text: str) -> str:
    return f'<pre><code class="language-text">{esc(text)}</code></pre>'


def _keys(vocabulary: Vocabulary, lineage: str) -> str:
    return ", ".join(
        f"<code>{esc(d.key)}</code> ({esc(d.label)})" for d in vocabulary.dispositions if d.lineage == lineage
    )


def years_table(vocabulary: Vocabulary, pages: dict[int, int]) -> str:
    """Each follow-up year: adopted (when, by which document) or open, and how many measure pages it has."""
    rows = []
    for follow_up in vocabulary.follow_ups:
        if follow_up.adopted:
            state = f"Fastställt {follow_up.adopted} ({follow_up.document})"
        else:
            state = "Öppet: uppföljningen pågår"
        count = f"{pages[follow_up.year]} åtgärdssidor" if pages.get(follow_up.year) else "inga åtgärdssidor"
        rows.append(f'<tr><th scope="row">{follow_up.year}</th><td>{esc(state)}</td><td>{esc(count)}</td></tr>')
    return _table("Uppföljningsåren i data/measures.yml", ["År", "Läge", "Åtgärdssidor"], rows)


def new_year_guide(
    vocabulary: Vocabulary, pages: dict[int, int], year_pages: list[str], example: tuple[str, str] | None
) -> str:
    """How to start a new follow-up year and bring in its plan, from the commands and fields as they are.

    `pages` is the number of measure pages per year, `year_pages` the pages
    every year gets, `example` (source, text) a page that new-year would write.
    """
    newest = max(pages, default=None)
    next_year = (newest + 1) if newest is not None else max((f.year for f in vocabulary.follow_ups), default=2021)
    empty = ", ".join(
        f"<code>{f.name}</code>"
        for f in MEASURE_FIELDS
        if f.open_scaffold is not None and f.open_scaffold.startswith(" ")
    )
    since = f" ({newest})" if newest else ""
    parts = [
        years_table(vocabulary, pages),
        "<p>Året byts i fyra steg, alla med kommandon i projektets mapp; ingen YAML skrivs för hand. Här med "
        f"{next_year} som exempel.</p>",
        "<h3>1. Starta året</h3>",
        _code_block(f".venv/bin/atgardsplan new-year {next_year}"),
        f"<p>Kommandot utgår från det senaste året med åtgärdssidor{since} och</p>",
        "<ul>"
        f"<li>skapar en sida i <code>docs/{next_year}/atgarder/</code> för varje åtgärd vars <code>next_year</code> "
        f"är {_keys(vocabulary, FORWARD)}: samma nummer, titel, utvecklingsområde, områden, ansvariga, "
        f'finansiering och beskrivning, och fältet <code>continues: ["1.4"]</code> som pekar på åtgärden året '
        f"innan. Fälten {empty} står tomma;</li>"
        f"<li>skapar årets översikter för utvecklingsområdena, med ett tomt avsnitt ”Året som gått”, och sidorna "
        f"{', '.join(f'<code>{esc(name)}</code>' for name in year_pages)};</li>"
        f"<li>skapar <code>{esc(layout.prose_file(next_year))}</code>, rapportens egen text, med rapportens "
        "rubriker och en kursiv rad under var och en om att texten skrivs senare;</li>"
        "<li>lägger till året i <code>data/measures.yml</code>, eller öppnar det om det redan finns där (siffror som "
        "redan står där, till exempel från en tjänsteskrivelse, står kvar men kontrolleras inte medan året är "
        "öppet);</li>"
        "<li>skriver ut vad som är kvar att göra.</li></ul>",
        "<p>Kommandot skriver ingenting om året redan har sidor, inte är senare än det senaste året med "
        f"åtgärdssidor{since}, om någon åtgärd det året saknar <code>next_year</code>, "
        "eller om innehållet har problem som <code>atgardsplan check</code> visar.</p>",
    ]
    if example is not None:
        source, text = example
        parts += [f"<p>Så här ser en sida ut som kommandot skapar (<code>{esc(source)}</code>):</p>", _code_block(text)]
    parts += [
        "<h3>2. För in årets nya åtgärder</h3>",
        "<p>Den nya planens åtgärder som inte fortsätter en åtgärd med samma nummer förs in alla på en gång från "
        "ett formulär:</p>",
        _code_block(
            f".venv/bin/atgardsplan plan-form --year {next_year}\n"
            f".venv/bin/atgardsplan new --from formular/plan-{next_year}.xlsx\n"
            f".venv/bin/atgardsplan new --from formular/plan-{next_year}.xlsx --apply"
        ),
        "<p>Formuläret hamnar i mappen <code>formular</code>, som git inte checkar in (med <code>--output</code> "
        "väljer du en mapp utanför projektet).</p>",
        "<p>Formuläret har en rad per åtgärd som redan finns (låsta, för att se numren) och tomma rader för de "
        "nya: nummer (tomt ger nästa lediga i området), utvecklingsområde och titel, områden och ansvariga "
        "(flera med kommatecken emellan), finansiering och tid, beskrivning och <em>Fortsätter</em>. Ett hjälpblad "
        "visar föregående års åtgärder och hur de hanteras. Utan <code>--apply</code> visas bara vilka sidor som "
        "skulle skapas; med <code>--apply</code> skrivs alla eller ingen, och varje fel visas med rad och "
        "kolumn.</p>",
        f"<p>Åtgärder vars <code>next_year</code> är {_keys(vocabulary, MERGED)} får ingen egen sida: skriv deras "
        "nummer under <em>Fortsätter</em> på den nya åtgärd som tar över dem, flera med kommatecken emellan. En "
        f"enstaka åtgärd går också att lägga till med <code>.venv/bin/atgardsplan new --year {next_year} --area 1 "
        '--title "..." --continues 1.7,1.12</code>, som väljer nästa lediga nummer (<code>--id 1.20</code> '
        f"väljer numret själv). Åtgärder vars <code>next_year</code> är {_keys(vocabulary, DROPPED)} kan inte "
        "fortsättas.</p>",
        "<h3>3. Följ upp året</h3>",
        "<p>Samla in status, kommentar och hantering nästa år från förvaltningarna med formulär (se ”Samla in "
        "svaren från förvaltningarna”), skriv årets sammanfattning under ”Året som gått” på varje översikt och "
        f"rapportens text i <code>{esc(layout.prose_file(next_year))}</code>. Så länge året är öppet visas en "
        f"åtgärd utan status som {status_badge(NOT_FOLLOWED_UP)} i alla sammanställningar, och en åtgärd utan "
        f"<code>next_year</code> som {esc(NOT_DECIDED.label)}. Startsidan säger att årets text inte är skriven "
        "och länkar till den senaste fastställda rapporten tills texten är skriven. Bygget går igenom, så "
        "förhandsgranskningen fungerar från första sidan.</p>",
        "<h3>4. Fastställ året</h3>",
        "<p>När uppföljningen är beslutad: se ”Fastställa ett år” nedan.</p>",
    ]
    return "\n".join(parts)


def adopt_year_guide(vocabulary: Vocabulary, pages: dict[int, int]) -> str:
    """How to adopt (fastställa) a year with `atgardsplan adopt`, what it asks of the year, and what it writes."""
    open_years = [f.year for f in vocabulary.follow_ups if not f.is_adopted and pages.get(f.year)]
    year = open_years[-1] if open_years else max(pages, default=2021) + 1
    counts = ", ".join(f"{s.key}: …" for s in vocabulary.statuses)
    written = "\n".join(
        [
            f"  - year: {year}",
            f'    title: "Uppföljning av åtgärdsplan mot segregation {year}"',
            f"    # Fastställd ÅÅÅÅ-MM-DD genom uppföljningsrapporten {year}.",
            '    adopted: "ÅÅÅÅ-MM-DD"',
            f'    document: "uppföljningsrapporten {year}"',
            '    date: "ÅÅÅÅ-MM-DD"',
            "    measures: …",
            "    # Siffrorna är åtgärdssidornas när året fastställdes; rapporten anger dem.",
            "    stated:",
            f"      total: {{{counts}}}",
            "      areas:",
            *(f"        {a.number}: {{{counts}}}" for a in vocabulary.areas),
        ]
    )
    return "\n".join(
        [
            "<p>När uppföljningen är klar och beslutad fastställer du året med ett kommando (med dagen då det "
            "beslutades, och gärna dokumentet):</p>",
            _code_block(
                f'.venv/bin/atgardsplan adopt {year} --date ÅÅÅÅ-MM-DD --document "uppföljningsrapporten {year}"'
            ),
            "<p>Kommandot fastställer året bara när</p><ul>"
            "<li>varje åtgärd har <code>status</code> och <code>next_year</code> (ingen är längre "
            f"{esc(NOT_FOLLOWED_UP.label)} eller {esc(NOT_DECIDED.label)});</li>"
            "<li>varje översikt har en skriven sammanfattning under ”Året som gått” och rapportens text i "
            f"<code>{esc(layout.prose_file(year))}</code> är skriven;</li>"
            f"<li>varje åtgärd året innan med <code>next_year</code> {_keys(vocabulary, FORWARD)} eller "
            f"{_keys(vocabulary, MERGED)} fortsätts av någon åtgärd (<code>continues</code>);</li>"
            f"<li>siffror som ett dokument redan angett för året{_stated_example(vocabulary)} är exakt "
            "åtgärdssidornas.</li></ul>"
            "<p>Annars skriver det ingenting och räknar upp allt som återstår på en gång, med åtgärdernas nummer "
            "och filernas namn.</p>",
            "<p>När allt är klart skriver kommandot in året som fastställt i <code>data/measures.yml</code>, med "
            "årets siffror som webbplatsen räknar dem, totalt och per utvecklingsområde: samma siffror som "
            "rapporten anger (<code>atgardsplan report</code>). Filens kommentarer och övriga rader står kvar. För "
            f"{year} blir det till exempel:</p>",
            _code_block(written),
            "<p>Har ett dokument redan angett årets siffror står de kvar, och åtgärdssidorna måste ge dem. Sedan "
            "kontrollerar <code>atgardsplan check</code> och bygget att åtgärdssidorna fortsätter att ge de "
            "fastställda siffrorna. Ett fastställt år ändras bara för att rätta något som blivit fel överfört. "
            "Ändrar någon en status så att siffrorna inte längre stämmer, stoppas bygget med en rad som pekar ut "
            "den ändrade sidan och säger vilket dokument som fastställt året. Nya åtgärder kan inte läggas till i "
            "ett fastställt år.</p>",
        ]
    )


def _stated_example(vocabulary: Vocabulary) -> str:
    """' (som tjänsteskrivelsen … för 2022)': an open year whose figures a document already states, if there is one."""
    stated = [f for f in vocabulary.follow_ups if f.stated is not None and not f.is_adopted and f.document]
    return f" (som {esc(stated[-1].document)} för {stated[-1].year})" if stated else ""

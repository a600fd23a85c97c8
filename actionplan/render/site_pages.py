"""The site's own pages: whose it is (the footer's line), the contact page and the accessibility statement.

The statement follows DIGG's structure for a tillgänglighetsredogörelse
(lagen 2018:1937): how the site complies, what is known not to, how to
report it and get an answer, the supervisory authority, and how and when
it was tested, with the figures of the last complete run of the
accessibility tests. Facts only the municipality can give come from
`data/webbplats.yml`; where it leaves one empty the page says so, visibly,
and never fills it in.
"""

from __future__ import annotations

from actionplan import dates, layout
from actionplan.layout import RESULTS_FILE, SITE_FILE
from actionplan.model import SiteFacts, TestResults
from actionplan.render.html_fragments import esc, link, scroll_region
from actionplan.render.page_links import Links

ACCESSIBILITY_TITLE = "Tillgänglighetsredogörelse"
CONTACT_TITLE = "Kontakt"
LAW = "lagen (2018:1937) om tillgänglighet till digital offentlig service"
# Digg's own page for reporting a public body's lacking accessibility, which a statement must link.
DIGG_REPORTING = "https://www.digg.se/tdosanmalan"


def missing(what: str) -> str:
    """A fact the site does not have, marked so that nobody takes it for one: in words, not only by its look."""
    return f'<span class="ap-missing">Uppgift saknas: {esc(what)} (fylls i av kommunen i {SITE_FILE})</span>'


def footer_line(facts: SiteFacts) -> str:
    """Whose site this is, as every page's footer says it: 'Linköpings kommun · Åtgärdsplan … (Dnr KS 2020-754)'."""
    organisation = esc(facts.organisation) if facts.organisation else missing("organisation")
    plan = esc(facts.plan) if facts.plan else missing("planens namn")
    number = f" (Dnr {esc(facts.diarienummer)})" if facts.diarienummer else ""
    return f"{organisation} · {plan}{number}"


def _contact(facts: SiteFacts) -> str:
    """The ways to reach the contact, as a phrase: 'Kommunledningsförvaltningen, e-post …, telefon …'."""
    ways = []
    if facts.email:
        ways.append(f"e-post {link('mailto:' + facts.email, esc(facts.email))}")
    if facts.phone:
        ways.append(f"telefon {esc(facts.phone)}")
    if not ways:
        ways.append(missing("e-postadress eller telefonnummer"))
    name = f"{esc(facts.contact_name)}, " if facts.contact_name else ""
    return name + ", ".join(ways)


def contact_body(facts: SiteFacts, links: Links) -> str:
    """The contact page: whom to ask about the plan and the site, and how soon they answer."""
    plan = esc(facts.plan) if facts.plan else "åtgärdsplanen"
    organisation = esc(facts.organisation) if facts.organisation else missing("organisation")
    rows = [
        ("Kontakt", esc(facts.contact_name) if facts.contact_name else missing("kontaktens namn")),
        ("E-post", link("mailto:" + facts.email, esc(facts.email)) if facts.email else missing("e-postadress")),
        ("Telefon", esc(facts.phone) if facts.phone else missing("telefonnummer")),
        ("Svarstid", esc(facts.response_time) if facts.response_time else missing("svarstid")),
    ]
    items = "".join(f"<dt>{esc(term)}</dt><dd>{value}</dd>" for term, value in rows)
    statement = link(links.to(layout.ACCESSIBILITY_PAGE), "tillgänglighetsredogörelsen")
    return (
        f'<p class="ap-lead">Frågor om {plan} och om den här webbplatsen besvaras av {organisation}.</p>'
        f'<dl class="ap-facts ap-contact">{items}</dl>'
        f"<p>Hittar du något på webbplatsen som inte är tillgängligt för dig, eller behöver du innehåll i ett annat "
        f"format? Läs hur du rapporterar det i {statement}.</p>"
    )


def statement_body(facts: SiteFacts, links: Links) -> str:
    """The accessibility statement in DIGG's order, from the site's facts and the tests' last figures."""
    organisation = esc(facts.organisation) if facts.organisation else missing("organisation")
    plan = esc(facts.plan) if facts.plan else "åtgärdsplanen"
    results = facts.results
    fully = not facts.known_issues and results is not None and results.clean
    compliance = "helt förenlig" if fully else "delvis förenlig"
    reason = "." if fully else ", på grund av de brister som beskrivs under Innehåll som inte är tillgängligt."
    contact = _contact(facts)
    answer = (
        f"Vi svarar {esc(facts.response_time)}."
        if facts.response_time
        else f"Svarstid: {missing('hur snabbt vi svarar')}."
    )
    contact_page = link(links.to(layout.CONTACT_PAGE), "kontaktsidan")
    parts = [
        f"<p>{organisation} står bakom webbplatsen {plan}. Vi vill att så många som möjligt ska kunna använda den. "
        f"Här beskriver vi hur webbplatsen uppfyller {LAW}, vilka brister vi känner till och hur du kan "
        "rapportera brister till oss, så att vi kan åtgärda dem. Redogörelsen gäller webbplatsen och dokumenten "
        "som publiceras på den (uppföljningsrapporterna som PDF- och Word-filer och exporterna av åtgärderna).</p>",
        '<h2 id="hur-tillganglig-ar-webbplatsen">Hur tillgänglig är webbplatsen?</h2>',
        f"<p>Webbplatsen är {compliance} med {LAW}{reason}</p>",
        '<h2 id="om-du-inte-kan-anvanda-webbplatsen">Vad kan du göra om du inte kan använda delar av webbplatsen?</h2>',
        f"<p>Om du behöver innehåll från webbplatsen i ett annat format kan du kontakta oss: {contact}. {answer} "
        f"Fler sätt att nå oss finns på {contact_page}.</p>",
        '<h2 id="rapportera-brister">Rapportera brister i webbplatsens tillgänglighet</h2>',
        "<p>Om du upptäcker problem som inte beskrivs på den här sidan, eller om du anser att vi inte uppfyller "
        f"lagens krav, meddela oss så att vi får veta att problemet finns: {contact}. {answer}</p>",
        '<h2 id="tillsyn">Tillsyn</h2>',
        "<p>Myndigheten för digital förvaltning (Digg) har ansvaret för tillsyn över lagen om tillgänglighet till "
        "digital offentlig service. Om du inte är nöjd med hur vi hanterar dina synpunkter kan du "
        f"{link(DIGG_REPORTING, 'anmäla det till Digg')}.</p>",
        '<h2 id="teknisk-information">Teknisk information om webbplatsens tillgänglighet</h2>',
        f"<p>Webbplatsen är {compliance} med {LAW} och dess krav, standarden EN 301 549 och WCAG 2.1 "
        f"på nivå AA{reason}</p>",
        '<h3 id="innehall-som-inte-ar-tillgangligt">Innehåll som inte är tillgängligt</h3>',
        _known_issues(facts, results),
        '<h2 id="hur-vi-testat-webbplatsen">Hur vi testat webbplatsen</h2>',
        _testing(results),
        '<h2 id="om-redogorelsen">Om redogörelsen</h2>',
        "<p>Redogörelsen granskades senast "
        + (
            f'<time datetime="{facts.reviewed.isoformat()}">{dates.swedish(facts.reviewed)}</time>.'
            if facts.reviewed
            else f"{missing('datum då redogörelsen senast granskades')}."
        )
        + " Testresultaten ovan förs in av webbplatsens bygge från den senaste fullständiga testkörningen.</p>",
    ]
    return "\n".join(parts)


def _known_issues(facts: SiteFacts, results: TestResults | None) -> str:
    items = [f"<li>{esc(issue)}</li>" for issue in facts.known_issues]
    if results is not None and not results.clean:
        found = results.violations
        scrolling = results.reflow_failures
        items.append(
            f"<li>De automatiska testerna den {dates.swedish(results.day)} fann {found} "
            f"{'brist' if found == 1 else 'brister'} enligt axe-core och {scrolling} "
            f"{'sida' if scrolling == 1 else 'sidor'} som behöver rullas i sidled vid "
            f"{results.reflow_width} pixlars bredd (se Hur vi testat webbplatsen).</li>"
        )
    if not items:
        return "<p>Vi känner inte till något innehåll på webbplatsen som inte är tillgängligt.</p>"
    return f"<ul>{''.join(items)}</ul>"


def _testing(results: TestResults | None) -> str:
    """How the site was tested and what the last complete run found, page kind by page kind."""
    method = (
        "<p>Vi har gjort en självskattning (intern testning). Webbplatsens tester körs i en riktig webbläsare: "
        "verktyget axe-core prövar en sida av varje sidtyp mot alla sina regler för WCAG 2.1 vid två bredder, "
        "och varje sida öppnas i mobilbredd för att se att den inte behöver rullas i sidled (WCAG 1.4.10). "
        "Automatiska tester upptäcker bara en del av de brister som lagen omfattar.</p>"
    )
    if results is None:
        return method + (
            f'<p><span class="ap-missing">Uppgift saknas: testresultat (skrivs till {RESULTS_FILE} '
            "av en fullständig testkörning, bash scripts/test)</span></p>"
        )
    widths = sorted({run.width for run in results.runs}, reverse=True)
    kinds: dict[tuple[str, str], dict[int, int]] = {}
    for run in results.runs:
        kinds.setdefault((run.kind, run.url), {})[run.width] = run.violations
    head = "".join(f'<th scope="col">Brister vid {width} px</th>' for width in widths)
    rows = "".join(
        f'<tr><th scope="row">{esc(kind)}</th><td><code>{esc(url)}</code></td>'
        + "".join(f'<td class="ap-num">{counts.get(width, "–")}</td>' for width in widths)
        + "</tr>"
        for (kind, url), counts in kinds.items()
    )
    day = f'<time datetime="{results.day.isoformat()}">{dates.swedish(results.day)}</time>'
    caption = f"Brister som axe-core fann per sidtyp, testkörningen {dates.swedish(results.day)}"
    table = (
        f'<table class="ap-table ap-test-results"><caption>{esc(caption)}</caption>'
        f'<thead><tr><th scope="col">Sidtyp</th><th scope="col">Adress</th>{head}</tr></thead>'
        f"<tbody>{rows}</tbody></table>"
    )
    return "\n".join(
        [
            method,
            f"<p>Den senaste fullständiga testkörningen gjordes {day} med axe-core {esc(results.axe_core)} i "
            f"{esc(results.browser)}. axe-core fann sammanlagt {results.violations} "
            f"{'brist' if results.violations == 1 else 'brister'} på {len(results.runs)} prövade sidvisningar. "
            f"Vid {results.reflow_width} pixlars bredd öppnades {results.reflow_pages} sidor; "
            f"{results.reflow_failures} av dem behövde rullas i sidled.</p>",
            scroll_region(esc(caption), table),
        ]
    )

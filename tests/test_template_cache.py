"""The preview keeps the theme's compiled templates between rebuilds, and recompiles an edited one."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from glue.template_cache import InMemoryBytecodeCache


def test_a_rebuild_reuses_compiled_templates_and_an_edited_template_is_compiled_anew():
    cache = InMemoryBytecodeCache()
    sources = {"page.html": "Hej {{ name }}"}
    compiled = []

    class CountingEnvironment(Environment):
        def compile(self, *args, **kwargs):  # type: ignore[override]
            compiled.append(args[1] if len(args) > 1 else kwargs.get("name"))
            return super().compile(*args, **kwargs)

    def rebuild() -> str:
        # A new environment per build, as MkDocs makes one.
        return (
            CountingEnvironment(loader=DictLoader(sources), bytecode_cache=cache)
            .get_template("page.html")
            .render(name="Berga")
        )

    assert rebuild() == "Hej Berga"
    assert rebuild() == "Hej Berga"
    assert compiled == ["page.html"]
    sources["page.html"] = "Hej då {{ name }}"
    assert rebuild() == "Hej då Berga"
    assert compiled == ["page.html", "page.html"]

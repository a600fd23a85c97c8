"""mkdocs-macros: the macros that the aggregating pages may call (`render_macros: true`).

Each is a method of `glue.build.MacroCalls`, bound to this build's loaded
plan and to the page being rendered.
"""

from __future__ import annotations


def define_env(env):
    calls = env.conf["actionplan"].macro_calls(env)
    env.macro(calls.year_tally)
    env.macro(calls.newest_year_overview)
    env.macro(calls.area_overview)
    env.macro(calls.statistics)
    env.macro(calls.all_measures)
    env.macro(calls.follow_up_facts)
    env.macro(calls.report_prose)
    env.macro(calls.development_over_time)
    env.macro(calls.new_year_guide)
    env.macro(calls.adopt_year_guide)
    env.macro(calls.field_reference)
    env.macro(calls.vocabulary_reference)
    env.macro(calls.markup_reference)

"""mkdocs-macros: the macros that the aggregating pages may call (`render_macros: true`).

One macro per block in `actionplan.blocks.BLOCKS` (the list `atgardsplan
check` checks the calls against), each a method of `glue.build.MacroCalls`
bound to this build's loaded plan and the page being rendered.
"""

from __future__ import annotations

from actionplan.blocks import BLOCKS


def define_env(env):
    calls = env.conf["actionplan"].macro_calls(env)
    for name in BLOCKS:
        env.macro(getattr(calls, name), name)

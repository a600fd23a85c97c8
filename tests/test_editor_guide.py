"""Every command the editor guide names works after the README's set-up, on the content as shipped."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
from pathlib import Path

from helpers import PROJECT, copy_project

from actionplan.commands.cli import main

GUIDE = PROJECT / "docs/redaktorsguide.md"


def shell_commands() -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", GUIDE.read_text(encoding="utf-8"), flags=re.DOTALL)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def test_the_guide_names_commands_that_exist_after_set_up():
    commands = shell_commands()
    assert len(commands) >= 5
    for command in commands:
        program, *rest = shlex.split(command)
        if program == "bash":
            assert (PROJECT / rest[0]).is_file(), command
        else:
            # scripts/test (which the README's test command runs) sets up the dev requirements.
            assert (PROJECT / program).is_file(), command


def test_the_guides_atgardsplan_examples_run_on_the_shipped_content(tmp_path, capsys, monkeypatch):
    # Run from a folder of their own, in order, as an editor types them. The round's
    # commands (forms, import, answers) run in order on one copy whose open year has been
    # started (the guide sends the reader to "Starta ett nytt uppföljningsår" first), and
    # the forms the `forms` example writes come back into the folder `import` reads.
    workplace = tmp_path / "workplace"
    workplace.mkdir()
    monkeypatch.chdir(workplace)
    round_project = None
    for number, command in enumerate(shell_commands()):
        program, *arguments = shlex.split(command)
        # The shell expands wildcards such as formular-2021/*.xlsx.
        arguments = [match for a in arguments for match in (sorted(glob.glob(a)) if "*" in a else [a])]
        if not program.endswith("/atgardsplan"):
            continue
        if arguments[0] in ("forms", "import", "answers"):
            if round_project is None:
                round_project = copy_project(tmp_path / "round")
                assert main(["--root", str(round_project), "new-year", "2022"]) == 0
            project = round_project
            if arguments[0] == "import" and not Path(arguments[1]).exists():
                shutil.copytree(round_project / "formular/2022", arguments[1])
        else:
            # Each other example on the content as shipped, as an editor meets it.
            project = copy_project(tmp_path / f"project-{number}")
        code = main(["--root", str(project), *arguments])
        output = capsys.readouterr()
        assert code == 0, (command, output.out + output.err)
    assert round_project is not None, "the guide shows the round's commands"

"""The command line answers --version and --help without loading the heavy stages."""

from typer.testing import CliRunner

from policycheck import __version__
from policycheck.cli import app

runner = CliRunner()


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"policycheck {__version__}"


def test_help_lists_every_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = {line.strip(" │").split()[0] for line in result.output.splitlines()
              if line.strip(" │") and line.strip(" │").split()[0].isalpha()}
    assert {"check", "extract", "annotate", "explain", "rules", "eval", "init"} <= listed


def test_help_loads_no_language_or_pdf_library() -> None:
    import subprocess
    import sys

    probe = ("import sys; from policycheck.cli import main; sys.argv=['policycheck','--help']\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             "print(sorted(m for m in ('spacy','pypdfium2','pdfplumber','docx','lxml') "
             "if m in sys.modules))")
    import os
    from pathlib import Path

    import policycheck

    src = str(Path(policycheck.__file__).parents[1])
    env = {**os.environ, "PYTHONPATH": src}
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=env).stdout
    assert out.strip().splitlines()[-1] == "[]"

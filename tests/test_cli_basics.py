"""The command line answers --version and --help without loading the heavy stages."""

from typer.testing import CliRunner

from policycheck import __version__
from policycheck.cli import app

runner = CliRunner()


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output.strip() == f"policycheck {__version__}"


def test_help_lists_the_check_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "check" in result.output

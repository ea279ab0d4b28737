"""`jobfit profiles`: list the profiles jobfit knows, or make one from a CV."""

from __future__ import annotations

from pathlib import Path

import click

from jobfit.commands.output import emit
from jobfit.config import all_profiles


@click.group(invoke_without_command=True)
@click.pass_context
def profiles(ctx):
    """List the profiles jobfit knows (`jobfit profiles`), or make one from a CV (`from-cv`).

    Example: jobfit profiles from-cv ~/cv.pdf -o ~/.config/jobfit/profiles/me.toml
    """
    if ctx.invoked_subcommand is not None:
        return
    from jobfit.matcher.profile import load_profile

    for path in all_profiles():
        profile = load_profile(path)
        click.echo(f"{profile.id:<20} {profile.name:<32} {len(profile.requirements):>3} skills  {path}")


@profiles.command("from-cv")
@click.argument("cv_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the profile here (a .toml file) instead of stdout.")
@click.option("--id", "profile_id", help="The profile's id (default: the output file's name, else the CV's).")
@click.option("--force", is_flag=True, help="Replace the output file if it exists.")
def from_cv(cv_file, output, profile_id, force):
    """Make a profile from a CV (.txt, .md, .pdf, .docx): its skills, their tiers, its titles and languages.

    Example: jobfit profiles from-cv cv.md -o me.toml && jobfit match --profile me.toml
    """
    from jobfit.cv import CVError, profile_from_cv
    from jobfit.matcher.extract import Extractor
    from jobfit.matcher.profile import load_profile

    if output and output.exists() and not force:
        raise click.ClickException(f"{output} exists: give --force to replace it, or another -o")
    try:
        made = profile_from_cv(cv_file, Extractor(), profile_id or (output.stem if output else None))
    except CVError as exc:
        raise click.ClickException(str(exc)) from None
    text = made.toml()
    if output:
        output.parent.mkdir(parents=True, exist_ok=True)
        emit(text, str(output))
        loaded = load_profile(output)  # what the other commands will read: fails loudly if it would not load
        click.echo(f"profile {loaded.id}: {len(loaded.requirements)} skills, titles {', '.join(loaded.titles) or '-'}"
                   f"; use it with --profile {output}", err=True)
    else:
        emit(text, None)


COMMANDS = (profiles,)

"""One ``--format`` option for every command: repeatable (``-f csv -f xlsx``) and
comma-separated (``--format csv,xlsx``) both work, in any mix; order kept, repeats dropped."""

from __future__ import annotations

from collections.abc import Sequence

import click


def formats_option(choices: Sequence[str], default: Sequence[str] | None = None, short: bool = False):
    """A ``--format`` option whose value is a tuple of the chosen formats, each one of ``choices``."""
    choices = tuple(choices)

    def parse(ctx: click.Context, param: click.Parameter, values: tuple[str, ...]) -> tuple[str, ...]:
        chosen = [f.strip().lower() for value in values for f in value.split(",") if f.strip()]
        bad = [f for f in chosen if f not in choices]
        if bad:
            raise click.BadParameter(
                f"unknown format {', '.join(map(repr, bad))}; choose from {', '.join(choices)}"
            )
        if not chosen:
            raise click.BadParameter(f"name at least one format: {', '.join(choices)}")
        return tuple(dict.fromkeys(chosen))

    names = ("-f", "--format") if short else ("--format",)
    return click.option(
        *names,
        "formats",
        multiple=True,
        required=default is None,
        default=tuple(default) if default is not None else None,
        show_default=",".join(default) if default is not None else False,
        metavar="FORMAT[,FORMAT...]",
        callback=parse,
        help=f"Output formats ({', '.join(choices)}): repeat the option or separate them with commas.",
    )

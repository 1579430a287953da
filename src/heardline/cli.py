"""cli: the ``heardline`` command — parses options, makes one library call, maps errors
to exit codes, prints results (stdout) and messages (stderr). No logic lives here."""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from .audio import AUDIO_FORMATS
from .chapters import FIGURE_MODES
from .convert import OPTION_RANGES, AudioOptions, Options, convert, load_document
from .errors import EX_FAILED, EX_TEMPFAIL, EXIT_CODES, HeardlineError, Interrupted, UsageError
from .interrupt import handle_signals
from .model import Document, Figure, Heading, ListBlock, Paragraph, Quote, Related, block_type, to_json
from .narrate import NarrateOptions
from .read import ReadOptions
from .speak import SpeakOptions, Voice, choose_voice, list_voices
from .validate import validate_path
from .voices import Profile, load_profile

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib
from .locale import base_language
from .write.podcast import FeedConfig, write_feed

_ENGINE_HELP = (
    "Speech engines, in order of preference: pyttsx3 (espeak-ng), piper (heardline[piper]) or module:Class; "
    "per language the first with a voice of it speaks. Default: the profile's."
)
_EXIT_TABLE = "\b\nExit codes:\n" + "\n".join(f"  {code:<3} {text}" for code, text in EXIT_CODES)


def _int_range(option: str) -> click.IntRange:
    low, high = OPTION_RANGES[option]
    return click.IntRange(int(low), int(high))


def _run(debug: bool, action: Callable[[], Any]) -> Any:
    """Call ``action``; a HeardlineError becomes a one-line message and its exit code."""
    try:
        with handle_signals():
            return action()
    except (Interrupted, KeyboardInterrupt):
        click.echo("heardline: interrupted", err=True)
        sys.exit(EX_TEMPFAIL)
    except HeardlineError as exc:
        if debug:
            raise
        click.echo(f"heardline: error: {exc}", err=True)
        sys.exit(exc.exit_code)
    except Exception as exc:  # a bug: say so in one line unless --debug
        if debug:
            raise
        click.echo(f"heardline: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        sys.exit(1)


class _UsageLine(click.UsageError):
    """A click usage error shown as heardline shows its own: one line on stderr."""

    def show(self, file: Any = None) -> None:
        click.echo(f"heardline: error: {self.format_message()}", err=True)


def _one_line(error: click.UsageError) -> click.UsageError:
    if isinstance(error, click.exceptions.NoArgsIsHelpError):
        return error  # no command given: the help is the message
    command = error.ctx.command_path if error.ctx is not None else "heardline"
    return _UsageLine(f"{error.format_message().rstrip('.')} (see {command} --help)", error.ctx)


class _Commands(click.Group):
    """heardline's commands; a bad option or argument exits 2 with a one-line message."""

    def make_context(self, info_name: str | None, args: list[str], parent: click.Context | None = None, **extra: Any) -> click.Context:
        try:
            return super().make_context(info_name, args, parent, **extra)
        except click.UsageError as exc:
            raise _one_line(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:
            raise _one_line(exc) from exc


@click.group(cls=_Commands, epilog=_EXIT_TABLE, context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--debug", is_flag=True, help="Show tracebacks and debug logging.")
@click.version_option(package_name="heardline")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """heardline turns a news article web page into audio chapters and an accessible EPUB 3."""
    ctx.obj = {"debug": debug}
    logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="heardline: %(levelname)s: %(message)s")


_ALLOW_PRIVATE = click.option(
    "--allow-private-network", is_flag=True,
    help="Let URLs (the source, its redirects, images) reach loopback, private and link-local addresses; for intranet pages.",
)


def _source_arg(required: bool = True) -> Callable[[Any], Any]:
    return click.argument("source", required=required, metavar="SOURCE" if required else "[SOURCE]")


@main.command(epilog=_EXIT_TABLE)
@_source_arg(required=False)
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True, help="Output folder; the article goes to OUT/<slug>/.")
@click.option("--audio-format", "formats", type=click.Choice(sorted(AUDIO_FORMATS)), multiple=True, help="Chapter audio format (repeatable). Default: mp3.")
@click.option("--no-audio", is_flag=True, help="Write no audio: the Document and a text-only EPUB.")
@click.option("--no-epub", is_flag=True, help="Write no EPUB.")
@click.option("--fetch-images", is_flag=True, help="Fetch the figures' images (http/https, 5 MB each) to embed them in the EPUB.")
@click.option("--claim-conformance", metavar="ORG", default="", help="Claim EPUB Accessibility 1.1 / WCAG 2.2 AA conformance, certified by ORG.")
@click.option("--voice-profile", default="default", show_default=True, help="A profile name in voices/ or a path to a .toml profile.")
@click.option("--loudness", type=click.FloatRange(*OPTION_RANGES["loudness"]), help="Target loudness in LUFS (stereo; mono episodes aim 3 LU lower). Default: the profile's, -16.")
@click.option("--rate", type=_int_range("rate"), help="Speaking rate in words per minute (scales the profile's rates).")
@click.option("--engine", metavar="NAME[,NAME…]", help=_ENGINE_HELP)
@click.option("--figures", type=click.Choice(FIGURE_MODES), default="inline", show_default=True, help="Read figures where they stand, at the end, or not at all.")
@click.option("--read-related/--no-read-related", default=False, show_default=True, help="Read the related-article links.")
@click.option("--jobs", type=click.IntRange(min=1), default=os.cpu_count() or 1, show_default=True, help="Speech worker processes.")
@click.option("--cache-dir", type=click.Path(file_okay=False, path_type=Path), help="Synthesis cache folder. Default: $XDG_CACHE_HOME/heardline.")
@click.option("--max-size", type=_int_range("max_size"), default=20, show_default=True, help="Refuse inputs larger than this many MB.")
@click.option("--timeout", type=click.FloatRange(*OPTION_RANGES["timeout"]), default=20.0, show_default=True, help="Seconds for a whole fetch of a URL or image.")
@_ALLOW_PRIVATE
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@click.option("--json", "as_json", is_flag=True, help="Print a machine-readable summary on stdout.")
@click.pass_context
def convert_command(
    ctx: click.Context, source: str | None, out_dir: Path, formats: tuple[str, ...], no_audio: bool, no_epub: bool, fetch_images: bool,
    claim_conformance: str, voice_profile: str, loudness: float | None,
    rate: int | None, engine: str | None, figures: str, read_related: bool, jobs: int, cache_dir: Path | None, max_size: int, timeout: float,
    allow_private_network: bool, quiet: bool, as_json: bool,
) -> None:
    """Convert SOURCE (a file, an http(s) URL, or - for stdin) into OUT/<slug>/.

    With no SOURCE, converts the bundled sample article.
    """
    bar = _ProgressBar(enabled=not quiet and not as_json and sys.stderr.isatty())
    options = Options(
        out_dir=out_dir,
        read=ReadOptions(max_bytes=max_size * 1024 * 1024, timeout=timeout),
        voice_profile=voice_profile,
        narrate=NarrateOptions(figures=figures, read_related=read_related),
        speak=SpeakOptions(engine=engine, jobs=jobs, cache_dir=cache_dir, rate=rate),
        audio=AudioOptions(enabled=not no_audio, formats=formats or ("mp3",), loudness=loudness),
        epub=not no_epub,
        fetch_images=fetch_images,
        allow_private_network=allow_private_network,
        claim_conformance=claim_conformance,
        progress=bar.update,
    )
    try:
        result = _run(ctx.obj["debug"], lambda: convert(source, options))
    finally:
        bar.close()
    summary = {
        "source": result.source,
        "slug": result.slug,
        "folder": str(result.folder),
        "files": list(result.files),
        "chapters": len(result.script.chapters) if result.script else 0,
        "duration": round(result.script.duration or 0.0, 3) if result.script else 0.0,
        "synthesized": result.synthesized,
        "cached": result.cached,
    }
    if as_json:
        click.echo(json.dumps(summary, indent=2))
    elif not quiet:
        audio = f", {summary['chapters']} chapters, {summary['duration']:.1f} s of audio" if summary["chapters"] else ""
        click.echo(f"{result.folder}/: {len(result.files)} files{audio}; {result.synthesized} segments synthesised, {result.cached} from cache")


class _ProgressBar:
    """A click progress bar on stderr for synthesis, shown only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.bar: Any = None
        self.done = 0

    def update(self, done: int, total: int) -> None:
        if not self.enabled or total == 0:
            return
        if self.bar is None:
            self.bar = click.progressbar(length=total, label="Synthesising", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


convert_command.name = "convert"


@main.command(epilog=_EXIT_TABLE)
@_source_arg()
@click.option("--json", "as_json", is_flag=True, help="Print the Document JSON (heardline.document/1).")
@_ALLOW_PRIVATE
@click.pass_context
def inspect(ctx: click.Context, source: str, as_json: bool, allow_private_network: bool) -> None:
    """Print the extracted Document of SOURCE (a file, an http(s) URL, - for stdin,
    or "sample" for the bundled sample) without synthesising anything."""
    source_arg = None if source == "sample" else source
    _, document = _run(ctx.obj["debug"], lambda: load_document(source_arg, ReadOptions(allow_private_network=allow_private_network)))
    if as_json:
        click.echo(json.dumps(to_json(document), ensure_ascii=False, indent=2))
    else:
        click.echo(outline(document))


@main.command(epilog=_EXIT_TABLE)
@click.option("--lang", help="Only voices of this language (e.g. de, en-gb).")
@click.option("--voice-profile", default="default", show_default=True, help="The profile whose choices to show.")
@click.option("--engine", metavar="NAME[,NAME…]", help=_ENGINE_HELP)
@click.pass_context
def voices(ctx: click.Context, lang: str | None, voice_profile: str, engine: str | None) -> None:
    """List the voices the speech engines offer, and which the profile uses per role."""

    def gather() -> tuple[Profile, list[Voice]]:
        profile = load_profile(voice_profile)
        return profile, list_voices(SpeakOptions(engine=engine), profile)

    profile, available = _run(ctx.obj["debug"], gather)
    code = (lang or "").lower()
    shown = [v for v in available if not code or any(tag == code or base_language(tag) == code for tag in v.languages)]
    for v in shown:
        click.echo(f"{v.id:<26} {','.join(v.languages):<12} {v.gender:<7} {v.engine or engine or ','.join(profile.engine):<8} {v.name}")
    languages = [code] if code else sorted({*profile.voices, "en"})
    click.echo(f"\nProfile {profile.name!r} ({profile.path}), engines {engine or ', '.join(profile.engine)}:")
    for language in languages:
        roles = ["headline", "body", "alt", "caption", "credit"]
        choices = {role: choose_voice(profile, role, language, available, "en") for role in roles}
        line = ", ".join(f"{role} {vid}" for role, (vid, _) in choices.items())
        notes = {n for _, n in choices.values() if n}
        click.echo(f"  {language:<6} {line}" + (f"  ({'; '.join(notes)})" if notes else ""))


@main.command(epilog=_EXIT_TABLE)
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--no-ace", is_flag=True, help="Do not run Ace by DAISY even when it is installed.")
@click.option("--json", "as_json", is_flag=True, help="Print the findings as JSON.")
@click.pass_context
def validate(ctx: click.Context, path: Path, no_ace: bool, as_json: bool) -> None:
    """Validate an EPUB (EPUBCheck, Ace by DAISY when installed, heardline's own checks)
    or an audio episode (chapter marks, loudness, true peak).

    Exits 1 when any checker reports an error.
    """
    result = _run(ctx.obj["debug"], lambda: validate_path(path, ace=not no_ace))
    if as_json:
        click.echo(json.dumps({
            "path": str(path), "ran": result.ran, "skipped": result.skipped,
            "errors": len(result.errors), "warnings": len(result.warnings),
            "findings": [f.__dict__ for f in result.findings],
        }, indent=2))
    else:
        for finding in result.findings:
            click.echo(str(finding))
        click.echo(result.summary())
    if result.errors:
        sys.exit(EX_FAILED)


@main.command(epilog=_EXIT_TABLE)
@click.argument("out_dir", metavar="OUT", type=click.Path(file_okay=False, path_type=Path), default=Path("out"))
@click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path), help="A batch config whose [feed] table describes the podcast.")
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@click.pass_context
def feed(ctx: click.Context, out_dir: Path, config_path: Path | None, quiet: bool) -> None:
    """Write OUT/feed.xml: a podcast feed of every episode converted into OUT."""

    def build() -> Path:
        table: dict[str, Any] = {}
        if config_path is not None:
            table = load_config(config_path).get("feed", {})
        try:
            config = FeedConfig.from_table(table)
        except (TypeError, ValueError) as exc:
            raise UsageError(f"{config_path}: {exc}") from exc
        return write_feed(out_dir, config)

    path = _run(ctx.obj["debug"], build)
    if not quiet:
        click.echo(str(path))


@main.command(epilog=_EXIT_TABLE)
@click.argument("config_path", metavar="CONFIG", type=click.Path(dir_okay=False, path_type=Path))
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success (failures still go to stderr).")
@click.option("--jobs", type=click.IntRange(min=1), default=1, show_default=True, help="Sources converted at once on this machine.")
@click.option("--log-file", type=click.Path(dir_okay=False, path_type=Path), help="Append one JSON line per source to this file.")
@click.option("--dry-run", is_flag=True, help="List what would be converted and why; change nothing.")
@click.option("--prune", is_flag=True, help="Remove the outputs of sources no longer in the config.")
@click.option("--scheduler", metavar="tcp://HOST:PORT", default="", help="Run the per-source work on this Dask scheduler's workers (needs heardline[dask]).")
@click.pass_context
def batch(ctx: click.Context, config_path: Path, quiet: bool, jobs: int, log_file: Path | None, dry_run: bool, prune: bool, scheduler: str) -> None:
    """Convert every source of the TOML CONFIG that is new or changed, then write the feed.

    Exits 1 when a source failed (one line on stderr), 75 when another run holds the lock
    or a signal stopped the run (the next run goes on from there).
    """
    from .batch import Outcome, RunOptions, run_batch
    from .batch import load_config as load_batch_config

    def show(outcome: Outcome) -> None:
        if quiet or outcome.result in ("unchanged", "failed"):
            return
        counts = f"; {outcome.synthesized} synthesised, {outcome.cached} cached" if outcome.result == "converted" else ""
        slug = f"{outcome.slug}  " if outcome.slug else ""
        click.echo(f"{outcome.result:<13} {slug}{outcome.source} ({outcome.reason}{counts})")

    def note(text: str) -> None:
        if not quiet:
            click.echo(f"heardline: {text}", err=True)

    options = RunOptions(jobs=jobs, dry_run=dry_run, prune=prune, log_file=log_file, on_outcome=show, scheduler=scheduler, on_note=note)
    report = _run(ctx.obj["debug"], lambda: run_batch(load_batch_config(config_path), options))
    if report.interrupted:
        click.echo(f"heardline: interrupted, will resume: {report.summary()}", err=True)
        sys.exit(EX_TEMPFAIL)
    if report.failed:
        click.echo(f"heardline: {report.summary()}", err=True)
        sys.exit(EX_FAILED)
    if not quiet:
        click.echo(report.summary())


@main.command(epilog=_EXIT_TABLE)
@click.argument("out_dir", metavar="OUT", type=click.Path(file_okay=False, path_type=Path), default=Path("out"))
@click.option("--json", "as_json", is_flag=True, help="Print the rows as JSON.")
@click.pass_context
def status(ctx: click.Context, out_dir: Path, as_json: bool) -> None:
    """Print the batch state of OUT: each source, its slug, last result and last run."""
    from .batch.status import read_status, status_table

    rows = _run(ctx.obj["debug"], lambda: read_status(out_dir))
    click.echo(json.dumps(rows, indent=2, ensure_ascii=False) if as_json else status_table(rows))


def load_config(path: Path) -> dict[str, Any]:
    """A TOML config, or a UsageError naming the file and the problem."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, OSError) as exc:
        raise UsageError(f"{path}: not a valid TOML config: {exc}") from exc


def _short(text: str, width: int = 90) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _lang(tag: str | None) -> str:
    return f" [{tag}]" if tag else ""


def outline(document: Document) -> str:
    """A Document as a numbered outline a person can read."""
    lines = [document.headline, ""]
    facts = [f"language {document.lang}"]
    if document.published:
        facts.append(f"published {document.published.isoformat()}")
    if document.publisher:
        facts.append(document.publisher)
    if document.authors:
        facts.append("by " + ", ".join(document.authors))
    lines.append("  " + " · ".join(facts))
    if document.url:
        lines.append(f"  {document.url}")
    lines += ["", f"Skip links ({len(document.skip_links)}):"]
    for i, link in enumerate(document.skip_links, 1):
        extra = f", {len(link.links)} links there" if link.links else ""
        lines.append(f"  {i}. {link.text} -> #{link.target} ({link.role}{extra})")
    lines += ["", f"Blocks ({len(document.blocks)}), in reading order:"]
    for i, block in enumerate(document.blocks, 1):
        if isinstance(block, Heading):
            head, body = f"h{block.level}", block.text + _lang(block.lang)
        elif isinstance(block, Paragraph):
            head, body = (block.role if block.role != "body" else "paragraph"), _short(block.text) + _lang(block.lang)
            if block.spans:
                body += "  spans: " + ", ".join(f"{s.lang}" for s in block.spans)
        elif isinstance(block, Figure):
            head = f"figure {block.kind}"
            parts = [f'alt{_lang(block.alt_lang)} "{block.alt}"' if block.alt else "alt MISSING"]
            if block.caption:
                parts.append(f'caption{_lang(block.caption_lang)} "{_short(block.caption, 70)}"')
            if block.credit:
                parts.append(f'credit "{block.credit}"')
            body = "  ".join(parts)
        elif isinstance(block, ListBlock):
            head, body = "list", f"{len(block.items)} items: " + _short("; ".join(block.items), 70)
        elif isinstance(block, Quote):
            head, body = "quote", _short(block.text) + _lang(block.lang)
        elif isinstance(block, Related):
            head, body = "related", f"{block.label} {block.text}".strip()
        else:
            head, body = block_type(block), block.text
        lines.append(f"  {i:3d} {head:<15} {body}")
    if document.continued:
        lines += ["", f"Continued on another page: {document.continued}"]
    lines += ["", f"Left out ({len(document.left_out)}):"]
    lines += [f'  - "{left.text}" ({left.rule})' for left in document.left_out]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    main()

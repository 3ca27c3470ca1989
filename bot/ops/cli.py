"""The `signpost` command: set up, run, train, manage the partner directory and
adviser accounts, and delete old data."""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ops.settings import SettingsError, load_settings

if TYPE_CHECKING:
    from bot.knowledge import Knowledge


def _run(args: argparse.Namespace) -> int:
    from bot.kiosk.keys import key_for
    from bot.ops.setup import prepare
    from bot.ops.supervisor import Stack, StartupError

    settings = load_settings()
    t0 = time.monotonic()
    knowledge = prepare(settings)
    stack = Stack(settings)

    def _stop(signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    # Set both explicitly: a shell that starts us in the background leaves
    # SIGINT ignored, and then Ctrl-C (or CI's interrupt) would do nothing.
    signal.signal(signal.SIGINT, _stop)
    signal.signal(signal.SIGTERM, _stop)
    try:
        stack.start()
        print("starting the action server, the Rasa server and the gateway ...", flush=True)
        stack.wait_healthy()
        stack.start(stack.standby)  # loads in the background; takes over while Rasa restarts
        base = settings.gateway_url
        kiosk_site = knowledge.sites[0].id if knowledge.sites else "YOUR-SITE"
        kiosk_key = key_for(settings.kiosk_secret(), kiosk_site)
        print(
            f"\nJobcentre Signpost is running (ready in {time.monotonic() - t0:.0f}s).\n"
            f"  Chat page (claimants):   {base}/\n"
            f'  Widget on a demo page:   {base}/demo  (embed: <script src="{base}/static/widget.js" defer></script>)\n'
            f"  Kiosk:                   {base}/kiosk?site={kiosk_site}&key={kiosk_key}\n"
            f"                           (other sites: signpost kiosk key SITE; sites: knowledge/sites.yml)\n"
            f"  Adviser console:         {base}/adviser  (accounts: signpost adviser add NAME)\n"
            f"  Insight (managers):      {base}/adviser/insight  (signpost adviser add NAME --role manager)\n"
            f"  Open Referral UK feed:   {base}/oruk/services  (a council's: directory import FILE --format oruk)\n"
            f"  Accessibility statement: {base}/accessibility\n"
            f"  Health, up or down:      {base}/healthz  (each service: add the Rasa token as a Bearer token)\n"
            f"  Chat API for the gateway: POST {base}/api/chat\n"
            f"  Rasa (private, token in {settings.token_file}): {', '.join(settings.rasa_urls)}\n"
            f"Logs are in {settings.var_dir / 'logs'}. A service that stops is started again.\n"
            "Press Ctrl-C to stop.\n",
            flush=True,
        )
        while True:
            for line in stack.watch():
                print(line, file=sys.stderr, flush=True)
            time.sleep(0.5)
    except StartupError as err:
        print(f"could not start: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nstopping ...", flush=True)
        return 0
    finally:
        stack.stop()
        print("stopped.", flush=True)


def _setup(args: argparse.Namespace) -> int:
    from bot.ops.setup import prepare

    prepare(load_settings(), train=not args.no_train)
    return 0


def _train(args: argparse.Namespace) -> int:
    from bot.knowledge import get_knowledge
    from bot.rasa_ext.training import train_if_needed

    trained = train_if_needed(load_settings(), get_knowledge(), force=args.force)
    print("trained" if trained else "model unchanged, not trained")
    return 0


def _directory_import(args: argparse.Namespace) -> int:
    from bot.directory.importer import ImportFileError, import_file
    from bot.knowledge import get_knowledge
    from bot.ops.setup import prepare_directory

    knowledge = get_knowledge()
    directory = prepare_directory(load_settings(), knowledge)
    try:
        report = import_file(
            Path(args.file), directory, knowledge.vocabulary, skip_invalid=args.skip_invalid, fmt=args.format,
            taxonomy=knowledge.oruk_taxonomy,
        )  # fmt: skip
    except (ImportFileError, OSError) as err:
        print(f"cannot import {args.file}: {err}", file=sys.stderr)
        return 2
    for error in report.errors:
        where = str(error).replace("line ", "service ", 1) if args.format == "oruk" else str(error)
        print(f"{args.file}: {where}", file=sys.stderr)
    for note in report.notes:
        print(f"{args.file}: note: {note}", file=sys.stderr)
    if not report.imported:
        print(
            f"{len(report.errors)} bad row(s); nothing imported. Fix them, or use --skip-invalid.",
            file=sys.stderr,
        )
        return 1
    assert report.result is not None
    skipped = f", {len(report.errors)} bad row(s) skipped" if report.errors else ""
    print(f"imported {report.result.added} new and updated {report.result.updated} partner(s){skipped}")
    return 0


def _directory_export(args: argparse.Namespace) -> int:
    from bot.directory.importer import export_partners
    from bot.directory.repository import Directory

    directory = Directory.from_url(load_settings().database_url)
    directory.create_schema()
    records = directory.all(origin=None if args.all else "import")
    if args.format == "oruk":
        from bot.directory import oruk
        from bot.knowledge import get_knowledge

        know = get_knowledge()
        text = oruk.export(records, *oruk.names(know.needs, know.areas))
    else:
        text = export_partners(records, args.format)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
        print(f"wrote {len(records)} partner(s) to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return 0


def _directory_search(args: argparse.Namespace) -> int:
    from bot.directory.repository import Directory
    from bot.knowledge import get_knowledge
    from bot.signposting.replies import checked_line, describe_partner, why

    knowledge = get_knowledge()
    need = knowledge.need(args.need)
    if need is None:
        print(f"unknown need {args.need!r}; use one of: {', '.join(n.id for n in knowledge.needs)}", file=sys.stderr)
        return 2
    area = knowledge.areas.resolve(args.area) if args.area else None
    if args.area and area is None:
        print(f"unknown area {args.area!r}; showing national services", file=sys.stderr)
    directory = Directory.from_url(load_settings().database_url)
    for match in directory.find(need.id, need.label, area, knowledge.languages.canonical(args.language), args.limit):
        print(describe_partner(match.partner, why(match)), checked_line(match.partner), sep="\n", end="\n\n")
    return 0


def _adviser_add(args: argparse.Namespace) -> int:
    import getpass

    from bot.advisers.accounts import AdviserError, Advisers
    from bot.handoff.store import HandoffStore

    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\n")
    else:
        password = getpass.getpass("Password (12 characters or more): ")
        if getpass.getpass("The same password again: ") != password:
            print("the passwords do not match; nothing changed", file=sys.stderr)
            return 2
    store = HandoffStore.from_url(load_settings().database_url)
    store.create_schema()
    try:
        name = Advisers(store.engine).add(args.username, password, role=args.role)
    except AdviserError as err:
        print(f"not added: {err}", file=sys.stderr)
        return 2
    store.audit("cli", "adviser_add", None, f"{name} ({args.role})")
    where = "/adviser and /adviser/insight" if args.role == "manager" else "/adviser"
    print(f"{args.role} {name} can now sign in at {load_settings().gateway_url}{where}")
    return 0


def _adviser_disable(args: argparse.Namespace) -> int:
    from bot.advisers.accounts import Advisers
    from bot.handoff.store import HandoffStore

    store = HandoffStore.from_url(load_settings().database_url)
    store.create_schema()
    if not Advisers(store.engine).disable(args.username):
        print(f"no adviser called {args.username!r}; nothing changed", file=sys.stderr)
        return 2
    store.audit("cli", "adviser_disable", None, args.username.strip().lower())
    print(f"adviser {args.username.strip().lower()} can no longer sign in; their sessions have ended")
    return 0


def _kiosk_key(args: argparse.Namespace) -> int:
    from bot.kiosk.keys import key_for
    from bot.knowledge import get_knowledge

    knowledge = get_knowledge()
    site = knowledge.site(args.site)
    if site is None:
        print(f"no site {args.site!r}; use one of: {', '.join(s.id for s in knowledge.sites)}", file=sys.stderr)
        return 2
    settings = load_settings()
    key = key_for(settings.kiosk_secret(), site.id)
    print(f"{settings.gateway_url}/kiosk?site={site.id}&key={key}")
    return 0


def _purge(args: argparse.Namespace) -> int:
    from bot.core.db import make_engine
    from bot.handoff.store import HandoffStore
    from bot.privacy.retention import parse_period, purge

    settings = load_settings()
    try:
        period = parse_period(args.older_than) if args.older_than else None
    except ValueError as err:
        print(str(err), file=sys.stderr)
        return 2
    period = period or parse_period(str(settings.retention_days))
    store = HandoffStore.from_url(settings.database_url)
    store.create_schema()
    done = purge(store, make_engine(settings.tracker_url), period)
    print(
        f"deleted {done.conversations} conversations ({done.events} events) and {done.handoffs} handoffs "
        f"older than {period.days} days; {done.login_failures} old failed sign-ins, {done.adviser_sessions} "
        f"expired adviser sessions, {done.audit_rows} audit rows older than a year and "
        f"{done.skills_profiles} skills profiles past their date"
    )
    return 0


def _wording(args: argparse.Namespace) -> int:
    from bot.knowledge import get_knowledge
    from bot.ops.wording import claimant_texts

    if args.grades:
        return _grades(get_knowledge())
    for wording in claimant_texts(get_knowledge(), retention_days=load_settings().retention_days):
        text = wording.text.replace("\n", " / ")
        print(f"{wording.where}\t{text}")
    return 0


def _grades(know: Knowledge) -> int:
    """Reading ages, as the plain-English test checks them: the figures, then every text
    above the ceiling (each with its review), then jargon used without its plain words."""
    from bot.ops import readability as r

    report = r.check(know)
    s = report.summary
    print(
        f"{s.texts} texts: {s.graded} graded, median Flesch-Kincaid grade {s.median:.1f} "
        f"(target <= {r.GRADE_TARGET_MEDIAN:g}); {s.share_at_ceiling:.1%} at grade <= {r.GRADE_CEILING:g} "
        f"(target >= {r.SHARE_AT_CEILING:.0%}); {s.labels} labels, {s.labels_failing} with a long word"
    )
    for wording, score in report.hard:
        grade = "label" if score.grade is None else f"{score.grade:.1f}"
        mark = "reviewed" if (wording, score) not in report.unreviewed else "NOT REVIEWED"
        print(f"{grade}\t{mark}\t{wording.where}\t{wording.text.replace(chr(10), ' / ')[:120]}")
    for wording, terms in report.jargon:
        print(f"jargon\t{', '.join(terms)}\t{wording.where}")
    ok = not report.unreviewed and not report.stale and not report.jargon
    return 0 if ok and s.median <= r.GRADE_TARGET_MEDIAN and s.share_at_ceiling >= r.SHARE_AT_CEILING else 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="signpost", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    sub.add_parser("run", help="set up if needed, then start all services").set_defaults(func=_run)
    setup = sub.add_parser("setup", help="check knowledge, build the NLU pipeline, seed the directory, train")
    setup.add_argument("--no-train", action="store_true", help="skip training")
    setup.set_defaults(func=_setup)
    train = sub.add_parser("train", help="train the model if its inputs changed")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    train.set_defaults(func=_train)

    directory = sub.add_parser("directory", help="the partner directory").add_subparsers(dest="action", required=True)
    imp = directory.add_parser("import", help="import a local partner list (CSV or YAML), or an ORUK feed")
    imp.add_argument("file", help="a .csv or .yml file; with --format oruk a feed .json file or a folder of pages")
    imp.add_argument(
        "--format", choices=("auto", "oruk"), default="auto",
        help="oruk: an Open Referral UK 3.0 feed (/services?full=true pages); auto: CSV or YAML by the file's name",
    )  # fmt: skip
    imp.add_argument("--skip-invalid", action="store_true", help="import the good rows even if some are bad")
    imp.set_defaults(func=_directory_import)
    exp = directory.add_parser("export", help="export partners in the import format")
    exp.add_argument(
        "--format", choices=("csv", "yaml", "oruk"), default="yaml", help="oruk: Open Referral UK 3.0 JSON"
    )
    exp.add_argument("--all", action="store_true", help="include the national services from knowledge/")
    exp.add_argument("-o", "--output", help="file to write (default: standard output)")
    exp.set_defaults(func=_directory_export)
    search = directory.add_parser("search", help="show what a claimant would be offered")
    search.add_argument("need")
    search.add_argument("--area")
    search.add_argument("--language")
    search.add_argument("--limit", type=int, default=3)
    search.set_defaults(func=_directory_search)

    adviser = sub.add_parser("adviser", help="adviser accounts").add_subparsers(dest="action", required=True)
    add = adviser.add_parser("add", help="add an adviser, or set a new password (asks for it)")
    add.add_argument("username")
    add.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    add.add_argument(
        "--role", choices=("adviser", "manager"), default="adviser", help="a manager also sees /adviser/insight"
    )
    add.set_defaults(func=_adviser_add)
    disable = adviser.add_parser("disable", help="stop an adviser signing in, and end their sessions")
    disable.add_argument("username")
    disable.set_defaults(func=_adviser_disable)

    kiosk = sub.add_parser("kiosk", help="kiosk devices").add_subparsers(dest="action", required=True)
    key = kiosk.add_parser("key", help="print the address a site's kiosk opens, with its key")
    key.add_argument("site")
    key.set_defaults(func=_kiosk_key)

    purge = sub.add_parser("purge", help="delete conversations and handoffs past the retention period")
    purge.add_argument("--older-than", help="for example 30d (default: SIGNPOST_RETENTION_DAYS, 30)")
    purge.set_defaults(func=_purge)
    wording = sub.add_parser(
        "wording", help="list every sentence a claimant can read, with where it comes from (tab-separated)"
    )
    wording.add_argument("--grades", action="store_true", help="their reading ages against the plain-English targets")
    wording.set_defaults(func=_wording)
    return parser


def main(argv: list[str] | None = None) -> int:
    # Everything this command and the services it starts create (databases, logs, the
    # tracker store) is readable by this user only (issue 16).
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args))
    except SettingsError as err:
        print(f"signpost: {err}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

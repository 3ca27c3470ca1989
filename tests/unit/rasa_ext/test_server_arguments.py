"""How our `rasa run` is started: the token from the environment, and never beyond
loopback without the service secret (issue 16)."""

from __future__ import annotations

import pytest

from bot.core.service_auth import secret_matches
from bot.rasa_ext.server import arguments

RUN = ["run", "--model", "m.tar.gz", "--enable-api"]


def test_the_token_is_added_inside_the_process():
    args = arguments([*RUN, "--interface", "127.0.0.1"], {"SIGNPOST_RASA_TOKEN": "-starts-with-a-dash"})
    assert args[-1] == "--auth-token=-starts-with-a-dash"


def test_a_token_given_on_the_command_line_is_left_alone():
    args = arguments([*RUN, "-i", "127.0.0.1", "--auth-token=given"], {"SIGNPOST_RASA_TOKEN": "env"})
    assert [a for a in args if a.startswith("--auth-token")] == ["--auth-token=given"]


@pytest.mark.parametrize(
    "where",
    [["--interface", "0.0.0.0"], ["--interface=10.0.0.5"], ["-i", "192.168.1.2"], []],  # Rasa's default is 0.0.0.0
)
def test_beyond_loopback_without_a_secret_it_refuses_to_start(where):
    with pytest.raises(SystemExit, match="refusing to listen"):
        arguments([*RUN, *where], {"SIGNPOST_RASA_TOKEN": "t"})
    assert arguments([*RUN, *where], {"SIGNPOST_SERVICE_SECRET": "s"})[: len(RUN)] == RUN


@pytest.mark.parametrize("loopback", ["127.0.0.1", "::1", "localhost"])
def test_on_loopback_no_secret_is_needed(loopback):
    assert arguments([*RUN, "--interface", loopback], {}) == [*RUN, "--interface", loopback]


def test_other_rasa_commands_are_untouched():
    assert arguments(["train", "--fixed-model-name", "x"], {"SIGNPOST_RASA_TOKEN": "t"}) == [
        "train",
        "--fixed-model-name",
        "x",
    ]


@pytest.mark.parametrize(
    ("given", "secret", "expected"),
    [("s3cret", "s3cret", True), ("wrong", "s3cret", False), (None, "s3cret", False), ("", "s3cret", False),
     (None, "", True)],
)  # fmt: skip
def test_the_channel_checks_the_secret(given, secret, expected):
    assert secret_matches(given, secret) is expected

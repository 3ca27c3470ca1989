"""The action server registers exactly the custom actions domain.yml names: no
action is made at run time, and none is missing."""

from __future__ import annotations

from rasa_sdk.executor import ActionExecutor


def test_registered_actions_are_the_domains(domain):
    executor = ActionExecutor()
    executor.register_package("actions")
    custom = {a for a in domain["actions"] if a.startswith("action_")}
    validators = {f"validate_{form}" for form in domain["forms"]}
    assert set(executor.actions) == custom | validators

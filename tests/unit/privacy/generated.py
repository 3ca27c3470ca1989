"""A seeded, generated test set for redaction (issue 16): identifiers in the forms
people type them, inside sentences claimants might write, and look-alikes that
must stay. Faker's en_GB provider supplies the randomness and the everyday
parts; nothing here is anyone's real data (Ofcom's drama ranges for phones,
example domains for emails, made-up numbers with valid check digits).
"""

from __future__ import annotations

import random
from collections.abc import Callable

from faker import Faker

from bot.privacy.redact import iban_valid, luhn, nhs_valid

SEED = 20261203
IDENTIFIERS_PER_KIND = 90
LOOK_ALIKES = 320

_NI_FIRST = "ABCEGHJKLMNOPRSTWXYZ"
_NI_SECOND = "ABCEGHJKLMNPRSTWXYZ"


def _group(text: str, sizes: list[int], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(text[i : i + size])
        i += size
    if i < len(text):
        out.append(text[i:])
    return sep.join(p for p in out if p)


def ni_number(r: random.Random) -> str:
    prefix = r.choice(_NI_FIRST) + r.choice(_NI_SECOND)
    while prefix in ("BG", "GB", "NK", "KN", "TN", "NT", "ZZ"):
        prefix = r.choice(_NI_FIRST) + r.choice(_NI_SECOND)
    body = "".join(r.choice("0123456789") for _ in range(6))
    suffix = r.choice("ABCD")
    form = r.randrange(6)
    if form == 0:
        value = f"{prefix}{body}{suffix}"
    elif form == 1:
        value = f"{prefix} {_group(body, [2, 2, 2], ' ')} {suffix}"
    elif form == 2:
        value = f"{prefix}-{_group(body, [2, 2, 2], '-')}-{suffix}"
    elif form == 3:
        value = f"{prefix} {_group(body, [3, 3], ' ')} {suffix}"
    elif form == 4:
        value = f"{prefix}.{_group(body, [2, 2, 2], '.')}.{suffix}"
    else:
        value = f"{prefix}{body}"  # no letter at the end
    return value.lower() if r.random() < 0.3 else value


def phone(r: random.Random) -> str:
    # Ofcom's numbers for drama: mobiles 07700 900000-900999, Leeds 0113 496 0000-0999, London 020 7946 0000-0999.
    kind = r.randrange(3)
    if kind == 0:
        national = f"07700900{r.randrange(1000):03d}"
        groups = [5, 6]
    elif kind == 1:
        national = f"01134960{r.randrange(1000):03d}"
        groups = [4, 3, 4]
    else:
        national = f"0207946{r.randrange(1000):04d}"
        groups = [3, 4, 4]
    sep = r.choice([" ", "", ".", "-", "\u00a0"])
    grouped = _group(national, groups, sep)
    form = r.randrange(5)
    if form == 0:
        return grouped
    if form == 1:
        return "+44 " + _group(national[1:], [g - (1 if i == 0 else 0) for i, g in enumerate(groups)], sep or " ")
    if form == 2:
        return "0044 " + _group(national[1:], [g - (1 if i == 0 else 0) for i, g in enumerate(groups)], " ")
    if form == 3:
        return "+44 (0)" + _group(national[1:], [g - (1 if i == 0 else 0) for i, g in enumerate(groups)], " ")
    first = groups[0]
    return f"({national[:first]}) {national[first:]}"


def email(r: random.Random, fake: Faker) -> str:
    name = fake.user_name()
    domain = r.choice(["example.com", "example.org", "example.co.uk"])
    if r.random() < 0.25:
        return f"{name} at {domain.replace('.', ' dot ')}"
    return f"{name}@{domain}"


def sort_code(r: random.Random) -> str:
    body = "".join(r.choice("0123456789") for _ in range(6))
    return _group(body, [2, 2, 2], r.choice(["-", ".", " "]))


def account(r: random.Random) -> str:
    body = "".join(r.choice("0123456789") for _ in range(8))
    return body if r.random() < 0.5 else _group(body, [4, 4], " ")


def card(r: random.Random) -> str:
    while True:
        body = "4" + "".join(r.choice("0123456789") for _ in range(15))
        if luhn(body):
            break
    formatted = _group(body, [4, 4, 4, 4], r.choice([" ", "-", "", "."]))
    return formatted + (f" exp {r.randrange(1, 13):02d}/{r.randrange(26, 31)}" if r.random() < 0.4 else "")


def nhs(r: random.Random) -> str:
    while True:
        body = str(r.randrange(4, 8)) + "".join(r.choice("0123456789") for _ in range(9))
        if nhs_valid(body):
            return _group(body, [3, 3, 4], r.choice([" ", "", "-"]))


def iban(r: random.Random) -> str:
    while True:
        bank = "".join(r.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4))
        rest = "".join(r.choice("0123456789") for _ in range(14))
        for check in range(100):
            value = f"GB{check:02d}{bank}{rest}"
            if iban_valid(value):
                return _group(value, [4, 4, 4, 4, 4], " ") if r.random() < 0.6 else value


def passport(r: random.Random) -> str:
    return "".join(r.choice("0123456789") for _ in range(9))


def licence(r: random.Random, fake: Faker) -> str:
    surname = (fake.last_name().upper().replace("'", "") + "99999")[:5]
    surname = "".join(c if c.isalpha() else "9" for c in surname)
    return f"{surname}{r.randrange(10**6):06d}{fake.first_name()[0].upper()}{r.choice('ABCDEFGHJK')}9{r.choice('ABCDEFGHJK')}{r.choice('ABCDEFGHJK')}"


def postcode(r: random.Random, fake: Faker) -> str:
    code = fake.postcode()
    outward, inward = code.split()
    return f"{outward}{r.choice([' ', '  ', ''])}{inward}".lower() if r.random() < 0.3 else f"{outward}{r.choice([' ', '  '])}{inward}"


def date_of_birth(r: random.Random, fake: Faker) -> tuple[str, str]:
    born = fake.date_of_birth(minimum_age=18, maximum_age=70)
    said = r.choice([f"{born:%d/%m/%Y}", f"{born.day} {born:%B %Y}", f"{born:%d-%m-%y}", f"{born.day}th of {born:%B %Y}"])
    return r.choice(["my DOB is {x}", "date of birth: {x}", "I was born on {x}", "my date of birth is {x}"]), said


TEMPLATES: dict[str, tuple[str, ...]] = {
    "ni_number": ("my NI number is {x}", "national insurance {x}", "its {x} my ni", "ni no. {x} thanks",
                  "{x} is my national insurance number, can you check my claim"),
    "phone_number": ("call me on {x}", "my number is {x} if the work coach can ring", "{x}", "ring {x} after 3",
                     "you can text me on {x}, I have no credit to call"),
    "email": ("my email is {x}", "email me at {x}", "{x} is my email address", "send it to {x} please"),
    "sort_code": ("sort code {x}", "my bank sort code is {x}", "bank details sort {x}"),
    "account_number": ("account number {x}", "my bank account is {x}", "acc no {x} with Barclays"),
    "card_number": ("my card is {x}", "card number {x}", "can I pay with {x}"),
    "nhs_number": ("my NHS number is {x}", "nhs no {x}", "NHS {x} for my sick note"),
    "iban": ("IBAN {x}", "my iban is {x}", "pay it into {x}"),
    "passport_number": ("my passport number is {x}", "passport {x}", "I have a passport, number {x}"),
    "driving_licence": ("my driving licence number is {x}", "licence {x}", "driving licence: {x}"),
    "postcode": ("I live at {x}", "my postcode is {x}", "{x}, is there a food bank near me"),
}  # fmt: skip


def identifiers(seed: int = SEED) -> list[tuple[str, str, str]]:
    """(kind, the identifier as typed, the sentence it is in)."""
    r = random.Random(seed)
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    makers: dict[str, Callable[[], str]] = {
        "ni_number": lambda: ni_number(r),
        "phone_number": lambda: phone(r),
        "email": lambda: email(r, fake),
        "sort_code": lambda: sort_code(r),
        "account_number": lambda: account(r),
        "card_number": lambda: card(r),
        "nhs_number": lambda: nhs(r),
        "iban": lambda: iban(r),
        "passport_number": lambda: passport(r),
        "driving_licence": lambda: licence(r, fake),
        "postcode": lambda: postcode(r, fake),
    }
    out: list[tuple[str, str, str]] = []
    for kind, make in makers.items():
        for _ in range(IDENTIFIERS_PER_KIND):
            value = make()
            out.append((kind, value, r.choice(TEMPLATES[kind]).format(x=value)))
    for _ in range(IDENTIFIERS_PER_KIND):
        template, value = date_of_birth(r, fake)
        out.append(("date_of_birth", value, template.format(x=value)))
    return out


def _failing(r: random.Random, check: Callable[[str], bool], length: int) -> str:
    """A number of that length that fails that check, so it is no identifier of that kind."""
    while True:
        number = str(r.randrange(1, 10)) + "".join(r.choice("0123456789") for _ in range(length - 1))
        if not check(number):
            return number


def look_alikes(seed: int = SEED) -> list[str]:
    """Sentences with numbers that are nobody's: amounts, dates, times, years, counts, buses, helplines."""
    r = random.Random(seed + 1)
    fake = Faker("en_GB")
    fake.seed_instance(seed + 1)
    makers: list[Callable[[], str]] = [
        lambda: f"I earn £{r.randrange(100, 3000):,} a month",
        lambda: f"my rent is {r.randrange(300, 1500)} a month and council tax is {r.randrange(50, 200)}",
        lambda: f"my appointment is on {fake.date_between('-1y', '+1y'):%d/%m/%Y} at {r.randrange(9, 17)}:{r.choice(['00', '15', '30', '45'])}",
        lambda: f"I've been out of work since {r.randrange(1990, 2026)}",
        lambda: f"I have {r.randrange(1, 6)} kids aged {r.randrange(1, 9)} and {r.randrange(9, 17)}",
        lambda: f"I get the {r.randrange(1, 120)} bus to the jobcentre",
        lambda: f"I owe about £{r.randrange(1000, 20000)} on cards",
        lambda: f"question {r.randrange(1, 14)} of 14",
        lambda: f"I work {r.randrange(8, 40)} hours a week at £{r.randrange(10, 15)}.{r.randrange(10, 99)} an hour",
        lambda: r.choice(["call Samaritans on 116 123", "National Domestic Abuse Helpline 0808 2000 247",
                          "is 999 the right number", "I rang 111 last night"]),
        lambda: f"I live in {fake.city()}",
        lambda: f"my postcode starts {fake.postcode().split()[0]}",
        lambda: f"the payment was {fake.date_between('-1y', 'today'):%d-%m-%y}",
        lambda: f"I was born in {r.randrange(1950, 2006)}",
        lambda: f"my claim started {r.randrange(2, 28)} {fake.month_name()} {r.randrange(2019, 2026)}",
        lambda: f"my UC is £{r.randrange(400, 1800)}.{r.randrange(10, 99)} a month",
        lambda: f"it costs £{r.randrange(20, 90)} for boots size {r.randrange(5, 12)}",
        lambda: f"I have been waiting {r.randrange(2, 40)} days",
        # Harder: dates shaped like sort codes next to bank words, numbers shaped like IDs that fail their checks.
        lambda: f"I went to the bank on {fake.date_between('-1y', 'today'):%d-%m-%y}",
        lambda: f"my universal credit account says {fake.date_between('-1y', '+1y'):%d.%m.%y}",
        lambda: f"my claim reference is {_failing(r, nhs_valid, 10)}",
        lambda: f"the reference on the letter is {_failing(r, luhn, 16)}",
        lambda: f"it's {r.randrange(9, 12)}.{r.choice(['00', '15', '30'])} on {fake.date_between('-1y', '+1y'):%d.%m.%Y}",
        lambda: f"ref {r.randrange(1000, 9999)} {r.randrange(1000, 9999)} on my letter",
        lambda: f"I paid £{r.randrange(10, 99)}.{r.randrange(10, 99)} on {r.randrange(1, 28)}/{r.randrange(1, 12)}",
    ]  # fmt: skip
    return [r.choice(makers)() for _ in range(LOOK_ALIKES)]

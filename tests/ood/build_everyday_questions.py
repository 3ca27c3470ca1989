"""Builds tests/ood/everyday_questions.txt: everyday questions from outside Signpost's
domain (weather, cars, cooking, sport, shopping, phones, maths, trivia, travel,
home, pets, telly), for measuring crisis false alarms (issue 14).

Written on 2026-12-02, before any tuning. Each template is filled with a few
everyday words, so the set is varied in topic and wording; a fixed seed keeps it
the same run to run. Run: .venv/bin/python -m tests.ood.build_everyday_questions
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

OUT = Path(__file__).with_name("everyday_questions.txt")
# topic -> (question forms, the words that fill each {slot})
Templates = dict[str, tuple[list[str], dict[str, list[str]]]]
PLACES = ["Leeds", "Cardiff", "Glasgow", "Hull", "Bristol", "Swansea", "Newcastle", "Norwich", "Derby", "Luton"]
TEMPLATES: Templates = {
    "weather": (
        ["what's the weather like in {place} {when}", "will it rain in {place} {when}", "is it going to snow {when}",
         "how hot will it get in {place} {when}", "do i need a coat {when}", "whats the forecast for {when}",
         "is it windy in {place} today", "when does it get dark {when}"],
        {"place": PLACES, "when": ["tomorrow", "this weekend", "on saturday", "tonight", "next week"]},
    ),
    "cars": (
        ["how do i change a tyre on a {car}", "why is my {car} making a {noise} noise", "how often should a {car} have a service",
         "what oil does a {car} take", "my {car} won't start in the cold, why", "how much is an mot on a {car}",
         "is a {car} good on petrol", "how do i jump start a {car}"],
        {"car": ["corsa", "fiesta", "golf", "focus", "clio", "polo", "astra", "yaris"],
         "noise": ["squeaking", "clicking", "grinding", "rattling"]},
    ),
    "cooking": (
        ["how long do i cook {food} for", "whats a good recipe for {food}", "can you freeze {food}",
         "how do i make {food} from scratch", "what goes well with {food}", "how long does {food} last in the fridge",
         "what temperature to cook {food} in the oven", "is it safe to reheat {food}"],
        {"food": ["rice", "chicken thighs", "a jacket potato", "spag bol", "pancakes", "a roast dinner", "chilli",
                  "shepherds pie", "fish fingers", "a sponge cake"]},
    ),
    "sport": (
        ["who won the {sport} last night", "when is the next {team} match", "what channel is the {sport} on",
         "how many players in a {sport} team", "who is top of the league in {sport}", "what time does the {sport} start",
         "did {team} win on saturday", "how do you score in {sport}"],
        {"sport": ["football", "rugby", "cricket", "darts", "snooker", "netball", "tennis", "boxing"],
         "team": ["Leeds United", "Cardiff City", "Celtic", "Hull City", "England", "Wales"]},
    ),
    "shopping": (
        ["what time does {shop} close on {day}", "is {shop} open on {day}", "where is the nearest {shop}",
         "does {shop} do click and collect", "how do i return something to {shop}", "has {shop} got a sale on",
         "does {shop} sell {item}", "which is cheaper for {item}, aldi or lidl"],
        {"shop": ["asda", "tesco", "argos", "b and m", "primark", "boots", "greggs"],
         "day": ["sunday", "bank holiday monday", "christmas eve", "saturday"],
         "item": ["school shoes", "a kettle", "batteries", "birthday cards"]},
    ),
    "phones": (
        ["how do i take a screenshot on my {phone}", "why is my {phone} battery draining so fast",
         "how do i clear the storage on my {phone}", "how do i turn on dark mode on my {phone}",
         "my {phone} screen is cracked where can i get it fixed", "how do i back up photos on my {phone}",
         "how do i change my ringtone on a {phone}", "why wont my {phone} connect to bluetooth",
         "how do i update the apps on my {phone}", "which is better, a {phone} or a {other}",
         "how do i move my contacts from my {phone} to a {other}", "can i use a {other} charger on a {phone}"],
        {"phone": ["iphone", "samsung", "android phone", "motorola", "pixel"], "other": ["nokia", "oppo", "xiaomi"]},
    ),
    "maths": (
        ["what is {a} times {b}", "what is {a} plus {b}", "what's {a} divided by {b}", "what is {a} percent of {c}",
         "how many {unit} in a {big}", "what's half of {c}", "is {a} a prime number", "what is {a} squared"],
        {"a": ["7", "12", "17", "23", "45"], "b": ["3", "8", "9", "11"], "c": ["60", "250", "1200"],
         "unit": ["inches", "grams", "centimetres", "ounces"], "big": ["foot", "kilo", "metre", "pound"]},
    ),
    "trivia": (
        ["what is the capital of {country}", "how tall is {thing}", "who invented {invention}",
         "when was {thing} built", "how many people live in {country}", "what language do they speak in {country}",
         "who wrote {book}", "how old is {thing}"],
        {"country": ["australia", "canada", "portugal", "japan", "brazil", "norway", "egypt", "mexico", "india"],
         "thing": ["the eiffel tower", "big ben", "the angel of the north", "stonehenge", "the shard"],
         "invention": ["the telephone", "the light bulb", "the internet", "the bicycle"],
         "book": ["harry potter", "pride and prejudice", "the hobbit", "oliver twist"]},
    ),
    "travel": (
        ["how do i get from {place} to {other} by train", "how long is the drive from {place} to {other}",
         "whats the cheapest way to get to {other}", "do i need a passport to go to {abroad}",
         "what time is the last train to {other}", "is there a coach from {place} to {other}",
         "how far is {other} from {place}", "what should i pack for a week in {abroad}"],
        {"place": PLACES[:5], "other": [*PLACES[5:], "Blackpool", "Skegness"],
         "abroad": ["spain", "ireland", "france", "tenerife"]},
    ),
    "home": (
        ["how do i unblock a {thing}", "how do i get rid of {pest} in the {room}", "how do i bleed a radiator",
         "what paint is best for a {room}", "how do i fix a dripping {thing}", "how do i clean a {thing}",
         "why does my {thing} smell", "how do i put up a shelf in the {room}", "how do i stop condensation on the {room} windows",
         "what plants grow well in a shady {room}"],
        {"thing": ["sink", "tap", "shower", "washing machine", "oven", "toilet"],
         "pest": ["ants", "fruit flies", "spiders"], "room": ["kitchen", "bathroom", "bedroom", "garden"]},
    ),
    "pets": (
        ["how often should i feed my {pet}", "what can {pet}s eat", "how do i stop my {pet} {habit}",
         "how long do {pet}s live", "is it normal for a {pet} to sleep all day", "how do i train my {pet}",
         "how much does it cost to insure a {pet}", "what toys do {pet}s like", "can a {pet} live in a flat",
         "how do i clip my {pet}'s nails"],
        {"pet": ["dog", "cat", "rabbit", "hamster", "budgie"],
         "habit": ["barking", "scratching the sofa", "chewing things", "pulling on the lead"]},
    ),
    "telly": (
        ["what time is {show} on tonight", "who got voted off {show}", "is {show} on netflix",
         "what's a good film to watch {when}", "when does the new series of {show} start", "who plays the lead in {show}",
         "how many series of {show} are there", "where is {show} filmed", "can i watch {show} {when} on catch up",
         "who presents {show}"],
        {"show": ["coronation street", "eastenders", "strictly", "bake off", "love island", "gogglebox"],
         "when": ["tonight", "with the kids", "at christmas", "on a rainy day"]},
    ),
    "garden": (
        ["when should i plant {plant}", "how often do i water {plant}", "how do i grow {plant} in a pot",
         "why are my {plant} leaves going yellow", "can {plant} survive a frost", "when do i cut back {plant}"],
        {"plant": ["tomatoes", "roses", "potatoes", "strawberries", "lavender", "runner beans", "sunflowers"]},
    ),
    "words": (
        ["how do you spell {word}", "what does {word} mean", "what is another word for {word}",
         "is {word} one word or two", "how do you say {word} in {lang}"],
        {"word": ["necessary", "definitely", "separate", "cheerful", "tomorrow", "beautiful"],
         "lang": ["french", "spanish", "polish", "welsh"]},
    ),
}
# A fixed number from each topic, so no one topic dominates.
PER_TOPIC = 110


def read(path: Path = OUT) -> list[str]:
    """The questions in the built file, without its header."""
    return [line.strip() for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")]


def build(seed: int = 7, templates: Templates | None = None, per_topic: int = PER_TOPIC) -> list[str]:
    """Fill every template with every combination of its words; take `per_topic` from each topic."""
    rng = random.Random(seed)
    questions: list[str] = []
    for _topic, (forms, fillers) in (templates or TEMPLATES).items():
        filled: set[str] = set()
        for template in forms:
            names = [n for n in fillers if "{" + n + "}" in template]
            for combo in itertools.product(*(fillers[n] for n in names)):
                filled.add(template.format(**dict(zip(names, combo, strict=True))))
        picked = sorted(filled)
        rng.shuffle(picked)
        questions += picked[:per_topic]
    return questions


if __name__ == "__main__":
    lines = build()
    header = "# Everyday out-of-domain questions (build_everyday_questions.py, 2026-12-02; never trained on)"
    OUT.write_text(header + "\n" + "\n".join(lines) + "\n")
    print(f"{len(lines)} questions -> {OUT}")

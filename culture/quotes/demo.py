"""Demo quotes: ten past weeks, this week and three weeks ahead.

The attributions were checked against the works named in `source`; where a well-known quote has
no reliable source it says "attributed to".
"""

import datetime

from .models import Quote
from .schedule import monday_of, site_now

# (text, author, source, why it matters, tags)
QUOTES = [
    (
        "Ever tried. Ever failed. No matter. Try again. Fail again. Fail better.",
        "Samuel Beckett",
        "Worstward Ho (1983)",
        "Getting it wrong is part of the work. What we control is whether the next try is better.",
        ["learning", "persistence"],
    ),
    (
        "Those who cannot remember the past are condemned to repeat it.",
        "George Santayana",
        "The Life of Reason (1905)",
        "Writing a story down is how the whole company remembers, not only the people who were there.",
        ["repeats", "learning"],
    ),
    (
        "To err is human; to forgive, divine.",
        "Alexander Pope",
        "An Essay on Criticism (1711)",
        "Blameless means we look at the system and the choices, and forgive the person.",
        ["blameless"],
    ),
    (
        "Experience is the name every one gives to their mistakes.",
        "Oscar Wilde",
        "Lady Windermere's Fan (1892)",
        "Nobody gains experience without making mistakes. Sharing them shares the experience.",
        ["learning"],
    ),
    (
        "Failure is only the opportunity more intelligently to begin again.",
        "Henry Ford",
        "My Life and Work (1922)",
        "After a mistake we start again knowing more. Write down what you know now.",
        ["learning", "persistence"],
    ),
    (
        "A man of genius makes no mistakes. His errors are volitional and are the portals of discovery.",
        "James Joyce",
        "Ulysses (1922)",
        "Some of our best improvements started as somebody's mistake.",
        ["discovery"],
    ),
    (
        "Our greatest glory is, not in never falling, but in rising every time we fall.",
        "Oliver Goldsmith",
        "The Citizen of the World (1762)",
        "What counts is what we do next: own it, make it right, learn.",
        ["persistence", "own it"],
    ),
    (
        "Errors, like straws, upon the surface flow; He who would search for pearls must dive below.",
        "John Dryden",
        "All for Love, prologue (1678)",
        "The obvious mistake is rarely the whole story. Ask why, and then ask why again.",
        ["root cause"],
    ),
    (
        "The man who makes no mistakes does not usually make anything.",
        "Edward John Phelps",
        "Speech at the Mansion House, London (1889)",
        "A team that never reports a mistake is not a team that never makes one.",
        ["courage"],
    ),
    (
        "Truth emerges more readily from error than from confusion.",
        "Francis Bacon",
        "Novum Organum (1620)",
        "A clear account of what went wrong teaches more than a vague sense that something did.",
        ["root cause", "learning"],
    ),
    (
        "Anyone who has never made a mistake has never tried anything new.",
        "attributed to Albert Einstein",
        "",
        "Trying new things means some of them won't work. That is the price of progress, not a failure.",
        ["courage", "discovery"],
    ),
    (
        "Fall seven times, stand up eight.",
        "Japanese proverb",
        "",
        "Short enough to remember on a bad day.",
        ["persistence"],
    ),
    (
        "An expert is a person who has made all the mistakes that can be made in a very narrow field.",
        "attributed to Niels Bohr",
        "",
        "Our experts got there by making mistakes. Ask them about theirs.",
        ["learning"],
    ),
    (
        "The greatest mistake you can make in life is to be continually fearing you will make one.",
        "Elbert Hubbard",
        "The Note Book of Elbert Hubbard (1927)",
        "Fear of mistakes hides them. Owning them is how they get fixed.",
        ["courage", "own it"],
    ),
]
PAST_WEEKS = 10  # the first ten quotes are past weeks; then this week; then three ahead


def load(demo):
    this_monday = monday_of(site_now().date())
    created = 0
    for number, (text, author, source, why, tags) in enumerate(QUOTES):
        if Quote.objects.filter(text=text).exists():
            continue
        week = this_monday + datetime.timedelta(weeks=number - PAST_WEEKS)
        if Quote.objects.filter(week=week).exists():
            week = None  # someone already holds that week: keep this one in the queue
        quote = Quote(text=text, author=author, source=source, why_it_matters=why, week=week)
        quote.save()
        quote.tags.add(*tags)
        quote.save()
        created += 1
    demo.say(f"Quotes: {created} added ({Quote.objects.count()} in all).")

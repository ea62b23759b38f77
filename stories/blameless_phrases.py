"""The starting list of blaming words and phrases, with kinder ways to say them.

Only the starting point: the Culture team edits the list in the admin (Stories → Blameless
phrases). The data migration and `load_demo` add these when they are missing.
"""

DEFAULT_PHRASES = [
    ("fault", "Describe what happened and what allowed it, rather than whose fault it was."),
    ("idiot", "Describe the decision and what the person knew at the time."),
    (
        "stupid",
        "Say what made the mistake easy to make, for example “the screen made it easy to miss”.",
    ),
    ("incompetent", "Name the gap in training, tools or time that made it hard to get right."),
    ("careless", "Say what the process relied on, for example “we relied on one person checking”."),
    ("should have known", "“The information wasn't where we needed it when we needed it.”"),
    ("should have checked", "“Nothing in the process asked for a check at that point.”"),
    ("lazy", "Describe the pressure or the shortcut the process made tempting."),
    ("blame", "Focus on what happened and what changed, not on who is to blame."),
    ("screwed up by", "Say what went wrong and how, without naming who did it."),
    ("messed up by", "Say what went wrong and how, without naming who did it."),
    ("dropped the ball", "“The handover didn't carry the task across.”"),
    ("negligent", "Describe the missing safeguard rather than the person."),
    ("useless", "Say what the tool or step did not do, and what it should have done."),
    ("dumb", "Say what made the mistake easy to make."),
    ("his mistake", "“Our mistake” or “the mistake”: stories are about what the system allowed."),
    ("her mistake", "“Our mistake” or “the mistake”: stories are about what the system allowed."),
    ("their mistake", "“Our mistake” or “the mistake”: stories are about what the system allowed."),
    (
        "human error",
        "Say which step relied on a person getting it right every time, and what changed.",
    ),
    (
        "obviously",
        "What is obvious afterwards was rarely obvious at the time; say what was known then.",
    ),
    ("clueless", "Describe what information was missing and where it should have been."),
]

# The German starting list (issue 17): the blameless check reads the phrases of the writer's
# language, and English only for a language with no phrases of its own. Seeded by migration
# 0014; the Culture team edits it like the English one.
GERMAN_PHRASES = [
    ("schuld", "Beschreib, was passiert ist und was es möglich gemacht hat, statt wer schuld war."),
    ("Schuldige", "Konzentrier dich darauf, was passiert ist und was sich geändert hat."),
    ("Sündenbock", "Konzentrier dich darauf, was passiert ist und was sich geändert hat."),
    ("Idiot", "Beschreib die Entscheidung und was die Person damals wusste."),
    (
        "dumm",
        "Sag, was den Fehler leicht gemacht hat, zum Beispiel „das Feld war leicht zu übersehen“.",
    ),
    ("blöd", "Sag, was den Fehler leicht gemacht hat."),
    (
        "inkompetent",
        "Nenne die Lücke bei Schulung, Werkzeugen oder Zeit, die es schwer gemacht hat.",
    ),
    ("unfähig", "Nenne die Lücke bei Schulung, Werkzeugen oder Zeit, die es schwer gemacht hat."),
    (
        "schlampig",
        "Sag, worauf sich der Ablauf verlassen hat, zum Beispiel „auf eine einzige Prüfung“.",
    ),
    ("nachlässig", "Beschreib die fehlende Absicherung statt der Person."),
    ("fahrlässig", "Beschreib die fehlende Absicherung statt der Person."),
    (
        "hätte es wissen müssen",
        "„Die Information war nicht da, wo und wann wir sie gebraucht haben.“",
    ),
    ("hätte prüfen müssen", "„Nichts im Ablauf hat an dieser Stelle eine Prüfung verlangt.“"),
    (
        "hätte aufpassen müssen",
        "„Der Ablauf hat sich darauf verlassen, dass jemand immer aufpasst.“",
    ),
    ("faul", "Beschreib den Druck oder die Abkürzung, die der Ablauf verlockend gemacht hat."),
    ("verbockt", "Sag, was schiefging und wie, ohne zu nennen, wer es war."),
    ("vermasselt", "Sag, was schiefging und wie, ohne zu nennen, wer es war."),
    ("verschlafen", "„Die Übergabe hat die Aufgabe nicht mitgenommen.“"),
    (
        "nutzlos",
        "Sag, was das Werkzeug oder der Schritt nicht getan hat, und was nötig gewesen wäre.",
    ),
    (
        "sein Fehler",
        "„Unser Fehler“ oder „der Fehler“: Es geht darum, was das System zugelassen hat.",
    ),
    (
        "ihr Fehler",
        "„Unser Fehler“ oder „der Fehler“: Es geht darum, was das System zugelassen hat.",
    ),
    (
        "menschliches Versagen",
        "Sag, welcher Schritt davon abhing, dass ein Mensch es jedes Mal richtig macht, und was sich "
        "geändert hat.",
    ),
    (
        "offensichtlich",
        "Was hinterher offensichtlich ist, war es damals selten; sag, was man damals wusste.",
    ),
    ("ahnungslos", "Beschreib, welche Information fehlte und wo sie hätte sein sollen."),
]

# By language (the language part of a code in settings.LANGUAGES: "en-gb" -> "en").
PHRASES_BY_LANGUAGE = {"en": DEFAULT_PHRASES, "de": GERMAN_PHRASES}

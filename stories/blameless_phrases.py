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

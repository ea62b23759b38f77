"""Practice drills ("Wheel of Misfortune"): a story told up to the moment of the mistake.

The lead writes the situation from the story's "what happened"; `propose_situation` gives a first
cut that stops before the outcome, which the lead then edits. The outcome itself (own it, make it
right, learn and prevent) is the reveal: it is never in the pack page's HTML, only fetched when
the facilitator presses "Reveal" (`MeetingPackPage.drill_reveal_view`), and printed on a page of
its own at the end of the PDF.
"""

import html
import re

from django.utils.html import strip_tags

# Sentences that tell how it turned out (or how it was noticed and fixed) start the outcome:
# the cut stops before the first of them.
OUTCOME_CUES = re.compile(
    r"\b(realis|realiz|noticed|spotted|found out|turned out|luckily|fortunately|"
    r"unfortunately|as a result|the result|within (a|an|the|a few) (hours?|minutes?|days?)|"
    r"we (fixed|rolled back|reverted|apologi[sz]ed|refunded|called|told)|"
    r"i (fixed|rolled back|reverted|apologi[sz]ed|refunded|called|told)|"
    r"complain|by the time|afterwards|later that|the next (morning|day))",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")
BLOCK_END = re.compile(r"</(p|li|h\d)>|<br\s*/?>", re.IGNORECASE)


def story_sentences(rich_text):
    """The rich text as plain sentences, paragraph by paragraph."""
    paragraphs = []
    for chunk in BLOCK_END.split(rich_text or ""):
        if chunk is None:
            continue
        text = " ".join(html.unescape(strip_tags(chunk)).split())
        if text and not re.fullmatch(r"p|li|h\d", text, re.IGNORECASE):
            paragraphs.append([part for part in SENTENCE_END.split(text) if part])
    return paragraphs


def propose_situation(story):
    """A first cut of the situation: "what happened" up to (not including) the outcome.

    Stops before the first sentence that reads like the outcome; when none does, leaves out the
    last sentence (stories usually end with how it turned out). Plain text, paragraphs separated
    by a blank line, for the lead to edit.
    """
    paragraphs = story_sentences(story.what_happened if story else "")
    kept = []
    total = sum(len(sentences) for sentences in paragraphs)
    seen = 0
    for sentences in paragraphs:
        paragraph = []
        for sentence in sentences:
            seen += 1
            if (OUTCOME_CUES.search(sentence) or seen == total) and (kept or paragraph):
                if paragraph:
                    kept.append(" ".join(paragraph))
                return "\n\n".join(kept)
            paragraph.append(sentence)
        if paragraph:
            kept.append(" ".join(paragraph))
    return "\n\n".join(kept)

"""The stories domain: the pages, their parts, and who wrote them.

Split by concept; import from here (`from stories.models import StoryPage`).
"""

from .authorship import IdentityView, StoryAuthorship, anonymous_author
from .autosave import DraftAutosave
from .blameless import BlamelessPhrase, IdentifyingDetail
from .feeds import FeedToken
from .follow_up import ActionReminder
from .pages import (
    CorrectiveAction,
    DiscussionQuestion,
    StoriesIndexPage,
    StoryLesson,
    StoryPage,
    StoryTag,
)
from .reactions import LearnedFromThis
from .replies import StoryMessage
from .reports import StoryReport
from .similarity import MistakeTopic, StoryTerm
from .taxonomy import Series, Team

__all__ = [
    "ActionReminder",
    "BlamelessPhrase",
    "IdentifyingDetail",
    "FeedToken",
    "anonymous_author",
    "CorrectiveAction",
    "DiscussionQuestion",
    "DraftAutosave",
    "LearnedFromThis",
    "MistakeTopic",
    "Series",
    "StoriesIndexPage",
    "StoryAuthorship",
    "IdentityView",
    "StoryLesson",
    "StoryPage",
    "StoryReport",
    "StoryMessage",
    "StoryTag",
    "StoryTerm",
    "Team",
]

"""The stories domain: the pages, their parts, and who wrote them.

Split by concept; import from here (`from stories.models import StoryPage`).
"""

from .authorship import StoryAuthorship
from .pages import (
    CorrectiveAction,
    DiscussionQuestion,
    StoriesIndexPage,
    StoryLesson,
    StoryPage,
    StoryTag,
)
from .reactions import LearnedFromThis
from .taxonomy import Series, Team

__all__ = [
    "CorrectiveAction",
    "DiscussionQuestion",
    "LearnedFromThis",
    "Series",
    "StoriesIndexPage",
    "StoryAuthorship",
    "StoryLesson",
    "StoryPage",
    "StoryTag",
    "Team",
]

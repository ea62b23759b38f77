"""Factories for stories: shared by tests, `load_demo` and benchmark seeding."""

import datetime

import factory
import wagtail_factories
from django.utils import timezone

from home.factories import UserFactory

from .models import (
    CorrectiveAction,
    DiscussionQuestion,
    Series,
    StoriesIndexPage,
    StoryAuthorship,
    StoryLesson,
    StoryPage,
    Team,
)
from .models.pages import owner_from_text


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Team {n}")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        """`members=6` adds six new active people; `members=[user, …]` adds those. An
        anonymous story names its team only when the team is big enough (stories/small_groups.py)."""
        if not create or not extracted:
            return
        if isinstance(extracted, int):
            extracted = UserFactory.create_batch(extracted)
        self.members.add(*extracted)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Series {n}")


class StoriesIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = StoriesIndexPage

    title = "Stories"
    slug = "stories"
    intro = "Mistakes we made, and what we learned."


class StoryPageFactory(wagtail_factories.PageFactory):
    """A published story. Pass `author=` (and `anonymous=True`), `tags=[...]`, `lessons=[...]`.

    `StoryPageFactory(parent=index, author=user, lessons=["Check the list"], tags=["email"])`
    """

    class Meta:
        model = StoryPage
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Story {n}")
    summary = factory.LazyAttribute(lambda story: f"What we learned from {story.title.lower()}.")
    happened_on = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    what_happened = "<p>We sent the wrong file to a client.</p>"
    who_was_affected = "<p>One client, for a day.</p>"
    own_it = "<p>We told them within the hour.</p>"
    make_it_right = "<p>We sent the right file and a note, and checked the rest.</p>"
    learn_and_prevent = "<p>We added a second check before sending.</p>"
    part = StoryPage.Part.MADE
    size = StoryPage.Size.SMALL
    first_published_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if extracted:
            self.tags.add(*extracted)
            if create:
                self.save()

    @factory.post_generation
    def lessons(self, create, extracted, **kwargs):
        for number, text in enumerate(extracted or []):
            StoryLesson.objects.create(page=self, text=text, sort_order=number)

    @factory.post_generation
    def actions(self, create, extracted, **kwargs):
        """Each action's fields; an `owner` given as text ("Support", "Support · on call",
        "Legal") is read as the share form reads it: a team's name becomes the owning team."""
        teams = None
        for number, action in enumerate(extracted or []):
            action = dict(action)
            if "owner" in action:
                if teams is None:
                    teams = {team.name.lower(): team for team in Team.objects.all()}
                action["owner_team"], action["owner_role"] = owner_from_text(
                    action.pop("owner"), teams
                )
            CorrectiveAction.objects.create(page=self, sort_order=number, **action)

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        for number, text in enumerate(extracted or []):
            DiscussionQuestion.objects.create(page=self, text=text, sort_order=number)

    @factory.post_generation
    def author(self, create, extracted, **kwargs):
        """`author=user` records who wrote it; `author__anonymous=True` hides them."""
        if create:
            StoryAuthorship.objects.create(
                story=self,
                author=extracted or UserFactory(),
                is_anonymous=kwargs.get("anonymous", False),
            )


def month(year, month_number):
    return datetime.date(year, month_number, 1)


# Seeded stories --------------------------------------------------------------------------------
# One set of scenarios for every seeder: bench/seed_stories.py (through the factories above, one
# story at a time) and bench/bulk_seed.py (the same stories written in bulk). A scenario is a title
# and the words its text is made of; `seed_story_data` turns one into a whole story, with lengths
# like the demo's (a summary of about 150 characters, a few paragraphs in each long field).

SEED_SCENARIOS = [
    ("A test email went to every customer", "newsletter customers email list send"),
    ("The wrong phone number on posters in 25 cities", "posters print phone number cities"),
    ("A client project neglected after a holiday", "client project holiday handover"),
    ("A forgotten item in a restaurant order", "restaurant order customer kitchen"),
    ("A server outage and how we kept clients informed", "server outage clients status"),
    ("An invoice sent with last year's prices", "invoice prices billing customer"),
    ("A deploy on Friday that broke sign-in", "deploy sign-in release rollback"),
    ("A delivery sent to the wrong warehouse", "delivery warehouse pallets address"),
    ("A meeting booked in the wrong time zone", "meeting calendar time zone client"),
    ("A spreadsheet formula that double-counted refunds", "spreadsheet refunds finance formula"),
]
SEED_TAGS = [
    "email",
    "customers",
    "print",
    "handover",
    "orders",
    "outage",
    "billing",
    "deploys",
    "logistics",
    "calendars",
    "finance",
    "communication",
]
SEED_TEAMS = ["Support", "Marketing", "Engineering", "Finance", "Logistics", "Sales", "Design"]
SEED_SERIES = "I screw up so you don't have to"

# The text of a seeded story is drawn from these sentences, filled in with the scenario's words
# ({first}, {second}, {third} and {last}). `what_happened` always opens with SEED_OPENING, so each
# story's body holds its scenario's third word (a word of the body, not of its title).
SEED_OPENING = "It started with the {first} and the {third}, on what looked like an ordinary day."
SEED_SENTENCES = {
    "what_happened": [
        "The {first} was on the list of routine jobs, and nothing about it looked unusual.",
        "It went out on a busy afternoon, between two other deadlines and a team meeting.",
        "A setting that decides where the {second} comes from had been changed for a test a few "
        "days earlier, and nothing on the screen showed it.",
        "We noticed only when the first message about the {third} arrived, about forty minutes "
        "later.",
        "By then the {first} had reached far more people than it was meant to.",
        "Two of us had looked at it, but each checked a different part and assumed the other had "
        "seen the rest.",
        "The step that used to catch this had been removed the year before, when the process was "
        "simplified.",
        "The {last} looked exactly like the one we use every week, so there was no reason to stop "
        "and look twice.",
        "It was the first time the new tool handled the {second}, and its defaults were not the "
        "ones we were used to.",
        "A reminder that would normally have flagged the {third} had been switched off during the "
        "move to the new system.",
    ],
    "who_was_affected": [
        "About {count} people were affected, most of them for less than a day.",
        "The people who depend on the {last} had to wait, and some had to explain the delay to "
        "their own customers.",
        "Support answered {count} questions about it in the first two days.",
        "Colleagues in two other teams spent an afternoon on it instead of their own work.",
        "Nobody lost money in the end, but several customers lost some confidence in us for a while.",
        "The team that looks after the {first} worked late two evenings in a row to put it right.",
    ],
    "own_it": [
        "We said so within the hour, plainly, to everyone affected: what happened, what we knew "
        "and what we did not know yet.",
        "The person who noticed it first told the team lead straight away, and was thanked for it.",
        "We posted a short note in the company channel, so that nobody heard about it from a "
        "customer first.",
        "Our first message said “that was us” and promised an update by the end of the day; the "
        "update went out at four.",
        "We did not wait until we had every answer: a short, honest message early beat a perfect "
        "one late.",
    ],
    "make_it_right": [
        "We called every person who was affected, starting with the ones who had written to us.",
        "Each of them got a personal apology and the corrected {first} the same day.",
        "Where someone had extra costs because of it, we paid them without asking for receipts.",
        "We checked every other {last} from the same week, found two more small problems and "
        "fixed those too.",
        "A week later we wrote again to say what had changed, so that nobody had to wonder.",
    ],
    "learn_and_prevent": [
        "A second check now guards the {third}: nothing goes out until a second person has looked "
        "at the {last}.",
        "The setting that caused it is now shown on the confirmation screen, in red.",
        "The checklist for the {first} has one new line, and the tool does not continue until it "
        "is ticked.",
        "We test with test data only, from an account that cannot reach real people.",
        "Every change to the {first} now goes through a short review, however small it looks.",
        "We wrote the steps down and walked the whole team through them at the next staff meeting.",
    ],
}
# Paragraphs per long field (at least, at most) and sentences per paragraph.
SEED_PARAGRAPHS = {
    "what_happened": (3, 4),
    "who_was_affected": (1, 2),
    "own_it": (1, 2),
    "make_it_right": (2, 3),
    "learn_and_prevent": (2, 3),
}
SEED_SENTENCES_PER_PARAGRAPH = (2, 3)
SEED_SUMMARIES = [
    "The {first} reached people it was never meant for; we said so within the hour, put it "
    "right the same day, and a second check now comes first.",
    "What went wrong with the {first} on a busy afternoon, how we owned it with everyone "
    "affected, and the one step that now stops it happening again.",
    "A routine {first} went wrong because a setting had changed unseen; we told everyone "
    "affected at once and the setting is now shown in red.",
]
SEED_LESSONS = [
    "Check before sending",
    "Say it early",
    "Make the safe way the easy way",
    "Test with test data, from a place that cannot reach real people.",
    "A second pair of eyes costs least before, not after.",
    "Say “that was us” quickly: people forgive honesty faster than silence.",
    "Write the handover down, and read it back together.",
    "Defaults deserve as much attention as choices.",
    "Make the dangerous button look dangerous.",
    "When a step is removed, ask what it used to catch.",
    "Over-respond for the people affected.",
    "Share the lesson, not only the fix.",
]
SEED_ACTIONS = [
    "Add a second check before the {first} goes out",
    "Show the {second} setting on the confirmation screen",
    "Write down the steps for the {first} and share them",
    "Review every {last} from the last quarter",
    "Walk the team through the new steps at the next staff meeting",
]
SEED_QUESTIONS = [
    "Where could this happen to us?",
    "Which of our steps relies on one person getting it right every time?",
    "What would have made this easier to notice?",
    "Who would we tell first, and how fast?",
    "Which of our defaults have we never looked at?",
]


def seed_story_data(number, randomiser, published_at):
    """Story number `number` of a seeding, published at `published_at`: its fields and parts.

    Returns `fields` (keyword arguments of `StoryPageFactory`), the names of three `tags`,
    `lessons`, `actions` (CorrectiveAction fields), `questions`, and whether it is `anonymous`.
    The team, series and author are the seeder's to choose.
    """
    title, words = SEED_SCENARIOS[number % len(SEED_SCENARIOS)]
    words = words.split()
    slots = {"first": words[0], "second": words[1], "third": words[2], "last": words[-1]}

    def text(field):
        paragraphs = []
        for paragraph in range(randomiser.randint(*SEED_PARAGRAPHS[field])):
            sentences = randomiser.sample(
                SEED_SENTENCES[field], randomiser.randint(*SEED_SENTENCES_PER_PARAGRAPH)
            )
            if field == "what_happened" and paragraph == 0:
                sentences[0] = SEED_OPENING
            filled = (s.format(count=randomiser.randint(3, 400), **slots) for s in sentences)
            paragraphs.append("<p>" + " ".join(filled) + "</p>")
        return "".join(paragraphs)

    happened = (published_at - datetime.timedelta(days=randomiser.randint(3, 180))).date()
    actions = []
    for description in randomiser.sample(SEED_ACTIONS, randomiser.randint(1, 3)):
        due = published_at.date() + datetime.timedelta(days=randomiser.randint(7, 60))
        actions.append(
            {
                "description": description.format(**slots),
                "owner": randomiser.choice(SEED_TEAMS + ["Operations", "Team leads"]),
                "due_date": due,
                "status": CorrectiveAction.Status.DONE
                if due < timezone.localdate() and randomiser.random() < 0.8
                else CorrectiveAction.Status.OPEN,
            }
        )
    return {
        "fields": {
            "title": f"{title} (#{number + 1})",
            "slug": f"story-{number + 1}",
            "summary": randomiser.choice(SEED_SUMMARIES).format(**slots),
            "what_happened": text("what_happened"),
            "who_was_affected": text("who_was_affected"),
            "own_it": text("own_it"),
            "make_it_right": text("make_it_right"),
            "learn_and_prevent": text("learn_and_prevent"),
            "part": randomiser.choice(StoryPage.Part.values),
            "size": randomiser.choice(StoryPage.Size.values),
            "happened_on": happened.replace(day=1),
            "good_for_meetings": randomiser.random() < 0.2,
            "first_published_at": published_at,
        },
        "tags": randomiser.sample(SEED_TAGS, 3),
        "lessons": randomiser.sample(SEED_LESSONS, randomiser.randint(1, 4)),
        "actions": actions,
        "questions": randomiser.sample(SEED_QUESTIONS, randomiser.randint(0, 3)),
        "anonymous": randomiser.random() < 0.25,
    }

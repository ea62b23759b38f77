"""A labelled set for "Has this happened before?": new drafts, worded as a colleague might write
them, and the published demo story (stories/demo_stories.py) each one repeats.

Written before the concept list, from the demo stories' topics, not from the finder's words:
many drafts share no exact word with the story they repeat ("SSL renewal lapsed" for "Our TLS
certificate expired"). Used by tests/stories/test_repeat_finder.py (the shipped finder must
put the story in its top five for at least 70 % of them) and by bench/repeat_finder.py (every
approach's hit rate and time per query). HELD_OUT, at the end, is a second set written later.
"""

PAIRS = [
    (
        {
            "title": "SSL renewal lapsed and the login page warned everyone away",
            "summary": "The HTTPS cert on our sign-in site ran out overnight.",
            "what_happened": "Browsers showed a red warning page for most of Sunday because the "
            "automatic renewal had stopped working weeks before.",
        },
        "Our TLS certificate expired on a Saturday",
    ),
    (
        {
            "title": "Visitors were told our help centre was not private",
            "summary": "Nobody renewed the security cert in time.",
            "what_happened": "People opening the help centre got “your connection is not "
            "private”. The cert had a one-year life and the reminder went to a former colleague.",
        },
        "Our TLS certificate expired on a Saturday",
    ),
    (
        {
            "title": "A mail blast went out by accident",
            "summary": "I meant to preview the campaign mailing in my own inbox.",
            "what_happened": "Instead of my inbox, the mailing was dispatched to our entire "
            "subscriber database, placeholder text and all.",
        },
        "A test email went to every customer",
    ),
    (
        {
            "title": "Placeholder newsletter reached the whole audience",
            "summary": "A draft mailing with dummy copy was sent for real.",
            "what_happened": "The mailing tool kept the audience from the previous campaign, so my "
            "trial run went to all subscribers.",
        },
        "A test email went to every customer",
    ),
    (
        {
            "title": "Flyers printed with a disconnected hotline",
            "summary": "The leaflets for the trade fair listed a number we had cancelled.",
            "what_happened": "We reused last year's artwork and nobody rang the hotline before "
            "the print run.",
        },
        "The wrong phone number on posters in 25 cities",
    ),
    (
        {
            "title": "Banners with last year's address",
            "summary": "Roadshow banners were made from an outdated template.",
            "what_happened": "The banners pointed people to a contact line and web address we no "
            "longer use, and the proof was never checked against current details.",
        },
        "The wrong phone number on posters in 25 cities",
    ),
    (
        {
            "title": "Nobody answered an account during my annual leave",
            "summary": "I was away for a fortnight and one customer's messages sat unanswered.",
            "what_happened": "My cover list left them out because they had been quiet, and my "
            "auto-reply pointed to a mailbox no one checked.",
        },
        "A client project went quiet while I was on holiday",
    ),
    (
        {
            "title": "Cover notes forgot a customer while I was off",
            "summary": "Before parental leave I passed on my work but missed one account.",
            "what_happened": "They waited ten days for an answer because my colleague did not "
            "know the account was theirs to look after.",
        },
        "A client project went quiet while I was on holiday",
    ),
    (
        {
            "title": "Catering forgot the vegetarian guests",
            "summary": "The sandwiches for partner day had nothing for people with dietary "
            "requirements.",
            "what_happened": "I reused an old catering order; the allergy and diet details were "
            "in the registration replies, which I did not check.",
        },
        "The vegan dishes were missing from the client lunch order",
    ),
    (
        {
            "title": "Service outage during a schema migration",
            "summary": "Our app was unavailable most of the afternoon.",
            "what_happened": "The migration ran out of storage on production, which is far bigger "
            "than staging, and the maintenance window overran by hours.",
        },
        "The afternoon our platform went down",
    ),
    (
        {
            "title": "Maintenance took the system offline far longer than planned",
            "summary": "An upgrade of the main data store overran.",
            "what_happened": "We rehearsed on an old, small copy, so the real run took three times "
            "as long and users could not log in.",
        },
        "The afternoon our platform went down",
    ),
    (
        {
            "title": "A bill went to the wrong company",
            "summary": "I chose the wrong customer from a list of look-alike names.",
            "what_happened": "The billing statement, with another customer's services on it, was "
            "emailed to a firm with almost the same name.",
        },
        "An invoice went to the wrong client",
    ),
    (
        {
            "title": "Statement sent to the other Acme",
            "summary": "Two accounts are both called Acme and I picked the wrong one.",
            "what_happened": "The charges of one Acme reached the other Acme's finance team.",
        },
        "An invoice went to the wrong client",
    ),
    (
        {
            "title": "I erased a team drive by accident",
            "summary": "Cleaning up my files removed a directory the whole department used.",
            "what_happened": "IT recovered it from the nightly copy, but the team lost half a day "
            "of work.",
        },
        "I deleted the shared sales folder",
    ),
    (
        {
            "title": "The meeting room was reserved twice for one night",
            "summary": "Two events ended up in the same hall on the same evening.",
            "what_happened": "One team used reception's paper list and the other the online "
            "calendar, so each reservation looked free.",
        },
        "We booked the same venue twice",
    ),
    (
        {
            "title": "The pricing page was out of date after a discount",
            "summary": "The cost shown online did not match what checkout charged.",
            "what_happened": "We cut a plan's cost at the start of the month, but the page listing "
            "plans is edited by hand and kept the old figure.",
        },
        "The website showed the wrong price for a week",
    ),
    (
        {
            "title": "An agreement ran out without anyone noticing",
            "summary": "A customer's subscription term ended and nobody extended it.",
            "what_happened": "The reminder went to a mailbox that had been shut down, so their "
            "service was cut off for a week.",
        },
        "We missed a contract renewal date",
    ),
    (
        {
            "title": "Frank internal comments reached the customer",
            "summary": "Our private remarks about a difficult customer went to them.",
            "what_happened": "I answered from a forwarded thread that still contained the team's "
            "comments on how to handle them.",
        },
        "Internal notes went to a customer in a reply-all",
    ),
    (
        {
            "title": "Half the attendees joined the online event at the wrong hour",
            "summary": "The invitation said 2 pm but not which zone.",
            "what_happened": "Guests in Berlin and London read it differently; the calendar "
            "entries used the host's own zone.",
        },
        "The webinar invitation had the wrong time zone",
    ),
    (
        {
            "title": "A customer was reimbursed two times",
            "summary": "The approval button was slow, so I pressed it again.",
            "what_happened": "Both presses went through and the money went out twice.",
        },
        "A refund was paid twice",
    ),
    (
        {
            "title": "Duplicate payment after the page hung",
            "summary": "A transfer was submitted twice when the screen froze.",
            "what_happened": "The bank tool did not show the first one, so I clicked again and "
            "paid the same amount a second time.",
        },
        "A refund was paid twice",
    ),
    (
        {
            "title": "New hire had no computer on their first day",
            "summary": "Onboarding equipment was stuck waiting for a sign-off.",
            "what_happened": "The order needed a budget approval nobody knew about, so our new "
            "colleague spent the first day borrowing a machine.",
        },
        "A new starter's laptop was not ready on day one",
    ),
    (
        {
            "title": "Canned response addressed people as someone else",
            "summary": "A saved support template still held one person's name.",
            "what_happened": "Dozens of customers were greeted with “Dear Tom” because the reply "
            "was written for Tom and reused as it was.",
        },
        "A support macro greeted customers by the wrong name",
    ),
    (
        {
            "title": "Reply template kept the first customer's name",
            "summary": "Our snippet for billing questions began with a real person's name.",
            "what_happened": "Agents used it all week before someone noticed that every answer "
            "started “Hi Margaret”.",
        },
        "A support macro greeted customers by the wrong name",
    ),
]


# Written after the topic list (stories/mistake_topics.py) and never used to change it: a check of
# how the shipped finder does on wording nobody tuned it for. Reported beside PAIRS, not asserted
# at 70 % (bench/repeat_finder.py prints both).
HELD_OUT = [
    (
        {
            "title": "Customers saw a scary browser page on our shop",
            "summary": "The padlock was gone because the site's certificate was not renewed.",
            "what_happened": "For a morning, every visitor was told the shop might be unsafe.",
        },
        "Our TLS certificate expired on a Saturday",
    ),
    (
        {
            "title": "My trial message reached everyone on our list",
            "summary": "I wanted to check how the email looked and sent it to all of them.",
            "what_happened": "Thousands of people got a half-finished message from us.",
        },
        "A test email went to every customer",
    ),
    (
        {
            "title": "Brochures with a dead support number",
            "summary": "The number on the brochures no longer rang anywhere.",
            "what_happened": "We handed out two thousand copies before a customer told us.",
        },
        "The wrong phone number on posters in 25 cities",
    ),
    (
        {
            "title": "A client chased us for two weeks while I was abroad",
            "summary": "Nobody picked up my accounts while I was away.",
            "what_happened": "Their emails sat in my inbox and the project stalled.",
        },
        "A client project went quiet while I was on holiday",
    ),
    (
        {
            "title": "Nothing for the plant-based guests",
            "summary": "The lunch we ordered for visitors had no meat-free dishes.",
            "what_happened": "Three of our guests ate only bread at the client meeting.",
        },
        "The vegan dishes were missing from the client lunch order",
    ),
    (
        {
            "title": "The app was unreachable for three hours",
            "summary": "A change took the servers down at lunchtime.",
            "what_happened": "Customers could not sign in and support got hundreds of calls.",
        },
        "The afternoon our platform went down",
    ),
    (
        {
            "title": "We billed Jones Ltd for Johnson Ltd's work",
            "summary": "Two customers with close names were mixed up on an invoice.",
            "what_happened": "One customer saw the other's hours and rates.",
        },
        "An invoice went to the wrong client",
    ),
    (
        {
            "title": "One click and the sales directory was gone",
            "summary": "I removed a folder the whole sales team worked from.",
            "what_happened": "It took a day to get the files back from the copy.",
        },
        "I deleted the shared sales folder",
    ),
    (
        {
            "title": "Two groups turned up at the same hall",
            "summary": "The same space was reserved for two events on one evening.",
            "what_happened": "We had to move our guests to a café down the road.",
        },
        "We booked the same venue twice",
    ),
    (
        {
            "title": "The checkout showed last year's subscription cost",
            "summary": "Customers paid the old amount for a week.",
            "what_happened": "The new figure was changed in one place but not on the web.",
        },
        "The website showed the wrong price for a week",
    ),
    (
        {
            "title": "A supplier cut us off because the deal was not extended",
            "summary": "Nobody noticed the end date of the agreement.",
            "what_happened": "The service stopped on a Monday and we had to sign again in a hurry.",
        },
        "We missed a contract renewal date",
    ),
    (
        {
            "title": "My private remarks about a client ended up in their inbox",
            "summary": "I forwarded a thread without reading all of it.",
            "what_happened": "Our notes on how hard they were to work with went with it.",
        },
        "Internal notes went to a customer in a reply-all",
    ),
    (
        {
            "title": "People in London joined the online session an hour late",
            "summary": "The start time in the invite was for the wrong country.",
            "what_happened": "Half the audience missed the first part of the talk.",
        },
        "The webinar invitation had the wrong time zone",
    ),
    (
        {
            "title": "The same customer got their money back two times",
            "summary": "I pressed the button again when the screen froze.",
            "what_happened": "Finance noticed a week later when the books did not add up.",
        },
        "A refund was paid twice",
    ),
    (
        {
            "title": "A new colleague waited three days for a working PC",
            "summary": "Nobody ordered the kit before their start.",
            "what_happened": "They sat beside others and read documents for three days.",
        },
        "A new starter's laptop was not ready on day one",
    ),
    (
        {
            "title": "Customers were greeted with a stranger's name",
            "summary": "A stored answer in the help desk began with one person's name.",
            "what_happened": "Many people wrote back asking who that was.",
        },
        "A support macro greeted customers by the wrong name",
    ),
]

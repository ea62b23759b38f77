"""The demo's stories, written for the demo: realistic, warm and blameless.

Plain text (blank lines between paragraphs), turned into rich text by `stories.demo`. Each story:
`author` is a demo username (None: no recorded author), `days_ago` when it was published,
`months_before` how long before publication it happened; actions are
(description, owning team or role, due days after publication or None, status); an owner
"Team · role" is the team with a role in it. `repeat_of` is (earlier story's title, the title of
its action that did not hold, or None when none was meant to prevent it).
"""

SERIES = "I screw up so you don't have to"

TEAMS = {
    "Sales": "New customers, renewals and the deals in between.",
    "Support": "Helping customers by phone, chat and email.",
    "Engineering": "The product, the platform and keeping it running.",
    "Marketing": "Campaigns, events, the website and the newsletter.",
    "Finance": "Invoices, payments, payroll and the budget.",
    "Operations": "Offices, equipment, suppliers and the everyday running of things.",
}
# Demo users who belong to each team (the team leads build meeting packs for theirs). Five
# teams have at least five people, so their anonymous stories show the team; Finance has two,
# so its anonymous story shows none (stories/small_groups.py).
MEMBERS = {
    "Sales": ["tove", "priya", "noor", "kofi", "ines"],
    "Support": ["lee", "sam", "mateo", "aiko", "femi"],
    "Engineering": ["lee", "erin", "hana", "ravi", "lena", "aiko"],
    "Marketing": ["tove", "priya", "omar", "zara", "noor"],
    "Finance": ["casey", "jonas"],
    "Operations": ["morgan", "sam", "kofi", "femi", "omar"],
}

PUBLISHED = [
    {
        "title": "A test email went to every customer",
        "summary": "A test send of the newsletter went to 41,000 customers; test sends now "
        "cannot reach the live list.",
        "author": "priya",
        "anonymous": False,
        "team": "Marketing",
        "part": "made",
        "size": "large",
        "tags": ["email", "customers", "testing"],
        "series": True,
        "good_for_meetings": True,
        "days_ago": 402,
        "months_before": 0,
        "what_happened": "I was checking the layout of the spring newsletter and pressed “Send "
        "test”. The email tool remembered the last list it had used, which was the full "
        "customer list, not the test list.\n\nWithin a minute, 41,000 customers received an "
        "email with the subject line “TEST – do not send – lorem ipsum”.",
        "who_was_affected": "Every customer on the newsletter list got a confusing email. "
        "Support had about 300 replies in the first hour, most of them amused, some worried "
        "that our account had been hacked.",
        "own_it": "I told my manager and Support within five minutes, before the first replies "
        "arrived. By the end of the hour we had posted a short, honest note on our social "
        "channels: “That was us, testing. Sorry for the noise.”",
        "make_it_right": "The next morning every customer received a one-line apology with the "
        "real newsletter. Support answered every reply personally, and we checked that no "
        "customer data had been exposed (none had).",
        "learn_and_prevent": "Test sends now go from a separate account that only holds the test "
        "list. The live “Send” button needs a second person to confirm for lists over 1,000 "
        "people.",
        "lessons": [
            "Test with test data, from a place that cannot reach real people.",
            "Make the dangerous button look dangerous.",
            "Say “that was us” quickly: customers forgive honesty faster than silence.",
        ],
        "actions": [
            ("Separate email account for test sends", "Marketing operations", 14, "done"),
            ("Second confirmation for sends over 1,000 people", "Marketing operations", 30, "done"),
        ],
        "questions": [
            "Where in our work can a test reach a real customer?",
            "Which of our buttons should need a second person?",
        ],
    },
    {
        "title": "The wrong phone number on posters in 25 cities",
        "summary": "A campaign poster went to print with an old phone number; a call-forward "
        "saved the campaign and a proofing step now checks every number by calling it.",
        "author": "sam",
        "anonymous": False,
        "team": "Marketing",
        "part": "witnessed",
        "size": "huge",
        "tags": ["print", "campaigns", "proofing"],
        "series": False,
        "good_for_meetings": True,
        "days_ago": 371,
        "months_before": 1,
        "what_happened": "Our autumn campaign put posters up in 25 cities. The artwork came from "
        "last year's template, and the phone number on it was the one we gave up when we "
        "changed providers.\n\nI noticed on the second morning when I called the number from a "
        "bus stop for fun and reached a stranger's voicemail.",
        "who_was_affected": "Anyone who called the number for two days reached a disconnected "
        "line. The stranger who now had the number got dozens of calls.",
        "own_it": "I sent a photo to the campaign lead straight away; within the hour the whole "
        "team knew, and our head of marketing called the new owner of the number to apologise.",
        "make_it_right": "The phone company agreed to forward the old number to our sales line for "
        "six months, at our cost, and the new owner got a new number and a thank-you hamper. "
        "We reprinted stickers for the posters in the five biggest cities.",
        "learn_and_prevent": "Proofing now includes calling every phone number and opening every "
        "link on the final print file. Templates no longer contain contact details: they are "
        "pulled from one shared, current list.",
        "lessons": [
            "Check the final file, not the draft you remember.",
            "Call the number. Open the link.",
            "Old templates carry old facts.",
        ],
        "actions": [
            ("Add “call every number” to the print checklist", "Marketing", 7, "done"),
            ("Contact details come from one shared list", "Marketing operations", 45, "done"),
        ],
        "questions": ["Which of our templates still carry old facts?"],
    },
    {
        "title": "A client project went quiet while I was on holiday",
        "summary": "A handover note missed one client; they waited two weeks for an answer. "
        "Handovers now list every open thread, and clients get a named backup.",
        "author": "erin",
        "anonymous": True,
        "team": "Engineering",
        "part": "made",
        "size": "large",
        "tags": ["clients", "handover", "holidays"],
        "series": True,
        "good_for_meetings": True,
        "days_ago": 340,
        "months_before": 1,
        "what_happened": "Before two weeks of holiday I wrote a handover note for my projects. "
        "One client's integration had been quiet for a month, so it did not make the list.\n\n"
        "The day after I left, they sent three questions. The emails came to me; my "
        "out-of-office pointed to a shared inbox nobody was watching for that client.",
        "who_was_affected": "The client's own launch slipped by a week while they waited. Their "
        "project manager had to explain the delay to their board.",
        "own_it": "On my first morning back I called the client before reading anything else, "
        "apologised, and told my manager what had happened and why.",
        "make_it_right": "We answered all three questions that day, put an engineer on their "
        "launch for the following week at no cost, and joined their launch call to support them.",
        "learn_and_prevent": "Handover notes are now generated from the project list, so every "
        "open client appears, quiet or not. Every client has a named backup person who is told "
        "when the main contact is away.",
        "lessons": [
            "Quiet is not the same as finished.",
            "A handover lists everything, then says what can wait.",
            "Out-of-office replies should name a person, not an inbox.",
        ],
        "actions": [
            ("Generate handover notes from the project list", "Engineering", 30, "done"),
            ("Named backup for every client", "Client services", 14, "done"),
        ],
        "questions": ["Who would answer your clients if you were away tomorrow?"],
    },
    {
        "title": "The vegan dishes were missing from the client lunch order",
        "summary": "A lunch order for a client workshop left out three vegan meals; the order form "
        "now asks for dietary needs before anything else.",
        "author": "morgan",
        "anonymous": False,
        "team": "Operations",
        "part": "made",
        "size": "small",
        "tags": ["events", "clients", "food"],
        "series": False,
        "good_for_meetings": False,
        "days_ago": 318,
        "months_before": 0,
        "what_happened": "I ordered lunch from our usual restaurant for a client workshop of 14 "
        "people. I copied the order from last month's workshop, which had no dietary needs. "
        "Three guests had told us they were vegan; that information was in a different email.",
        "who_was_affected": "Three guests, one of them the client's director, had a plate of "
        "salad garnish while everyone else ate.",
        "own_it": "When the food arrived I saw the gap, told our host at once, and apologised "
        "to the three guests myself before they had to ask.",
        "make_it_right": "A nearby café delivered three vegan lunches within 25 minutes. Each guest "
        "received a handwritten note and a voucher for the café the next day.",
        "learn_and_prevent": "The event form now asks for dietary needs first, and the catering "
        "order cannot be sent until that question is answered, even if the answer is “none”.",
        "lessons": [
            "Copying last time's order copies last time's guests.",
            "Ask for what matters before anything else.",
        ],
        "actions": [("Dietary question first on the event form", "Operations", 10, "done")],
        "questions": ["What do we copy from last time without checking?"],
    },
    {
        "title": "The afternoon our platform went down",
        "summary": "A database upgrade took the platform offline for three hours; a status page and "
        "hourly updates kept clients informed, and upgrades are now rehearsed first.",
        "author": "lee",
        "anonymous": False,
        "team": "Engineering",
        "part": "made",
        "size": "huge",
        "tags": ["outage", "communication", "clients", "infrastructure"],
        "series": True,
        "good_for_meetings": True,
        "days_ago": 290,
        "months_before": 0,
        "what_happened": "We planned a 20-minute database upgrade for a quiet Tuesday afternoon. "
        "The upgrade needed far more disk space than the test copy had suggested, because the "
        "test copy was a year old and a third of the size.\n\nThe platform was unavailable for "
        "three hours and ten minutes.",
        "who_was_affected": "All of our clients, about 1,200 companies, could not log in. Two had "
        "deadlines that afternoon.",
        "own_it": "Ten minutes in, we put a notice on the status page saying what we knew and "
        "when we would next update. Every hour we posted what had changed, even when the answer "
        "was “still working on it”.",
        "make_it_right": "Account managers called the two clients with deadlines and helped them "
        "ask for extensions; we wrote letters supporting both. Every client received a written "
        "account of what happened within 48 hours, and a service credit.",
        "learn_and_prevent": "Upgrades are now rehearsed on a fresh, full-size copy of the "
        "database. The status page is updated from a checklist that starts the moment an "
        "incident is declared.",
        "lessons": [
            "Rehearse on something the size of the real thing.",
            "Update on a schedule, even when there is no news.",
            "Call the people with the most at stake.",
        ],
        "actions": [
            ("Rehearse upgrades on a full-size copy", "Engineering · platform", 30, "done"),
            (
                "Incident checklist starts with the status page",
                "Engineering · the on-call engineer",
                14,
                "open",
            ),
            ("Service credit for every client", "Finance", 21, "done"),
        ],
        "questions": [
            "How would our clients hear about a problem on our side?",
            "What do we test on something smaller than the real thing?",
        ],
    },
    {
        "title": "An invoice went to the wrong client",
        "summary": "Two clients with similar names were next to each other in a drop-down; an "
        "invoice went to the wrong one. Invoices now show the client's address before sending.",
        "author": "casey",
        "anonymous": True,
        "team": "Finance",
        "part": "made",
        "size": "medium",
        "tags": ["invoices", "clients", "privacy"],
        "series": False,
        "good_for_meetings": True,
        "days_ago": 262,
        "months_before": 0,
        "what_happened": "We have two clients called Northfield: Northfield Logistics and "
        "Northfield Legal. I picked the wrong one in the billing system's drop-down, and an "
        "invoice listing one client's services went to the other.",
        "who_was_affected": "Northfield Legal saw what Northfield Logistics buys from us and how "
        "much it pays. Northfield Logistics' invoice was late.",
        "own_it": "Northfield Legal emailed us the same day. I told my manager and our data "
        "protection lead within the hour, and we called both clients that afternoon.",
        "make_it_right": "Northfield Legal confirmed in writing that they had deleted the invoice. "
        "We explained to Northfield Logistics exactly what had been seen, and waived the late "
        "fee on their own invoice.",
        "learn_and_prevent": "The billing screen now shows the client's full name and address in "
        "large type before sending, and clients with similar names are flagged.",
        "lessons": [
            "Similar names need more than a drop-down.",
            "Tell the person whose information it was, quickly and exactly.",
        ],
        "actions": [
            ("Show the full client name and address before sending", "Finance systems", 21, "done"),
            ("Flag clients with similar names", "Finance", 30, "done"),
        ],
        "questions": ["Where do we pick people or clients from a list that looks alike?"],
    },
    {
        "title": "I deleted the shared sales folder",
        "summary": "Tidying my own files removed a shared folder for everyone; it was restored "
        "from backup the same day and shared folders now have an owner and a recycle period.",
        "author": "sam",
        "anonymous": False,
        "team": "Operations",
        "part": "made",
        "size": "medium",
        "tags": ["files", "backups", "tools"],
        "series": True,
        "good_for_meetings": False,
        "days_ago": 240,
        "months_before": 0,
        "what_happened": "I was tidying my drive before moving to a new laptop and deleted a "
        "folder called “Old proposals”. It was not mine: it was the sales team's shared folder, "
        "shown in my drive because I had been given access to it.",
        "who_was_affected": "The sales team lost access to 600 proposals for about five hours, "
        "on a day with two proposal deadlines.",
        "own_it": "As soon as a colleague asked where the folder had gone, I said it was me and "
        "called IT together with them.",
        "make_it_right": "IT restored the folder from the nightly backup; I retyped the two "
        "proposals that had changed that morning, from the copies people had emailed.",
        "learn_and_prevent": "Shared folders now have a named owner, only owners can delete them, "
        "and deleted shared files stay in a recycle bin for 30 days.",
        "lessons": [
            "Shared things need an owner.",
            "The tool should make the difference between mine and ours obvious.",
        ],
        "actions": [
            ("Only owners can delete shared folders", "IT", 14, "done"),
            ("30-day recycle bin for shared drives", "IT", 14, "done"),
        ],
        "questions": ["Which shared things in our team have no owner?"],
    },
    {
        "title": "We booked the same venue twice",
        "summary": "Two teams booked the conference room for the same evening through different "
        "calendars; one event moved at short notice. Rooms are now booked in one place.",
        "author": "tove",
        "anonymous": False,
        "team": "Marketing",
        "part": "received",
        "size": "medium",
        "tags": ["events", "bookings", "tools"],
        "series": False,
        "good_for_meetings": False,
        "days_ago": 214,
        "months_before": 1,
        "what_happened": "Our customer evening and the engineering meetup were both booked in "
        "the big conference room for the same Thursday. Marketing booked with the building's "
        "reception, engineering in the office calendar; neither saw the other.",
        "who_was_affected": "Forty meetup guests were told two days before that the venue had "
        "changed. The meetup organisers spent a day finding a new room.",
        "own_it": "Both teams met the morning it came to light and agreed within the hour which "
        "event would move, and who would tell whom.",
        "make_it_right": "We paid for the replacement venue and the catering there, and the "
        "meetup guests got a personal email with directions and an apology.",
        "learn_and_prevent": "Rooms are booked in the office calendar only; reception now books "
        "through it too.",
        "lessons": [
            "Two booking systems mean no booking system.",
            "Decide quickly who moves; fairness can be sorted out after.",
        ],
        "actions": [("One calendar for every room booking", "Operations", 21, "done")],
        "questions": [],
    },
    {
        "title": "The website showed the wrong price for a week",
        "summary": "A price update missed the website while the shop had the new price; "
        "customers who paid more were refunded and prices now come from one source.",
        "author": "priya",
        "anonymous": True,
        "team": "Sales",
        "part": "received",
        "size": "large",
        "tags": ["pricing", "website", "customers"],
        "series": False,
        "good_for_meetings": True,
        "days_ago": 190,
        "months_before": 0,
        "what_happened": "We lowered the price of our Team plan on the first of the month. The "
        "checkout used the new price; the pricing page, which is edited by hand, still showed "
        "the old, higher one for a week.\n\nI found out from a customer on the phone.",
        "who_was_affected": "Customers comparing plans saw a higher price than they would have "
        "paid; some chose a smaller plan because of it.",
        "own_it": "I passed it to the web team during the call and told the customer we would "
        "come back to them by the end of the day, which we did.",
        "make_it_right": "We offered everyone who bought a smaller plan that week an upgrade at "
        "the new price, backdated, and thanked the customer who told us with a free month.",
        "learn_and_prevent": "The pricing page now reads prices from the same place as the "
        "checkout. A price change has one checklist, owned by Sales operations.",
        "lessons": [
            "One price, one place.",
            "The customer who tells you about a mistake is doing you a favour.",
        ],
        "actions": [
            ("Pricing page reads prices from the checkout", "Web team", 30, "done"),
            ("Price change checklist", "Sales operations", 14, "done"),
        ],
        "questions": ["Where do we keep the same fact in two places?"],
    },
    {
        "title": "We missed a contract renewal date",
        "summary": "A renewal reminder went to a shared inbox nobody read; the contract lapsed for "
        "a week. Renewals are now tracked 90 days ahead with a named owner.",
        "author": "tove",
        "anonymous": False,
        "team": "Sales",
        "part": "made",
        "size": "large",
        "tags": ["contracts", "renewals", "clients"],
        "series": True,
        "good_for_meetings": True,
        "days_ago": 165,
        "months_before": 0,
        "what_happened": "One of our longest-standing clients had a contract ending on the 30th. "
        "The reminder was set up years ago to go to an inbox that was closed when we changed "
        "email systems. Nobody knew the date was coming until the client's service stopped.",
        "who_was_affected": "The client's staff could not use our service for a week while the "
        "paperwork caught up. Their team worked from spreadsheets.",
        "own_it": "I called the client the morning their service stopped, before they called us, "
        "and said plainly that the date had slipped past us.",
        "make_it_right": "We switched the service back on the same day under the old terms while "
        "the new contract was signed, and did not charge for the renewal month.",
        "learn_and_prevent": "Every contract now has a named owner and a renewal review 90 days "
        "before the end date, listed in the weekly sales meeting.",
        "lessons": [
            "A reminder to an inbox nobody reads is not a reminder.",
            "Important dates need a person, not just a system.",
        ],
        "actions": [
            ("Renewal review 90 days ahead for every contract", "Sales operations", 30, "done"),
            (
                "Check every automatic reminder still reaches a person",
                "Operations · IT",
                60,
                "open",
            ),
        ],
        "questions": ["Which of our reminders go to an inbox nobody reads?"],
    },
    {
        "title": "Our TLS certificate expired on a Saturday",
        "summary": "A certificate renewal failed silently; the customer portal showed security "
        "warnings for six hours. Certificates now renew automatically and are monitored.",
        "author": "erin",
        "anonymous": False,
        "team": "Engineering",
        "part": "made",
        "size": "large",
        "tags": ["security", "outage", "infrastructure"],
        "series": False,
        "good_for_meetings": False,
        "days_ago": 140,
        "months_before": 0,
        "what_happened": "The certificate for our customer portal expired at 02:00 on a Saturday. "
        "The renewal job had been failing for a month because of a changed password, and its "
        "failure emails were filtered into a folder.",
        "who_was_affected": "For six hours customers saw a browser warning saying the portal was "
        "not safe. Most left; a few called Support worried about a hack.",
        "own_it": "The on-call engineer saw the first Support message at 07:40, confirmed the "
        "cause within ten minutes and posted on the status page.",
        "make_it_right": "The certificate was renewed by 08:15. We emailed every customer who "
        "had tried to log in that morning to explain that their data had been safe throughout.",
        "learn_and_prevent": "Certificates now renew automatically through our hosting provider, "
        "and monitoring alerts the on-call engineer 21 days before any certificate expires.",
        "lessons": [
            "A failure email in a filtered folder is a silent failure.",
            "Monitor the date, not just the job.",
        ],
        "actions": [
            ("Automatic certificate renewal", "Engineering · platform", 14, "done"),
            ("Expiry alerts 21 days ahead", "Engineering · platform", 14, "open"),
        ],
        "questions": ["What expires in our work, and who would notice?"],
        # Did the fix hold? Its failure emails went to a folder nobody read: the renewal story's
        # action to check that every automatic reminder reaches a person had not been done.
        "repeat_of": (
            "We missed a contract renewal date",
            "Check every automatic reminder still reaches a person",
        ),
    },
    {
        "title": "Internal notes went to a customer in a reply-all",
        "summary": "A reply-all included our internal notes about a customer's complaint; we "
        "apologised in person and internal notes now live in the ticket, not in email.",
        "author": None,
        "anonymous": True,
        "team": "Support",
        "part": "made",
        "size": "medium",
        "tags": ["email", "customers", "support"],
        "series": False,
        "good_for_meetings": True,
        "days_ago": 118,
        "months_before": 0,
        "what_happened": "A customer's complaint was forwarded around the team by email with our "
        "notes on how to handle it. Answering the customer, I replied to the whole thread, notes "
        "included. The notes were frank about how often this customer contacted us.",
        "who_was_affected": "The customer read how we talked about them, and felt judged.",
        "own_it": "I saw the thread in my sent items a minute later, told my team lead straight "
        "away, and we called the customer that afternoon.",
        "make_it_right": "My team lead and I apologised on the phone, without excuses, and fixed "
        "the original problem that same day. The customer accepted, and has stayed with us.",
        "learn_and_prevent": "Internal notes are written in the support ticket, which customers "
        "never see, not in email. We also talk about customers as if they could read it.",
        "lessons": [
            "Write about people as if they will read it.",
            "Keep internal notes where customers cannot see them.",
        ],
        "actions": [
            ("Internal notes only in tickets", "Support", 7, "done"),
            ("Review our saved replies every quarter", "Support", 100, "open"),
        ],
        "questions": ["Would we be comfortable if our customers read our notes about them?"],
    },
    {
        "title": "The webinar invitation had the wrong time zone",
        "summary": "An invitation said 3 pm without a time zone; half the audience arrived an "
        "hour early. Invitations now show times in each reader's own zone.",
        "author": "priya",
        "anonymous": False,
        "team": "Marketing",
        "part": "made",
        "size": "medium",
        "tags": ["events", "time zones", "email"],
        "series": False,
        "good_for_meetings": False,
        "days_ago": 96,
        "months_before": 0,
        "what_happened": "I wrote the invitation for our product webinar as “Thursday, 3 pm”. "
        "Our audience is in the UK and in Central Europe, and the webinar tool sent calendar "
        "invitations in the organiser's zone.",
        "who_was_affected": "About 200 people in Europe joined an hour early to an empty room; "
        "some could not come back an hour later.",
        "own_it": "When the first people joined early, we posted a message in the waiting room "
        "explaining the mix-up and the real start time.",
        "make_it_right": "The recording went to everyone who registered, with a personal apology, "
        "and we ran a second live session at a time that suited Europe.",
        "learn_and_prevent": "Invitations now include the time zone and a calendar link that shows "
        "the time in each reader's own zone.",
        "lessons": ["A time without a time zone is a guess."],
        "actions": [("Time zone and calendar link in every invitation", "Marketing", 7, "done")],
        "questions": [],
    },
    {
        "title": "A refund was paid twice",
        "summary": "A slow screen and a second click paid a customer's refund twice; the customer "
        "kindly returned it and refunds now cannot be submitted twice.",
        "author": "casey",
        "anonymous": False,
        "team": "Finance",
        "part": "witnessed",
        "size": "small",
        "tags": ["payments", "tools"],
        "series": False,
        "good_for_meetings": False,
        "days_ago": 18,
        "months_before": 0,
        "what_happened": "A colleague approved a refund of 480 euros. The screen took a long time "
        "to respond, so they clicked “Approve” again. Both clicks went through.",
        "who_was_affected": "The customer received the refund twice. Our accounts did not "
        "balance at month end.",
        "own_it": "We found it in the month-end check and called the customer the next day to "
        "explain.",
        "make_it_right": "The customer returned the extra payment; we sent flowers to say thank "
        "you for their honesty and patience.",
        "learn_and_prevent": "The approve button now disables itself after the first click, and "
        "the system refuses a second refund for the same order within a day.",
        "lessons": ["If a screen is slow, people click twice: design for it."],
        "actions": [("Refunds cannot be approved twice", "Finance systems", 21, "done")],
        "questions": [],
    },
    {
        "title": "A new starter's laptop was not ready on day one",
        "summary": "A laptop request waited for an approval nobody knew about; the new starter "
        "spent a day without one. Equipment is now ordered when the contract is signed.",
        "author": "lee",
        "anonymous": True,
        "team": "Operations",
        "part": "received",
        "size": "small",
        "tags": ["onboarding", "equipment"],
        "series": False,
        "good_for_meetings": False,
        "days_ago": 11,
        "months_before": 0,
        "what_happened": "A new engineer joined my team on a Monday. The laptop order had been "
        "waiting for a budget approval step that had been added the month before, and the "
        "approval request went to someone on leave.",
        "who_was_affected": "The new starter spent their first day reading documents on a "
        "borrowed tablet, and wondered whether we had expected them.",
        "own_it": "I told them honestly what had happened on their first morning and asked IT "
        "to make it a priority.",
        "make_it_right": "IT set up a loan laptop by lunchtime, and the new starter's buddy "
        "rearranged the week so that nothing important was missed.",
        "learn_and_prevent": "Equipment is ordered the day the contract is signed, and approval "
        "requests have a backup approver when the first one is away.",
        "lessons": ["A new step in a process needs a backup person from day one."],
        "actions": [
            ("Order equipment when the contract is signed", "People team", 14, "done"),
            ("Backup approver for every approval step", "Operations", 30, "open"),
        ],
        "questions": ["What would a new starter on our team find missing on day one?"],
    },
    {
        "title": "A support macro greeted customers by the wrong name",
        "summary": "A saved reply kept the name of the customer it was written for; 60 customers "
        "were greeted by someone else's name. Macros now use a name placeholder.",
        "author": "sam",
        "anonymous": False,
        "team": "Support",
        "part": "made",
        "size": "small",
        "tags": ["support", "email", "templates"],
        "series": True,
        "good_for_meetings": True,
        "days_ago": 4,
        "months_before": 0,
        "what_happened": "I wrote a great answer to a tricky billing question and saved it as a "
        "macro for the team. It still began “Hi Margaret,” and it was used 60 times in a week "
        "before a customer pointed it out.",
        "who_was_affected": "Sixty customers who were not called Margaret. Most found it funny; "
        "a few felt it showed we were not reading their messages.",
        "own_it": "I told the team in our morning stand-up the same day and fixed the macro "
        "before the stand-up ended.",
        "make_it_right": "We sent a short personal note to each of the 60 customers, using their "
        "real names, checking their question had been answered.",
        "learn_and_prevent": "Macros now start from a template with a name placeholder, and a "
        "new macro is read by a second person before it is shared.",
        "lessons": [
            "Templates should be written as templates from the start.",
            "A second reader catches what the writer cannot see.",
        ],
        "actions": [("Name placeholder in every macro", "Support", 7, "done")],
        "questions": ["Which of our templates were written for one person?"],
    },
]

# Submitted to "Culture review" but not published (only made when demo users exist).
IN_REVIEW = [
    {
        "title": "A spreadsheet formula slipped one row",
        "summary": "Sorting one column of a spreadsheet shifted the commission figures by a row; "
        "a second check caught it before payday.",
        "author": "sam",
        "anonymous": False,
        "team": "Finance",
        "part": "made",
        "size": "medium",
        "tags": ["spreadsheets", "payroll"],
        "what_happened": "I sorted the sales column of the commission sheet without the columns "
        "next to it, so every figure moved one row away from its name.",
        "who_was_affected": "Nobody in the end: the payroll check caught it two days before "
        "payday.",
        "own_it": "I told the payroll team as soon as they asked about the totals.",
        "make_it_right": "We rebuilt the sheet from the sales system and checked every line "
        "together.",
        "learn_and_prevent": "The commission sheet is now a protected table that sorts as a whole.",
        "lessons": ["Protect the sheets that pay people."],
        "actions": [("Protected table for commissions", "Finance", 14, "open")],
        "questions": [],
    },
    {
        "title": "Meeting notes landed in the wrong channel",
        "summary": "Notes from a confidential planning meeting were posted in a company-wide "
        "channel for ten minutes.",
        "author": "priya",
        "anonymous": True,
        "team": "Sales",
        "part": "made",
        "size": "small",
        "tags": ["chat", "privacy"],
        "what_happened": "Two channels had almost the same name. I pasted the notes from a "
        "confidential planning meeting into the company-wide one.",
        "who_was_affected": "About 40 people may have seen draft plans before they were ready.",
        "own_it": "I deleted the message after ten minutes, when I noticed, and told the meeting "
        "owner right away.",
        "make_it_right": "The meeting owner posted a short note explaining that the plans were a "
        "draft.",
        "learn_and_prevent": "Confidential channels now have a lock symbol at the start of their "
        "names.",
        "lessons": ["Names that look alike need something that looks different."],
        "actions": [],
        "questions": [],
    },
]
# Sent back by a reviewer with a note, to show "changes requested" in My stories.
CHANGES_REQUESTED = {
    "title": "The product demo ran on the test site",
    "summary": "A sales demo ran on the test site full of silly test data.",
    "author": "erin",
    "anonymous": False,
    "team": "Engineering",
    "part": "witnessed",
    "size": "small",
    "tags": ["demos", "sales"],
    "what_happened": "The demo bookmark pointed at the test site, where customer names were "
    "things like “Test McTestface”. The prospect noticed before we did.",
    "who_was_affected": "One prospect, and our salesperson's confidence.",
    "own_it": "",
    "make_it_right": "",
    "learn_and_prevent": "",
    "lessons": [],
    "actions": [],
    "questions": [],
    "review_comment": "Lovely story, thank you! Could you add how it was owned and made right, "
    "and one or two lessons? Then it is ready.",
}
# Saved as a draft only.
DRAFT = {
    "title": "I booked the train for the wrong day",
    "summary": "Travel for a client visit was booked a day late.",
    "author": "erin",
    "anonymous": False,
    "team": None,
    "part": "made",
    "size": "small",
    "tags": ["travel"],
    "what_happened": "I booked the train for the Tuesday; the visit was on the Monday.",
    "who_was_affected": "",
    "own_it": "",
    "make_it_right": "",
    "learn_and_prevent": "",
    "lessons": [],
    "actions": [],
    "questions": [],
}

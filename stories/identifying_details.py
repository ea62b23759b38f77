"""The starting list of details that point at the author of an anonymous story: first-person
details and job titles few people hold, each with a wording that does not (kinds as in
`IdentifyingDetail`).

Only the starting point: the Culture team edits the list in the admin (Stories → Identifying
details) and adds the customers and suppliers it treats as sensitive. The data migration and
`load_demo` add these when they are missing.
"""

DEFAULT_DETAILS = [
    ("my first week", "personal", "when I was new"),
    ("my first day", "personal", "when I was new"),
    ("my first month", "personal", "when I was new"),
    ("my last day", "personal", "before a handover"),
    ("my birthday", "personal", "on a busy day"),
    ("my wedding", "personal", "while I was away"),
    ("back from parental leave", "personal", "back from leave"),
    ("back from maternity leave", "personal", "back from leave"),
    ("back from paternity leave", "personal", "back from leave"),
    ("my probation", "personal", "when I was new"),
    ("as the only", "personal", "as one of the people"),
    ("CEO", "job_title", "someone in the leadership team"),
    ("CFO", "job_title", "someone in finance"),
    ("CTO", "job_title", "someone in engineering"),
    ("Head of Finance", "job_title", "someone in finance"),
    ("Head of People", "job_title", "someone in the people team"),
    ("Office Manager", "job_title", "someone who runs the office"),
    ("Data Protection Officer", "job_title", "someone who looks after data"),
    ("General Counsel", "job_title", "someone in legal"),
]

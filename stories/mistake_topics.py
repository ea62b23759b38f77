"""The starting list of mistake topics: words people use for the same kind of mistake.

Only the starting point, for mistakes any company makes: the Culture team extends the list in the
admin (Stories → Mistake topics). The data migration and `load_demo` add these when missing. Each
line is one word or phrase; word forms are matched ("renewal" finds "renewals", "renewed").
"""

DEFAULT_TOPICS = [
    ("Certificates and HTTPS", "certificate\ncert\nSSL\nTLS\nHTTPS\nnot private\nsecurity warning"),
    (
        "Something expired or lapsed",
        "expired\nexpiry\nlapsed\nlapse\nran out\nrun out\nrenewal\nrenew\nnot renewed\nextend",
    ),
    (
        "Outages and downtime",
        "outage\ndowntime\noffline\nunavailable\nwent down\nplatform down\ncould not log in\n"
        "status page\nincident",
    ),
    (
        "Upgrades and migrations",
        "upgrade\nmigration\nschema\ndatabase\ndata store\ndisk space\nstorage\nmaintenance\n"
        "maintenance window\nrehearse\nrehearsal\nstaging\ntest copy\nproduction",
    ),
    (
        "Mass email to the wrong list",
        "newsletter\nmailing\nmail blast\nmailing list\nsubscribers\ncustomer list\naudience\n"
        "test send\nsend test\npreview\nevery customer\nall customers\nwhole list",
    ),
    ("Placeholder text left in", "placeholder\nlorem ipsum\ndummy\ndummy copy\ntest text"),
    (
        "Printed material",
        "poster\nflyer\nleaflet\nbanner\nbrochure\nprint\nprinted\nprint run\nartwork\nproof\n"
        "proofing\nsignage",
    ),
    (
        "Old or wrong contact details",
        "phone number\nhotline\ncontact line\nsupport line\nold number\naddress\nweb address\n"
        "contact details\noutdated",
    ),
    ("Reused an old template", "template\nlast year's\nold template\ncopied\nreused\nreuse"),
    (
        "Away from work and handovers",
        "holiday\nvacation\nleave\nannual leave\nparental leave\nsick leave\naway\nout of office\n"
        "auto-reply\nhandover\nhand over\ncover\nbackup person\nwhile I was off",
    ),
    (
        "Food and dietary needs",
        "vegan\nvegetarian\ndietary\ndiet\nallergy\nallergies\ncatering\nlunch\nsandwiches\nmeal\n"
        "food\norder",
    ),
    (
        "Bookings and double bookings",
        "venue\nroom\nmeeting room\nconference room\nhall\nbooking\nbooked\nreservation\nreserved\n"
        "double booking\ndouble booked\nreception",
    ),
    ("Events", "event\nworkshop\nmeetup\nconference\ncustomer evening\npartner day\nroadshow"),
    ("Invoices and billing", "invoice\nbill\nbilling\nstatement\ncharges\nbilling system"),
    (
        "Sent to the wrong person or company",
        "wrong client\nwrong customer\nwrong company\nwrong person\nwrong recipient\n"
        "similar names\nsame name\nlook-alike\nlookalike\ndrop-down\ndropdown\nthe other",
    ),
    (
        "Deleted files and restores",
        "deleted\ndelete\nerased\nremoved\nfolder\ndirectory\ndrive\nshared folder\nteam drive\n"
        "files\nrecycle\nrestored\nrestore\nrecovered\nnightly copy\nbackup",
    ),
    (
        "Prices shown wrongly",
        "price\npricing\npricing page\ncost\nplan\ndiscount\ncheckout\novercharged\ncharged\n"
        "paid more",
    ),
    (
        "Contracts and renewals",
        "contract\nagreement\nsubscription\nterm\nrenewal date\nservice stopped\nservice was cut off",
    ),
    (
        "Reminders nobody saw",
        "reminder\nshared inbox\nmailbox\ninbox\nnobody read\nno one checked\nnobody was watching\n"
        "closed inbox\nfiltered",
    ),
    (
        "Internal notes seen by a customer",
        "internal notes\ninternal comments\nprivate remarks\ncomments\nreply-all\nreply all\n"
        "forwarded\nforwarded thread\nwhole thread\nfrank",
    ),
    (
        "Time zones",
        "time zone\ntimezone\nzone\nCET\nGMT\nUTC\nBST\nwrong hour\nwrong time\nan hour early\n"
        "an hour late",
    ),
    (
        "Invitations and online events",
        "webinar\ninvitation\ninvite\nonline event\nattendees\nguests\ncalendar invitation\n"
        "calendar entry",
    ),
    (
        "Paid or sent twice",
        "twice\ntwo times\nduplicate\ndouble payment\npaid twice\nsecond click\nclicked again\n"
        "pressed it again\nsecond time\nsame amount",
    ),
    (
        "Refunds and payments",
        "refund\nreimbursed\nreimburse\npayment\npaid\ntransfer\nbank transfer\nmoney\neuros\n"
        "approve\napproval button",
    ),
    (
        "New starters and equipment",
        "new starter\nnew hire\nnew joiner\nnew colleague\nnew engineer\nonboarding\nlaptop\n"
        "computer\nequipment\nfirst day\nday one\nmachine",
    ),
    (
        "Approvals that got stuck",
        "approval\nsign-off\nsign off\nwaiting for\nbudget approval\napproval step\nstuck",
    ),
    (
        "Saved replies and macros",
        "macro\nsaved reply\ncanned response\nsnippet\nreply template\ngreeting\ngreeted\n"
        "wrong name\nsomeone else's name\nDear\nagents",
    ),
    (
        "Privacy and personal data",
        "privacy\npersonal data\nGDPR\ndata protection\nexposed\nleak\nleaked\nconfidential",
    ),
    ("Spreadsheets", "spreadsheet\nformula\nExcel\ncell\nrow\ncolumn\nsheet\nworkbook"),
    (
        "Posted in the wrong channel",
        "channel\nwrong channel\nchat\nSlack\nTeams chat\nposted\ngroup chat",
    ),
    ("Deploys and releases", "deploy\ndeployment\nrelease\nrollback\nroll back\nhotfix\nshipped"),
    (
        "Passwords and credentials",
        "password\ncredential\nAPI key\nsecret\ntoken\nchanged password\nlogin details",
    ),
    (
        "Failures nobody noticed",
        "monitoring\nalert\nalerts\nfailure emails\nfailing\nsilently\nnobody noticed\nunnoticed\n"
        "no warning",
    ),
    ("Travel", "train\nflight\nticket\ntravel\nhotel\nwrong day\ntrip"),
    (
        "Demos and test systems",
        "demo\ntest site\ntest system\nsandbox\ntest environment\nlive site\nproduction site",
    ),
]

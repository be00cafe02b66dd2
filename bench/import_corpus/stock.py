"""Stock material the pages are dressed with: section names, datelines, people, captions, comments."""

from __future__ import annotations

SECTIONS = {"business": "Business", "entertainment": "Entertainment & Arts", "politics": "Politics",
            "sport": "Sport", "tech": "Technology"}
CITIES = ["LONDON", "NEW YORK", "WASHINGTON", "PARIS", "BRUSSELS", "FRANKFURT", "TOKYO", "SYDNEY", "MANCHESTER",
          "EDINBURGH", "DUBLIN", "BERLIN", "MADRID", "ROME", "GENEVA"]
NAMES = ["Sarah Whitfield", "James Okoro", "Laura Kuenssberg-Hale", "Daniel Marsh", "Priya Raman", "Tom Ellery",
         "Hannah Cole", "Michael Osei", "Claire Dubois", "Rachel Gordon", "Ben Hartley", "Aisha Karim",
         "Peter Lindqvist", "Emma Stavros", "Oliver Grant", "Sophie Brennan", "David Nakamura", "Grace Mulvey",
         "Marcus Webb", "Ingrid Solberg", "Paul Adeyemi", "Nina Petrova", "Jonathan Reyes", "Lucy Tran"]
EDITORS = ["Mark Potter", "Alison Williams", "Jan Harvey", "Kirsten Donovan", "Susan Fenton", "Toby Chopra",
           "Jason Neely", "Hugh Lawson", "Frances Kerry", "David Goodman"]
PHOTOGRAPHERS = ["Toby Melville", "Hannah McKay", "Peter Nicholls", "Dylan Martinez", "Andrew Boyers",
                 "Henry Nicholls", "Chris Ratcliffe", "Leon Neal", "Dan Kitwood", "Carl Court"]
CAPTIONS = {
    "business": ["Shoppers on a high street in central London", "Traders work on the floor of the stock exchange",
                 "Shipping containers stacked at a port", "The company's headquarters", "Workers on a production line"],
    "entertainment": ["Guests arrive on the red carpet", "The star pictured at a premiere in London",
                      "A scene from the film", "The band performing on stage", "Fans queue outside the theatre"],
    "politics": ["The Houses of Parliament in London", "The minister speaking at a party conference",
                 "Voters at a polling station", "Protesters gather outside Downing Street", "MPs in the Commons"],
    "sport": ["Fans during the match at the stadium", "The player celebrates after scoring",
              "The manager on the touchline", "Players warm up before kick-off", "The team pose with the trophy"],
    "tech": ["A man uses a smartphone", "A data centre server room", "Visitors try out a games console",
             "A laptop keyboard", "The company's logo at a trade show"],
}
USERNAMES = ["JohnnyB", "sceptical_sue", "Mancunian77", "TruthSeeker", "old_git_42", "PennyLane", "Realist",
             "cornishpasty", "NorthernLass", "BrexitBob", "graham_k", "Anon_1973", "MrsMiggins", "Dave_from_Leeds"]
COMMENTS = [
    "This is exactly what I have been saying for years, but nobody listens until it is too late.",
    "Does anyone know when this actually takes effect? The article does not say.",
    "Another day, another headline. I will believe it when I see it.",
    "Great reporting, thank you for covering this properly.",
    "I work in this industry and I can tell you the reality is very different from what the press release says.",
    "Not surprised at all. Follow the money.",
    "Why is this news? It happens every year around this time.",
    "My family has been affected by this and it has been a nightmare from start to finish.",
    "Well said. Completely agree with the previous comment.",
    "Can we have some balance in these articles please?",
]
CONSENT = ("We and our partners store and/or access information on a device, such as cookies, and process "
           "personal data, such as unique identifiers and standard information sent by a device for personalised "
           "ads and content, ad and content measurement, and audience insights, as well as to develop and improve "
           "products.")

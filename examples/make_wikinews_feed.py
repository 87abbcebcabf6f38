"""Writes examples/wikinews-feed.jsonl from examples/wikinews.jsonl: one article per line
({"id", "title", "text", "source", "published", "label"}), in publication order.

Each WikiNews document opens with its headline (a paragraph) and its date ("Saturday, January 8,
2005"); they become `title` and `published`, and the rest is `text`, unchanged. `label` is the
document's MultiLing cluster (for `newsfuse eval-stories`). Run from the repository root:
    python3 examples/make_wikinews_feed.py
"""
import json
import re

MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]
DATE = re.compile(r"^\s*(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+)?"
                  r"(" + "|".join(MONTHS) + r")\s+(\d{1,2}),\s+(\d{4})\s*")

articles = []
for line in open("examples/wikinews.jsonl", encoding="utf-8"):
    cluster = json.loads(line)
    for index, document in enumerate(cluster["documents"]):
        title, _, rest = document.partition("\n\n")
        title = re.sub(r"^\d{4}/\d{2}/\d{2}\s+", "", title.strip())
        match = DATE.match(rest)
        published = None
        if match:
            month, day, year = match.groups()
            published = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
            rest = rest[match.end():]
        else:  # a photo caption first: the date opens a later paragraph (left in the text)
            match = re.search(r"\n(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),\s+("
                              + "|".join(MONTHS) + r")\s+(\d{1,2}),\s+(\d{4})", rest[:400])
            if match:
                month, day, year = match.groups()
                published = f"{year}-{MONTHS.index(month) + 1:02d}-{int(day):02d}"
        articles.append({
            "id": f"wikinews-{cluster['id']}-{index:02d}",
            "title": title,
            "text": rest.strip(),
            "source": "Wikinews",
            "published": published,
            "label": cluster["id"],
        })
articles.sort(key=lambda a: (a["published"] or "", a["id"]))
with open("examples/wikinews-feed.jsonl", "w", encoding="utf-8") as out:
    for article in articles:
        out.write(json.dumps(article, ensure_ascii=False) + "\n")
print(f"{len(articles)} articles, {sum(a['published'] is None for a in articles)} without a date")

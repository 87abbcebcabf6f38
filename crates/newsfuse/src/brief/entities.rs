//! Entities: people, places and organisations, with the roles the articles give them.
//!
//! Candidates are runs of capitalised words in body sentences ("French Foreign Minister Laurent
//! Fabius", "Bank of England"), with sentence-initial words dropped when the cluster also uses
//! them in lower case ("Officials", "However"). A run is split into a role and a name at its last
//! title word (minister, secretary, president, ...); lower-case titles right before a name count
//! too ("Italian foreign minister Paolo Gentiloni"). Kinds come from cues: a role or a speech verb
//! makes a person, an organisation word or an acronym an organisation, a locative preposition
//! ("in", "from") a place. A lone surname is merged into the person whose full name ends with it.
//! Entities are ranked by how many articles mention them.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::{Doc, Excerpt};
use crate::model::{Span, Token};

/// A named entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Its fullest common name.
    pub name: String,
    /// `person`, `organization`, `place` or `other`.
    pub kind: String,
    /// Roles the articles give it, with who gives each.
    pub roles: Vec<Role>,
    /// Articles mentioning it.
    pub articles: Vec<usize>,
    /// Number of mentions in all.
    pub n_mentions: usize,
    /// The first mention in each article.
    pub mentions: Vec<Excerpt>,
}

/// A role ("French Foreign Minister") and the articles that give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Role {
    /// The role as written.
    pub role: String,
    /// Articles giving it.
    pub articles: Vec<usize>,
}

const CONNECTORS: &[&str] = &[
    "of", "de", "al", "bin", "von", "van", "der", "la", "le", "du", "da", "del", "y",
];
const TITLES: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "chancellor",
    "prime",
    "premier",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "general",
    "gen",
    "governor",
    "gov",
    "mayor",
    "senator",
    "sen",
    "rep",
    "representative",
    "ambassador",
    "envoy",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "chief",
    "director",
    "commissioner",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "leader",
    "judge",
    "justice",
    "captain",
    "capt",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "officer",
    "deputy",
    "vice",
    "dr",
    "mr",
    "mrs",
    "ms",
    "professor",
    "prof",
    "bishop",
    "archbishop",
    "sheikh",
    "emir",
    "sultan",
    "coach",
    "manager",
    "spokesman",
    "mp",
    "lawmaker",
    "attorney",
    "commander",
    "admiral",
    "marshal",
    "detective",
    "inspector",
    "superintendent",
    "sheriff",
    "chancellor",
    "president-elect",
    "counterpart",
    "head",
    "founder",
    "executive",
    "analyst",
    "economist",
];
/// Titles that name an office "of" something: "Secretary of State", "Minister of Finance".
const OFFICE_OBJECTS: &[&str] = &[
    "state", "defence", "defense", "finance", "health", "justice", "interior", "foreign",
];
const ORG_WORDS: &[&str] = &[
    "union",
    "nations",
    "council",
    "ministry",
    "party",
    "army",
    "agency",
    "bank",
    "company",
    "corp",
    "corporation",
    "inc",
    "ltd",
    "group",
    "committee",
    "organization",
    "organisation",
    "association",
    "court",
    "police",
    "coalition",
    "parliament",
    "congress",
    "senate",
    "government",
    "university",
    "institute",
    "commission",
    "federation",
    "forces",
    "front",
    "movement",
    "brigade",
    "brigades",
    "news",
    "times",
    "post",
    "press",
    "daily",
    "fund",
    "foundation",
    "department",
    "office",
    "service",
    "reuters",
    "network",
    "airlines",
    "airways",
    "club",
    "team",
    "league",
    "assembly",
    "board",
    "authority",
    "alliance",
    "state",
    "church",
    "tribunal",
];
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
    "to",
    "near",
    "across",
    "into",
    "outside",
    "inside",
    "throughout",
];
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "added",
    "stressed",
    "warned",
    "noted",
    "explained",
    "declared",
    "insisted",
    "announced",
];
const SKIP_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "i",
    "watch",
    "update",
    "embed",
    "tv",
    "video",
];

/// A capitalised-word run found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub span: Span,
    pub name: String,
    pub role: Option<String>,
    pub person_cue: bool,
    pub place_cue: bool,
}

pub(crate) fn analyze(docs: &[Doc<'_>]) -> Vec<Entity> {
    let lowercase_words = lowercase_vocabulary(docs);
    let mut found: Vec<(usize, Found)> = Vec::new();
    for doc in docs {
        for sentence in doc.sentences.iter().filter(|s| !s.is_headline) {
            if is_title_case(doc, &sentence.tokens) {
                continue;
            }
            for item in find_in_tokens(doc, &sentence.tokens, &lowercase_words) {
                found.push((doc.index, item));
            }
        }
    }

    // Person full names, and the surnames that point to them.
    let mut person_names: HashMap<String, usize> = HashMap::new();
    for (_, item) in &found {
        if (item.role.is_some() || item.person_cue)
            && item.name.split(' ').count() >= 2
            && !looks_like_org(&item.name)
        {
            *person_names.entry(item.name.clone()).or_default() += 1;
        }
    }
    let mut surname: HashMap<String, String> = HashMap::new();
    let mut by_count: Vec<(&String, &usize)> = person_names.iter().collect();
    by_count.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    for (name, _) in by_count {
        if let Some(last) = name.rsplit(' ').next() {
            surname
                .entry(last.to_string())
                .or_insert_with(|| name.clone());
        }
    }

    let mut entities: Vec<Entity> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut cues: Vec<(bool, bool)> = Vec::new();
    for (article, item) in &found {
        let canonical = if item.name.split(' ').count() == 1 {
            surname
                .get(&item.name)
                .cloned()
                .unwrap_or_else(|| item.name.clone())
        } else if let Some(full) = item
            .name
            .rsplit(' ')
            .next()
            .and_then(|last| surname.get(last))
        {
            // "Kerry" and "John Kerry" are one; "Secretary John Kerry" was already split.
            if full.ends_with(&item.name) {
                full.clone()
            } else {
                item.name.clone()
            }
        } else {
            item.name.clone()
        };
        // Names differing only in case or hyphenation ("Al Assad", "al-Assad") are one entity,
        // named as first written.
        let key = canonical.to_lowercase().replace(['-', '‐'], " ");
        let slot = *index.entry(key).or_insert_with(|| {
            entities.push(Entity {
                name: canonical.clone(),
                kind: String::new(),
                roles: Vec::new(),
                articles: Vec::new(),
                n_mentions: 0,
                mentions: Vec::new(),
            });
            cues.push((false, false));
            entities.len() - 1
        });
        let entity = &mut entities[slot];
        entity.n_mentions += 1;
        if !entity.articles.contains(article) {
            entity.articles.push(*article);
            entity.mentions.push(docs[*article].excerpt(item.span));
        }
        if let Some(role) = &item.role {
            match entity
                .roles
                .iter_mut()
                .find(|r| r.role.eq_ignore_ascii_case(role))
            {
                Some(existing) if !existing.articles.contains(article) => {
                    existing.articles.push(*article);
                }
                Some(_) => {}
                None => entity.roles.push(Role {
                    role: role.clone(),
                    articles: vec![*article],
                }),
            }
        }
        let cue = &mut cues[slot];
        cue.0 |= item.person_cue || item.role.is_some() || person_names.contains_key(&canonical);
        cue.1 |= item.place_cue;
    }
    for (entity, (person, place)) in entities.iter_mut().zip(cues) {
        entity.kind = classify(&entity.name, person, place).to_string();
        entity.roles.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(b.role.len().cmp(&a.role.len()))
                .then(a.role.cmp(&b.role))
        });
    }
    entities.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(b.n_mentions.cmp(&a.n_mentions))
            .then(a.name.cmp(&b.name))
    });
    entities
}

/// Words the cluster uses in lower case (so a capitalised one at a sentence start is no name).
/// Capitalised words seen inside a sentence (not first) are marked with a leading `^`.
fn lowercase_vocabulary(docs: &[Doc<'_>]) -> HashSet<String> {
    let mut words = HashSet::new();
    for doc in docs {
        for sentence in doc.sentences {
            for (i, token) in sentence.tokens.iter().enumerate() {
                let surface = doc.slice(token.span);
                if surface.chars().next().is_some_and(char::is_lowercase) {
                    words.insert(surface.to_string());
                } else if i > 0 {
                    words.insert(format!("^{}", surface.to_lowercase()));
                }
            }
        }
    }
    words
}

/// Headline-like lines ("Kerry: US Allies Will Destroy Islamic State") are all capitals.
fn is_title_case(doc: &Doc<'_>, tokens: &[Token]) -> bool {
    let words: Vec<&str> = tokens
        .iter()
        .map(|t| doc.slice(t.span))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let capitals = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() >= 4 && capitals * 10 >= words.len() * 7
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn clean_word(word: &str) -> &str {
    word.trim_end_matches("'s").trim_end_matches("’s")
}

pub(crate) fn is_title(word: &str) -> bool {
    let lower = word.to_lowercase();
    TITLES.contains(&lower.trim_end_matches('.'))
}

/// Capitalised-word runs of a sentence's tokens, split into role and name.
pub(crate) fn find_in_tokens(
    doc: &Doc<'_>,
    tokens: &[Token],
    lowercase_words: &HashSet<String>,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < tokens.len() {
        if !is_capitalised(doc.slice(tokens[pos].span)) {
            pos += 1;
            continue;
        }
        // Extend the run over adjacent capitalised words and inner connectors.
        let mut end = pos + 1;
        while end < tokens.len() {
            let gap = doc
                .text
                .get(tokens[end - 1].span.end..tokens[end].span.start)
                .unwrap_or("x");
            if !gap.chars().all(|c| c == ' ' || c == '-')
                || gap.is_empty() && doc.slice(tokens[end - 1].span).ends_with("'s")
            {
                break;
            }
            let word = doc.slice(tokens[end].span);
            if is_capitalised(word) && !doc.slice(tokens[end - 1].span).ends_with("'s") {
                end += 1;
            } else if CONNECTORS.contains(&word)
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| is_capitalised(doc.slice(t.span)))
                && doc
                    .text
                    .get(tokens[end].span.end..tokens[end + 1].span.start)
                    .is_some_and(|g| g == " " || g == "-")
            {
                end += 2;
            } else {
                break;
            }
        }
        let mut start = pos;
        // Sentence-initial and common words are not names.
        while start < end {
            let word = doc.slice(tokens[start].span);
            let lower = word.to_lowercase();
            let used_lowercase = lowercase_words.contains(&lower);
            let drop = SKIP_WORDS.contains(&lower.trim_end_matches('.'))
                || crate::stopwords::is_stopword(&lower)
                || used_lowercase && (start == 0 || end - start == 1)
                || start == 0 && end == 1 && !lowercase_words.contains(&format!("^{lower}"));
            if drop {
                start += 1;
            } else {
                break;
            }
        }
        // "Finance minister ...": a capitalised run that opens a lower-case title is a role.
        let opens_role = tokens.get(end).is_some_and(|t| {
            let word = doc.slice(t.span);
            !is_capitalised(word) && is_title(word)
        });
        // "Iraqi forces": a lone demonym before a common noun is an adjective.
        let demonym = end - start == 1
            && ["an", "ese", "ish", "ic", "i"]
                .iter()
                .any(|suffix| doc.slice(tokens[start].span).ends_with(suffix))
            && tokens.get(end).is_some_and(|t| {
                let word = doc.slice(t.span);
                word.chars().next().is_some_and(char::is_lowercase)
                    && !crate::stopwords::is_stopword(word)
                    && !SPEECH_VERBS.contains(&word)
            });
        if start < end && !opens_role && !demonym {
            out.extend(split_found(doc, tokens, start, end, lowercase_words));
        }
        pos = end;
    }
    out
}

fn split_found(
    doc: &Doc<'_>,
    tokens: &[Token],
    start: usize,
    end: usize,
    lowercase: &HashSet<String>,
) -> Option<Found> {
    let words: Vec<&str> = tokens[start..end]
        .iter()
        .map(|t| clean_word(doc.slice(t.span)))
        .collect();
    // The role ends at the last title word (or its "of State" object).
    let mut split = 0;
    for (i, word) in words.iter().enumerate() {
        if is_title(word) {
            split = i + 1;
            if words.get(i + 1) == Some(&"of")
                && words
                    .get(i + 2)
                    .is_some_and(|w| OFFICE_OBJECTS.contains(&w.to_lowercase().as_str()))
            {
                split = i + 3;
            }
        }
    }
    if split >= words.len() {
        return None; // only a role ("Italian Foreign Minister")
    }
    let name_words = &words[split..];
    let name = name_words.join(" ");
    if name.chars().count() < 2 || name.chars().all(|c| !c.is_alphabetic()) {
        return None;
    }
    let mut role = (split > 0).then(|| words[..split].join(" "));
    // Lower-case role words right before: "Italian foreign minister Paolo Gentiloni".
    if role.is_none() && start > 0 {
        let mut back = start;
        let mut any_title = false;
        while back > 0 && start - back < 5 {
            let word = doc.slice(tokens[back - 1].span);
            if is_title(word) {
                any_title = true;
            } else if !(is_capitalised(word) && !lowercase.contains(&word.to_lowercase())
                || word == "of"
                || word == "foreign")
            {
                break;
            }
            back -= 1;
        }
        if any_title {
            let role_span = Span::new(tokens[back].span.start, tokens[start - 1].span.end);
            role = Some(doc.slice(role_span).to_string());
        }
    }
    let name_start = tokens[start + split].span.start;
    let name_end = tokens[end - 1].span.end;
    let before = start
        .checked_sub(1)
        .map(|i| doc.slice(tokens[i].span).to_lowercase());
    let after = tokens.get(end).map(|t| doc.slice(t.span).to_lowercase());
    let before2 = start
        .checked_sub(2)
        .map(|i| doc.slice(tokens[i].span).to_lowercase());
    let place_cue = split == 0
        && (before
            .as_deref()
            .is_some_and(|w| PLACE_PREPOSITIONS.contains(&w))
            || before.as_deref() == Some("of")
                && before2.as_deref().is_some_and(|w| {
                    matches!(
                        w,
                        "city" | "town" | "village" | "capital" | "province" | "region"
                    )
                }));
    let person_cue = !place_cue
        && (after.as_deref().is_some_and(|w| SPEECH_VERBS.contains(&w))
            || before.as_deref().is_some_and(|w| SPEECH_VERBS.contains(&w))
                && name_words.len() >= 2);
    Some(Found {
        span: Span::new(name_start, name_end),
        name,
        role,
        person_cue,
        place_cue,
    })
}

fn looks_like_org(name: &str) -> bool {
    name.split(' ')
        .any(|w| ORG_WORDS.contains(&w.to_lowercase().as_str()))
}

fn classify(name: &str, person: bool, place: bool) -> &'static str {
    let bare = name.replace('.', "");
    let acronym = bare.len() >= 2 && bare.chars().all(|c| c.is_ascii_uppercase());
    let place_word = name
        .split(' ')
        .any(|w| matches!(w, "United" | "Republic" | "Kingdom" | "City" | "Province"));
    if matches!(bare.as_str(), "US" | "UK" | "UAE" | "USA") || place_word && !looks_like_org(name) {
        "place"
    } else if looks_like_org(name) || acronym {
        "organization"
    } else if person {
        "person"
    } else if place {
        "place"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::super::build_brief;
    use super::super::testutil::cluster_of;

    /// (name, kind, first role, articles) for each entity.
    fn check(texts: &[&str], expect: &[(&str, &str, Option<&str>, &[usize])]) {
        let (cluster, cleaned, segmented) = cluster_of(texts);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let got: Vec<(&str, &str, Option<&str>, &[usize])> = brief
            .entities
            .iter()
            .map(|e| {
                (
                    e.name.as_str(),
                    e.kind.as_str(),
                    e.roles.first().map(|r| r.role.as_str()),
                    e.articles.as_slice(),
                )
            })
            .collect();
        assert_eq!(got, expect);
    }

    #[test]
    fn names_differing_in_case_are_one_entity() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "President Omar Al Naseri spoke on Monday. Omar al Naseri said the talks would go on.",
        ]);
        let brief = build_brief(&cluster, &cleaned, &segmented, &[]);
        let named: Vec<&str> = brief
            .entities
            .iter()
            .filter(|e| e.name.to_lowercase().contains("naseri"))
            .map(|e| e.name.as_str())
            .collect();
        assert_eq!(named.len(), 1, "{:#?}", brief.entities);
    }

    #[test]
    fn people_roles_places_and_organisations() {
        check(
            &[
                "German Finance Minister Hanna Berg met bankers in Vienna on Monday. Berg said the Central Bank of Europe would act.",
                "Officials in Vienna said Berg wanted a deal. The talks continue.",
                "The minister, Hanna Berg, told reporters the NATO summit was separate. Finance minister Hanna Berg left Vienna.",
            ],
            &[
                (
                    "Hanna Berg",
                    "person",
                    Some("German Finance Minister"),
                    &[0, 1, 2],
                ),
                ("Vienna", "place", None, &[0, 1, 2]),
                ("Central Bank of Europe", "organization", None, &[0]),
                ("NATO", "organization", None, &[2]),
            ],
        );
    }
}

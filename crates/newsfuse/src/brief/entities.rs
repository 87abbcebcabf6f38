//! Entities: people, places and organisations, with the roles the articles give them.
//!
//! Candidates are runs of capitalised words in body sentences ("French Foreign Minister Laurent
//! Fabius", "Bank of England", "George W. Bush", "Kleiner Perkins Caufield & Byers"), with
//! sentence-initial words dropped when the cluster also uses them in lower case ("Officials",
//! "However") unless the cluster writes them with the next word capitalised inside a sentence
//! ("Air France"). Months, weekdays, holidays and time zones end a run and are never names; nationality
//! and group words ("Israelis", "North African", "Soviet") are not entities. A run is split into a
//! role and a name at its last title word (minister, secretary, president, ...); lower-case titles
//! right before a name count too ("Italian foreign minister Paolo Gentiloni"), but never across
//! punctuation, and a name right after "of" ("head of X's committee") is the office's object, not
//! its holder. "Person of Place" is split into the person and the place when the person is
//! otherwise known.
//!
//! Kinds come from cues counted over every mention: a role, an age or a person noun in apposition
//! ("X, 67,", "X, a lawyer") make a person; an organisation word, an acronym or an organisation
//! noun ("the daily X", "X spokesman") an organisation; a locative preposition, a dateline, a
//! country noun after a possessive ("X's capital") or coordination with a place ("in A and B") a
//! place; "X's daughter", "X, who" a person; "X frontman", "the band the X" a band. A speech verb
//! makes a person only for a name of two or more words. A state's news-style abbreviation after a
//! town ("Bethesda, Md.") names the state. Aliases merge: a lone surname into the full name ending
//! with it that is most named; an acronym into the name the
//! text gives it for ("X, or ABC") or whose initials it spells ("U.S." into "United States"); a
//! lone word into the one organisation named after it ("Xinhua" into "Xinhua News Agency"); the
//! start of one person's name into it ("Frances Bean"); a lone word several names share into the
//! one person named far more widely; names that differ only in accents. Entities are ranked by how many articles
//! mention them.

use std::cell::{Cell, OnceCell};
use std::sync::LazyLock;

use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Doc, Excerpt};
// Month names, which are also given names ("Jan Voskuil", "May") when a name follows.
use crate::calendar::{MONTH_WORDS, WEEKDAY_WORDS};
use crate::model::{Span, Token};

/// Whether a word (an `Option<&str>`) is in a `'static` list of words, as [`in_list`] reads it:
/// in any ASCII case, a word outside ASCII lower-cased. Each call site builds its [`ListSet`] on
/// first use, so the look-up hashes the word once rather than comparing it with every entry.
macro_rules! in_list {
    ($word:expr, $list:expr $(,)?) => {{
        static SET: LazyLock<ListSet> = LazyLock::new(|| ListSet::of($list));
        SET.contains($word)
    }};
}

/// Whether a word is one of a list's words, exactly as listed: the list as a hash set, built once
/// (for the longer lists looked up for many names).
macro_rules! in_exact {
    ($list:expr, $word:expr $(,)?) => {{
        static SET: LazyLock<FxHashSet<&'static str>> =
            LazyLock::new(|| $list.iter().copied().collect());
        SET.contains($word)
    }};
}

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
    "of", "de", "al", "bin", "von", "van", "der", "la", "le", "du", "da", "del", "y", "di",
];
const TITLES: &[&str] = &[
    "president",
    "prosecutor",
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
    // Ranks and offices written abbreviated ("Cpl. Dana Roe", "Atty. Lee Park").
    "maj",
    "cpl",
    "pvt",
    "adm",
    "det",
    "supt",
    "insp",
    "cmdr",
    "atty",
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
    // Police ranks written as initials ("SSP Francis Manana Nabugyere").
    "ssp",
    "dsp",
    "igp",
    "sheriff",
    "chancellor",
    "president-elect",
    "counterpart",
    "head",
    "founder",
    "executive",
    "analyst",
    "economist",
    "patriarch",
    "cardinal",
    "rabbi",
    "imam",
    "ayatollah",
    "cleric",
    "reverend",
    "rev",
    "sir",
    "lord",
    "lady",
    "dame",
    "congressman",
    "congresswoman",
    "councilman",
    "councilwoman",
    "commissioner",
    "administrator",
    "aunt",
    "uncle",
];
/// Titles written abbreviated ("Sen.", "Gen.").
const ABBREVIATED_TITLES: &[&str] = &[
    "gen", "gov", "sen", "rep", "capt", "col", "lt", "sgt", "dr", "mr", "mrs", "ms", "prof", "rev",
    "maj", "cpl", "pvt", "adm", "det", "supt", "insp", "cmdr", "atty",
];

/// A title as written abbreviated, without its full stop ("Sen", "Maj"), in any case.
pub(crate) fn is_abbreviated_title(word: &str) -> bool {
    in_list!(Some(word), ABBREVIATED_TITLES)
}
/// Bodies named with an ordinal before them: "32nd Brigade", "9th Circuit", "82nd Airborne
/// Division".
const NUMBERED_BODIES: &[&str] = &[
    "brigade",
    "division",
    "regiment",
    "battalion",
    "fleet",
    "army",
    "corps",
    "squadron",
    "infantry",
    "airborne",
    "circuit",
    "district",
    "precinct",
];
/// Bodies named for their subject with "on": "Intergovernmental Panel on Climate Change",
/// "Council on Foreign Relations", "Office on Drugs and Crime".
const BODIES_ON: &[&str] = &[
    "panel",
    "committee",
    "subcommittee",
    "commission",
    "council",
    "conference",
    "convention",
    "forum",
    "institute",
    "center",
    "centre",
    "office",
];
/// Titles that name an office "of" something: "Secretary of State", "Minister of Finance".
const OFFICE_OBJECTS: &[&str] = &[
    "state", "defence", "defense", "finance", "health", "justice", "interior", "foreign",
];
const ORG_WORDS: &[&str] = &[
    "union",
    "panel",
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
    "force",
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
    "services",
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
    "administration",
    "bureau",
    "laboratory",
    "laboratories",
    "international",
    "navy",
    "agence",
    "presse",
    "survey",
    "ministries",
    "program",
    "programme",
    "marines",
    "guard",
    "guards",
    "corps",
    "co",
    "llc",
    "plc",
    "hospital",
    "clinic",
    "school",
    "college",
    "center",
    "centre",
    "council",
    "magazine",
    "journal",
    "tribune",
    "herald",
    "observer",
    "gazette",
    "chronicle",
    "broadcasting",
    "television",
    "radio",
    "channel",
    "systems",
    "technologies",
    "industries",
    "holdings",
    "partners",
    "house",
    "society",
    "campaign",
    "watch",
    "today",
    "republicans",
    "democrats",
    "academy",
];
/// Common given names (English and some other languages' most frequent), a general gazetteer: a
/// two- to four-word name opening with one is a person's ("Arnold Schwarzenegger" said nothing
/// else about him). Names that are also places or bodies ("Jordan", "Austin", "Christian",
/// "Morgan", "Al") are left out.
const GIVEN_NAMES: &str = "aaron|abdul|abdullah|abigail|adam|adolf|adrian|ahmad|ahmed|akira|alan|albert|alberto|alejandro|\
alex|alexander|alexandra|alexis|alfonso|alfred|ali|alice|alicia|alison|allen|allison|alvin|\
amanda|amelia|amy|ana|andre|andrea|andreas|andrew|andy|angela|angelo|anita|ann|anna|anne|annie|\
anthony|antoine|antonio|arnold|arthur|arturo|ashley|audrey|barbara|barry|beatrice|becky|ben|\
benjamin|bernadette|bernard|bernie|beth|betsy|betty|beverly|bill|billy|bob|bobby|bonnie|boris|\
brad|brandon|brenda|brett|brian|bridget|brittany|bruce|bruno|bryan|caitlin|calvin|camille|\
candace|carl|carla|carlo|carlos|carol|caroline|carolyn|carrie|cassandra|catherine|cathy|\
cecilia|chad|charlene|charles|charlie|chloe|chris|christina|christine|christopher|cindy|claire|\
claude|claudia|clifford|clint|colin|connie|constance|courtney|craig|cynthia|dan|dana|daniel|\
danny|darren|darryl|dave|david|dean|debbie|deborah|delia|denise|dennis|derek|diana|diane|dick|\
diego|dmitry|dolores|dominic|donald|donna|doris|dorothy|doug|douglas|duncan|dustin|ed|eddie|\
edgar|edith|edward|edwin|eileen|elaine|eleanor|elena|elijah|elise|elizabeth|ellen|ellie|elliot|\
elsa|emilio|emily|emma|emmanuel|enrique|eric|erica|erik|erin|ernest|esther|ethan|eva|evan|\
evelyn|fatima|felipe|felix|fernando|francesca|francis|francisco|frank|fred|frederick|gabriel|\
gail|gary|gavin|geoffrey|george|gerald|gerard|gina|giovanni|giuseppe|glenn|gloria|gordon|greg|\
gregory|gustavo|hannah|hans|harold|harriet|harry|harvey|heather|hector|heidi|helen|henry|\
herbert|hillary|holly|howard|hugo|ian|ibrahim|igor|ingrid|irene|isaac|isabel|isabella|ivan|jack|jackie|\
jacob|jacqueline|jake|james|jamie|jane|janet|janice|jared|jasmine|jason|javier|jean|jeanne|\
jeff|jeffrey|jenna|jennifer|jenny|jeremy|jerry|jessica|jill|jim|jimmy|joan|joanna|joanne|jodi|\
joe|joel|johann|johanna|john|johnny|jon|jonathan|jorge|jose|joseph|josephine|josh|joshua|joyce|\
juan|judith|judy|julia|julian|julie|juliet|justin|kara|karen|karim|karl|kate|katherine|\
kathleen|kathy|katie|keith|kelly|kelsey|ken|kendra|kenneth|kenny|kevin|kim|kristen|kristin|\
kurt|kyle|larry|laura|lauren|laurie|lawrence|leah|leo|leonard|leslie|lillian|linda|lindsay|\
lindsey|lionel|lisa|liz|lois|lorenzo|lori|lorraine|louis|louise|lucas|lucy|luis|luke|malcolm|\
manuel|marc|marco|marcus|margaret|margo|maria|marian|marie|marilyn|marina|mario|marjorie|mark|\
marlene|marsha|martha|martin|marvin|mary|matt|matthew|matthias|maureen|maxine|megan|melanie|\
melissa|melvin|meredith|mia|michael|michel|michelle|miguel|mike|mikhail|miriam|mohamed|\
mohammed|molly|monica|muhammad|nadia|nancy|naomi|natalie|natasha|nathan|nicholas|nick|nicole|\
nikolai|noah|nora|norman|olga|olivia|omar|oscar|otto|pablo|pamela|pat|patricia|patrick|paul|\
paula|pauline|pedro|peggy|peter|phil|philip|phillip|priscilla|rachel|rafael|ralph|ramon|randy|\
raul|raymond|rebecca|rene|renee|rhonda|ricardo|richard|rick|rita|rob|robert|roberto|rodney|\
roger|roland|ronald|ronnie|rosemary|roy|ruben|ruth|ryan|sabrina|sally|salvatore|sam|samantha|\
samuel|sandra|santiago|sara|sarah|sasha|scott|sean|sergei|shannon|sharon|sheila|shirley|simon|\
sophia|sophie|stefan|stephanie|stephen|steve|steven|stuart|susan|sylvia|tamara|tanya|tara|\
teresa|theodore|theresa|thomas|tiffany|tim|timothy|tina|todd|tom|tommy|tony|tracy|travis|\
trevor|valerie|vanessa|vera|veronica|vicki|vivian|vladimir|walter|wanda|wayne|wendy|wesley|\
whitney|william|wilma|xavier|yolanda|yuri|yvonne|zachary";
/// Ethnic and party-member words that name groups ("Aborigines", "Democrats") rather than
/// bodies; checked like [`GROUP_WORDS`].
const MORE_GROUP_WORDS: &[&str] = &[
    "aboriginal",
    "aborigine",
    "democrat",
    "republican",
    // Followers of a creed or movement ("keep Islamists at bay"): group nouns, no names.
    "islamist",
    "communist",
    "marxist",
    "maoist",
    "zionist",
];
/// Abbreviations of common nouns and units ("CPR", "DNA", "IP address", "USD"): no names.
const COMMON_ACRONYMS: &[&str] = &[
    "cpr", "dna", "rna", "ip", "gdp", "hiv", "url", "gps", "atm", "suv", "usb", "faq", "pdf",
    "mri", "icu", "iq", "led", "lcd", "dvd", "sms", "vat", "ipo", "usd", "eur", "gbp", "jpy",
    "mph", "kph", "rpm", "pc", "ceo", "cfo", "coo", "ad", "bc", "am", "pm", "aids", "er",
];
/// Words that qualify an office ("Foreign Minister", "Defense Ministry spokesman", "Police
/// Commander"): kept in a role at a sentence start and before a lower-case title.
const OFFICE_QUALIFIERS: &[&str] = &[
    "foreign",
    "defense",
    "defence",
    "finance",
    "interior",
    "justice",
    "health",
    "state",
    "economy",
    "trade",
    "energy",
    "environment",
    "education",
    "agriculture",
    "labor",
    "labour",
    "transport",
    "culture",
    "information",
    "industry",
    "home",
    "security",
    "police",
    "press",
    "ministry",
    "department",
    "office",
    "attorney",
    "solicitor",
    "surgeon",
    "inspector",
];
/// Last words of company names that a text may leave off ("X Ltd" and "X" are one).
const CORPORATE_SUFFIXES: &[&str] = &[
    "ltd", "inc", "corp", "co", "limited", "plc", "llc", "ag", "sa", "nv", "bv", "gmbh",
];
/// Words before a storm's name ("Hurricane Irene" and "Irene" are one).
const STORM_WORDS: &[&str] = &["hurricane", "typhoon", "cyclone", "storm"];
/// Words that make a name a place ("Indian Ocean", "Silicon Valley", "Dilworth Plaza").
const PLACE_WORDS: &[&str] = &[
    "united",
    "republic",
    "kingdom",
    "city",
    "province",
    "ocean",
    "sea",
    "river",
    "mountains",
    "mountain",
    "mount",
    "valley",
    "island",
    "islands",
    "gulf",
    "bay",
    "lake",
    "park",
    "plaza",
    "street",
    "avenue",
    "square",
    "strait",
    "coast",
    "desert",
    "peninsula",
    "county",
    "beach",
    "hills",
    "canyon",
    "falls",
    "harbor",
    "harbour",
    "border",
    "region",
    "territory",
    "heights",
    "strip",
    "airport",
    "boulevard",
    "road",
    "highway",
    "parkway",
    "alps",
    "hotel",
];
/// Last words of the names of events, awards and texts ("Asian Games", "Clean Water Act") and of
/// medical conditions ("Down Syndrome").
const EVENT_WORDS: &[&str] = &[
    "games",
    "olympics",
    "cup",
    "championship",
    "championships",
    "tournament",
    "festival",
    "summit",
    "conference",
    "war",
    "prize",
    "award",
    "awards",
    "resolution",
    "act",
    "treaty",
    "convention",
    "agreement",
    "accord",
    "accords",
    "protocol",
    "election",
    "elections",
    "marathon",
    "expo",
    "bill",
    "syndrome",
    "disorder",
    "disease",
];
/// Last words of the names of medical conditions.
const CONDITION_WORDS: &[&str] = &["syndrome", "disorder", "disease"];
/// Ship prefixes: "HMS Cornwall" is a ship.
const SHIP_PREFIXES: &[&str] = &["hms", "uss", "mv", "rms", "ins"];
/// Words before a place name that do not make it a person ("New York", "North Korea").
const NAME_MODIFIERS: &[&str] = &[
    "north", "south", "east", "west", "northern", "southern", "eastern", "western", "central",
    "new", "upper", "lower", "great", "saint", "st", "san", "santa", "los", "las", "el", "port",
    "fort", "mount", "lake", "cape", "native",
];
/// Nationality, ethnic and religious words of irregular form (regular ones end in -ian, -ean,
/// -ese, -ish): "Israelis", "Soviet", "French" name groups or qualities, not entities.
const GROUP_WORDS: &[&str] = &[
    "american",
    "african",
    "german",
    "mexican",
    "cuban",
    "israeli",
    "iraqi",
    "pakistani",
    "saudi",
    "kuwaiti",
    "yemeni",
    "bangladeshi",
    "somali",
    "afghan",
    "thai",
    "swiss",
    "dutch",
    "greek",
    "french",
    "welsh",
    "czech",
    "arab",
    "kurd",
    "serb",
    "croat",
    "turk",
    "pole",
    "dane",
    "swede",
    "finn",
    "scot",
    "briton",
    "filipino",
    "soviet",
    "yugoslav",
    "slovak",
    "kenyan",
    "moroccan",
    "tibetan",
    "omani",
    "qatari",
    "emirati",
    "nepali",
    "latino",
    "hispanic",
    "slav",
    "uzbek",
    "kazakh",
    "tajik",
    "muslim",
    "jew",
    "sunni",
    "shiite",
    "shia",
    "catholic",
    "orthodox",
    "protestant",
    "hindu",
    "sikh",
    "jamaican",
    "dominican",
    "puerto",
    "rican",
    "venezuelan",
    "guatemalan",
    "ugandan",
    "rwandan",
    "angolan",
    "lankan",
    "zimbabwean",
    "sudanese",
    "european",
    "asian",
    "latin",
    "ibero",
    "anglo",
    "western",
    "allied",
];
/// Nouns that, in apposition or right before a name, say what it is.
const PERSON_NOUNS: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "member",
    "official",
    "lawyer",
    "attorney",
    "astronaut",
    "cosmonaut",
    "doctor",
    "student",
    "resident",
    "worker",
    "father",
    "mother",
    "son",
    "daughter",
    "wife",
    "husband",
    "brother",
    "sister",
    "leader",
    "founder",
    "designer",
    "writer",
    "director",
    "president",
    "minister",
    "chairman",
    "professor",
    "scientist",
    "researcher",
    "analyst",
    "expert",
    "engineer",
    "judge",
    "senator",
    "manager",
    "executive",
    "officer",
    "surgeon",
    "teacher",
    "author",
    "mayor",
    "governor",
    "player",
    "champion",
    "coach",
    "rider",
    "singer",
    "actor",
    "actress",
    "widow",
    "survivor",
    "victim",
    "suspect",
    "priest",
    "man",
    "woman",
    "boy",
    "girl",
    "veteran",
    "counselor",
    "activist",
    "dissident",
    "inventor",
    "holder",
    "swimmer",
    "diver",
    "athlete",
    "gunman",
    "pilot",
    "soldier",
    "commander",
    "colleague",
    "friend",
    "aide",
    "adviser",
    "advisor",
    "associate",
    "partner",
    "candidate",
    "journalist",
    "reporter",
    "photographer",
    "laureate",
    "novelist",
    "economist",
    "citizen",
    "national",
    "frontman",
    "girlfriend",
    "boyfriend",
    "fiancee",
    "fiance",
    "aunt",
    "uncle",
    "nephew",
    "niece",
    "cousin",
    "grandson",
    "granddaughter",
    "grandmother",
    "grandfather",
    "star",
    "rapper",
    "comedian",
    "artist",
    "historian",
    "appraiser",
    "collector",
    "prosecutor",
    "defender",
    "investigator",
    "defendant",
    "plaintiff",
    "drummer",
    "nurse",
];

/// Nouns after a possessive that make the possessor a person ("X's daughter", "X's girlfriend").
const KIN_AFTER: &[&str] = &[
    "daughter",
    "son",
    "wife",
    "husband",
    "girlfriend",
    "boyfriend",
    "fiancee",
    "fiance",
    "mother",
    "father",
    "brother",
    "sister",
    "widow",
    "parents",
    "family",
    "uncle",
    "aunt",
    "nephew",
    "niece",
    "grandson",
    "granddaughter",
];
const ORG_NOUNS: &[&str] = &[
    "newspaper",
    "daily",
    "weekly",
    "agency",
    "company",
    "firm",
    "group",
    "organization",
    "organisation",
    "party",
    "channel",
    "network",
    "magazine",
    "journal",
    "broadcaster",
    "bank",
    "airline",
    "carrier",
    "consortium",
    "manufacturer",
    "maker",
    "union",
    "movement",
    "institute",
    "university",
    "tribunal",
    "court",
    "militia",
    "faction",
    "coalition",
    "alliance",
    "team",
    "club",
    "website",
    "station",
    "insurer",
    "retailer",
    "startup",
    "regulator",
    "watchdog",
    "charity",
    "publisher",
    "band",
];
const PLACE_NOUNS: &[&str] = &[
    "block",
    "city",
    "town",
    "village",
    "country",
    "nation",
    "province",
    "region",
    "state",
    "capital",
    "island",
    "port",
    "district",
    "area",
    "suburb",
    "county",
    "neighborhood",
    "neighbourhood",
    "territory",
    "kingdom",
    "republic",
    "enclave",
    "municipality",
];
/// Nouns after a possessive that make the possessor a country or city ("X's capital").
const COUNTRY_NOUNS: &[&str] = &[
    "government",
    "capital",
    "embassy",
    "economy",
    "army",
    "military",
    "parliament",
    "ambassador",
    "border",
    "borders",
    "territory",
    "cabinet",
    "navy",
    "largest",
    "biggest",
    "second-largest",
    "interior",
    "defence",
    "defense",
    "foreign",
    "prime",
    "president",
    "population",
    "citizens",
    "people",
    "currency",
    "constitution",
    "coast",
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
];
/// Nouns right after a name that make it an organisation ("X spokesman", "X's shares").
/// Nouns that name a medicine ("the drug X", "X, an antidepressant").
const PRODUCT_NOUNS: &[&str] = &[
    "drug",
    "drugs",
    "antidepressant",
    "medication",
    "painkiller",
    "sedative",
];
const ORG_AFTER: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "executives",
    "shares",
    "stock",
    "employees",
    "headquarters",
    "chairman",
    "ceo",
    "lawyers",
    "attorneys",
    "subsidiary",
    "board",
    "frontman",
    "guitarist",
    "drummer",
    "bassist",
    "channel",
    "magazine",
    "newspaper",
    "network",
    "company",
    "plant",
    "factory",
    "firm",
    "website",
    "shareholders",
    "founder",
    "co-founder",
];
/// Nouns right after a name, not its possessive, that make it a website or a social network
/// ("his Facebook page", "Twitter users"; "Smith's page" is a person's).
const SITE_AFTER: &[&str] = &[
    "page",
    "pages",
    "account",
    "accounts",
    "feed",
    "feeds",
    "followers",
    "users",
    "user",
    "post",
    "posts",
];

/// Lower-case nouns right after a name that it names, also when it is a person's ("Charles de
/// Gaulle airport").
const FEATURE_AFTER: &[&str] = &[
    "airport",
    "airports",
    "airfield",
    "island",
    "islands",
    "archipelago",
    "atoll",
];
/// Nouns right after a name that make it a town or region ("Philadelphia police").
const PLACE_AFTER: &[&str] = &[
    "police",
    "residents",
    "suburbs",
    "streets",
    "neighborhoods",
    "waterway",
    "river",
    "region",
    "province",
    "district",
    "area",
    "valley",
    "coast",
    "hotel",
    "motel",
    "suburb",
    "stadium",
];
const PLACE_PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "from",
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
/// Holidays, time zones and page words that are never part of a name (months and weekdays are in
/// [`MONTH_WORDS`] and [`WEEKDAY_WORDS`]).
const SKIP_WORDS: &[&str] = &[
    "i",
    "watch",
    "update",
    "embed",
    "tv",
    "video",
    "gmt",
    "utc",
    "bst",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "mst",
    "mdt",
    "cet",
    "cest",
    // "6:40PM ET": the US Eastern time zone.
    "et",
    "halloween",
    "christmas",
    "easter",
    "thanksgiving",
    "today",
    "yesterday",
    "tomorrow",
    "oh",
    "ah",
    "wow",
    "hey",
    "yeah",
];

/// Evidence for each kind, counted over mentions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Cues {
    /// A role, an age ("X, 67,") or a person noun in apposition or before it.
    pub person: u32,
    /// A speech verb right after it, or before a name of two or more words.
    pub speech: u32,
    /// A locative preposition, a dateline, a place noun, a country noun after its possessive, or
    /// coordination with a place.
    pub place: u32,
    /// An organisation noun in apposition or before it, or an organisation noun after it.
    pub org: u32,
    /// Written after "the" ("the Underground"), as a surname is not.
    pub article: u32,
    /// Written right before a common noun it modifies ("Chechen rebels").
    pub modifier: u32,
    /// Written right before a lower-case feature noun that it names ("Charles de Gaulle
    /// airport", "the Fernando de Noronha islands"): a place named after a person.
    pub feature: u32,
    /// Named as a medicine or product: "marketed as X", "prescribed X", "the drug X", "X, an
    /// antidepressant".
    pub product: u32,
}

impl Cues {
    fn add(&mut self, other: Cues) {
        self.person += other.person;
        self.speech += other.speech;
        self.place += other.place;
        self.org += other.org;
        self.article += other.article;
        self.modifier += other.modifier;
        self.feature += other.feature;
        self.product += other.product;
    }
}

/// A capitalised-word run found in the text.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub span: Span,
    pub name: String,
    pub role: Option<String>,
    pub cues: Cues,
    /// Coordinated with the name found before it in the sentence ("Izmit, Bolu or Yalova").
    pub joined: bool,
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
    split_person_of_place(docs, &mut found);

    // Person full names, and the surnames that point to them.
    // Lone names with the cues of their mentions.
    let mut singles: FxHashMap<&str, Cues> = FxHashMap::default();
    for (_, f) in found.iter().filter(|(_, f)| !f.name.contains(' ')) {
        singles.entry(f.name.as_str()).or_default().add(f.cues);
    }
    let mut person_names: FxHashMap<&str, usize> = FxHashMap::default();
    // What each name of two words or more tells by itself, found at its first mention: no
    // person's name by its words; person-shaped; opening with a given name or an uncommon full
    // name (found when first needed).
    let mut name_facts: FxHashMap<&str, (bool, bool, Option<bool>)> = FxHashMap::default();
    for (_, item) in &found {
        if !item.name.contains(' ') {
            continue;
        }
        let facts = name_facts.entry(item.name.as_str()).or_insert_with(|| {
            let skip = looks_like_org(&item.name)
                || has_place_word(&item.name)
                || item.name.split(' ').any(abbreviated_place_word)
                || in_list!(item.name.split(' ').next(), NAME_MODIFIERS);
            (skip, !skip && person_shaped(&item.name), None)
        });
        if facts.0 {
            continue;
        }
        // "The Kessa Survey said": a speaker written after "the" is no person by that alone.
        let cued = item.role.is_some()
            || item.cues.person > 0
            || item.cues.speech > 0 && item.cues.article == 0;
        // "Mikhail Kalashnikov" with "Kalashnikov said": a surname seen alone speaking or with a
        // person cue, never a place or a body, and a first name never seen alone.
        let mut words_iter = item.name.split(' ');
        let first = words_iter.next().unwrap_or("");
        let last = item.name.rsplit(' ').next().unwrap_or("");
        let surname_alone = facts.1
            && last.chars().any(char::is_lowercase)
            && !singles.contains_key(first)
            && singles.get(last).is_some_and(|c| {
                (c.person > 0 || c.speech > 0 || cued) && c.place == 0 && c.org == 0
            });
        if cued && !item.name.contains(" of ")
            || surname_alone
            || *facts.2.get_or_insert_with(|| {
                opens_with_given_name(&item.name)
                    || uncommon_full_name(&item.name, &lowercase_words)
            })
        {
            *person_names.entry(item.name.as_str()).or_default() += 1;
        }
    }
    // A surname in an article that names one person by it points to that person there ("Smith"
    // is David Smith where the article names David Smith, though another Smith is named more).
    let mut article_surname: FxHashMap<(usize, &str), Option<&str>> = FxHashMap::default();
    for (article, item) in &found {
        if let Some(last) = item.name.rsplit_once(' ').map(|(_, last)| last)
            && person_names.contains_key(item.name.as_str())
        {
            let name = item.name.as_str();
            article_surname
                .entry((*article, last))
                .and_modify(|seen| {
                    // "David Smith" and "David L. Smith" are one; "Richard Smith" another.
                    if seen.is_some_and(|s| s.split(' ').next() != name.split(' ').next()) {
                        *seen = None;
                    }
                })
                .or_insert(Some(name));
        }
    }
    let mut surname: FxHashMap<&str, &str> = FxHashMap::default();
    // Every full name by its last word, most often named first.
    let mut all_by_surname: FxHashMap<&str, Vec<&str>> = FxHashMap::default();
    let mut by_count: Vec<(&str, usize)> = person_names.iter().map(|(n, c)| (*n, *c)).collect();
    by_count.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (name, _) in by_count {
        if let Some(last) = name.rsplit(' ').next() {
            surname.entry(last).or_insert(name);
            all_by_surname.entry(last).or_default().push(name);
        }
    }
    let genders = name_genders(docs, &found, &person_names);
    // "Mrs. Shepard" is not Matthew Shepard, whom the text calls "he": a gendered title goes to
    // a full name the text never genders the other way.
    let compatible = |name: &str, want: Option<Gender>| {
        want.is_none_or(|want| {
            genders
                .get(name)
                .is_none_or(|g| g.get() != Some(want.other()))
        })
    };

    let mut entities: Vec<Entity> = Vec::new();
    let mut index: FxHashMap<String, usize> = FxHashMap::default();
    let mut cues: Vec<Cues> = Vec::new();
    let mut item_slots: Vec<usize> = Vec::with_capacity(found.len());
    // Each canonical name's slot, once its key is known (a name recurs in most mentions).
    let mut slot_of: FxHashMap<&str, usize> = FxHashMap::default();
    for (article, item) in &found {
        let canonical: &str = if item.name.split(' ').count() == 1 {
            let want = title_gender(item.role.as_deref());
            article_surname
                .get(&(*article, item.name.as_str()))
                .copied()
                .flatten()
                .or_else(|| surname.get(item.name.as_str()).copied())
                .and_then(|full| {
                    if compatible(full, want) {
                        return Some(full);
                    }
                    all_by_surname
                        .get(item.name.as_str())?
                        .iter()
                        .copied()
                        .find(|other| compatible(other, want))
                })
                .unwrap_or(item.name.as_str())
        } else if let Some(full) = item
            .name
            .rsplit(' ')
            .next()
            .and_then(|last| surname.get(last))
        {
            // "Kerry" and "John Kerry" are one; "Secretary John Kerry" was already split.
            if full.ends_with(&item.name) {
                full
            } else {
                item.name.as_str()
            }
        } else {
            item.name.as_str()
        };
        // Names differing only in case, dots or hyphenation ("Al Assad", "al-Assad"; "U.S",
        // "US") are one entity, named as first written.
        let slot = if let Some(&slot) = slot_of.get(canonical) {
            slot
        } else {
            let slot = *index.entry(entity_key(canonical)).or_insert_with(|| {
                entities.push(Entity {
                    name: canonical.to_string(),
                    kind: String::new(),
                    roles: Vec::new(),
                    articles: Vec::new(),
                    n_mentions: 0,
                    mentions: Vec::new(),
                });
                cues.push(Cues::default());
                entities.len() - 1
            });
            slot_of.insert(canonical, slot);
            slot
        };
        item_slots.push(slot);
        let entity = &mut entities[slot];
        entity.n_mentions += 1;
        if !entity.articles.contains(article) {
            entity.articles.push(*article);
            entity.mentions.push(docs[*article].excerpt(item.span));
        }
        // "I was now Mrs Mark David Chapman": his wife's words, no title of his.
        if let Some(role) = &item.role
            && compatible(canonical, title_gender(Some(role)))
        {
            add_role(entity, role, *article);
        }
        let cue = &mut cues[slot];
        cue.add(item.cues);
        if item.role.is_some() || person_names.contains_key(canonical) {
            cue.person += 1;
        }
    }
    // Each entity's kind by its cues so far, classified again only where its cues change.
    let mut kinds: Vec<&'static str> = entities
        .iter()
        .zip(&cues)
        .map(|(e, c)| classify(&e.name, *c))
        .collect();
    let reclassify = |kinds: &mut [&'static str], before: &[Cues], cues: &[Cues]| {
        for (i, (b, c)) in before.iter().zip(cues).enumerate() {
            if b != c {
                kinds[i] = classify(&entities[i].name, *c);
            }
        }
    };
    let before = cues.clone();
    coordinated_places(docs, &kinds, &mut cues, &found, &item_slots);
    reclassify(&mut kinds, &before, &cues);
    let before = cues.clone();
    listed_people(&entities, &kinds, &mut cues, &found, &item_slots);
    reclassify(&mut kinds, &before, &cues);
    let definitions = acronym_definitions(docs, &found);
    let common_acronyms = lowercase_defined_acronyms(docs, &found);
    let (entities, cues, kinds) = merge_aliases(
        entities,
        cues,
        &kinds,
        &index,
        &definitions,
        &lowercase_words,
    );
    // "Kalashnikovs" beside "Kalashnikov": the plural of a name (the rifles, a family) is none.
    // A name with no cue at all whose every word the cluster also writes in lower case is a
    // common phrase capitalised as a label or a title ("Voice Recognition", "Dislike").
    let mut kept: Vec<(Entity, Cues, Option<&'static str>)> = entities
        .into_iter()
        .zip(cues)
        .zip(kinds)
        .map(|((e, c), k)| (e, c, k))
        .filter(|(e, c, _)| {
            let plural = e
                .name
                .strip_suffix('s')
                .is_some_and(|one| one.len() >= 4 && singles.contains_key(one));
            // "Chechen rebels", "the Philippine carrier": a lone word shaped like a people's
            // adjective, never written in lower case, that the cluster only ever writes before a
            // common noun, with no other cue, is an adjective.
            let adjective = !e.name.contains(' ')
                && e.n_mentions >= 2
                && e.name.chars().skip(1).all(char::is_lowercase)
                && ["an", "ese", "ish", "ic", "i", "ine", "en"]
                    .iter()
                    .any(|suffix| e.name.ends_with(suffix))
                && !written_lowercase(&lowercase_words, &e.name)
                && c.modifier as usize >= e.n_mentions
                && c.person == 0
                && c.speech == 0
                && c.place == 0
                && c.org == 0
                && e.roles.is_empty();
            !plural
                && !adjective
                && !common_phrase(e, *c, &lowercase_words)
                && !common_acronyms.contains(&e.name.replace('.', ""))
        })
        .collect();
    for (entity, cue, kind) in &mut kept {
        // The kind found before the merges, where the cues are still those it was found by.
        entity.kind = kind
            .unwrap_or_else(|| classify(&entity.name, *cue))
            .to_string();
        if entity.kind != "person" {
            // Roles belong to people: one given to a place or a body is a misreading.
            entity.roles.clear();
        }
        entity.roles.sort_by(|a, b| {
            b.articles
                .len()
                .cmp(&a.articles.len())
                .then(b.role.len().cmp(&a.role.len()))
                .then(a.role.cmp(&b.role))
        });
    }
    let mut entities: Vec<Entity> = kept.into_iter().map(|(e, _, _)| e).collect();
    // "Ningxia" beside "Ningxia Hui Autonomous Region": a lone word with no kind of its own that
    // opens a place's name with a place word is a place.
    let place_heads: FxHashSet<&str> = entities
        .iter()
        .filter(|e| {
            e.kind == "place"
                && e.name.rsplit(' ').next().is_some_and(|w| {
                    in_list!(
                        Some(w),
                        &["province", "region", "county", "territory", "prefecture"],
                    )
                })
        })
        .filter_map(|e| e.name.split_once(' ').map(|(head, _)| head))
        .collect();
    let lone_places: Vec<usize> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| {
            e.kind == "other" && !e.name.contains(' ') && place_heads.contains(e.name.as_str())
        })
        .map(|(i, _)| i)
        .collect();
    for i in lone_places {
        entities[i].kind = "place".to_string();
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

/// "Istanbul, Izmit, Bolu or Yalova": a name with no cue of its own, coordinated in a list with a
/// name the cluster's own cues make a place, is a place too (one place cue per such list).
/// `kinds` are the entities' kinds by `cues` ([`classify`]).
fn coordinated_places(
    docs: &[Doc<'_>],
    kinds: &[&'static str],
    cues: &mut [Cues],
    found: &[(usize, Found)],
    slots: &[usize],
) {
    let place: Vec<bool> = kinds.iter().map(|k| *k == "place").collect();
    let org: Vec<bool> = kinds.iter().map(|k| *k == "organization").collect();
    let bare = |c: &Cues| c.person == 0 && c.place == 0 && c.org == 0 && c.speech == 0;
    let mut gain: Vec<u32> = vec![0; kinds.len()];
    // "deals with Kessa and KTV": a name with no cue joined by "and"/"or" to a body (no known
    // place) is a body's too.
    let mut org_gain: Vec<u32> = vec![0; kinds.len()];
    for (i, (article, item)) in found.iter().enumerate().skip(1) {
        if !item.joined || found[i - 1].0 != *article || i >= slots.len() {
            continue;
        }
        let (a, b) = (slots[i - 1], slots[i]);
        // A comma joins a name to its apposition too: only "and"/"or" joins bodies.
        let and_or = || {
            docs[*article]
                .text
                .get(found[i - 1].1.span.end..item.span.start)
                .is_some_and(|g| matches!(g.trim(), "and" | "or"))
        };
        if place[a] && bare(&cues[b]) {
            gain[b] = 1;
        } else if place[b] && bare(&cues[a]) {
            gain[a] = 1;
        } else if org[a] && bare(&cues[b]) && and_or() && !super::places::is_known_place(&item.name)
        {
            org_gain[b] = 1;
        } else if org[b]
            && bare(&cues[a])
            && and_or()
            && !super::places::is_known_place(&found[i - 1].1.name)
        {
            org_gain[a] = 1;
        }
    }
    for ((cue, g), o) in cues.iter_mut().zip(gain).zip(org_gain) {
        cue.place += g;
        cue.org += o;
    }
}

/// "Chris Tanner, Sean Holt, Glen Dorrity and Tyrone Welk": in a list of three names or more,
/// two of them typed people, a full name (two to four capitalised words) with no cue of its own
/// is a person's too.
/// `kinds` are the entities' kinds by `cues` ([`classify`]).
fn listed_people(
    entities: &[Entity],
    kinds: &[&'static str],
    cues: &mut [Cues],
    found: &[(usize, Found)],
    slots: &[usize],
) {
    let bare = |c: &Cues| c.person == 0 && c.place == 0 && c.org == 0 && c.speech == 0;
    let mut gain: Vec<u32> = vec![0; entities.len()];
    let mut i = 0;
    while i < found.len().min(slots.len()) {
        // The list opening at `i`: the items after it joined to it, in one article.
        let mut j = i + 1;
        while j < found.len().min(slots.len()) && found[j].1.joined && found[j].0 == found[i].0 {
            j += 1;
        }
        if j - i >= 3 {
            let members = &slots[i..j];
            let people = members.iter().filter(|&&m| kinds[m] == "person").count();
            if people >= 2 {
                for &m in members {
                    if bare(&cues[m])
                        && person_shaped(&entities[m].name)
                        && !has_place_word(&entities[m].name)
                        && !looks_like_org(&entities[m].name)
                        && !super::places::is_known_place(&entities[m].name)
                    {
                        gain[m] = 1;
                    }
                }
            }
        }
        i = j;
    }
    for (cue, g) in cues.iter_mut().zip(gain) {
        cue.person += g;
    }
}

/// The key names are merged by: case, dots and hyphens aside, an inner "al"/"el" particle left
/// out ("Hafez al-Assad" = "Hafez Assad"), and a run of single letters read as one word ("P. W.
/// Botha" = "P.W. Botha").
fn entity_key(name: &str) -> String {
    let key = entity_key_words(name);
    let key = fold_letter_runs(&key).unwrap_or(key);
    // "The Associated Press" = "Associated Press"; "The Hague" keeps its article.
    match key.strip_prefix("the ") {
        Some(rest) if rest.contains(' ') => rest.to_string(),
        _ => key,
    }
}

/// "p w botha" as "pw botha": two or more one-letter words in a row joined; `None` when there
/// are none.
fn fold_letter_runs(key: &str) -> Option<String> {
    let bytes = key.as_bytes();
    // A one-letter word followed by another: "x y" at a word start.
    let has_run = (0..bytes.len().saturating_sub(2)).any(|i| {
        (i == 0 || bytes[i - 1] == b' ')
            && bytes[i].is_ascii_alphabetic()
            && bytes[i + 1] == b' '
            && bytes[i + 2].is_ascii_alphabetic()
            && bytes.get(i + 3).is_none_or(|&b| b == b' ')
    });
    if !has_run {
        return None;
    }
    let mut out = String::with_capacity(key.len());
    let mut previous_single = false;
    for word in key.split(' ') {
        let single = word.len() == 1;
        let joined = single && previous_single;
        if !out.is_empty() && !joined {
            out.push(' ');
        }
        out.push_str(word);
        previous_single = single;
    }
    Some(out)
}

/// A name with its accents left out ("René Préval" as "Rene Preval"); ASCII names as they are.
pub(crate) fn without_accents(name: &str) -> std::borrow::Cow<'_, str> {
    if name.is_ascii() {
        return std::borrow::Cow::Borrowed(name);
    }
    std::borrow::Cow::Owned(name.nfd().filter(|&c| !is_combining_mark(c)).collect())
}

fn entity_key_words(name: &str) -> String {
    let lower = if name.is_ascii() {
        // The same in one pass.
        let mut lower = String::with_capacity(name.len());
        for byte in name.bytes() {
            match byte {
                b'-' => lower.push(' '),
                b'.' => {}
                _ => lower.push(char::from(byte.to_ascii_lowercase())),
            }
        }
        // Already one word or words split by single spaces, none of them a particle: the key.
        let bytes = lower.as_bytes();
        let plain = bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && !lower.contains("  ")
            && !lower.bytes().any(|b| matches!(b, b'\t'..=b'\r'));
        if plain
            && (lower.bytes().filter(|&b| b == b' ').count() < 2
                || !lower.split(' ').any(|w| matches!(w, "al" | "el")))
        {
            return lower;
        }
        lower
    } else {
        // "René Préval" = "Rene Preval": accents left out (decomposed, their marks dropped).
        without_accents(name)
            .to_lowercase()
            .replace(['-', '‐'], " ")
            .replace('.', "")
    };
    let mut words: Vec<&str> = lower.split_whitespace().collect();
    if words.len() > 2 {
        let first = words[0];
        words.retain(|w| !matches!(*w, "al" | "el"));
        if words.is_empty() || words[0] != first {
            return lower;
        }
    }
    words.join(" ")
}

/// A lower-case noun that can qualify a title ("campaign" manager, "communications" manager): no
/// function word, verb form, adverb or time qualifier ("former", "acting").
fn role_modifier(word: &str) -> bool {
    word.len() >= 4
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && !crate::stopwords::is_stopword(word)
        && !SPEECH_VERBS.contains(&word)
        && !word.ends_with("ed")
        && !word.ends_with("ly")
        && !matches!(
            word,
            "former"
                | "acting"
                | "interim"
                | "outgoing"
                | "incoming"
                | "current"
                | "longtime"
                | "onetime"
                | "future"
                | "late"
                | "then"
                | "including"
                | "according"
                | "whose"
                | "says"
                | "told"
        )
}

/// A person's grammatical gender, as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
}

impl Gender {
    fn other(self) -> Gender {
        match self {
            Gender::Male => Gender::Female,
            Gender::Female => Gender::Male,
        }
    }
}

/// Votes for each gender.
#[derive(Debug, Clone, Copy, Default)]
struct GenderVotes {
    male: u32,
    female: u32,
}

impl GenderVotes {
    /// The gender with more votes, if any.
    fn get(self) -> Option<Gender> {
        match self.male.cmp(&self.female) {
            std::cmp::Ordering::Greater => Some(Gender::Male),
            std::cmp::Ordering::Less => Some(Gender::Female),
            std::cmp::Ordering::Equal => None,
        }
    }
}

/// The gender a courtesy title gives: "Mr" male, "Mrs", "Ms", "Miss" female.
fn title_gender(role: Option<&str>) -> Option<Gender> {
    let last = role?.rsplit(' ').next()?.trim_end_matches('.');
    if last.eq_ignore_ascii_case("mr") {
        Some(Gender::Male)
    } else if ["mrs", "ms", "miss"]
        .iter()
        .any(|t| last.eq_ignore_ascii_case(t))
    {
        Some(Gender::Female)
    } else {
        None
    }
}

/// The gender of the first third-person pronoun after a mention that a verb follows, in its
/// sentence ("Marianne Gingrich called her husband"); none past a sentence end or a quotation
/// mark, none after a listed or appositive name ("led by X and Tansu Ciller, to join him").
fn pronoun_after(text: &str, end: usize) -> Option<Gender> {
    let rest = text.get(end..)?;
    let rest = rest
        .strip_prefix("'s")
        .or_else(|| rest.strip_prefix("’s"))
        .unwrap_or(rest);
    let next = rest.strip_prefix(' ')?;
    if !next.starts_with(|c: char| c.is_ascii_lowercase())
        || next.starts_with("and ")
        || next.starts_with("or ")
    {
        return None;
    }
    let mut taken = 0;
    for word in rest.split(|c: char| !c.is_ascii_alphabetic()) {
        taken += word.len() + 1;
        if taken > 160 {
            return None;
        }
        match word {
            "he" | "He" | "his" | "His" | "him" | "himself" => return Some(Gender::Male),
            "she" | "She" | "her" | "Her" | "hers" | "herself" => return Some(Gender::Female),
            _ => {}
        }
        // The separator after this word: a sentence end or a quotation ends the search.
        if let Some(sep) = rest.get(taken - 1..).and_then(|r| r.chars().next())
            && matches!(sep, '.' | '?' | '!' | '"' | '“' | '”' | ';')
        {
            return None;
        }
    }
    None
}

/// Gender votes for each person's full name: its courtesy titles and the pronouns after it.
fn name_genders<'f>(
    docs: &[Doc<'_>],
    found: &'f [(usize, Found)],
    person_names: &FxHashMap<&str, usize>,
) -> FxHashMap<&'f str, GenderVotes> {
    let mut out: FxHashMap<&str, GenderVotes> = FxHashMap::default();
    for (article, item) in found {
        if !item.name.contains(' ') || !person_names.contains_key(item.name.as_str()) {
            continue;
        }
        let vote = title_gender(item.role.as_deref())
            .or_else(|| pronoun_after(docs[*article].text, item.span.end));
        let votes = out.entry(item.name.as_str()).or_default();
        match vote {
            Some(Gender::Male) => votes.male += 1,
            Some(Gender::Female) => votes.female += 1,
            None => {}
        }
    }
    out
}

fn add_role(entity: &mut Entity, role: &str, article: usize) {
    match entity
        .roles
        .iter_mut()
        .find(|r| r.role.eq_ignore_ascii_case(role))
    {
        Some(existing) if !existing.articles.contains(&article) => {
            existing.articles.push(article);
        }
        Some(_) => {}
        None => entity.roles.push(Role {
            role: role.to_string(),
            articles: vec![article],
        }),
    }
}

/// "Alberto Contador of Spain", "President Eduardo Frei of Chile": a person with a role, or
/// whose name the cluster also writes alone, is split from the place or body after "of".
fn split_person_of_place(docs: &[Doc<'_>], found: &mut Vec<(usize, Found)>) {
    // Nothing to split without an " of " (most clusters' names hold none).
    if !found.iter().any(|(_, f)| f.name.contains(" of ")) {
        return;
    }
    // Each distinct name copied once.
    let alone: FxHashSet<String> = found
        .iter()
        .filter(|(_, f)| !f.name.contains(" of "))
        .map(|(_, f)| f.name.as_str())
        .collect::<FxHashSet<&str>>()
        .into_iter()
        .map(str::to_string)
        .collect();
    let mut extra = Vec::new();
    for (article, item) in found.iter_mut() {
        let Some((head, tail)) = item.name.rsplit_once(" of ") else {
            continue;
        };
        let head_words = head.split(' ').count();
        // "bloodstain expert Jonathyn Priest of Bevel": a person noun before the name too.
        let person_like = !looks_like_org(head)
            && !has_place_word(head)
            && (item.role.is_some() && head_words >= 1
                || head_words >= 2 && (alone.contains(head) || item.cues.person > 0));
        if !person_like || tail.is_empty() {
            continue;
        }
        let doc = &docs[*article];
        let Some(offset) = doc.slice(item.span).rfind(" of ") else {
            continue;
        };
        let tail_span = Span::new(item.span.start + offset + 4, item.span.end);
        extra.push((
            *article,
            Found {
                span: tail_span,
                name: tail.to_string(),
                role: None,
                cues: Cues::default(),
                joined: false,
            },
        ));
        item.name = head.to_string();
        item.span = Span::new(item.span.start, item.span.start + offset);
    }
    found.extend(extra);
}

/// Acronyms the text defines in brackets right after common nouns whose initials they spell:
/// "central nervous system (CNS)", "Attention deficit hyperactivity disorder (ADHD)" (a word
/// after the first in lower case). A common noun's abbreviation is no name.
fn lowercase_defined_acronyms(docs: &[Doc<'_>], found: &[(usize, Found)]) -> FxHashSet<String> {
    let mut out = FxHashSet::default();
    for (article, item) in found {
        let Some(bare) = bare_acronym(&item.name) else {
            continue;
        };
        let text = docs[*article].text;
        let Some(before) = text
            .get(..item.span.start)
            .and_then(|b| b.strip_suffix('('))
        else {
            continue;
        };
        let words: Vec<&str> = before
            .split(|c: char| c.is_whitespace() || c == '-')
            .rev()
            .filter(|w| !w.is_empty())
            .take(bare.len())
            .collect();
        let spelled = words.len() == bare.len()
            && words.iter().rev().zip(bare.chars()).all(|(w, c)| {
                w.chars()
                    .next()
                    .is_some_and(|f| f.to_ascii_uppercase() == c)
            });
        let common = words[..words.len().saturating_sub(1)]
            .iter()
            .all(|w| w.chars().all(|c| c.is_ascii_lowercase()));
        if spelled && words.len() >= 2 && common {
            out.insert(bare);
        }
    }
    out
}

/// `name` without its dots when that leaves 2 to 6 ASCII capitals ("U.S." as "US"), else
/// `None`: a new string only for an acronym.
fn bare_acronym(name: &str) -> Option<String> {
    let mut len = 0;
    for byte in name.bytes() {
        match byte {
            b'.' => {}
            b'A'..=b'Z' => len += 1,
            _ => return None,
        }
    }
    (2..=6).contains(&len).then(|| name.replace('.', ""))
}

/// Acronyms the text defines right after a name of two or more words: "the Kurdish Workers Party,
/// or PKK", "the American Psychiatric Association (APA)", "the Kurdistan Workers Party, PKK,".
/// Pairs (acronym, name).
fn acronym_definitions(docs: &[Doc<'_>], found: &[(usize, Found)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for pair in found.windows(2) {
        let [(article, full), (next_article, acronym)] = pair else {
            continue;
        };
        if article != next_article || !full.name.contains(' ') || acronym.span.start < full.span.end
        {
            continue;
        }
        let Some(bare) = bare_acronym(&acronym.name) else {
            continue;
        };
        let text = docs[*article].text;
        let Some(between) = text.get(full.span.end..acronym.span.start) else {
            continue;
        };
        let between = without_leading_possessives(between);
        let after = text.get(acronym.span.end..).unwrap_or("");
        // "National Aeronautics and Space Administration (NASA)" read as "Space Administration":
        // an acronym ending with the initials of a shorter name defines a longer one.
        let cut = {
            let spelled = initials(&full.name);
            bare.len() > spelled.len() && bare.ends_with(&spelled)
        };
        // A bare appositive ("X, RM,") is as often a post-nominal ("Captain Jo Vey, RN, said")
        // as a definition: it defines only when it shares a letter with the name's initials.
        let appositive = between == ", "
            && after.starts_with(',')
            && initials(&full.name).chars().any(|c| bare.contains(c));
        let defined = !cut && (matches!(between, ", or " | ", or the " | " (") || appositive);
        if defined {
            out.push((acronym.name.clone(), full.name.clone()));
        }
    }
    out.extend(explained_aliases(docs, found));
    out
}

/// `text` with the possessive endings opening it trimmed, as
/// `text.trim_start_matches("'s").trim_start_matches("’s")` (without setting up substring
/// searches: this runs for each pair of nearby names).
fn without_leading_possessives(text: &str) -> &str {
    let mut text = text;
    while let Some(rest) = text.strip_prefix("'s") {
        text = rest;
    }
    while let Some(rest) = text.strip_prefix("’s") {
        text = rest;
    }
    text
}

/// Other names the text gives a name in words: "Islamic State, also known as Daesh" and "Daesh,
/// an Arabic acronym for Islamic State" give ("Daesh", "Islamic State"). Pairs (alias, name), the
/// name being the one the alias is explained by or given to.
fn explained_aliases(docs: &[Doc<'_>], found: &[(usize, Found)]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, (article, first)) in found.iter().enumerate() {
        for (next_article, second) in found.iter().skip(i + 1).take(3) {
            if next_article != article || second.span.start < first.span.end {
                break;
            }
            let Some(between) = docs[*article].text.get(first.span.end..second.span.start) else {
                break;
            };
            let between = without_leading_possessives(between);
            // At most a few words, within one clause.
            if between.len() > 40 || between.contains(['.', ';', '"', '“', '”']) {
                break;
            }
            // Each phrase below is 11 characters or more, and lower-casing never makes fewer
            // characters (nor a character of fewer than one byte).
            if between.len() < 11 {
                continue;
            }
            let lower = between.to_lowercase();
            if matches!(
                lower.as_str(),
                ", also known as "
                    | " (also known as "
                    | ", known as "
                    | " (known as "
                    | ", also called "
                    | " (also called "
            ) {
                out.push((second.name.clone(), first.name.clone()));
                break;
            }
            if lower.starts_with(", ")
                && ["acronym for ", "short for ", "abbreviation for "]
                    .iter()
                    .any(|end| lower.ends_with(end))
            {
                out.push((first.name.clone(), second.name.clone()));
                break;
            }
        }
    }
    out
}

/// Two to four capitalised words, not opening with a place modifier ("New", "North"), no "of".
fn person_shaped(name: &str) -> bool {
    // One pass over the words, no list of them built (this runs for most names).
    let mut count = 0;
    for word in name.split(' ') {
        count += 1;
        if count > 4
            || word == "of"
            || !(is_capitalised(word) || CONNECTORS.contains(&word))
            || count == 1 && in_list!(Some(word), NAME_MODIFIERS)
        {
            return false;
        }
    }
    count >= 2
}

/// No place or body cue, or person cues at least twice theirs ("Mr. Tarr said", "Tarr, 60,",
/// once "in Tarr's"): a stray place or body cue does not make a person's name a place's.
fn person_cues_dominate(cues: Cues) -> bool {
    let other = cues.place + cues.org;
    other == 0 || cues.person >= 2 * other
}

/// Merges an acronym into the one name whose initials it spells ("U.S." into "United States",
/// "EU" into "European Union") and a lone word into the one organisation named after it
/// ("Xinhua" into "Xinhua News Agency"); the fuller name stays.
/// Merges each lone word (not yet merged, no place or body, not a known place, `also` true of
/// its name) into the one person `people` lists under it, through the merges made so far
/// ("Frances" for "Frances Bean", merged into "Frances Bean Cobain", is one person), when that
/// name with the lone word's cues is typed a person's.
fn merge_lone_words(
    entities: &[Entity],
    cues: &[Cues],
    people: &FxHashMap<&str, Vec<usize>>,
    target: &mut [Option<usize>],
    lowercase_words: &FxHashSet<String>,
    known_place: &dyn Fn(usize) -> bool,
    also: impl Fn(&str) -> bool,
) {
    for (a, entity) in entities.iter().enumerate() {
        if target[a].is_some()
            || entity.name.contains(' ')
            || !person_cues_dominate(cues[a])
            || known_place(a)
            || !also(&entity.name)
        {
            continue;
        }
        let mut found: Vec<usize> = people
            .get(entity.name.as_str())
            .map(|list| list.iter().map(|&f| target[f].unwrap_or(f)).collect())
            .unwrap_or_default();
        found.sort_unstable();
        found.dedup();
        // "Wang" beside "Wang Youcai" (7 articles), "Wang Dan" (2) and "Wang Bingzhang" (1): the
        // one person named in more than twice the articles of each other one stands for the
        // lone word; two people of like reach keep it apart. A common given name ("William",
        // "Arthur") may be anyone's, so it needs one person alone.
        if found.len() > 1 && !is_given_name(&entity.name) {
            let reach = |f: usize| entities[f].articles.len();
            let widest = found.iter().copied().max_by_key(|&f| reach(f));
            found = widest
                .filter(|&w| found.iter().all(|&f| f == w || reach(w) > 2 * reach(f)))
                .into_iter()
                .collect();
        }
        // "Underground" is no surname of "Bush Underground" (cut from "Shepherd's Bush
        // Underground station"): the full name, with the lone word's cues, is typed a person's,
        // or no kind at all while the lone word is no common word the cluster writes in lower
        // case and, unless it speaks or has a person's cue, never follows "the".
        if let [only] = found[..]
            && only != a
            && {
                let mut both = cues[only];
                both.add(cues[a]);
                match classify(&entities[only].name, both) {
                    "person" => true,
                    "other" => {
                        (cues[a].article == 0 || cues[a].person > 0 || cues[a].speech > 0)
                            && !written_lowercase(lowercase_words, &entity.name)
                    }
                    _ => false,
                }
            }
        {
            target[a] = Some(only);
        }
    }
}

/// Whether two words of five letters or more, with the same first letter, are one edit apart (a
/// letter changed, added or left out: "Gonzales"/"Gonzalez", "Siavaash"/"Siavash").
fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().min(b.len()) < 5 || a[0] != b[0] || a == b {
        return false;
    }
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    match long.len() - short.len() {
        0 => {
            short
                .iter()
                .zip(long.iter())
                .filter(|(x, y)| x != y)
                .count()
                == 1
        }
        1 => {
            let skip = short
                .iter()
                .zip(long.iter())
                .position(|(x, y)| x != y)
                .unwrap_or(short.len());
            short[skip..] == long[skip + 1..]
        }
        _ => false,
    }
}

/// Two spellings of one given name, not of two ("Sergei"/"Sergey", "Elisabeth"/"Elizabeth", but
/// "Mario"/"Maria", "Louis"/"Louise" are other people): the letters differ inside the word, or
/// at its end only as "i" and "y", and no article writes both names (outlets each keep their
/// own spelling; relatives are named side by side).
fn given_name_variants(a: &str, b: &str, ea: &Entity, eb: &Entity) -> bool {
    let ends_alike = a.chars().last() == b.chars().last()
        || matches!(
            (a.chars().last(), b.chars().last()),
            (Some('i'), Some('y')) | (Some('y'), Some('i'))
        ) && a.len() == b.len()
            && a[..a.len() - 1] == b[..b.len() - 1];
    ends_alike && !ea.articles.iter().any(|x| eb.articles.contains(x))
}

/// "Elian Gonzales" into "Elian Gonzalez": two names of a person, the same words but one,
/// spelt one edit apart (the given name only as [`given_name_variants`] allows), into the one
/// more widely mentioned. Neither is a place or a body, and one reads as a person's.
/// `known_place`, `shaped`, `org` and `place_word` tell of an entity's name [`super::places::is_known_place`],
/// [`person_shaped`], [`looks_like_org`] and [`has_place_word`].
fn merge_spelling_variants(
    entities: &[Entity],
    cues: &[Cues],
    target: &mut [Option<usize>],
    [known_place, shaped, org, place_word]: [&dyn Fn(usize) -> bool; 4],
) {
    let candidate = |i: usize| {
        target[i].is_none()
            && cues[i].place == 0
            && cues[i].org == 0
            && shaped(i)
            && !org(i)
            && !place_word(i)
            && !known_place(i)
    };
    // Names by their words with one left out (its position kept): variants share a key.
    let mut by_gap: FxHashMap<(String, usize), Vec<usize>> = FxHashMap::default();
    for i in (0..entities.len()).filter(|&i| candidate(i)) {
        let words: Vec<&str> = entities[i].name.split(' ').collect();
        for k in 0..words.len() {
            let mut rest = words.clone();
            rest.remove(k);
            by_gap.entry((rest.join(" "), k)).or_default().push(i);
        }
    }
    let mut groups: Vec<(&(String, usize), &Vec<usize>)> =
        by_gap.iter().filter(|(_, v)| v.len() >= 2).collect();
    groups.sort_unstable();
    for ((_, k), members) in groups {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                if target[a].is_some() || target[b].is_some() {
                    continue;
                }
                let (wa, wb) = (
                    entities[a].name.split(' ').nth(*k).unwrap_or(""),
                    entities[b].name.split(' ').nth(*k).unwrap_or(""),
                );
                if entities[a].name.split(' ').count() != entities[b].name.split(' ').count()
                    || !one_edit_apart(wa, wb)
                    || cues[a].person == 0 && cues[b].person == 0
                    || *k == 0 && !given_name_variants(wa, wb, &entities[a], &entities[b])
                {
                    continue;
                }
                let reach = |i: usize| (entities[i].articles.len(), entities[i].n_mentions);
                let (from, into) = if reach(b) > reach(a) { (a, b) } else { (b, a) };
                target[from] = Some(into);
            }
        }
    }
}

/// `kinds` are the entities' kinds by `cues` ([`classify`]). Returns the merged entities, their
/// cues, and each one's kind where its cues are still those it was classified by.
#[allow(clippy::type_complexity)]
fn merge_aliases(
    entities: Vec<Entity>,
    cues: Vec<Cues>,
    kinds: &[&'static str],
    by_key: &FxHashMap<String, usize>,
    definitions: &[(String, String)],
    lowercase_words: &FxHashSet<String>,
) -> (Vec<Entity>, Vec<Cues>, Vec<Option<&'static str>>) {
    let mut target: Vec<Option<usize>> = vec![None; entities.len()];
    // Facts of each entity's name, found once when first asked (several passes ask them).
    let cells = || vec![OnceCell::<bool>::new(); entities.len()];
    let (known_cells, org_cells, place_word_cells, shaped_cells) =
        (cells(), cells(), cells(), cells());
    let known =
        |i: usize| *known_cells[i].get_or_init(|| super::places::is_known_place(&entities[i].name));
    let org = |i: usize| *org_cells[i].get_or_init(|| looks_like_org(&entities[i].name));
    let place_word =
        |i: usize| *place_word_cells[i].get_or_init(|| has_place_word(&entities[i].name));
    let shaped = |i: usize| *shaped_cells[i].get_or_init(|| person_shaped(&entities[i].name));
    // The names of two or more words, by their initials and by their first word; the people
    // among them (with a person cue), by their first word. Looked up rather than compared in
    // pairs: a lone word `X` starts `X ...` exactly when `X` is its first word.
    let mut by_initials: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    let mut by_first: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    let mut people_by_first: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    // Keyed by the first and last words.
    let mut with_initials: FxHashMap<(&str, &str), Vec<usize>> = FxHashMap::default();
    // The people named in three words or more, by their last word lower-cased.
    let mut long_people_by_last: FxHashMap<String, Vec<usize>> = FxHashMap::default();
    for (f, full) in entities.iter().enumerate() {
        if !full.name.contains(' ') {
            continue;
        }
        let first = full.name.split(' ').next().unwrap_or("");
        by_initials.entry(initials(&full.name)).or_default().push(f);
        // "IOM" for "Institute of Medicine", "DOD" for "Department of Defense": the "of" spelled.
        if full.name.contains(" of ") {
            let spelled = initials(&full.name.replace(" of ", " Of "));
            by_initials.entry(spelled).or_default().push(f);
        }
        // "ERA" for "Energy Resources of Australia Ltd".
        if let Some((head, _)) = full
            .name
            .rsplit_once(' ')
            .filter(|(_, last)| in_list!(Some(last), CORPORATE_SUFFIXES))
        {
            by_initials.entry(initials(head)).or_default().push(f);
        }
        by_first.entry(first).or_default().push(f);
        if cues[f].person > 0 && shaped(f) {
            people_by_first.entry(first).or_default().push(f);
            if full.name.split(' ').count() >= 3 {
                let last = full.name.rsplit(' ').next().unwrap_or("").to_lowercase();
                long_people_by_last.entry(last).or_default().push(f);
            }
            // "Susana D. Gonzalez" under "Susana Gonzalez": middle initials left out.
            let words: Vec<&str> = full.name.split(' ').collect();
            // "Jonathan Carlyle Merkley" under "Jonathan Merkley": a middle name left out.
            if (3..=4).contains(&words.len())
                && words[1..words.len() - 1].iter().all(|w| {
                    let w = w.trim_end_matches('.');
                    is_initial(w) || is_capitalised(w) && w.chars().all(char::is_alphabetic)
                })
            {
                with_initials
                    .entry((words[0], words[words.len() - 1]))
                    .or_default()
                    .push(f);
            }
        }
    }
    // A company's name without its suffix ("X Ltd" and "X"), a storm's name without "Hurricane",
    // a place's name without its feature words ("Kakadu" and "Kakadu National Park"): into the
    // fuller name when just one name extends it so. `by_key` maps each entity's key
    // ([`entity_key`] of its name) to it.
    debug_assert!(
        entities
            .iter()
            .enumerate()
            .all(|(i, e)| by_key.get(&entity_key(&e.name)) == Some(&i))
    );
    // An acronym the text defines goes into the name it defines; two names one acronym defines
    // ("Kurdish Workers Party, or PKK", "Kurdistan Workers Party, or PKK") are one body, named as
    // the most widely mentioned.
    let mut defined: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (acronym, full) in definitions {
        if let (Some(&a), Some(&f)) = (
            by_key.get(&entity_key(acronym)),
            by_key.get(&entity_key(full)),
        ) && a != f
        {
            let list = defined.entry(a).or_default();
            if !list.contains(&f) {
                list.push(f);
            }
        }
    }
    let mut defined: Vec<(usize, Vec<usize>)> = defined.into_iter().collect();
    defined.sort_unstable();
    for (a, fulls) in defined {
        let reach = |f: usize| (entities[f].articles.len(), entities[f].n_mentions);
        let Some(best) = fulls
            .iter()
            .copied()
            .max_by(|&x, &y| reach(x).cmp(&reach(y)).then(y.cmp(&x)))
        else {
            continue;
        };
        if target[a].is_none() {
            target[a] = Some(best);
        }
        for f in fulls {
            if f != best && target[f].is_none() {
                target[f] = Some(best);
            }
        }
    }
    let mut extended: FxHashMap<usize, Vec<usize>> = FxHashMap::default();
    for (f, full) in entities.iter().enumerate() {
        // The words but the last, and the last; the first and the second.
        let Some((head, last)) = full.name.rsplit_once(' ') else {
            continue;
        };
        let mut words = full.name.split(' ');
        let (first, second) = (words.next().unwrap_or(""), words.next());
        let count = 2 + words.count();
        let short = if in_list!(Some(last), CORPORATE_SUFFIXES) {
            Some(head)
        } else if count == 2 && in_list!(Some(first), STORM_WORDS)
            || count == 3 && first.eq_ignore_ascii_case("tropical") && in_list!(second, STORM_WORDS)
        {
            Some(last)
        } else if full
            .name
            .split(' ')
            .skip(1)
            .all(|w| in_list!(Some(w), PLACE_WORDS) || w.eq_ignore_ascii_case("national"))
            && !super::places::is_known_place(first)
        {
            Some(first)
        } else {
            None
        };
        if let Some(&a) = short.and_then(|n| by_key.get(&entity_key(n)))
            && a != f
        {
            extended.entry(a).or_default().push(f);
        }
    }
    for (a, fulls) in extended {
        // "X Ltd" and "X Limited" as well: one company, named as most widely.
        let suffixed =
            |f: &usize| in_list!(entities[*f].name.rsplit(' ').next(), CORPORATE_SUFFIXES);
        if fulls.len() > 1 && fulls.iter().all(suffixed) && target[a].is_none() {
            let best = fulls
                .iter()
                .copied()
                .max_by_key(|&f| (entities[f].articles.len(), entities[f].n_mentions))
                .unwrap_or(fulls[0]);
            target[a] = Some(best);
            for &f in &fulls {
                if f != best && target[f].is_none() {
                    target[f] = Some(best);
                }
            }
            continue;
        }
        // A place's feature words never extend a person's name ("Kim" is not "Kim Park").
        if let ([only], None) = (&fulls[..], target[a])
            && (suffixed(only) || cues[a].person == 0 && cues[*only].person == 0)
        {
            target[a] = Some(*only);
        }
    }
    // Whether any name's key ends as a department's does (else none is looked up so).
    let any_department = by_key.keys().any(|k| k.ends_with("department"));
    for (a, entity) in entities.iter().enumerate() {
        if target[a].is_some() {
            continue;
        }
        if entity.name.contains(' ') {
            // "Log Cabin" into "Log Cabin Republicans": the start of one body's name, itself
            // not a body's name ("European Union" is not "European Union Common Currency").
            // "New York City" is not "New York City Council": never a place's name.
            if cues[a].person == 0 && cues[a].place == 0 && !org(a) && !place_word(a) && !known(a) {
                let first = entity.name.split(' ').next().unwrap_or("");
                let candidates: Vec<usize> = by_first
                    .get(first)
                    .map(|list| {
                        list.iter()
                            .copied()
                            .filter(|&f| extends(&entities[f].name, &entity.name) && org(f))
                            .collect()
                    })
                    .unwrap_or_default();
                // One body, or one named by far the most widely ("Log Cabin Republicans" over
                // "Log Cabin Republican Club"): more than twice the articles of any other.
                let reach = |f: usize| entities[f].articles.len();
                let widest = candidates.iter().copied().max_by_key(|&f| reach(f));
                if let Some(best) = widest
                    && candidates
                        .iter()
                        .all(|&f| f == best || reach(best) > 2 * reach(f))
                {
                    target[a] = Some(best);
                }
            }
            // "Dayton Police" into "Dayton Police Department": a department named without the
            // word, when the cluster also names it with it.
            if target[a].is_none()
                && cues[a].person == 0
                && any_department
                && !known(a)
                && let Some(&full) = by_key.get(&entity_key(&format!("{} Department", entity.name)))
                && full != a
            {
                target[a] = Some(full);
            }
            // "David Smith" into "David L. Smith": one person's name with its middle initials.
            if target[a].is_none()
                && person_cues_dominate(cues[a])
                && entity.name.split(' ').count() == 2
                && let Some([only]) = entity
                    .name
                    .split_once(' ')
                    .and_then(|pair| with_initials.get(&pair))
                    .map(Vec::as_slice)
                // "Vice President George Bush" is not "George W. Bush": no title of its own but a
                // courtesy one ("Dr.", "the Kessa Clinic's Dr.").
                && entity.roles.iter().all(|r| {
                    courtesy_title(&r.role)
                        || entities[*only]
                            .roles
                            .iter()
                            .any(|o| same_office(&r.role, &o.role))
                })
            {
                target[a] = Some(*only);
            }
            // "Frances Bean" into "Frances Bean Cobain": the start of one person's name, itself
            // given no title ("Gen. Aung San" is not "Aung San Suu Kyi").
            if target[a].is_none()
                && entity.roles.is_empty()
                && cues[a].place == 0
                && cues[a].org == 0
                && shaped(a)
                && !known(a)
            {
                let first = entity.name.split(' ').next().unwrap_or("");
                // Never a generation mark ("George Bush Jr"), never into a name mentioned in
                // fewer articles.
                let people: Vec<usize> = people_by_first
                    .get(first)
                    .map(|list| {
                        list.iter()
                            .copied()
                            .filter(|&f| {
                                entities[f]
                                    .name
                                    .strip_prefix(entity.name.as_str())
                                    .and_then(|rest| rest.strip_prefix(' '))
                                    .is_some_and(|rest| {
                                        !rest.split(' ').any(|w| {
                                            matches!(
                                                w.trim_end_matches('.').to_lowercase().as_str(),
                                                "jr" | "sr" | "ii" | "iii" | "iv"
                                            )
                                        })
                                    })
                                    && entities[f].articles.len() >= entity.articles.len()
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if let [only] = people[..] {
                    target[a] = Some(only);
                }
            }
            // "Kirk McDonald" into "Gabrielle Kirk McDonald", "Van Stigt" into "Rien van Stigt":
            // the end of one person's name, itself given no title of its own.
            if target[a].is_none()
                && cues[a].place == 0
                && cues[a].org == 0
                && entity.name.split(' ').count() == 2
                && !known(a)
            {
                let lower = entity.name.to_lowercase();
                let last = entity.name.rsplit(' ').next().unwrap_or("").to_lowercase();
                let people: Vec<usize> = long_people_by_last
                    .get(&last)
                    .map(|list| {
                        list.iter()
                            .copied()
                            .filter(|&f| {
                                entities[f]
                                    .name
                                    .to_lowercase()
                                    .strip_suffix(lower.as_str())
                                    .is_some_and(|head| head.ends_with(' '))
                                    && entity.roles.iter().all(|r| {
                                        entities[f]
                                            .roles
                                            .iter()
                                            .any(|o| o.role.eq_ignore_ascii_case(&r.role))
                                    })
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                if let [only] = people[..] {
                    target[a] = Some(only);
                }
            }
            continue;
        }
        let bare = entity.name.replace('.', "");
        let acronym = (2..=6).contains(&bare.len()) && bare.chars().all(|c| c.is_ascii_uppercase());
        let candidates: Vec<usize> = if acronym {
            // Through the fuller names found above: "ERA" spells both "Energy Resources of
            // Australia" and "... Ltd", one company.
            let mut list: Vec<usize> = by_initials
                .get(&bare)
                .map(|l| l.iter().map(|&f| target[f].unwrap_or(f)).collect())
                .unwrap_or_default();
            list.sort_unstable();
            list.dedup();
            list
        } else if cues[a].place == 0 && !known(a) {
            // "Myanmar" is not "Myanmar Defense Ministry": never a place.
            by_first
                .get(entity.name.as_str())
                .map(|list| list.iter().copied().filter(|&f| org(f)).collect())
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        if let [only] = candidates[..] {
            target[a] = Some(only);
        }
    }
    // Names of one country ("Burma", "Myanmar"): into the most widely mentioned.
    let sets: Vec<Option<usize>> = entities
        .iter()
        .map(|e| super::places::synonym_set(&e.name))
        .collect();
    let mut best_of_set: FxHashMap<usize, usize> = FxHashMap::default();
    for (i, set) in sets.iter().enumerate() {
        let Some(set) = *set else { continue };
        let best = best_of_set.entry(set).or_insert(i);
        let (x, y) = (&entities[*best], &entities[i]);
        // The most articles, then mentions, then the earliest.
        if y.articles
            .len()
            .cmp(&x.articles.len())
            .then(y.n_mentions.cmp(&x.n_mentions))
            == std::cmp::Ordering::Greater
        {
            *best = i;
        }
    }
    for (a, set) in sets.iter().enumerate() {
        let Some(set) = set else { continue };
        let best = best_of_set.get(set).copied();
        if best.is_some_and(|b| b != a) {
            target[a] = best;
        } else if target[a].is_some_and(|t| sets[t] == Some(*set)) {
            // "UK" spells "United Kingdom", but "UK" names the set: a target inside its own set
            // would close a cycle and merge none of them.
            target[a] = None;
        }
    }
    merge_spelling_variants(
        &entities,
        &cues,
        &mut target,
        [&known, &shaped, &org, &place_word],
    );
    // A lone given or family name ("Zhang" for "Zhang Xiong") into the one person whose first
    // word it is, when no full name ends with it.
    merge_lone_words(
        &entities,
        &cues,
        &people_by_first,
        &mut target,
        lowercase_words,
        &known,
        |_| true,
    );
    // "Baykal" into "Deniz Baykal": a lone word into the one person-shaped full name that ends
    // with it, when neither is a place or a body and the full name reads as a person's.
    let mut people_by_last: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (f, full) in entities.iter().enumerate() {
        let Some((head, last)) = full.name.rsplit_once(' ') else {
            continue;
        };
        if head.split(' ').count() <= 2
            && cues[f].place == 0
            && cues[f].org == 0
            && shaped(f)
            && !org(f)
            && !place_word(f)
            && !known(f)
            && (cues[f].person > 0
                || opens_with_given_name(&full.name)
                || uncommon_full_name(&full.name, lowercase_words)
                || uncommon_two_words(&full.name, lowercase_words))
        {
            people_by_last.entry(last).or_default().push(f);
        }
    }
    merge_lone_words(
        &entities,
        &cues,
        &people_by_last,
        &mut target,
        lowercase_words,
        &known,
        |name| name.chars().any(char::is_lowercase),
    );
    // "Glass" into "Google Glass": a lone word into the one two-word name that a listed name of
    // no person (a brand, a maker, a team's town) opens, itself typed no person's or place's.
    let mut by_second: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (f, full) in entities.iter().enumerate() {
        if let Some((brand, model)) = full.name.split_once(' ')
            && !model.contains(' ')
            && by_key.get(&entity_key(brand)).is_some_and(|&b| {
                let kind = if entities[b].name == brand {
                    kinds[b]
                } else {
                    classify(brand, cues[b])
                };
                kind != "person"
            })
            && !matches!(kinds[f], "person" | "place")
        {
            by_second.entry(model).or_default().push(f);
        }
    }
    for (a, entity) in entities.iter().enumerate() {
        if target[a].is_some()
            || entity.name.contains(' ')
            || cues[a].place > 0
            || cues[a].person > 0
            || known(a)
        {
            continue;
        }
        // Not into a name written in fewer articles than the lone word: a word that stands on
        // its own more often than in the pair is a name of its own ("IBM" and one "Microsoft
        // IBM deal").
        if let Some([only]) = by_second.get(entity.name.as_str()).map(Vec::as_slice)
            && *only != a
            && entities[*only].articles.len() >= entity.articles.len()
        {
            target[a] = Some(*only);
        }
    }
    // "Varta" into "State Varta", "Audit Committee" into "Senate Audit Committee": the end of
    // the one body's name that adds words before it, itself no name of a person or a place and
    // not a common word the cluster writes in lower case ("House" is no "White House").
    let mut orgs_by_last: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (f, full) in entities.iter().enumerate() {
        if let Some((_, last)) = full.name.rsplit_once(' ')
            && kinds[f] == "organization"
        {
            orgs_by_last.entry(last).or_default().push(f);
        }
    }
    for (a, entity) in entities.iter().enumerate() {
        let words = entity.name.split(' ').count();
        // "XY123" is a flight's code and "Maj" a title, no body's short name.
        if target[a].is_some()
            || words > 2
            || entity.name.chars().any(|c| c.is_ascii_digit())
            || is_title(&entity.name)
            || is_abbreviated_title(&entity.name)
            || cues[a].person > 0
            || cues[a].place > 0
            || !entity.roles.is_empty()
            || known(a)
            || written_lowercase(lowercase_words, entity.name.split(' ').next().unwrap_or(""))
            // "the Women's Union" is no "Kessa National Union": a body's common word alone
            // names none, but a paper's ("the Post", "the Observer").
            || words == 1
                && org(a)
                && !in_list!(
                    Some(entity.name.as_str()),
                    &["post", "times", "journal", "observer", "herald", "tribune", "gazette", "chronicle"],
                )
            || matches!(kinds[a], "person" | "place")
        {
            continue;
        }
        let last = entity.name.rsplit(' ').next().unwrap_or("");
        let mut bodies: Vec<usize> = orgs_by_last
            .get(last)
            .map(|list| {
                list.iter()
                    .copied()
                    .filter(|&f| {
                        let long = &entities[f];
                        let Some(prefix) = long
                            .name
                            .strip_suffix(entity.name.as_str())
                            .and_then(|head| head.strip_suffix(' '))
                        else {
                            return false;
                        };
                        // Not a person's name ("Ministry of X Jan Roe"), not after one
                        // ("the Roe White House"), never the object of an inner "of", "for",
                        // "and" ("Federation of Harbor Pilots" is not the Harbor Pilots);
                        // a name of two words only into one named in half its articles or more.
                        f != a
                            && !prefix.rsplit(' ').next().is_some_and(|w| {
                                is_given_name(w) || matches!(w, "of" | "for" | "and" | "&")
                            })
                            && by_key
                                .get(&entity_key(prefix))
                                .is_none_or(|&p| cues[p].person == 0)
                            && (words == 1 || 2 * long.articles.len() >= entity.articles.len())
                    })
                    .map(|f| target[f].unwrap_or(f))
                    .collect()
            })
            .unwrap_or_default();
        bodies.sort_unstable();
        bodies.dedup();
        if let [only] = bodies[..]
            && only != a
        {
            target[a] = Some(only);
        }
    }
    // Chains ("ERA" into "Energy Resources of Australia" into "... Ltd") end at the last name;
    // a cycle merges nothing.
    let target: Vec<Option<usize>> = (0..target.len())
        .map(|a| {
            let mut at = target[a]?;
            for _ in 0..target.len() {
                match target[at] {
                    Some(next) if next == a => return None,
                    Some(next) => at = next,
                    None => return Some(at),
                }
            }
            None
        })
        .collect();
    let mut merged: Vec<Option<Entity>> = entities.into_iter().map(Some).collect();
    let original_cues = cues.clone();
    let mut cues = cues;
    for a in 0..merged.len() {
        let Some(f) = target[a] else { continue };
        let Some(alias) = merged[a].take() else {
            continue;
        };
        let alias_cues = cues[a];
        cues[f].add(alias_cues);
        if let Some(full) = merged[f].as_mut() {
            full.n_mentions += alias.n_mentions;
            for (article, mention) in alias.articles.iter().zip(alias.mentions) {
                if !full.articles.contains(article) {
                    full.articles.push(*article);
                    full.mentions.push(mention);
                }
            }
            for role in alias.roles {
                for article in role.articles {
                    add_role(full, &role.role, article);
                }
            }
        }
    }
    let mut out = (Vec::new(), Vec::new(), Vec::new());
    for (i, (e, c)) in merged.into_iter().zip(cues).enumerate() {
        if let Some(e) = e {
            out.0.push(e);
            out.1.push(c);
            out.2.push((c == original_cues[i]).then_some(kinds[i]));
        }
    }
    out
}

/// Two titles of one office: the same words, or one the other with words of place or rank
/// before it ("District Judge" and "Judge"), never a deputy's ("Vice President" is not
/// "President").
fn same_office(a: &str, b: &str) -> bool {
    if a.eq_ignore_ascii_case(b) {
        return true;
    }
    let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
    let Some(head) = long
        .len()
        .checked_sub(short.len())
        .and_then(|at| long.get(..at))
        .filter(|head| long[head.len()..].eq_ignore_ascii_case(short))
    else {
        return false;
    };
    head.ends_with(' ')
        && !head.split(' ').any(|w| {
            matches!(
                w.to_ascii_lowercase().trim_end_matches('.'),
                "vice"
                    | "deputy"
                    | "assistant"
                    | "associate"
                    | "acting"
                    | "former"
                    | "ex"
                    | "under"
                    | "co"
                    | "lieutenant"
                    | "sub"
            )
        })
}

/// A courtesy title, or a role ending in one ("Dr", "the Kessa Clinic's Dr"): it tells no office.
fn courtesy_title(role: &str) -> bool {
    role.rsplit(' ').next().is_some_and(|w| {
        matches!(
            w.trim_end_matches('.').to_ascii_lowercase().as_str(),
            "dr" | "mr" | "mrs" | "ms" | "miss" | "prof" | "professor" | "doctor"
        )
    })
}

/// Whether `long` is `short` with more words after it (`short` and a space open it).
fn extends(long: &str, short: &str) -> bool {
    long.strip_prefix(short)
        .is_some_and(|rest| rest.starts_with(' '))
}

/// Initials of a name's capitalised words: "United States" → "US", "Bank of England" → "BE".
fn initials(name: &str) -> String {
    name.split(' ')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Words the cluster uses in lower case (so a capitalised one at a sentence start is no name).
/// Capitalised words seen inside a sentence (not first) are marked with a leading `^`.
fn lowercase_vocabulary(docs: &[Doc<'_>]) -> FxHashSet<String> {
    // Sized for about one distinct word in three tokens, which saves most of the growing.
    let tokens: usize = docs
        .iter()
        .flat_map(|doc| doc.sentences.iter())
        .map(|sentence| sentence.tokens.len())
        .sum();
    let mut words: FxHashSet<String> =
        FxHashSet::with_capacity_and_hasher(tokens / 3, FxBuildHasher);
    // Each word is written into one buffer and copied only when new.
    let mut key = String::new();
    // The previous token's key, and a pair of keys ("^air france"), reused likewise.
    let mut previous = String::new();
    let mut pair = String::new();
    for doc in docs {
        for sentence in doc.sentences {
            for (i, token) in sentence.tokens.iter().enumerate() {
                let surface = doc.slice(token.span);
                if surface.chars().next().is_some_and(char::is_lowercase) {
                    // A lower-case word is its own key, looked up as it is; it opens no pair.
                    if !words.contains(surface) {
                        words.insert(surface.to_owned());
                    }
                    previous.clear();
                    continue;
                }
                key.clear();
                if i > 0 {
                    key.push('^');
                    if surface.is_ascii() {
                        key.push_str(surface);
                        key.make_ascii_lowercase();
                    } else {
                        key.push_str(&surface.to_lowercase());
                    }
                } else {
                    previous.clear();
                    continue;
                }
                if !words.contains(key.as_str()) {
                    words.insert(key.clone());
                }
                // "Air France" inside a sentence: a pair of capitalised words, both past the
                // sentence's first word, keyed "^air france" (a space never enters a word).
                if i > 1
                    && key.starts_with('^')
                    && previous.starts_with('^')
                    && !sentence.is_headline
                    && is_capitalised(doc.slice(sentence.tokens[i - 1].span))
                    && gap(doc, &sentence.tokens, i - 1, i) == " "
                {
                    pair.clear();
                    pair.push_str(&previous);
                    pair.push(' ');
                    pair.push_str(&key[1..]);
                    if !words.contains(pair.as_str()) {
                        words.insert(pair.clone());
                    }
                }
                std::mem::swap(&mut key, &mut previous);
            }
        }
    }
    words
}

/// Whether the cluster writes `first second` (two lower-case words) as two capitalised words
/// inside a sentence ("the crash of Air France Flight 447"): `^first second` in the vocabulary
/// ([`lowercase_vocabulary`]).
fn capitalised_pair_inside(lowercase_words: &FxHashSet<String>, first: &str, second: &str) -> bool {
    let mut key = String::with_capacity(first.len() + second.len() + 2);
    key.push('^');
    key.push_str(first);
    key.push(' ');
    key.push_str(second);
    lowercase_words.contains(&key)
}

/// Headline-like lines ("Kerry: US Allies Will Destroy Islamic State") are all capitals.
fn is_title_case(doc: &Doc<'_>, tokens: &[Token]) -> bool {
    let (mut words, mut capitals) = (0, 0);
    for token in tokens {
        if let Some(first) = doc.slice(token.span).chars().next()
            && first.is_alphabetic()
        {
            words += 1;
            capitals += usize::from(first.is_uppercase());
        }
    }
    words >= 4 && capitals * 10 >= words * 7
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

fn clean_word(word: &str) -> &str {
    // Both suffixes end in `s`: a word that does not is returned as it is, without the cost of
    // setting up two substring searches (this runs for most capitalised tokens).
    if !word.ends_with('s') {
        return word;
    }
    // `trim_end_matches` with each suffix, without setting up a substring search per call.
    let mut word = word;
    while let Some(rest) = word.strip_suffix("'s") {
        word = rest;
    }
    while let Some(rest) = word.strip_suffix("’s") {
        word = rest;
    }
    word
}

fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s")
}

pub(crate) fn is_title(word: &str) -> bool {
    in_lowercase_set(word.trim_end_matches('.'), &TITLE_SET)
}

/// A month, weekday, holiday or time zone (never part of a name).
fn is_skip_word(word: &str) -> bool {
    in_lowercase_set(clean_word(word).trim_end_matches('.'), &SKIP_SET)
}

/// [`TITLES`], [`SKIP_WORDS`] with [`MONTH_WORDS`] and [`WEEKDAY_WORDS`], and [`MONTH_WORDS`] as sets: they are looked
/// up for every token.
static TITLE_SET: LazyLock<WordSet> = LazyLock::new(|| word_set(TITLES.iter().copied()));
static SKIP_SET: LazyLock<WordSet> = LazyLock::new(|| {
    word_set(
        SKIP_WORDS
            .iter()
            .chain(MONTH_WORDS)
            .chain(WEEKDAY_WORDS)
            .copied(),
    )
});
static GIVEN_SET: LazyLock<WordSet> = LazyLock::new(|| word_set(GIVEN_NAMES.split('|')));
static MONTH_SET: LazyLock<WordSet> = LazyLock::new(|| word_set(MONTH_WORDS.iter().copied()));
/// [`ORG_WORDS`], [`PLACE_WORDS`], [`GROUP_WORDS`] with [`MORE_GROUP_WORDS`] and
/// [`PERSON_NOUNS`] as sets, for the same reason.
static ORG_SET: LazyLock<WordSet> = LazyLock::new(|| word_set(ORG_WORDS.iter().copied()));
static PLACE_WORD_SET: LazyLock<WordSet> = LazyLock::new(|| word_set(PLACE_WORDS.iter().copied()));
static GROUP_SET: LazyLock<WordSet> =
    LazyLock::new(|| word_set(GROUP_WORDS.iter().chain(MORE_GROUP_WORDS).copied()));
static PERSON_NOUN_SET: LazyLock<WordSet> =
    LazyLock::new(|| word_set(PERSON_NOUNS.iter().copied()));

/// A set of lower-case words, as bytes, with the length of the longest (a longer word is in none)
/// and, by first byte, the lengths (bit `n` for `n` bytes, up to 63) of the words opening with
/// it: a word whose first byte and length fit none is in none, and needs no hashing.
struct WordSet {
    words: FxHashSet<&'static [u8]>,
    longest: usize,
    lengths_by_first: [u64; 256],
}

fn word_set(words: impl Iterator<Item = &'static str>) -> WordSet {
    let words: FxHashSet<&'static [u8]> = words.map(str::as_bytes).collect();
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    let mut lengths_by_first = [0u64; 256];
    for word in &words {
        if let Some(&first) = word.first() {
            lengths_by_first[usize::from(first)] |= length_bit(word.len());
        }
    }
    WordSet {
        words,
        longest,
        lengths_by_first,
    }
}

/// A length's bit in [`WordSet::lengths_by_first`]: lengths of 63 bytes and more share bit 63.
fn length_bit(length: usize) -> u64 {
    1u64 << length.min(63)
}

/// Whether `word` lower-cased is in `set` (of lower-case words). A short ASCII word is
/// lower-cased on the stack, not in a new string.
#[inline]
fn in_lowercase_set(word: &str, set: &WordSet) -> bool {
    let mut buffer = [0u8; 32];
    if word.is_ascii() {
        // Lower-casing keeps an ASCII word's length.
        if word.len() > set.longest {
            return false;
        }
        if let Some(&first) = word.as_bytes().first()
            && set.lengths_by_first[usize::from(first.to_ascii_lowercase())]
                & length_bit(word.len())
                == 0
        {
            return false;
        }
        if let Some(lower) = buffer.get_mut(..word.len()) {
            lower.copy_from_slice(word.as_bytes());
            lower.make_ascii_lowercase();
            return set.words.contains(&*lower);
        }
    }
    set.words.contains(word.to_lowercase().as_bytes())
}

/// `word` in lower case: `word` itself when it is ASCII with no capital, in `buffer` when it is
/// other short ASCII, else in `heap`.
fn lowercase_of<'b>(word: &'b str, buffer: &'b mut [u8; 32], heap: &'b mut String) -> &'b str {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return word;
    }
    if word.is_ascii()
        && let Some(lower) = buffer.get_mut(..word.len())
    {
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return std::str::from_utf8(lower).unwrap_or_default();
    }
    *heap = word.to_lowercase();
    heap
}

/// [`lowercase_of`] of a word that may be missing.
fn lowercase_opt<'b>(
    word: Option<&'b str>,
    buffer: &'b mut [u8; 32],
    heap: &'b mut String,
) -> Option<&'b str> {
    Some(lowercase_of(word?, buffer, heap))
}

/// Whether the cluster writes `word` in lower case (`word` lower-cased is in the vocabulary).
fn written_lowercase(lowercase_words: &FxHashSet<String>, word: &str) -> bool {
    let (mut buffer, mut heap) = ([0u8; 32], String::new());
    lowercase_words.contains(lowercase_of(word, &mut buffer, &mut heap))
}

/// Whether the cluster writes `lower` (a lower-case word) capitalised inside a sentence: `^lower`
/// in the vocabulary ([`lowercase_vocabulary`]).
fn capitalised_inside(lowercase_words: &FxHashSet<String>, lower: &str) -> bool {
    let mut buffer = [0u8; 33];
    if let Some(key) = buffer.get_mut(..=lower.len()) {
        key[0] = b'^';
        key[1..].copy_from_slice(lower.as_bytes());
        return std::str::from_utf8(key).is_ok_and(|key| lowercase_words.contains(key));
    }
    lowercase_words.contains(&format!("^{lower}"))
}

/// Whether a word is a common given name ("Jane").
pub(crate) fn is_given_name(word: &str) -> bool {
    in_lowercase_set(word, &GIVEN_SET)
}

/// A name opening with a common given name, person-shaped, and no known place.
fn opens_with_given_name(name: &str) -> bool {
    person_shaped(name)
        && name
            .split(' ')
            .next()
            .is_some_and(|w| in_lowercase_set(w, &GIVEN_SET))
        && !super::places::is_known_place(name)
}

/// A name without any cue or role, no acronym, no organisation or place word, no known place,
/// every word of which the cluster also writes in lower case.
fn common_phrase(entity: &Entity, cues: Cues, lowercase_words: &FxHashSet<String>) -> bool {
    // A condition's name ("Fetal Alcohol Syndrome") the cluster also writes in lower case is a
    // common noun, whatever cue its capitals drew.
    let condition = entity
        .name
        .rsplit(' ')
        .next()
        .is_some_and(|w| in_list!(Some(w), CONDITION_WORDS));
    (Cues {
        article: 0,
        modifier: 0,
        ..cues
    } == Cues::default()
        || condition)
        && entity.roles.is_empty()
        && !looks_like_org(&entity.name)
        && !has_place_word(&entity.name)
        && !super::places::is_known_place(&entity.name)
        && entity.name.split(' ').all(|w| {
            w.chars().skip(1).all(char::is_lowercase)
                && (CONNECTORS.contains(&w) || written_lowercase(lowercase_words, w))
        })
}

/// Three or four capitalised words ("Lamen Khalifa Fhimah", "Young-Ho Eom"), person-shaped, of
/// which every word after the first is one the cluster never writes in lower case, none a group,
/// organisation, place or event word, and no known place, opening with a given name or a word
/// the cluster never writes in lower case: a person's full name ("Samsung Privacy Policy" has
/// common words, "Pope Pius XII" a numeral).
/// Two words, each capitalised only at its start and never written in lower case, neither a
/// title, a group word or a place ("Deniz Baykal"; not "White House", "Supreme Court").
fn uncommon_two_words(name: &str, lowercase_words: &FxHashSet<String>) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    words.len() == 2
        && words.iter().all(|w| {
            w.chars().count() >= 2
                && w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().skip(1).all(char::is_lowercase)
                && !written_lowercase(lowercase_words, w)
                && !is_group_word(w)
                && !is_title(w)
                && !super::places::is_known_place(w)
        })
}

fn uncommon_full_name(name: &str, lowercase_words: &FxHashSet<String>) -> bool {
    let words: Vec<&str> = name.split(' ').collect();
    (3..=4).contains(&words.len())
        && person_shaped(name)
        && !looks_like_org(name)
        && !has_place_word(name)
        && !in_list!(words.last().copied(), EVENT_WORDS)
        && !super::places::is_known_place(name)
        && words.iter().all(|w| {
            CONNECTORS.contains(w)
                || w.chars().skip(1).all(char::is_lowercase)
                    && w.chars().count() >= 2
                    && !is_group_word(w)
                    && !is_title(w)
                    && !super::places::is_known_place(w)
        })
        && words[1..]
            .iter()
            .all(|w| CONNECTORS.contains(w) || !written_lowercase(lowercase_words, w))
        // "World Wide Web": a first word the cluster writes in lower case is a given name's
        // only when it is one ("Will", "Mark").
        && (!written_lowercase(lowercase_words, words[0]) || in_lowercase_set(words[0], &GIVEN_SET))
}

/// A noun that says its name is a person's: one of [`PERSON_NOUNS`], or an agent noun in
/// "-ist" or "-ician" ("naturalist", "economist", "physician").
pub(crate) fn is_person_noun(word: &str) -> bool {
    PERSON_NOUN_SET.words.contains(word.as_bytes())
        || (word.len() > 6
            && (word.ends_with("ist") || word.ends_with("ician"))
            && word.chars().all(|c| c.is_ascii_lowercase()))
}

/// A nationality, ethnic or religious word ("Israelis", "British", "Soviet", "Chinese"); a
/// capitalised plural in "-ans" of seven letters or more names a people ("Kenyans").
pub(crate) fn is_group_word(word: &str) -> bool {
    let (mut buffer, mut heap) = ([0u8; 32], String::new());
    let lower = lowercase_of(clean_word(word), &mut buffer, &mut heap);
    let singular = if lower.len() > 4 {
        lower.strip_suffix('s').unwrap_or(lower)
    } else {
        lower
    };
    (lower.len() >= 7 && lower.ends_with("ans") && lower.chars().all(char::is_alphabetic))
        || GROUP_SET.words.contains(singular.as_bytes())
        || ["ian", "ean", "ese", "ish"]
            .iter()
            .any(|suffix| singular.len() > suffix.len() + 2 && singular.ends_with(suffix))
}

fn gap<'a>(doc: &Doc<'a>, tokens: &[Token], left: usize, right: usize) -> &'a str {
    doc.text
        .get(tokens[left].span.end..tokens[right].span.start)
        .unwrap_or("x")
}

/// A single capital letter: an initial ("George W. Bush").
fn is_initial(word: &str) -> bool {
    word.len() == 1 && word.chars().all(|c| c.is_ascii_uppercase())
}

/// A word and a contracted verb or "not" after an apostrophe ("I’m", "We'll", "Don’t").
fn contraction(word: &str) -> bool {
    word.rsplit_once(['\'', '’']).is_some_and(|(head, tail)| {
        !head.is_empty() && matches!(tail, "m" | "re" | "ve" | "ll" | "d" | "t")
    })
}

/// Two or three dotted initials without the last full stop ("F.W", "P.W", "J.R") that are no
/// country's, state's or world body's abbreviation ("U.S", "U.K", "N.C", "U.N", "E.U").
fn person_initials(word: &str) -> bool {
    let bytes = word.as_bytes();
    (bytes.len() == 3 || bytes.len() == 5)
        && bytes.iter().enumerate().all(|(i, b)| {
            if i % 2 == 0 {
                b.is_ascii_uppercase()
            } else {
                *b == b'.'
            }
        })
        && !matches!(word, "U.N" | "E.U" | "U.S" | "U.K" | "D.C" | "L.A")
        && super::places::state_of_abbreviation(word).is_none()
        && !super::places::is_known_place(word)
}

/// How many of a sentence's first tokens [`find_in_tokens`] remembers [`is_skip_word`] of.
const SKIP_MEMO_TOKENS: usize = 128;

/// Capitalised-word runs of a sentence's tokens, split into role and name.
pub(crate) fn find_in_tokens(
    doc: &Doc<'_>,
    tokens: &[Token],
    lowercase_words: &FxHashSet<String>,
) -> Vec<Found> {
    let mut out = Vec::new();
    let mut pos = 0;
    // The last name found in this sentence: its token range end and cues.
    let mut last: Option<(usize, Cues)> = None;
    // [`is_skip_word`] of each token, asked several times per capitalised token: worked out once
    // per token (0: not yet, 1: no, 2: yes) for a sentence's first tokens.
    let skip_memo = [const { Cell::new(0u8) }; SKIP_MEMO_TOKENS];
    let skip = |i: usize| -> bool {
        let Some(memo) = skip_memo.get(i) else {
            return is_skip_word(doc.slice(tokens[i].span));
        };
        match memo.get() {
            1 => false,
            2 => true,
            _ => {
                let yes = is_skip_word(doc.slice(tokens[i].span));
                memo.set(1 + u8::from(yes));
                yes
            }
        }
    };
    while pos < tokens.len() {
        let first = doc.slice(tokens[pos].span);
        // Most tokens are lower case: nothing more to look at.
        if !is_capitalised(first) {
            pos += 1;
            continue;
        }
        // "Jan Voskuil": a month word followed by a name is a given name.
        let given_name = in_lowercase_set(first, &MONTH_SET)
            && tokens.get(pos + 1).is_some_and(|t| {
                let next = doc.slice(t.span);
                is_capitalised(next) && !skip(pos + 1) && gap(doc, tokens, pos, pos + 1) == " "
            });
        // "pro-Kremlin", "(see-AHN'-see-uh)": attached to a lower-case word, not a name.
        let attached = pos > 0
            && gap(doc, tokens, pos - 1, pos) == "-"
            && doc
                .slice(tokens[pos - 1].span)
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
            && !arabic_article(doc, tokens, pos);
        // "Food &AMP; Wine": an HTML entity's name; "I’m", "It’s", "Don’t": a contraction.
        let entity_or_contraction = doc.text[..tokens[pos].span.start].ends_with('&')
            && doc.text[tokens[pos].span.end..].starts_with(';')
            || contraction(first);
        // "@JaneRoe Jane Roe arrived": a social-media handle is no name and opens none.
        let handle = doc.text[..tokens[pos].span.start].ends_with('@');
        if skip(pos) && !given_name || attached || entity_or_contraction || handle {
            pos += 1;
            continue;
        }
        // Extend the run over adjacent capitalised words, inner connectors, initials and "&".
        let mut end = pos + 1;
        while end < tokens.len() {
            let between = gap(doc, tokens, end - 1, end);
            let prev = doc.slice(tokens[end - 1].span);
            let word = doc.slice(tokens[end].span);
            // "Marta May said" continues; "California March 25" stops before the month.
            let month_as_name = in_lowercase_set(word, &MONTH_SET)
                && !doc.text.get(tokens[end].span.end..).is_some_and(|rest| {
                    let rest = rest.trim_start_matches(['.', ' ', ',']);
                    rest.starts_with(|c: char| c.is_ascii_digit())
                })
                // "Humanitarian Affairs Jan Voskuil": a month word before a name starts it.
                && !tokens
                    .get(end + 1)
                    .is_some_and(|t| is_capitalised(doc.slice(t.span)));
            // "Human Rights Watch": a page word inside a run is part of the name.
            // "USA Today", "Psychology Today": so is a capitalised "Today" after a name word.
            let inner_page_word = word.starts_with(['W', 'T'])
                && matches!(clean_word(word), "Watch" | "Today" | "TODAY")
                && is_capitalised(prev)
                && !skip(end - 1);
            // "John A. Marsh", "Dmitri I. Volkov", "Richard S. Lindzen": a middle initial that is
            // also a word ("A", "I", "S") after a given name, with its full stop and the surname
            // after it.
            let middle_initial = is_initial(word)
                && between == " "
                && is_capitalised(prev)
                && !is_title(prev)
                && !skip(end - 1)
                && doc
                    .text
                    .get(tokens[end].span.end..)
                    .is_some_and(|rest| rest.starts_with(". "))
                && tokens.get(end + 1).is_some_and(|t| {
                    let next = doc.slice(t.span);
                    is_capitalised(next) && !skip(end + 1)
                });
            if middle_initial {
                end += 1;
                continue;
            }
            // "Jamal Al-How": a capitalised word hyphened to a capitalised name word of two
            // letters or more is part of the name, also when it is a function word.
            let hyphened_capital = between == "-"
                && is_capitalised(prev)
                && prev.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && word.chars().skip(1).all(char::is_lowercase);
            if skip(end) && !month_as_name && !inner_page_word
                || is_possessive(prev)
                || is_capitalised(word) && !month_as_name && !hyphened_capital && {
                    let (mut buffer, mut heap) = ([0u8; 32], String::new());
                    crate::stopwords::is_stopword(lowercase_of(word, &mut buffer, &mut heap))
                }
            {
                break;
            }
            let plain = !between.is_empty() && between.chars().all(|c| c == ' ' || c == '-');
            // "F.W. de Klerk", "P.W. Botha": a person's dotted initials open the name too.
            let after_initial = matches!(between, ". " | ".")
                && (is_initial(prev) || between == ". " && person_initials(prev))
                // "St. Petersburg", "Mt. Everest", "Ft. Worth": an abbreviated place word
                // opening a name.
                || between == ". "
                    && abbreviated_place_word(prev)
                    && is_capitalised(word)
                    && !skip(end);
            let ampersand = between == " & " && is_capitalised(word);
            if !(plain || after_initial || ampersand) {
                break;
            }
            if is_capitalised(word) {
                end += 1;
            } else if between == "-"
                && end - pos >= 2
                && hyphened_syllable(
                    doc,
                    tokens,
                    end,
                    end - pos == 2 || end - pos == 3 && is_title(doc.slice(tokens[pos].span)),
                )
            {
                // "Ban Ki-moon", "Kim Jong-un": a given name's lower-case syllable after a hyphen.
                end += 1;
            } else if between == "-"
                && (2..=4).contains(&word.len())
                && word.chars().all(|c| c.is_ascii_lowercase())
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| is_capitalised(doc.slice(t.span)))
                && gap(doc, tokens, end, end + 1) == "-"
            {
                // "Port-au-Prince", "Aix-en-Provence", "Stratford-upon-Avon": a hyphenated
                // place name with a short lower-case word inside.
                end += 2;
            } else if (CONNECTORS.contains(&word)
                || word == "for" && looks_like_org(&run_text(doc, tokens, pos, end)))
                && tokens
                    .get(end + 1)
                    .is_some_and(|t| is_capitalised(doc.slice(t.span)))
                && doc
                    .text
                    .get(tokens[end].span.end..tokens[end + 1].span.start)
                    .is_some_and(|g| g == " " || g == "-")
            {
                end += 2;
            } else if ordinal(word)
                && tokens.get(end + 1).is_some_and(|t| {
                    in_list!(
                        Some(clean_word(doc.slice(t.span))),
                        &[
                            "street",
                            "avenue",
                            "terrace",
                            "road",
                            "boulevard",
                            "place",
                            "drive",
                        ],
                    )
                })
                && gap(doc, tokens, end, end + 1) == " "
            {
                // "East 84th Street": an ordinal inside a street's name.
                end += 2;
            } else if word == "on"
                && in_list!(Some(clean_word(prev)), BODIES_ON)
                && tokens.get(end + 1).is_some_and(|t| {
                    let next = doc.slice(t.span);
                    is_capitalised(next)
                        && !skip(end + 1)
                        && !super::places::is_known_place(clean_word(next))
                })
                && gap(doc, tokens, end, end + 1) == " "
            {
                // "Panel on Climate Change", "Council on Foreign Relations": a body named for
                // its subject (not "the Council on Monday", not "a Conference on Iran").
                end += 2;
            } else if word == "and" && common_noun_body(doc, tokens, pos, end, lowercase_words) {
                // "Food and Drug Administration": one body's name.
                end += 2;
            } else {
                break;
            }
        }
        // A model code ("MD-11", "AK-47", "OS/2") is no name.
        let code = doc
            .text
            .get(tokens[end - 1].span.end..)
            .is_some_and(|rest| {
                let mut chars = rest.chars();
                matches!(chars.next(), Some('-' | '/'))
                    && chars.next().is_some_and(|c| c.is_ascii_digit())
            });
        if code {
            end -= 1;
        } else if model_number_follows(doc, tokens, end) {
            // "Boeing 727", "Fokker 50", "Resolution 1441": the number is part of the name.
            end += 1;
        }
        let mut start = pos;
        // Sentence-initial and common words are not names.
        while start < end {
            let word = doc.slice(tokens[start].span);
            let (mut buffer, mut heap) = ([0u8; 32], String::new());
            let lower = lowercase_of(word, &mut buffer, &mut heap);
            let used_lowercase = lowercase_words.contains(lower);
            let after_quote = start > 0
                && gap(doc, tokens, start - 1, start)
                    .chars()
                    .any(|c| matches!(c, '"' | '“' | ':' | '('));
            // "Foreign Minister X" opening a sentence: the qualifier belongs to the role.
            let qualifies_title = in_exact!(OFFICE_QUALIFIERS, lower)
                && start + 1 < end
                && is_title(doc.slice(tokens[start + 1].span));
            // "Minister of Finance X" opening a sentence: the title stays with its "of" object
            // (a role, or no name at all), not "of Finance X".
            let office_of =
                start + 2 < end && is_title(word) && doc.slice(tokens[start + 1].span) == "of";
            // "Shares of X" opening a sentence: a plural whose singular the cluster writes in
            // lower case is a common noun, though the plural itself never is.
            let common_plural = start == 0
                && start + 2 < end
                && doc.slice(tokens[start + 1].span) == "of"
                && lower.len() > 3
                && !lower.ends_with("ss")
                && !lower.ends_with("us")
                && !lower.ends_with("is")
                && lower
                    .strip_suffix('s')
                    .is_some_and(|one| lowercase_words.contains(one));
            // "Air France Flight 447" opening a sentence: a common word ("air") that starts a
            // pair of capitalised words the cluster also writes inside a sentence stays.
            // Never before a given name: "Speaker John Boehner" opens with a title; never in
            // capitals ("MARK FUHRMAN:" heads a paragraph of a listing).
            let opens_written_name = start == 0
                && end - start >= 2
                && used_lowercase
                && word.chars().any(char::is_lowercase)
                && !is_given_name(doc.slice(tokens[start + 1].span))
                && capitalised_pair_inside(
                    lowercase_words,
                    lower,
                    // "New Zealand's envoy": the pair is written without the possessive.
                    &clean_word(doc.slice(tokens[start + 1].span)).to_lowercase(),
                );
            // "Al-Rashidi said": an Arabic article hyphened to the name opens it.
            let article_of_name = matches!(lower, "al" | "el")
                && start + 1 < end
                && gap(doc, tokens, start, start + 1) == "-";
            let drop = !qualifies_title
                && !office_of
                && !article_of_name
                && (common_plural
                    || word == "and"
                    || skip(start) && !(start == pos && given_name)
                    || crate::stopwords::is_stopword(lower)
                        && (start == 0 || end - start == 1 || after_quote)
                    || used_lowercase
                        && (start == 0 && !opens_written_name || end - start == 1)
                    // "Shares of Google": a lower-case connector left at the start once the
                    // words before it are dropped.
                    || start > pos
                        && !is_title(doc.slice(tokens[start - 1].span))
                        && word.starts_with(|c: char| c.is_lowercase())
                        && (CONNECTORS.contains(&lower) || crate::stopwords::is_stopword(lower))
                    || start == 0
                        && end == 1
                        && !capitalised_inside(lowercase_words, lower)
                        && !super::places::is_known_place(word));
            if drop {
                start += 1;
            } else {
                break;
            }
        }
        // "the cleric al-Rashidi": a lower-case Arabic article hyphened to the name opens it.
        if start == pos && pos > 0 && arabic_article(doc, tokens, pos) {
            start -= 1;
        }
        // "the 32nd Brigade", "the 101st Airborne Division": an ordinal opens a unit's name.
        if start == pos
            && pos > 0
            && ordinal(doc.slice(tokens[pos - 1].span))
            && gap(doc, tokens, pos - 1, pos) == " "
            && in_list!(
                Some(clean_word(doc.slice(tokens[end - 1].span))),
                NUMBERED_BODIES,
            )
        {
            start -= 1;
        }
        // "Finance minister ...": a capitalised run that opens a lower-case title is a role; not
        // one the title follows in apposition ("Harold Kemp, professor of psychiatry, said").
        let opens_role = tokens.get(end).is_some_and(|t| {
            let word = doc.slice(t.span);
            !is_capitalised(word) && is_title(word) && gap(doc, tokens, end - 1, end) == " "
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
        // "Israelis", "North African", "Soviet": group words, not entities.
        // Each word's group test once: every word a group word or a modifier, one a group word.
        let group = start < end
            && {
                let mut any_group = false;
                tokens[start..end].iter().all(|t| {
                    let word = doc.slice(t.span);
                    let group_word = is_group_word(word);
                    any_group |= group_word;
                    group_word || in_list!(Some(word), NAME_MODIFIERS)
                }) && any_group
            }
            && !(start > 0 && is_title(doc.slice(tokens[start - 1].span)));
        if start < end
            && !opens_role
            && !demonym
            && !group
            && let Some(mut item) = split_found(doc, tokens, start, end, lowercase_words)
        {
            // "in Kenya and Tanzania", "Italy, France and Japan": coordinated with a place.
            // "Chen Yan and Wu Yanyan, world record holders": likewise with a person.
            if let Some((last_end, last_cues)) = last {
                let joined = last_end == start && gap(doc, tokens, start - 1, start).contains(',')
                    || last_end + 1 == start
                        && matches!(doc.slice(tokens[last_end].span), "and" | "or");
                // "the Melissa and Chernobyl viruses": names modifying a noun are no list of
                // places.
                item.joined = joined
                    && !tokens.get(end).is_some_and(|t| {
                        let word = doc.slice(t.span);
                        gap(doc, tokens, end - 1, end) == " "
                            && word.starts_with(|c: char| c.is_lowercase())
                            && !crate::stopwords::is_stopword(word)
                    });
                if joined && item.role.is_none() {
                    // A comma joins places in lists but also a name to its apposition
                    // ("Patriarch Kirill, Izvestia, ..."): only "and"/"or" joins people.
                    let and_or = last_end + 1 == start;
                    if last_cues.place > 0 && last_cues.person == 0 {
                        item.cues.place += 1;
                    } else if and_or && last_cues.person > 0 && last_cues.place == 0 {
                        item.cues.person += 1;
                    }
                }
                if joined
                    && last_end + 1 == start
                    && item.role.is_none()
                    && last_cues.person == 0
                    && last_cues.place == 0
                {
                    // The earlier name takes this one's kind too ("Le Jingyi and He Cihong,
                    // world record holders").
                    if let Some(prev) = out.last_mut() {
                        let prev: &mut Found = prev;
                        if item.cues.person > 0 && item.cues.place == 0 {
                            prev.cues.person += 1;
                        } else if item.cues.place > 0 && item.cues.person == 0 {
                            prev.cues.place += 1;
                        }
                    }
                }
            }
            let mut own = item.cues;
            if item.role.is_some() {
                own.person += 1;
            }
            last = Some((end, own));
            out.push(item);
        }
        pos = end.max(pos + 1);
    }
    out
}

/// "al-Rashidi", "el-Sayed": the token before `pos` is a lower-case Arabic article hyphened to
/// it.
fn arabic_article(doc: &Doc<'_>, tokens: &[Token], pos: usize) -> bool {
    pos > 0
        && matches!(doc.slice(tokens[pos - 1].span), "al" | "el")
        && gap(doc, tokens, pos - 1, pos) == "-"
}

/// "Ki-moon", "Jong-un", "Kai-shek": the lower-case syllable at `at`, hyphened to a short
/// capitalised word, closing a given name (no further hyphen), and no common word of a compound
/// ("Hong Kong-style", "New York-area", "-based", "-led"). A possessive after the syllable
/// ("Jong-un’s") is no part of it. With `two_words` (the run so far, a title aside, a short
/// surname and the syllable's first half: "Moon Jae-in", "President Moon Jae-in"), a two-letter
/// syllable that is also a stop word closes the name too.
fn hyphened_syllable(doc: &Doc<'_>, tokens: &[Token], at: usize, two_words: bool) -> bool {
    let word = clean_word(doc.slice(tokens[at].span));
    let prev = doc.slice(tokens[at - 1].span);
    let short_surname = two_words && (2..=4).contains(&doc.slice(tokens[at - 2].span).len());
    (2..=5).contains(&word.len())
        && word.bytes().all(|b| b.is_ascii_lowercase())
        && (2..=5).contains(&prev.len())
        && prev.bytes().skip(1).all(|b| b.is_ascii_lowercase())
        && !word.ends_with("ed")
        && !word.ends_with("ing")
        && (!crate::stopwords::is_stopword(word) || short_surname && word.len() == 2)
        && !in_list!(Some(word), COMPOUND_TAILS)
        && (at + 1 >= tokens.len() || gap(doc, tokens, at, at + 1) != "-")
}

/// Words that close a compound after a name ("Hong Kong-style", "Bush-era"), never a syllable of
/// a given name.
const COMPOUND_TAILS: &[&str] = &[
    "style", "era", "area", "born", "made", "led", "run", "type", "like", "wide", "size", "sized",
    "level", "class", "bound", "owned", "free", "year", "old", "day", "week", "month", "long",
    "time", "plus", "only", "elect", "based", "backed", "linked", "term", "lite", "ish", "esque",
    "war", "state", "city", "zone", "side", "team", "way", "party", "bloc", "rule",
];

/// "84th", "1st", "22nd", "3rd": a number written as an ordinal.
fn ordinal(word: &str) -> bool {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && matches!(&word[digits.len()..], "st" | "nd" | "rd" | "th")
}

/// Whether the "and" at `and` joins two halves of one body's name made of common nouns ("Food and
/// Drug Administration", "Department of Health and Human Services"): the run so far
/// (`start..and`) is one word or connectors and common words, the word before "and" or the one
/// after it is a word the cluster writes in lower case, and the capitalised words after it
/// (single spaces) hold an organisation word or, after one of them, a title word.
fn common_noun_body(
    doc: &Doc<'_>,
    tokens: &[Token],
    start: usize,
    and: usize,
    lowercase_words: &FxHashSet<String>,
) -> bool {
    let common = |k: usize| {
        let word = doc.slice(tokens[k].span);
        CONNECTORS.contains(&word)
            || is_capitalised(word) && written_lowercase(lowercase_words, word)
    };
    if and + 1 >= tokens.len()
        || gap(doc, tokens, and - 1, and) != " "
        || gap(doc, tokens, and, and + 1) != " "
        || !is_capitalised(doc.slice(tokens[and + 1].span))
        || !(and - start == 1 || (start..and).all(common) || {
            // "The Department of ..." opening a sentence.
            let s = start + usize::from(doc.slice(tokens[start].span) == "The");
            and >= s + 3
                && in_lowercase_set(doc.slice(tokens[s].span), &ORG_SET)
                && doc.slice(tokens[s + 1].span) == "of"
                && (s + 2..and).all(common)
        })
        || !(common(and - 1) || common(and + 1))
    {
        return false;
    }
    let mut k = and + 1;
    while k < tokens.len() && k < and + 5 {
        let word = doc.slice(tokens[k].span);
        if !is_capitalised(word) || k > and + 1 && gap(doc, tokens, k - 1, k) != " " {
            break;
        }
        // "Law and Order Minister X", "Trade and Industry Secretary X": an office's name.
        if in_lowercase_set(word, &ORG_SET) || k > and + 1 && is_title(word) {
            return true;
        }
        k += 1;
    }
    false
}

/// Count nouns after a number that make it a quantity, not part of a name ("Labour 45 seats").
const COUNT_NOUNS: &[&str] = &[
    "percent", "per", "points", "seats", "votes", "years", "people", "million", "billion", "times",
    "of",
];

/// A model or serial number right after a capitalised run ("Boeing 727", "Fokker 50"): one to
/// four digits after a single space, no year (1900-2099), no score or list ("Iran 2, Iraq 1"),
/// no time, decimal, range or percentage, no count noun after it, and the run's last word no
/// known place.
fn model_number_follows(doc: &Doc<'_>, tokens: &[Token], end: usize) -> bool {
    let Some(number) = tokens.get(end).map(|t| doc.slice(t.span)) else {
        return false;
    };
    let last = doc.slice(tokens[end - 1].span);
    let year = number.len() == 4 && (number.starts_with("19") || number.starts_with("20"));
    if !(1..=4).contains(&number.len())
        || !number.chars().all(|c| c.is_ascii_digit())
        || year
        || gap(doc, tokens, end - 1, end) != " "
        || !is_capitalised(last)
        || is_possessive(last)
        || super::places::is_known_place(clean_word(last))
    {
        return false;
    }
    let rest = doc.text.get(tokens[end].span.end..).unwrap_or("");
    if rest.starts_with(['%', ':', '-', '–', '/', '.', '('])
        && !rest.starts_with(". ")
        && !(rest.starts_with('.') && rest.len() == 1)
    {
        return false;
    }
    if let Some(after_comma) = rest.strip_prefix(", ") {
        // "Iran 2, Iraq 1" is a score; "one Boeing 727, will begin" a name.
        return !after_comma.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
    }
    let next = rest
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("")
        .to_lowercase();
    !COUNT_NOUNS.contains(&next.as_str())
}

fn run_text(doc: &Doc<'_>, tokens: &[Token], start: usize, end: usize) -> String {
    tokens[start..end]
        .iter()
        .map(|t| doc.slice(t.span))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Whether `word` lower-cased is in `list` (of lower-case ASCII words; the tests check them).
/// A list of words for [`in_list!`]: a [`WordSet`] when every entry is in lower case (where the
/// set's look-up gives [`in_list`]'s answer), else the list scanned.
struct ListSet {
    list: &'static [&'static str],
    set: Option<WordSet>,
}

impl ListSet {
    fn of(list: &'static [&'static str]) -> Self {
        let lower = list.iter().all(|word| word.to_lowercase() == *word);
        ListSet {
            list,
            set: lower.then(|| word_set(list.iter().copied())),
        }
    }

    #[inline]
    fn contains(&self, word: Option<&str>) -> bool {
        match &self.set {
            Some(set) => word.is_some_and(|w| in_lowercase_set(w, set)),
            None => in_list(word, self.list),
        }
    }
}

fn in_list(word: Option<&str>, list: &[&str]) -> bool {
    word.is_some_and(|w| {
        if w.is_ascii() {
            list.iter().any(|x| x.eq_ignore_ascii_case(w))
        } else {
            list.contains(&w.to_lowercase().as_str())
        }
    })
}

fn split_found(
    doc: &Doc<'_>,
    tokens: &[Token],
    start: usize,
    end: usize,
    lowercase: &FxHashSet<String>,
) -> Option<Found> {
    // The run's words, on the stack when they are few (as in most runs).
    let mut stack_words = [""; 12];
    let heap_words: Vec<&str>;
    let words: &[&str] = if end - start <= stack_words.len() {
        for (slot, t) in stack_words.iter_mut().zip(&tokens[start..end]) {
            *slot = clean_word(doc.slice(t.span));
        }
        &stack_words[..end - start]
    } else {
        heap_words = tokens[start..end]
            .iter()
            .map(|t| clean_word(doc.slice(t.span)))
            .collect();
        &heap_words
    };
    // The role ends at the last title word (or its "of State" object).
    let mut split = 0;
    for (i, word) in words.iter().enumerate() {
        // "Dara Sen": an abbreviated title without its full stop, closing the run, is a name.
        let closing_abbreviation = i + 1 == words.len()
            && i > 0
            && in_list!(Some(word), ABBREVIATED_TITLES)
            && !doc
                .text
                .get(tokens[start + i].span.end..)
                .is_some_and(|rest| {
                    rest.strip_prefix(". ")
                        .is_some_and(|r| r.starts_with(|c: char| c.is_uppercase()))
                });
        if is_title(word) && !closing_abbreviation {
            split = i + 1;
            if words.get(i + 1) == Some(&"of")
                && words
                    .get(i + 2)
                    .is_some_and(|w| in_list!(Some(w), OFFICE_OBJECTS))
            {
                split = i + 3;
            }
        }
    }
    // "Justice Department", "Police Department": a title before a body's word names the body.
    // "Queen Elizabeth National Park", "King George Island": one before a place's last word, a
    // place named after the holder.
    if split > 0
        && split < words.len()
        && (words[split..].iter().all(|w| in_lowercase_set(w, &ORG_SET))
            || words.len() - split >= 2
                && in_list!(
                    words.last().copied(),
                    &["park", "island", "islands", "airport", "river"],
                ))
    {
        split = 0;
    }
    // "From The KWJ:", "The UN said": the article before an acronym is no part of its name.
    let article_before_acronym = split == 0
        && words.len() == 2
        && words[0] == "The"
        && words[1].replace('.', "").len() >= 2
        && words[1].chars().all(|c| c.is_ascii_uppercase() || c == '.');
    if article_before_acronym {
        split = 1;
    }
    if split >= words.len() {
        return None; // only a role ("Italian Foreign Minister")
    }
    // "Minister of Natural Resources Ralph Goodale": a title's "of" object runs on to the holder's
    // name, which opens with a given name; with none ("Minister of Scientific"), only a role.
    if split > 0 && words[split] == "of" {
        let holder = (split + 2..words.len().saturating_sub(1))
            .find(|&k| words.len() - k <= 3 && opens_with_given_name(&words[k..].join(" ")));
        match holder {
            Some(k) => split = k,
            None => return None,
        }
    }
    // A role does not open with a connector or a sentence-initial common word ("Despite
    // President X", "of Gen. X").
    let mut role_start = 0;
    while role_start < split {
        let word = words[role_start];
        let (mut buffer, mut heap) = ([0u8; 32], String::new());
        let lower = lowercase_of(word, &mut buffer, &mut heap);
        let common_opening = start + role_start == 0
            && !is_title(word)
            && !is_group_word(word)
            && !in_exact!(OFFICE_QUALIFIERS, lower)
            && !capitalised_inside(lowercase, lower);
        if CONNECTORS.contains(&word) || common_opening {
            role_start += 1;
        } else {
            break;
        }
    }
    // "Jay-Z", "Ban Ki-moon": a capital letter or a closing lower-case syllable hyphened to the
    // word before it stays joined by its hyphen (no initial, no word of its own).
    let hyphened = |k: usize| {
        let at = start + split + k;
        k > 0
            && gap(doc, tokens, at - 1, at) == "-"
            && (is_initial(words[split + k])
                || words[split + k].starts_with(|c: char| c.is_ascii_lowercase())
                    && !(at + 1 < end && gap(doc, tokens, at, at + 1) == "-"))
    };
    // The name's words, each written into the name as it goes (a word may gain a full stop).
    let name_word_count = words.len() - split;
    let mut name = String::with_capacity(words[split..].iter().map(|w| w.len() + 2).sum());
    for (k, w) in words[split..].iter().enumerate() {
        let joined_by_hyphen = hyphened(k);
        if k > 0 {
            name.push(if joined_by_hyphen { '-' } else { ' ' });
        }
        name.push_str(w);
        if joined_by_hyphen {
            continue;
        }
        // "St. Kessington": the abbreviated place word keeps its full stop.
        if split + k + 1 < words.len() && abbreviated_place_word(w) {
            name.push('.');
            continue;
        }
        // "U.S" cut before its last dot (a sentence end, "-sponsored") is "U.S.".
        let dotted_initials = w.len() >= 3
            && w.split('.')
                .all(|p| p.len() == 1 && p.chars().all(char::is_uppercase));
        if is_initial(w) || dotted_initials {
            name.push('.');
        }
    }
    // "Bethesda, Md.", "Raleigh, N.C.": a state's news-style abbreviation after a town and a
    // comma, with its full stop, names the state.
    let state = (split == 0
        && name_word_count == 1
        && start > 0
        && gap(doc, tokens, start - 1, start) == ", "
        && is_capitalised(doc.slice(tokens[start - 1].span))
        && (doc.slice(tokens[start].span).ends_with('.')
            || doc
                .text
                .get(tokens[start].span.end..)
                .is_some_and(|rest| rest.starts_with('.'))))
    .then(|| super::places::state_of_abbreviation(words[0]))
    .flatten();
    if let Some(state) = state {
        name = state.to_string();
    }
    // A lone letter ("C." after "degrees", "F") is a unit or an initial, not a name; a common
    // noun's abbreviation ("CPR", "IP address") neither.
    if name_word_count == 1
        && name.chars().all(|c| c.is_ascii_uppercase() || c == '.')
        && COMMON_ACRONYMS.contains(&name.replace('.', "").to_lowercase().as_str())
    {
        return None;
    }
    // "DVDs", "ATMs": an abbreviation's plural is a common noun.
    if name_word_count == 1
        && name
            .strip_suffix('s')
            .is_some_and(|stem| stem.len() >= 2 && stem.chars().all(|c| c.is_ascii_uppercase()))
    {
        return None;
    }
    if name.chars().count() < 2
        || name.chars().all(|c| !c.is_alphabetic())
        || (name_word_count == 1 && is_initial(words[split]))
    {
        return None;
    }
    // A unit ("minus 4 Fahrenheit", "the Richter scale") and a month's or weekday's plural ("one
    // of the coldest Novembers", "on Fridays") are no names.
    if name_word_count == 1 {
        let (mut buffer, mut heap) = ([0u8; 32], String::new());
        let lower = lowercase_of(&name, &mut buffer, &mut heap);
        let singular = lower.strip_suffix('s').filter(|w| w.len() >= 5);
        if matches!(lower, "celsius" | "fahrenheit" | "centigrade")
            || singular.is_some_and(|w| in_list!(Some(w), MONTH_WORDS) || is_skip_word(w))
        {
            return None;
        }
    }
    if tokens
        .get(end)
        .is_some_and(|t| doc.slice(t.span) == "scale")
        && gap(doc, tokens, end - 1, end) == " "
    {
        return None;
    }
    let mut role =
        (split > role_start && !article_before_acronym).then(|| words[role_start..split].join(" "));
    // The words around the run, lower-cased on the stack.
    let mut buffers = [[0u8; 32]; 3];
    let mut heaps = [String::new(), String::new(), String::new()];
    let [before_buffer, before2_buffer, after_buffer] = &mut buffers;
    let [before_heap, before2_heap, after_heap] = &mut heaps;
    let word_at = |i: Option<usize>| i.map(|i| doc.slice(tokens[i].span));
    let before = lowercase_opt(word_at(start.checked_sub(1)), before_buffer, before_heap);
    let before2 = lowercase_opt(word_at(start.checked_sub(2)), before2_buffer, before2_heap);
    let gap_before = start.checked_sub(1).map(|i| gap(doc, tokens, i, start));
    let plain_before = gap_before.is_some_and(|g| g.chars().all(char::is_whitespace));
    // "head of Thailand's committee", "mayor of London": the name is the office's object.
    let office_object =
        split == 0 && before == Some("of") && plain_before && before2.is_some_and(is_title);
    // Lower-case role words right before: "Italian foreign minister Paolo Gentiloni". The scan
    // never crosses punctuation other than the full stop of an abbreviated title ("Gen.").
    if role.is_none() && start > 0 && !office_object {
        let mut back = start;
        let mut any_title = false;
        // Lower-case nouns taken before a lower-case title ("climate change chief": two).
        let mut modifiers_taken = 0;
        while back > 0 && start - back < 5 {
            let word = doc.slice(tokens[back - 1].span);
            let joint = gap(doc, tokens, back - 1, back);
            // "great-uncle", "vice-chairman": a lower-case word hyphened to a title is the role's.
            let joint_ok = joint.chars().all(char::is_whitespace)
                || matches!(joint, ". " | ".") && is_title(word) && word.len() <= 4
                || joint == "-"
                    && word.len() >= 2
                    && word.bytes().skip(1).all(|b| b.is_ascii_lowercase())
                    && word.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
                    && {
                        let title = doc.slice(tokens[back].span);
                        is_title(title) && title.starts_with(|c: char| c.is_ascii_lowercase())
                    };
            if !joint_ok {
                break;
            }
            let sentence_initial_common = back - 1 == 0
                && !is_title(word)
                && !in_list!(Some(word), OFFICE_QUALIFIERS)
                && !{
                    let (mut buffer, mut heap) = ([0u8; 32], String::new());
                    capitalised_inside(lowercase, lowercase_of(word, &mut buffer, &mut heap))
                };
            // "UWA communications manager", "campaign manager", "climate change chief": one or
            // two lower-case nouns before a lower-case title word are part of the role, as is
            // one opening the sentence ("Personnel manager X").
            // A second one follows a determiner, a possessive, punctuation or a capitalised word
            // ("the United Nations' climate change chief"; not "to assist campaign manager").
            let second_ok = modifiers_taken == 0 || back < 2 || {
                let prev = doc.slice(tokens[back - 2].span);
                !gap(doc, tokens, back - 2, back - 1)
                    .chars()
                    .all(char::is_whitespace)
                    || matches!(prev, "the" | "a" | "an" | "its" | "his" | "her" | "their")
                    || prev.ends_with(['\'', '’'])
                    || prev.ends_with("'s")
                    || prev.ends_with("’s")
                    || is_capitalised(prev)
            };
            let title_modifier = any_title
                && modifiers_taken < 2
                && second_ok
                && back < start
                && {
                    let next = doc.slice(tokens[back].span);
                    (is_title(next) || modifiers_taken == 1 && role_modifier(next))
                        && next.starts_with(|c: char| c.is_ascii_lowercase())
                }
                && (role_modifier(word)
                    || back - 1 == 0 && {
                        let (mut buffer, mut heap) = ([0u8; 32], String::new());
                        let lower = lowercase_of(word, &mut buffer, &mut heap);
                        lower != word && role_modifier(lower) && !is_title(lower)
                    })
                // "pro-democracy leader": never half of a hyphenated word.
                && !(back >= 2 && gap(doc, tokens, back - 2, back - 1) == "-");
            if is_title(word) {
                any_title = true;
            } else if title_modifier {
                modifiers_taken += 1;
            } else if sentence_initial_common
                || modifiers_taken > 0 && word == "of"
                || !(is_capitalised(word)
                    && (!written_lowercase(lowercase, word)
                        || in_list!(Some(word), OFFICE_QUALIFIERS)
                        || in_list!(Some(word), ORG_WORDS)
                        // "North Vale Police Sgt.": a common word opening a pair of
                        // capitalised words the cluster writes inside a sentence.
                        || back < start && {
                            let next = doc.slice(tokens[back].span);
                            is_capitalised(next)
                                && capitalised_pair_inside(
                                    lowercase,
                                    &word.to_lowercase(),
                                    &clean_word(next).to_lowercase(),
                                )
                        })
                    || word == "of"
                    || word == "foreign")
            {
                break;
            }
            back -= 1;
        }
        while back < start && doc.slice(tokens[back].span) == "of" {
            back += 1;
        }
        if any_title && back < start {
            let role_span = Span::new(tokens[back].span.start, tokens[start - 1].span.end);
            role = Some(doc.slice(role_span).to_string());
        }
    }
    let name_start = tokens[start + split].span.start;
    let name_end = tokens[end - 1].span.end;
    let after_word = tokens.get(end).map(|t| doc.slice(t.span));
    let after = lowercase_opt(after_word, after_buffer, after_heap);
    let gap_after = tokens.get(end).map(|_| gap(doc, tokens, end - 1, end));
    let possessive = is_possessive(doc.slice(tokens[end - 1].span));
    let mut cues = Cues::default();
    // "from Lincoln's inaugural": the preposition governs the possessed noun, not the name.
    // "in Microsoft Word documents": a name that is no known place, modifying a common noun after
    // it, is not what the preposition governs ("in Sao Paulo state" still is).
    let modifies_noun = || {
        gap_after.is_some_and(|g| g == " ")
            && after_word.is_some_and(|w| {
                w.chars().next().is_some_and(char::is_lowercase)
                    && !w.ends_with("ed")
                    && !w.ends_with("ly")
                    && !matches!(
                        w,
                        "tonight"
                            | "today"
                            | "yesterday"
                            | "tomorrow"
                            | "earlier"
                            | "later"
                            | "again"
                    )
                    && !crate::stopwords::is_stopword(w)
                    && !SPEECH_VERBS.contains(&w)
                    && !in_exact!(PLACE_NOUNS, w)
                    && !PLACE_AFTER.contains(&w)
            })
            && !super::places::is_known_place(&name)
    };
    // "to work at Goldman Sachs", "a job at Google": an employer, no place.
    // "studied at Harvard", "degrees from Harvard", "graduated from X": a school, no place.
    let employer = split == 0
        && plain_before
        && (before == Some("at")
            && in_list!(
                before2,
                &[
                    "work", "works", "worked", "working", "job", "jobs", "employed", "intern",
                    "studied", "studies", "studying", "enrolled",
                ],
            )
            || matches!(before, Some("at" | "from"))
                && in_list!(before2, &["degree", "degrees", "graduated", "graduate"]));
    if employer {
        cues.org += 1;
    }
    // "marketed as X", "prescribed X", "the drug X": a medicine, neither place nor person.
    // "drugs like X", "drugs such as X", "the latest version of the X": a product too.
    let before3 = start
        .checked_sub(3)
        .map(|i| doc.slice(tokens[i].span).to_ascii_lowercase());
    let plain_before2 = start >= 2
        && gap(doc, tokens, start - 2, start - 1)
            .chars()
            .all(char::is_whitespace);
    if split == 0
        && plain_before
        && (before == Some("as") && in_list!(before2, &["marketed", "sold", "branded"])
            || in_list!(before, &["prescribed", "prescribe", "prescribing"])
            || in_list!(before, PRODUCT_NOUNS)
            || plain_before2
                && (before == Some("like") && in_list!(before2, PRODUCT_NOUNS)
                    || before == Some("as")
                        && before2 == Some("such")
                        && in_list!(before3.as_deref(), PRODUCT_NOUNS)
                    || before == Some("of") && in_list!(before2, &["version", "versions"])
                    || before == Some("the")
                        && before2 == Some("of")
                        && in_list!(before3.as_deref(), &["version", "versions"])))
    {
        cues.product += 1;
    }
    // "a study published in X": a journal, no place (unless a known one).
    let published_in = split == 0
        && plain_before
        && before == Some("in")
        && in_list!(before2, &["published", "publishes", "publish"])
        && !super::places::is_known_place(&name);
    if published_in {
        cues.org += 1;
    }
    let place_prep = split == 0
        && !employer
        && !published_in
        && (in_list!(before, PLACE_PREPOSITIONS)
            && plain_before
            && !possessive
            && !modifies_noun()
            || before == Some("of") && before2.is_some_and(|w| in_exact!(PLACE_NOUNS, w)));
    // "BANGKOK, Thailand (AP) _": the country of a dateline.
    let dateline = split == 0
        && start > 0
        && gap_before.is_some_and(|g| g.trim() == ",")
        && tokens[..start].iter().all(|t| {
            let w = doc.slice(t.span);
            w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase)
        })
        && gap_after.is_some_and(|g| {
            let g = g.trim_start();
            g.starts_with('(') || g.starts_with('_') || g.starts_with("--") || g.starts_with('—')
        });
    let country_noun = possessive && in_list!(after, COUNTRY_NOUNS);
    if place_prep || dateline || country_noun || state.is_some() {
        cues.place += 1;
    }
    // "Laramie, Wyo.", "Turin, Italy,": a town before its state or country.
    let town = gap_after.is_some_and(|g| g == ", ")
        && after_word.is_some_and(|w| {
            let rest = doc.text.get(tokens[end].span.end..).unwrap_or("");
            is_capitalised(w)
                && (super::places::state_of_abbreviation(w).is_some()
                    && (w.ends_with('.') || rest.starts_with('.'))
                    || super::places::is_known_place(w) && rest.starts_with([',', '.', ';', ')']))
        });
    if town && state.is_none() {
        cues.place += 1;
    }
    // "X's daughter", "X's girlfriend": a person's kin.
    // Not "X's sister moon", "X's parent company".
    let kin_noun_ends = tokens.get(end + 1).is_none_or(|t| {
        let word = doc.slice(t.span);
        !(gap(doc, tokens, end, end + 1) == " "
            && word.chars().next().is_some_and(char::is_lowercase)
            && !crate::stopwords::is_stopword(word)
            && !SPEECH_VERBS.contains(&word)
            && !word.ends_with("ed"))
    });
    if possessive && in_list!(after, KIN_AFTER) && kin_noun_ends {
        cues.person += 1;
    }
    // "the mayor of X", "governor of X": a town's or a state's office; another title's object
    // ("head of X") is a body.
    if office_object && in_list!(before2, &["mayor", "governor", "mayors", "governors"]) {
        cues.place += 1;
    } else if office_object {
        cues.org += 1;
    }
    // "X's lawyers": a person has lawyers too, so only "X lawyers" is a body's; "the X stock
    // market" is a city's.
    let market = after == Some("stock")
        && tokens.get(end + 1).is_some_and(|t| {
            gap(doc, tokens, end, end + 1) == " "
                && matches!(doc.slice(t.span), "market" | "markets" | "exchange")
        });
    if (if possessive {
        !in_list!(after, &["lawyers", "attorneys"])
    } else {
        gap_after.is_some_and(|g| g == " ")
    }) && in_list!(after, ORG_AFTER)
        && !market
    {
        cues.org += 1;
    }
    if market && !possessive {
        cues.place += 1;
    }
    // "Kessa's KTV network": what owns a body named by its capitals (no common abbreviation) is a
    // body; a person's own cues outweigh this one.
    if possessive
        && gap_after.is_some_and(|g| g == " ")
        && after_word.is_some_and(|w| {
            (2..=5).contains(&w.len())
                && w.chars().all(|c| c.is_ascii_uppercase())
                && !COMMON_ACRONYMS.contains(&w.to_ascii_lowercase().as_str())
        })
    {
        cues.org += 1;
    }
    // "a spokeswoman for X": a body's spokeswoman; "posted on X", "his X page", "X users": a
    // site's.
    if split == 0
        && plain_before
        && (before == Some("for")
            && in_list!(
                before2,
                &["spokesman", "spokeswoman", "spokesperson", "spokespeople"]
            )
            || before == Some("on")
                && in_list!(
                    before2,
                    &[
                        "posted", "posting", "tweeted", "joked", "derided", "uploaded", "streamed"
                    ],
                ))
        || !possessive && gap_after.is_some_and(|g| g == " ") && in_list!(after, SITE_AFTER)
    {
        cues.org += 1;
    }
    // "Philadelphia police", "Oakland residents": a town's; "Comcast-owned", "Seattle-based".
    if !possessive && gap_after.is_some_and(|g| g == " ") && in_list!(after, PLACE_AFTER)
        || gap_after.is_some_and(|g| g == "-") && after == Some("based")
    {
        cues.place += 1;
    }
    // "at Charles de Gaulle airport": the name of an airport or islands, even a person's name.
    // "the island of Fernando de Noronha" likewise.
    if !possessive && gap_after.is_some_and(|g| g == " ") && in_list!(after, FEATURE_AFTER)
        || split == 0 && before == Some("of") && plain_before && in_list!(before2, FEATURE_AFTER)
    {
        cues.feature += 1;
    }
    // "as Fortune reported": a publication.
    if gap_after.is_some_and(|g| g == "-")
        && in_list!(after, &["owned", "backed", "funded", "controlled"])
        || split == 0
            && before == Some("as")
            && plain_before
            && gap_after.is_some_and(|g| g == " ")
            && in_list!(after, &["reported", "reports"])
    {
        cues.org += 1;
    }
    if split == 0 && before == Some("the") && plain_before {
        cues.article += 1;
    }
    if split == 0 && modifies_noun() {
        cues.modifier += 1;
    }
    // "Liberty-based Ferrellgas": what is based somewhere is a body.
    if split == 0
        && before == Some("based")
        && plain_before
        && start >= 2
        && gap(doc, tokens, start - 2, start - 1) == "-"
    {
        cues.org += 1;
    }
    // "a man who called himself AJ", "identified herself as X": a person's name.
    if split == 0
        && (matches!(before, Some("himself" | "herself"))
            || before == Some("as") && matches!(before2, Some("himself" | "herself")))
    {
        cues.person += 1;
    }
    // "a veteran Northfield police officer": the name modifies the noun after it; a verb's past
    // tense is no noun ("astronaut X described").
    let modifier = gap_after.is_some_and(|g| g == " ")
        && after_word.is_some_and(|w| {
            let past_tense = w.len() > 4 && w.ends_with("ed") && !w.ends_with("eed");
            w.chars().next().is_some_and(char::is_lowercase)
                && !crate::stopwords::is_stopword(w)
                && !SPEECH_VERBS.contains(&w)
                && !past_tense
        });
    // A noun right before: "designer Mikhail Kalashnikov", "the daily Izvestia".
    let comma_before = gap_before.is_some_and(|g| g.trim() == ",");
    if split == 0 && role.is_none() && !modifier && (plain_before || comma_before) {
        let noun = before.map(|w| {
            if w.len() > 4 {
                w.strip_suffix('s').unwrap_or(w)
            } else {
                w
            }
        });
        match noun {
            // "23-year-old Paul Ciancia", "his daughter, Elena,".
            Some(w)
                if is_person_noun(w)
                    || w.ends_with("year-old")
                    || w == "old" && before2 == Some("year") =>
            {
                cues.person += 1;
            }
            Some(w) if plain_before && in_exact!(ORG_NOUNS, w) => cues.org += 1,
            Some(w) if plain_before && in_exact!(PLACE_NOUNS, w) => cues.place += 1,
            // "the band the Eeries": an organisation noun before "the".
            Some("the")
                if plain_before
                    && before2.is_some_and(|w| in_exact!(ORG_NOUNS, w))
                    && gap(doc, tokens, start - 2, start - 1)
                        .chars()
                        .all(char::is_whitespace) =>
            {
                cues.org += 1;
            }
            _ => {}
        }
    }
    // Apposition: "X, 67,", "X, a lawyer", "X, a pro-Kremlin daily", "X, a city"; a predicate
    // noun: "X is the most seriously devastated province".
    let copula = gap_after.is_some_and(|g| g == " ")
        && matches!(after, Some("is" | "was"))
        && tokens
            .get(end + 1)
            .is_some_and(|t| matches!(doc.slice(t.span), "a" | "an" | "the"));
    if gap_after.is_some_and(|g| g.trim() == ",") || copula {
        let mut k = if copula { end + 1 } else { end };
        while k < tokens.len() && k < end + 5 + usize::from(copula) {
            if k > end
                && gap(doc, tokens, k - 1, k)
                    .chars()
                    .any(|c| matches!(c, ',' | '.' | ';'))
            {
                break;
            }
            let (mut buffer, mut heap) = ([0u8; 32], String::new());
            let word = lowercase_of(doc.slice(tokens[k].span), &mut buffer, &mut heap);
            if k == end && word.chars().all(|c| c.is_ascii_digit()) {
                if gap(doc, tokens, k, (k + 1).min(tokens.len() - 1)).starts_with(',') {
                    cues.person += 1;
                }
                break;
            }
            // "X, who ...": a person (a body is "which"); not after a title's "of" or a locative
            // preposition ("the mayor of X, who", "others in X, who"), where "who" is the head's.
            if k == end
                && word == "who"
                && !office_object
                && !(split == 0 && plain_before && in_list!(before, &["in", "at", "from"]))
                // "a cardiologist at the Kessa Clinic, who": likewise after "the".
                && !(split == 0
                    && plain_before
                    && before == Some("the")
                    && in_list!(before2, &["in", "at", "from", "of"]))
            {
                cues.person += 1;
                break;
            }
            // The apposition's head comes before any function word but a determiner ("X, a
            // disorder that affects children" is no person).
            if crate::stopwords::is_stopword(word)
                && !matches!(
                    word,
                    "a" | "an" | "the" | "his" | "her" | "their" | "its" | "our" | "my" | "most"
                )
            {
                break;
            }
            // "X, the city's mayor": a possessive is no head.
            if word.ends_with("'s") || word.ends_with("’s") {
                k += 1;
                continue;
            }
            let head = word;
            if is_person_noun(head)
                || head.ends_with("year-old")
                || head == "old" && k > end && doc.slice(tokens[k - 1].span) == "year"
            {
                cues.person += 1;
                break;
            }
            if in_exact!(ORG_NOUNS, head) {
                cues.org += 1;
                break;
            }
            // "X, an antidepressant medication prescribed ...", not "X, a drug dealer".
            if PRODUCT_NOUNS.contains(&head)
                && tokens.get(k + 1).is_none_or(|t| {
                    let next = doc.slice(t.span);
                    gap(doc, tokens, k, k + 1) != " "
                        || !next.starts_with(|c: char| c.is_lowercase())
                        || crate::stopwords::is_stopword(next)
                        || next.ends_with("ed")
                })
            {
                cues.product += 1;
                break;
            }
            if in_exact!(PLACE_NOUNS, head) {
                cues.place += 1;
                // "Fernando de Noronha, an island": named after a person or not, a place.
                if FEATURE_AFTER.contains(&head) {
                    cues.feature += 1;
                }
                break;
            }
            k += 1;
        }
    }
    // "said Tovia Air and Norland Airways were interested": the first of two subjects of the
    // reported clause, no speaker.
    let clause_subject = gap_after.is_some_and(|g| g == " ") && matches!(after, Some("and" | "or"));
    if cues.place == 0
        && (in_list!(after, SPEECH_VERBS)
            && gap_after.is_some_and(|g| g.chars().all(char::is_whitespace))
            || in_list!(before, SPEECH_VERBS) && name_word_count >= 2 && !clause_subject)
    {
        cues.speech += 1;
    }
    Some(Found {
        span: Span::new(name_start, name_end),
        name,
        role,
        cues,
        joined: false,
    })
}

/// One word with a capital inside after a lower-case letter ("PageRank", "YouTube"): a brand's
/// or product's spelling, never a person's, unless the inner capital follows a surname prefix
/// ("McCain", "MacArthur", "DiCaprio", "LaGuardia", "DeLay", "VanHorn").
fn camel_case(name: &str) -> bool {
    if name.contains(' ') {
        return false;
    }
    // The first capital after a lower-case letter, and the letters before it.
    let mut previous: Option<char> = None;
    let Some(inner) = name.char_indices().find_map(|(i, c)| {
        let found = c.is_uppercase() && previous.is_some_and(char::is_lowercase);
        previous = Some(c);
        found.then_some(i)
    }) else {
        return false;
    };
    !matches!(
        &name[..inner],
        "Mc" | "Mac" | "Di" | "De" | "Da" | "Du" | "La" | "Le" | "Van" | "Von" | "Fitz"
    )
}

/// "St", "Mt", "Ft": a saint's, mountain's or fort's abbreviation, opening a place's name.
fn abbreviated_place_word(word: &str) -> bool {
    matches!(word.trim_end_matches('.'), "St" | "Mt" | "Ft")
}

fn looks_like_org(name: &str) -> bool {
    name.split(' ').any(|w| in_lowercase_set(w, &ORG_SET))
}

fn has_place_word(name: &str) -> bool {
    name.split(' ')
        .any(|w| in_lowercase_set(w, &PLACE_WORD_SET))
}

/// A broadcaster's station: call letters (three or four capitals) with a channel number or a
/// known place ("ABC7", "ABC 7", "CBS Chicago", "BBC Scotland").
fn station(name: &str) -> bool {
    let (letters, rest) = name.split_once(' ').unwrap_or_else(|| {
        let digits = name.trim_start_matches(|c: char| c.is_ascii_uppercase());
        (&name[..name.len() - digits.len()], digits)
    });
    (3..=4).contains(&letters.len())
        && letters.chars().all(|c| c.is_ascii_uppercase())
        && (!rest.is_empty() && rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_digit())
            || name.contains(' ') && super::places::is_known_place(rest))
}

fn classify(name: &str, cues: Cues) -> &'static str {
    // Without its dots (a new string only when it has any).
    let bare = if name.contains('.') {
        std::borrow::Cow::Owned(name.replace('.', ""))
    } else {
        std::borrow::Cow::Borrowed(name)
    };
    let acronym = bare.len() >= 2 && bare.chars().all(|c| c.is_ascii_uppercase());
    // The first and last words in lower case, on the stack when short ASCII.
    let (mut last_buffer, mut last_heap) = ([0u8; 32], String::new());
    let (mut first_buffer, mut first_heap) = ([0u8; 32], String::new());
    let last = lowercase_of(
        name.rsplit(' ').next().unwrap_or(""),
        &mut last_buffer,
        &mut last_heap,
    );
    let first = lowercase_of(
        name.split(' ').next().unwrap_or(""),
        &mut first_buffer,
        &mut first_heap,
    );
    let place_word = has_place_word(name);
    // Each test below runs at most once.
    let known_place = super::places::is_known_place(name);
    let mut org_memo: Option<bool> = None;
    let mut org = || *org_memo.get_or_insert_with(|| looks_like_org(name));
    let mut cues = cues;
    if known_place {
        cues.place += 2;
    }
    if matches!(&*bare, "US" | "UK" | "UAE" | "USA" | "DC")
        || PLACE_WORD_SET.words.contains(last.as_bytes())
        || name.contains(' ')
            && name.split(' ').next().is_some_and(abbreviated_place_word)
        // "WASHINGTON (AP)": a known place's name in capitals is no acronym.
        || acronym && bare.len() > 4 && known_place
        || place_word && !org()
    {
        "place"
    } else if station(name) {
        "organization"
    } else if in_exact!(EVENT_WORDS, last)
        || SHIP_PREFIXES.contains(&first) && name.contains(' ')
        || name.contains(' ') && last.chars().all(|c| c.is_ascii_digit())
    {
        "other"
    } else if org()
        // "Air Tovia", "Air Norland": an airline, however it is spoken of ("Air Tovia said").
        || first == "air" && name.contains(' ')
        || acronym && !(bare.len() <= 3 && cues.person > 0 && cues.org == 0 && cues.place == 0)
    {
        // "a man who called himself AJ": a person's initials.
        "organization"
    } else if cues.product > 0 && cues.product >= cues.person && cues.product >= cues.org {
        // "marketed as X", "X, an antidepressant": a medicine's brand, however often it is
        // taken "from" or "in".
        "other"
    } else if cues.feature > 0 && cues.speech == 0 && 2 * cues.feature >= cues.person {
        // "at Charles de Gaulle airport": a place named after a person, so named as often as
        // the person's cues come.
        "place"
    } else if cues.person > 0 && cues.person >= cues.place && !camel_case(name) {
        "person"
    } else if cues.place > 0 && cues.place >= cues.org {
        "place"
    } else if cues.org > 0 {
        "organization"
    } else if cues.speech > 0 && cues.article > 0 && !camel_case(name) {
        // "the Survey said": what speaks and is written after "the" is a body, not a person.
        "organization"
    } else if cues.speech > 0 && !camel_case(name) {
        "person"
    } else {
        "other"
    }
}

#[cfg(test)]
mod tests {
    use super::super::build_brief;
    use super::super::testutil::cluster_of;
    use super::{in_lowercase_set, word_set};

    /// The lower-case vocabulary holds what a plain build of it holds: every word written in
    /// lower case, `^word` for a capitalised word past a sentence's first, and `^first second`
    /// for two such words one space apart outside headlines. Its sentence-start skips
    /// and the first [`find_in_tokens`] memo window are covered by a long sentence.
    #[test]
    fn lowercase_vocabulary_matches_a_plain_build() {
        use super::{gap, is_capitalised, lowercase_vocabulary};
        use rustc_hash::FxHashSet;
        let long = "Zorvan Pellik said the Grenmark Harbour Board met in Tallow Bay on Monday, \
                    and "
            .repeat(12);
        let texts = [
            "Brenna Quill of the Ostry Valley Trust said prices rose. The Élan Café (in \
             Vell-Marrow) opened; ÜBER Kiosk shut. \"Prices,\" Quill said, \"rose.\"",
            "NEW HARBOUR OPENS\n\nThe Ostry Valley Trust met again. Air Lantern Flight 42 landed \
             at Kessa Field, officials of Air Lantern said. Über and über, Straße and STRASSE.",
            long.as_str(),
        ];
        super::super::testutil::with_docs(&texts, |docs| {
            let mut plain: FxHashSet<String> = FxHashSet::default();
            for doc in docs {
                for sentence in doc.sentences {
                    let mut previous: Option<String> = None;
                    for (i, token) in sentence.tokens.iter().enumerate() {
                        let surface = doc.slice(token.span);
                        let key = if surface.chars().next().is_some_and(char::is_lowercase) {
                            surface.to_string()
                        } else if i > 0 {
                            format!("^{}", surface.to_lowercase())
                        } else {
                            previous = None;
                            continue;
                        };
                        plain.insert(key.clone());
                        if let Some(prev) = previous.as_deref()
                            && i > 1
                            && key.starts_with('^')
                            && prev.starts_with('^')
                            && !sentence.is_headline
                            && is_capitalised(doc.slice(sentence.tokens[i - 1].span))
                            && gap(doc, &sentence.tokens, i - 1, i) == " "
                        {
                            plain.insert(format!("{prev} {}", &key[1..]));
                        }
                        previous = Some(key);
                    }
                }
            }
            let built = lowercase_vocabulary(docs);
            assert!(built.contains("^ostry valley"), "{built:?}");
            assert!(built.contains("^élan café"), "{built:?}");
            assert_eq!(built, plain);
        });
    }

    /// `in_list!`'s set gives the list scan's answer for words in any case, inside and outside
    /// ASCII, longer than every entry and empty; a list with an entry not in lower case is
    /// scanned.
    #[test]
    fn list_set_answers_as_the_list_scan() {
        use super::{
            CORPORATE_SUFFIXES, ListSet, NAME_MODIFIERS, PLACE_WORDS, SPEECH_VERBS, in_list,
        };
        let odd: &'static [&'static str] = &["U.S.", "über", "Straße", "park"];
        let words = [
            "park",
            "Park",
            "PARK",
            "parks",
            "u.s.",
            "U.S.",
            "Über",
            "über",
            "ÜBER",
            "straße",
            "Straße",
            "STRASSE",
            "",
            "a-very-long-word-that-no-list-holds-at-all-anywhere",
            "Inc",
            "inc.",
            "Corp",
            "former",
            "Former",
            "said",
            "Said",
            "Città",
            "città",
            "İ",
        ];
        for list in [
            NAME_MODIFIERS,
            CORPORATE_SUFFIXES,
            PLACE_WORDS,
            SPEECH_VERBS,
            odd,
        ] {
            let set = ListSet::of(list);
            for word in words.iter().copied().chain(list.iter().copied()) {
                for variant in [
                    word.to_string(),
                    word.to_uppercase(),
                    word.to_ascii_uppercase(),
                ] {
                    assert_eq!(
                        set.contains(Some(&variant)),
                        in_list(Some(&variant), list),
                        "{variant}"
                    );
                }
            }
            assert!(!set.contains(None));
        }
        assert!(ListSet::of(odd).set.is_none());
        assert!(ListSet::of(NAME_MODIFIERS).set.is_some());
    }

    #[test]
    fn word_set_lookup_ignores_ascii_case_and_rejects_others() {
        let set = word_set(["gen.", "president", "über", "x"].into_iter());
        assert!(in_lowercase_set("President", &set));
        assert!(in_lowercase_set("GEN.", &set));
        assert!(in_lowercase_set("X", &set));
        assert!(in_lowercase_set("Über", &set));
        assert!(!in_lowercase_set("Presiden", &set));
        assert!(!in_lowercase_set("Presidents", &set));
        assert!(!in_lowercase_set("gen", &set));
        assert!(!in_lowercase_set("", &set));
        assert!(!in_lowercase_set("y", &set));
    }

    #[test]
    fn clean_word_drops_possessives_only() {
        for (word, clean) in [
            ("Smith's", "Smith"),
            ("Obama’s", "Obama"),
            ("Jones", "Jones"),
            ("Paris", "Paris"),
            ("NATO", "NATO"),
            ("Smith's's", "Smith"),
            ("Smith's’s", "Smith's"),
        ] {
            assert_eq!(super::clean_word(word), clean, "{word}");
        }
    }

    /// `in_list` and the word sets compare lower-case ASCII words.
    #[test]
    fn word_lists_are_lower_case_ascii() {
        for list in [
            super::CONNECTORS,
            super::TITLES,
            super::ABBREVIATED_TITLES,
            super::OFFICE_OBJECTS,
            super::ORG_WORDS,
            super::MORE_GROUP_WORDS,
            super::COMMON_ACRONYMS,
            super::OFFICE_QUALIFIERS,
            super::CORPORATE_SUFFIXES,
            super::STORM_WORDS,
            super::BODIES_ON,
            super::NUMBERED_BODIES,
            super::PLACE_WORDS,
            super::EVENT_WORDS,
            super::SHIP_PREFIXES,
            super::MONTH_WORDS,
            super::NAME_MODIFIERS,
            super::GROUP_WORDS,
            super::PERSON_NOUNS,
            super::KIN_AFTER,
            super::ORG_NOUNS,
            super::PLACE_NOUNS,
            super::COUNTRY_NOUNS,
            super::ORG_AFTER,
            super::SITE_AFTER,
            super::PLACE_AFTER,
            super::FEATURE_AFTER,
            super::COMPOUND_TAILS,
            super::PLACE_PREPOSITIONS,
            super::PRODUCT_NOUNS,
            super::SPEECH_VERBS,
            super::SKIP_WORDS,
            super::COUNT_NOUNS,
            super::CONDITION_WORDS,
        ] {
            for word in list {
                assert!(
                    word.bytes()
                        .all(|b| b.is_ascii() && !b.is_ascii_uppercase()),
                    "{word}"
                );
            }
        }
    }

    /// `entity_key`'s one-pass ASCII path gives the general key.
    #[test]
    fn fast_entity_key_is_the_key() {
        let slow = |name: &str| {
            use unicode_normalization::UnicodeNormalization;
            let lower = name
                .nfd()
                .filter(|&c| !unicode_normalization::char::is_combining_mark(c))
                .collect::<String>()
                .to_lowercase()
                .replace(['-', '‐'], " ")
                .replace('.', "");
            let mut words: Vec<&str> = lower.split_whitespace().collect();
            if words.len() > 2 {
                let first = words[0];
                words.retain(|w| !matches!(*w, "al" | "el"));
                if words.is_empty() || words[0] != first {
                    return lower.clone();
                }
            }
            words.join(" ")
        };
        for name in [
            "Hafez al-Assad",
            "Al Assad",
            "al-Assad",
            "U.S.",
            "Al El Al",
            "  A  b ",
            "Bashar al Assad Jr.",
            "A\tB",
            "Café Société",
            "x-",
            "",
        ] {
            assert_eq!(super::entity_key_words(name), slow(name), "{name:?}");
        }
    }

    /// `in_lowercase_set` lower-cases the word, so the lists must hold lower-case words.
    #[test]
    fn word_lists_are_lower_case_and_looked_up_in_any_case() {
        for list in [
            super::TITLES,
            super::SKIP_WORDS,
            super::MONTH_WORDS,
            super::WEEKDAY_WORDS,
        ] {
            for word in list {
                assert_eq!(*word, word.to_lowercase());
            }
        }
        assert!(super::is_title("President"));
        assert!(super::is_title("SEN."));
        assert!(super::is_skip_word("Monday's"));
        assert!(super::is_skip_word("Jan."));
        assert!(!super::is_skip_word("Jane"));
        assert!(super::in_lowercase_set("JANUARY", &super::MONTH_SET));
        assert!(!super::in_lowercase_set("Janúary", &super::MONTH_SET));
        assert!(super::in_lowercase_set("JANUARY", &super::SKIP_SET));
        // Longer than the stack buffer: lower-cased in a string.
        assert!(!super::in_lowercase_set(&"X".repeat(40), &super::SKIP_SET));
    }

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

    /// "X, professor of psychiatry, said": a title after a comma is the name's apposition, not
    /// an office the name opens ("Finance minister").
    #[test]
    fn a_title_in_apposition_leaves_the_name() {
        for text in [
            "Harold Kemp, professor of psychiatry, said the data were thin.",
            "The data were thin, said Harold Kemp, professor of psychiatry at a New York school.",
            "Harold Kemp, spokesman, declined to comment.",
        ] {
            let all = listed(&[
                text,
                "Doctors are prescribing more drugs to young children, a study found.",
            ]);
            let kemp = find(&all, "Harold Kemp").unwrap_or_else(|| panic!("{text}: {all:?}"));
            assert_eq!(kemp.1, "person", "{text}: {all:?}");
        }
        // "Finance minister Jan Roe": still a role before the name.
        let all = listed(&[
            "Finance minister Jan Roe said the budget was balanced.",
            "Jan Roe will present the budget on Monday.",
        ]);
        assert!(find(&all, "Finance").is_none(), "{all:?}");
    }

    #[test]
    fn a_department_named_without_the_word_is_one_body() {
        let all = listed(&[
            "The Dayton Police Department said two officers were hurt.",
            "Dayton Police said the suspect fled on foot.",
            "A Dayton Police spokesman declined to comment.",
        ]);
        assert!(find(&all, "Dayton Police").is_none(), "{all:?}");
        let department =
            find(&all, "Dayton Police Department").unwrap_or_else(|| panic!("{all:?}"));
        assert_eq!(department.1, "organization", "{all:?}");
    }

    fn listed(texts: &[&str]) -> Vec<(String, String, Vec<String>)> {
        let (cluster, cleaned, segmented) = cluster_of(texts);
        build_brief(&cluster, &cleaned, &segmented, &[])
            .entities
            .into_iter()
            .map(|e| {
                (
                    e.name,
                    e.kind,
                    e.roles.into_iter().map(|r| r.role).collect(),
                )
            })
            .collect()
    }

    fn find<'a>(
        all: &'a [(String, String, Vec<String>)],
        name: &str,
    ) -> Option<&'a (String, String, Vec<String>)> {
        all.iter().find(|(n, _, _)| n == name)
    }

    #[test]
    fn a_middle_initial_that_is_a_word_stays_in_the_name() {
        // "A." and "I." after a given name are initials, not the article or the pronoun: the
        // given name stays in the name, not in the role.
        let all = listed(&[
            "President Dmitri A. Petrovsky of Varnia sent a message on Monday. Officials said \
             Petrovsky would come. The envoy Lena I. Sorvik said the talks were set.",
            "Petrovsky said on Tuesday that the talks would resume. Sorvik agreed.",
        ]);
        let found = find(&all, "Dmitri A. Petrovsky").expect("whole name");
        assert_eq!(found.2, vec!["President".to_string()], "{all:?}");
        assert!(find(&all, "A. Petrovsky").is_none(), "{all:?}");
        assert!(find(&all, "Dmitri").is_none(), "{all:?}");
        assert!(find(&all, "Lena I. Sorvik").is_some(), "{all:?}");
    }

    #[test]
    fn hyphened_syllables_before_a_possessive_or_that_are_stop_words_stay() {
        // "Park Jin-un’s": the possessive is no part of the syllable; "Moon Jae-in": a short
        // surname and a syllable that is also a stop word.
        let all = listed(&[
            "Leader Park Jin-un’s visit to the shrine drew crowds on Monday. Moon Jae-in said the \
             talks would resume.",
            "Park Jin-un said the visit was private. President Moon Jae-in would come.",
        ]);
        assert!(find(&all, "Park Jin-un").is_some(), "{all:?}");
        assert!(find(&all, "Park Jin").is_none(), "{all:?}");
        assert!(find(&all, "Moon Jae-in").is_some(), "{all:?}");
        assert!(find(&all, "Moon Jae").is_none(), "{all:?}");
    }

    #[test]
    fn eastern_time_is_no_name() {
        let all = listed(&[
            "Update, July 7th, 6:40PM ET: the Tarvo fund had raised more than $40,000.",
            "Update, July 8th, 12:45AM ET: the Tarvo fund had grown again, Tarvo said.",
        ]);
        assert!(find(&all, "ET").is_none(), "{all:?}");
        assert!(find(&all, "Tarvo").is_some(), "{all:?}");
    }

    #[test]
    fn full_names_listed_with_people_are_people() {
        // Given names the lists do not know, in a list of four names three of which are people.
        let all = listed(&[
            "Four men died: Chris Tanner, Sean Holt, Glen Dorrity and Tyrone Welk served with \
             courage. Chris Tanner was the envoy.",
            "The four were Chris Tanner, Sean Holt, Glen Dorrity and Tyrone Welk, officials said.",
        ]);
        for name in ["Glen Dorrity", "Tyrone Welk"] {
            let found = find(&all, name).expect(name);
            assert_eq!(found.1, "person", "{all:?}");
        }
    }

    #[test]
    fn dotted_initials_open_a_persons_name() {
        let all = listed(&[
            "Former President F.W. de Klerk spoke in Pretoria on Monday. The report named P.W. Botha \
             and U.S. officials. De Klerk said the panel was wrong.",
            "The panel said F.W. de Klerk knew of the killings. Botha said nothing. The U.S. Embassy \
             said nothing either.",
        ]);
        let klerk = find(&all, "F.W. de Klerk").expect("F.W. de Klerk listed");
        assert_eq!(klerk.1, "person", "{all:?}");
        assert!(find(&all, "P.W. Botha").is_some(), "{all:?}");
        assert!(
            find(&all, "F.W.").is_none() && find(&all, "P.W.").is_none(),
            "{all:?}"
        );
        // "U.S." keeps apart from the word after it.
        assert!(find(&all, "U.S.").is_some(), "{all:?}");
        assert!(
            all.iter().all(|(n, _, _)| !n.starts_with("U.S. ")),
            "{all:?}"
        );
        // So do the places written as dotted initials.
        for place in ["U.S", "U.K", "U.N", "D.C", "L.A", "N.C"] {
            assert!(!super::person_initials(place), "{place}");
        }
        assert!(super::person_initials("F.W") && super::person_initials("J.R.R"));
    }

    #[test]
    fn html_entities_contractions_and_interjections_are_no_names() {
        let all = listed(&[
            "Its titles include Health and Food &AMP; Wine, the publisher said in Chicago. \
             \"Oh yes, yes,\" Clinton said. \"I’m very pleased. We’ll see.\"",
            "Clinton spoke in Chicago again. \"Oh, I don’t know,\" she said.",
        ]);
        for bad in ["AMP", "Oh", "I’m", "We’ll"] {
            assert!(find(&all, bad).is_none(), "{bad}: {all:?}");
        }
        assert!(find(&all, "Chicago").is_some(), "{all:?}");
    }

    #[test]
    fn law_and_order_minister_is_one_role() {
        let all = listed(&[
            "The former Law and Order Minister Adriaan Vlok spoke on Monday. The law was changed and \
             order returned.",
            "Adriaan Vlok said he was sorry.",
        ]);
        let vlok = find(&all, "Adriaan Vlok").expect("Vlok listed");
        assert_eq!(
            vlok.2,
            vec!["Law and Order Minister".to_string()],
            "{all:?}"
        );
        assert!(find(&all, "Law").is_none(), "{all:?}");
    }

    #[test]
    fn a_channel_or_magazine_after_a_name_makes_a_body() {
        let all = listed(&[
            "Viewers of the Lifetime channel watched the show. The Lifetime network said it grew.",
            "Lifetime said ratings rose.",
        ]);
        assert_eq!(
            find(&all, "Lifetime").map(|e| e.1.as_str()),
            Some("organization"),
            "{all:?}"
        );
    }

    #[test]
    fn a_hyphenated_region_is_a_place() {
        let all = listed(&[
            "She ended an Asia-Pacific tour on Friday.",
            "The Asia-Pacific trip was long.",
        ]);
        assert_eq!(
            find(&all, "Asia Pacific").map(|e| e.1.as_str()),
            Some("place"),
            "{all:?}"
        );
    }

    #[test]
    fn a_common_first_word_opens_no_full_name() {
        let all = listed(&[
            "The World Wide Web grew fast. The world watched and the wide web grew.",
            "The World Wide Web site was new.",
        ]);
        assert_ne!(
            find(&all, "World Wide Web").map(|e| e.1.as_str()),
            Some("person"),
            "{all:?}"
        );
    }

    fn kind_of<'a>(got: &'a [(String, String, Vec<String>)], name: &str) -> Option<&'a str> {
        got.iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, k, _)| k.as_str())
    }

    #[test]
    fn a_school_one_studied_at_and_a_site_with_a_website_are_bodies() {
        let got = listed(&[
            "Lena Marsh earned degrees from Halvard and later studied at Corwin. \
             Pages were posted on Stallbook, Stallbook's website said. Lena Marsh said so.",
        ]);
        assert_eq!(kind_of(&got, "Halvard"), Some("organization"), "{got:?}");
        assert_eq!(kind_of(&got, "Corwin"), Some("organization"), "{got:?}");
        assert_eq!(kind_of(&got, "Stallbook"), Some("organization"), "{got:?}");
    }

    #[test]
    fn a_medicine_named_as_one_is_neither_place_nor_person() {
        let got = listed(&[
            "Doctors prescribed Zelmora to the girl. Zelmora, an antidepressant, is sold widely. \
             The pills came from Zelmora, her mother said in Brantford.",
            "The clinic also uses quetorin, marketed as Velnix. Patients switched from Velnix to \
             the drug Zelmora. Tom Vell, a drug dealer, was arrested in Brantford.",
        ]);
        assert_eq!(kind_of(&got, "Zelmora"), Some("other"), "{got:?}");
        assert_eq!(kind_of(&got, "Velnix"), Some("other"), "{got:?}");
        assert_eq!(kind_of(&got, "Tom Vell"), Some("person"), "{got:?}");
    }

    #[test]
    fn a_name_ending_in_a_title_abbreviation_is_still_a_person() {
        let got =
            listed(&["Prime Minister Dara Sen met donors. Dara Sen said the vote would go ahead."]);
        assert_eq!(kind_of(&got, "Dara Sen"), Some("person"), "{got:?}");
        let got = listed(&["Prime Minister Marta May met donors. Marta May said no."]);
        assert_eq!(kind_of(&got, "Marta May"), Some("person"), "{got:?}");
        let got = listed(&["The bill passed, Sen. Mara Lind said. Mara Lind voted for it."]);
        assert_eq!(kind_of(&got, "Mara Lind"), Some("person"), "{got:?}");
    }

    #[test]
    fn months_weekdays_time_zones_holidays_and_nationalities_are_not_entities() {
        let got = listed(&[
            "The blast at 9 a.m. (0700 GMT) on Friday hit a market in Vorland. Friday's attack killed two.",
            "Police said the Halloween party in Vorland ended in July. Israelis and Yugoslav officials \
             condemned it, as did the North African press. The Yugoslav said nothing.",
        ]);
        for banned in [
            "GMT",
            "Friday",
            "Halloween",
            "July",
            "Israelis",
            "Yugoslav",
            "North African",
        ] {
            assert!(
                got.iter().all(|(n, _, _)| n != banned),
                "{banned} in {got:?}"
            );
        }
        assert_eq!(kind_of(&got, "Vorland"), Some("place"));
    }

    /// A plural people word in "-ans", a lone letter after a unit, and an agent noun in "-ist"
    /// before a name.
    #[test]
    fn people_plurals_unit_letters_and_agent_nouns() {
        let got = listed(&[
            "Vorlandans protested in Vorland. The lava reached 1,200 degrees C. on Monday.",
            "The list was topped by botanist Edda Holm. Holm worked in Vorland.",
        ]);
        assert!(got.iter().all(|(n, _, _)| n != "Vorlandans"), "{got:?}");
        assert!(got.iter().all(|(n, _, _)| n != "C." && n != "C"), "{got:?}");
        assert_eq!(kind_of(&got, "Edda Holm"), Some("person"), "{got:?}");
    }

    #[test]
    fn states_and_countries_are_places_and_acronyms_organisations() {
        let got = listed(&[
            "Nevada said on Monday it would sue. The governor of Nevada, Ann Ruel, said so.",
            "NASA said the launch from Florida would wait. Japan said it would help NASA.",
        ]);
        assert_eq!(kind_of(&got, "Nevada"), Some("place"), "{got:?}");
        assert_eq!(kind_of(&got, "Japan"), Some("place"), "{got:?}");
        assert_eq!(kind_of(&got, "NASA"), Some("organization"), "{got:?}");
        assert_eq!(kind_of(&got, "Ann Ruel"), Some("person"), "{got:?}");
        let got = listed(&[
            "Air Tovia said on Monday that it had lost contact with the plane. \"We have no news,\" \
             Air Tovia said.",
            "Air Tovia said the plane carried 90 people.",
        ]);
        assert_eq!(kind_of(&got, "Air Tovia"), Some("organization"), "{got:?}");
        // Bodies named by a word of their kind in another language or a plural.
        let got = listed(&[
            "Agence Tovia Presse said on Monday that Norland Geological Survey had found no damage.",
            "Agence Tovia Presse said Bright Hope Ministries sent food. Norland Geological Survey agreed.",
        ]);
        for body in [
            "Agence Tovia Presse",
            "Norland Geological Survey",
            "Bright Hope Ministries",
        ] {
            assert_eq!(kind_of(&got, body), Some("organization"), "{body}: {got:?}");
        }
    }

    #[test]
    fn aliases_merge_acronyms_country_names_and_surnames() {
        let got = listed(&[
            "The United States sent aid to Burma on Monday. Myanmar said it welcomed it.",
            "U.S. officials said the aid would reach Myanmar soon. Dara Quell, a doctor, said so.",
            "Quell said more was needed. The Tovan Relief Agency (TRA) helped; TRA staff said so.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(
            names.contains(&"United States") && !names.contains(&"U.S"),
            "{names:?}"
        );
        assert_eq!(
            names
                .iter()
                .filter(|n| **n == "Burma" || **n == "Myanmar")
                .count(),
            1,
            "{names:?}"
        );
        assert!(
            names.contains(&"Dara Quell") && !names.contains(&"Quell"),
            "{names:?}"
        );
        assert!(!names.contains(&"TRA"), "{names:?}");
    }

    #[test]
    fn roles_are_whole_and_never_cross_punctuation() {
        let got = listed(&[
            "Despite President Ola Brenn's warning, talks went on. Ola Brenn spoke later.",
            "Envoy Ivo Marr said the head of Tovia's council, Lin Oda, would attend, as would \
             Mayor Michael R. Daley.",
        ]);
        let roles = |name: &str| {
            got.iter()
                .find(|(n, _, _)| n == name)
                .map(|(_, _, r)| r.clone())
                .unwrap_or_default()
        };
        assert_eq!(roles("Ola Brenn"), vec!["President".to_string()], "{got:?}");
        // The segmenter may end a sentence at an initial; a role never takes the name's start.
        assert!(
            got.iter()
                .flat_map(|(_, _, r)| r)
                .all(|r| !r.contains("Michael")),
            "{got:?}"
        );
        assert!(roles("Tovia").is_empty(), "{got:?}");
        assert!(roles("Lin Oda").is_empty(), "{got:?}");
    }

    /// A given name makes a person without other cues, and the lone surname merges into it;
    /// "X Ltd" and "X", "Hurricane X" and "X", an acronym of a company's name, the start of a
    /// body's name; a common noun's abbreviation is no name; an office qualifier opening a
    /// sentence stays in the role.
    #[test]
    fn given_names_suffixes_storms_acronyms_and_qualifiers() {
        let got = listed(&[
            "Viewers liked the show hosted by Arnold Quenby. Quenby's debut drew crowds.",
            "Tovan Mining Ltd opened a mine. Tovan Mining said output would rise; TM shares fell.",
            "Hurricane Zelda hit the coast. Zelda weakened later. A nurse gave CPR to a man.",
            "Foreign Minister Ola Brenn arrived on a late flight. Brenn said the Log Cabin Society met.",
            "The Log Cabin group agreed, Brenn said.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(kind_of(&got, "Arnold Quenby"), Some("person"), "{got:?}");
        assert!(!names.contains(&"Quenby"), "{names:?}");
        assert!(names.contains(&"Tovan Mining Ltd"), "{names:?}");
        assert!(
            !names.contains(&"Tovan Mining") && !names.contains(&"TM"),
            "{names:?}"
        );
        assert!(!names.contains(&"Zelda"), "{names:?}");
        assert!(!names.contains(&"CPR"), "{names:?}");
        assert!(!names.contains(&"Log Cabin"), "{names:?}");
        let roles: Vec<String> = got
            .iter()
            .find(|(n, _, _)| n == "Ola Brenn")
            .map(|(_, _, r)| r.clone())
            .unwrap_or_default();
        assert_eq!(roles, vec!["Foreign Minister".to_string()], "{got:?}");
    }

    /// "from X's book" gives X no place cue; "Hafez al-Assad" and "Hafez Assad" are one; a
    /// ministry spokesman's role keeps its ministry; "U.S" cut before its dot is "U.S.".
    #[test]
    fn possessives_particles_qualified_roles_and_cut_abbreviations() {
        let got = listed(&[
            "The line came from Quell's book. Quell wrote it long ago, critics said.",
            "President Hafez al-Assad met envoys. Hafez Assad said peace was near.",
            "Defense Ministry spokesman Ivo Marr said so. It was a U.S-sponsored plan.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_ne!(kind_of(&got, "Quell"), Some("place"), "{got:?}");
        assert_eq!(
            names.iter().filter(|n| n.contains("Assad")).count(),
            1,
            "{names:?}"
        );
        let roles: Vec<String> = got
            .iter()
            .find(|(n, _, _)| n == "Ivo Marr")
            .map(|(_, _, r)| r.clone())
            .unwrap_or_default();
        assert_eq!(
            roles,
            vec!["Defense Ministry spokesman".to_string()],
            "{got:?}"
        );
        assert!(
            names.contains(&"U.S.") || !names.iter().any(|n| n.starts_with("U.S")),
            "{names:?}"
        );
    }

    #[test]
    fn person_of_place_is_split() {
        let got = listed(&[
            "President Emil Varo of Tovia arrived on Monday. Emil Varo said Tovia was ready.",
            "Officials in Tovia said Varo would stay.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(
            names.contains(&"Emil Varo") && names.contains(&"Tovia"),
            "{names:?}"
        );
        assert!(names.iter().all(|n| !n.contains(" of ")), "{names:?}");
        assert_eq!(kind_of(&got, "Tovia"), Some("place"));
    }

    /// "UK" spells "United Kingdom" and both name the country with "Britain": one entity, even
    /// when the acronym is the most widely used.
    #[test]
    fn a_country_written_three_ways_is_one_entity() {
        let got = listed(&[
            "The UK sent a frigate. UK officials said the United Kingdom would wait.",
            "The UK said Britain would not pay. The UK envoy left.",
            "The UK asked for calm.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(
            names
                .iter()
                .filter(|n| ["UK", "United Kingdom", "Britain"].contains(n))
                .count(),
            1,
            "{names:?}"
        );
    }

    /// A place is never merged into a body named after it; a name's start merges into the body
    /// named by far the most widely.
    #[test]
    fn places_stay_apart_from_bodies_named_after_them() {
        let got = listed(&[
            "Members of the Norbury City Council met on a rainy day. Streets in Norbury City were \
             quiet. Officials from Kenya sent a team, and the Kenya Rugby Union paid for it.",
            "A group called the Pine Lodge Republicans met there. The Pine Lodge Republican Club \
             did not come.",
            "The group, the Pine Lodge Republicans, spoke first. A speaker for Pine Lodge agreed.",
            "Later the Pine Lodge Republicans left the hall.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        for kept in [
            "Norbury City",
            "Norbury City Council",
            "Kenya",
            "Pine Lodge Republicans",
        ] {
            assert!(names.contains(&kept), "{kept} not in {names:?}");
        }
        assert!(!names.contains(&"Pine Lodge"), "{names:?}");
    }

    /// A model number is part of the name ("Tovair 727"), which is no person; a score, a count
    /// and a year are not.
    #[test]
    fn a_model_number_belongs_to_the_name() {
        let got = listed(&[
            "The airline flies one Tovair 727, the only jet in its fleet. Tovair 727 jets are old.",
            "Kenya 2, Uganda 1 was the score. Labour 45 seats were lost in Norbury 1998 polls.",
        ]);
        assert_eq!(kind_of(&got, "Tovair 727"), Some("other"), "{got:?}");
        assert!(
            got.iter()
                .all(|(n, _, _)| n == "Tovair 727" || !n.chars().any(|c| c.is_ascii_digit())),
            "{got:?}"
        );
    }

    /// Three uncommon capitalised words make a person, whose lone last word merges into the full
    /// name; a phrase of common words does not.
    #[test]
    fn uncommon_full_names_are_people() {
        let got = listed(&[
            "Investigators accused Lamar Oduya Fenk of the theft. Fenk fled to the coast.",
            "The Tovan Privacy Policy changed. The privacy of users matters, the policy says.",
            "The Tovan Privacy Policy was long.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert_eq!(kind_of(&got, "Lamar Oduya Fenk"), Some("person"), "{got:?}");
        assert!(!names.contains(&"Fenk"), "{names:?}");
        assert_ne!(
            kind_of(&got, "Tovan Privacy Policy"),
            Some("person"),
            "{got:?}"
        );
    }

    /// The plural of a name ("Vorlovs" beside "Vorlov") and a common word capitalised as a label
    /// with no cue are no entities; a brand spelled in camel case is no person.
    #[test]
    fn plurals_labels_and_camel_case() {
        let got = listed(&[
            "The rifle was designed by Vorlov in a small town, and buyers took many Vorlovs home.",
            "Users pressed the Dislike button, and nobody likes to dislike a post.",
            "The order changed, QuickRank said. It held, McAllan said. It was new, QuickRank said.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"Vorlov"), "{names:?}");
        assert!(!names.contains(&"Vorlovs"), "{names:?}");
        assert!(!names.contains(&"Dislike"), "{names:?}");
        assert_ne!(kind_of(&got, "QuickRank"), Some("person"), "{got:?}");
        assert_eq!(kind_of(&got, "McAllan"), Some("person"), "{got:?}");
    }

    /// "X police", "X residents", "X-based", a planet: a place; "X-owned", "as X reported": a
    /// body.
    #[test]
    fn cues_after_a_name_and_planets() {
        let got = listed(&[
            "On Monday Brindle police cleared the square, and Brindle residents watched it on the \
             Orvex-owned channel NBX.",
            "As Fortuna reported, the probe left Earth. It passed Earth's moon.",
        ]);
        assert_eq!(kind_of(&got, "Brindle"), Some("place"), "{got:?}");
        assert_eq!(kind_of(&got, "Orvex"), Some("organization"), "{got:?}");
        assert_eq!(kind_of(&got, "Fortuna"), Some("organization"), "{got:?}");
        assert_eq!(kind_of(&got, "Earth"), Some("place"), "{got:?}");
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

    /// "Vellbrook, Md.": a state's news-style abbreviation after a town names the state, and
    /// the town before it is a place.
    #[test]
    fn state_abbreviations_after_a_town_name_the_state() {
        let got = listed(&[
            "Doctors at a clinic outside Vellbrook, Md., tested the pills on Monday.",
            "Officials in Maryland said the Vellbrook, Md., clinic would close.",
        ]);
        assert_eq!(kind_of(&got, "Maryland"), Some("place"), "{got:?}");
        assert_eq!(kind_of(&got, "Md"), None, "{got:?}");
        assert_eq!(kind_of(&got, "Md."), None, "{got:?}");
        assert_eq!(kind_of(&got, "Vellbrook"), Some("place"), "{got:?}");
        // Not after a town and a comma: a word like any other.
        let got = listed(&["The Mass was held at noon. Mass is said daily here."]);
        assert_eq!(kind_of(&got, "Massachusetts"), None, "{got:?}");
    }

    /// "the Tovian Workers Party, or PKT": the acronym goes into the name it is given for, and
    /// two names given for one acronym are one body.
    #[test]
    fn acronyms_the_text_defines_merge() {
        let got = listed(&[
            "Rebels of the Tovian Workers Party, or PKT, attacked a post. The PKT denied it.",
            "The Tovia Workers Party, or PKT, has fought since 1984. PKT fighters fled.",
            "The Tovian Workers Party said the PKT would go on.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"Tovian Workers Party"), "{got:?}");
        assert!(!names.contains(&"Tovia Workers Party"), "{got:?}");
        assert!(!names.contains(&"PKT"), "{got:?}");
        // An acronym that spells more than the name before it ("... and Orbital Agency (NTOA)",
        // the name cut at "and") is not given for it.
        let got = listed(&["The Northern Tovian and Orbital Agency (NTOA) launched a probe."]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"NTOA"), "{got:?}");
        // A post-nominal after a person ("Captain Jo Vey, RM,") defines nothing: Jo Vey stays a
        // person of her own, not merged into the Royal Marines.
        let got = listed(&[
            "Seven were from the Royal Marines (RM). Captain Jo Vey, RM, and Lieutenant Ada Kell, \
             RN, spoke. \"We were held,\" said Vey.",
            "The Royal Marines said Jo Vey would rest.",
        ]);
        assert_eq!(kind_of(&got, "Jo Vey"), Some("person"), "{got:?}");
        assert_eq!(
            kind_of(&got, "Royal Marines"),
            Some("organization"),
            "{got:?}"
        );
    }

    /// "Lia Mara" into "Lia Mara Sorn", the start of one person's name; never a name with a
    /// title of its own.
    #[test]
    fn the_start_of_a_persons_name_merges() {
        let got = listed(&[
            "Lia Mara Sorn, a singer, sued her husband. Lia Mara gave him a guitar.",
            "Lia Mara Sorn said the guitar was hers.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"Lia Mara Sorn"), "{got:?}");
        assert!(!names.contains(&"Lia Mara"), "{got:?}");
        let got = listed(&[
            "Gen. Tor Vell led the army. His daughter Tor Vell Kyra, a writer, leads the party.",
            "Tor Vell Kyra said the party would win.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"Tor Vell"), "{got:?}");
    }

    /// A surname points to the person its own article names; a name without its middle initial
    /// is the one with it, unless it has a title of its own.
    #[test]
    fn surnames_by_article_and_middle_initials() {
        let texts = [
            "Ivo Marrek, a chemist, spoke. Marrek said the test failed.",
            "Ivo Marrek, a chemist, said the test failed again. Marrek left.",
            "Pell Marrek, 30, was arrested. Marrek said nothing. Marrek was freed.",
        ];
        let (cluster, cleaned, segmented) = cluster_of(&texts);
        let got = build_brief(&cluster, &cleaned, &segmented, &[]).entities;
        let pell = got.iter().find(|e| e.name == "Pell Marrek").expect("Pell");
        assert_eq!(pell.n_mentions, 3, "{got:?}");
        let got = listed(&[
            "The police said that Nadia R. Velk, 27, was charged. Later Nadia Velk left the court.",
            "In court, Nadia R. Velk said she was innocent.",
            "Back then, Vice President Oran Debb spoke at length. Oran K. Debb, 40, his son, \
             said so too.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"Nadia R. Velk"), "{got:?}");
        assert!(!names.contains(&"Nadia Velk"), "{got:?}");
        assert!(names.contains(&"Oran Debb"), "{got:?}");
        assert!(names.contains(&"Oran K. Debb"), "{got:?}");
    }

    /// A middle name left out and the end of a longer name merge into the one person; a title's
    /// "of" object is no name; a lone word opening a region's name is a place; a condition or a
    /// common noun's bracketed abbreviation is no name; a street and a hotel are places.
    #[test]
    fn middle_names_offices_regions_and_common_nouns() {
        let got = listed(&[
            "Police said Tavin Orrel Sarkk, 34, of Pellow, was hurt at the Brenner Suites hotel \
             in the 600 block of Kessa Boulevard.",
            "Tavin Sarkk was hurt. Officials said Judge Mirra Kell Dovanti, 60, had spoken. \
             Officials said Kell Dovanti had left.",
            "The Minister of Scientific and Technical Research spoke. Officials said that \
             Zhoria is rich. They said the Zhoria Hui Autonomous Region grew.",
            "Doctors saw fetal vortal syndrome and damage to the central nervous system (CNS). \
             Fetal Vortal Syndrome is rare, and the CNS heals.",
            "The Fetal Vortal Syndrome was named in Brenner.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(names.contains(&"Tavin Orrel Sarkk"), "{got:?}");
        assert!(!names.contains(&"Tavin Sarkk"), "{got:?}");
        assert!(names.contains(&"Mirra Kell Dovanti"), "{got:?}");
        assert!(!names.contains(&"Kell Dovanti"), "{got:?}");
        assert!(!names.iter().any(|n| n.starts_with("of ")), "{got:?}");
        assert!(!names.contains(&"CNS"), "{got:?}");
        assert!(!names.contains(&"Fetal Vortal Syndrome"), "{got:?}");
        assert_eq!(kind_of(&got, "Zhoria"), Some("place"), "{got:?}");
        assert_eq!(kind_of(&got, "Kessa Boulevard"), Some("place"), "{got:?}");
        assert_eq!(kind_of(&got, "Brenner Suites"), Some("place"), "{got:?}");
    }

    /// "Department of X and Y" is one body; call letters with a number or a known place are a
    /// station; "USA Today" is whole.
    #[test]
    fn bodies_with_and_stations_and_today() {
        let got = listed(&[
            "The Department of Children and Family Services said the children were safe.",
            "The children and family of the boy spoke, according to KZRT 4 and KZRT France.",
            "Dana Ols told USA Today that the department was slow.",
        ]);
        let names: Vec<&str> = got.iter().map(|(n, _, _)| n.as_str()).collect();
        assert!(
            names.contains(&"Department of Children and Family Services"),
            "{got:?}"
        );
        assert_eq!(kind_of(&got, "KZRT 4"), Some("organization"), "{got:?}");
        assert_eq!(
            kind_of(&got, "KZRT France"),
            Some("organization"),
            "{got:?}"
        );
        assert_eq!(kind_of(&got, "USA Today"), Some("organization"), "{got:?}");
    }

    /// "X's daughter", "X, who": a person; "X's sister moon" is none; "the band the X", "X
    /// frontman": a band.
    #[test]
    fn kin_relative_pronoun_and_band_cues() {
        let got = listed(&[
            "The guitar belonged to Bel Orrin. Bel Orrin's daughter has sold it to Dax Perl.",
            "The items of Tam Rolek, who lived alone, were sold. Vela's sister moon was seen.",
            "Dax Perl is a musician in the band the Vorlies. Later, Brixa frontman Sol Dern sang.",
        ]);
        assert_eq!(kind_of(&got, "Bel Orrin"), Some("person"), "{got:?}");
        assert_eq!(kind_of(&got, "Tam Rolek"), Some("person"), "{got:?}");
        assert_ne!(kind_of(&got, "Vela"), Some("person"), "{got:?}");
        assert_eq!(kind_of(&got, "Vorlies"), Some("organization"), "{got:?}");
        assert_eq!(kind_of(&got, "Brixa"), Some("organization"), "{got:?}");
    }

    /// An apposition's head comes before any function word; a name ending a quotation before
    /// "said" is not the speaker.
    #[test]
    fn apposition_heads_and_quoted_names_are_no_person_cues() {
        let got = listed(&[
            "Zorbex Syndrome, a disorder that affects children, is rare.",
            "\"We gave him Zentrol,\" said Dr. Ola Brenn. Zentrol is a pill.",
        ]);
        assert_ne!(kind_of(&got, "Zorbex Syndrome"), Some("person"), "{got:?}");
        assert_ne!(kind_of(&got, "Zentrol"), Some("person"), "{got:?}");
    }

    /// "Food and Drug Administration": a body's name of common nouns joined by "and" is one
    /// name; proper names on either side of "and" stay two.
    #[test]
    fn a_body_named_with_common_nouns_spans_and() {
        let got = listed(&[
            "The Food and Drug Administration approved the pill. The food and the drug were \
             tested.",
            "Officials of the Food and Drug Administration met Vellora and Brixton Bank.",
        ]);
        assert_eq!(
            kind_of(&got, "Food and Drug Administration"),
            Some("organization"),
            "{got:?}"
        );
        assert_eq!(kind_of(&got, "Food"), None, "{got:?}");
        assert_eq!(kind_of(&got, "Drug Administration"), None, "{got:?}");
        assert_eq!(kind_of(&got, "Vellora and Brixton Bank"), None, "{got:?}");
    }

    /// "expert Jon Pell of Vexa": a person noun before "X Y of Z" splits the person off, as a
    /// title does; an academy is a body.
    #[test]
    fn a_person_noun_splits_person_of_place() {
        let got = listed(&[
            "The method is sound, bloodstain expert Jon Pell of Vexa told reporters.",
            "Pell said the Tovian Academy of Surgeons agreed.",
        ]);
        assert_eq!(kind_of(&got, "Jon Pell"), Some("person"), "{got:?}");
        assert_eq!(kind_of(&got, "Jon Pell of Vexa"), None, "{got:?}");
        assert_eq!(
            kind_of(&got, "Tovian Academy of Surgeons"),
            Some("organization"),
            "{got:?}"
        );
    }

    /// "P. W. Vorster" and "P.W. Vorster" are one person: a run of single letters is one word of
    /// the key.
    #[test]
    fn spaced_and_joined_initials_are_one_key() {
        assert_eq!(super::entity_key("P. W. Vorster"), "pw vorster");
        assert_eq!(super::entity_key("P.W. Vorster"), "pw vorster");
        assert_eq!(super::entity_key("J. R. R. Tolkin"), "jrr tolkin");
        // One lone letter stays a word of its own.
        assert_eq!(super::entity_key("Jose y Vaz"), "jose y vaz");
        assert_eq!(super::entity_key("U. S."), "us");
        let all = listed(&[
            "Former President P. W. Vorster spoke on Monday. The report named him.",
            "The panel said P.W. Vorster knew of the killings.",
        ]);
        let named: Vec<&str> = all
            .iter()
            .filter(|(n, _, _)| n.contains("Vorster"))
            .map(|(n, _, _)| n.as_str())
            .collect();
        assert_eq!(named.len(), 1, "{all:?}");
    }

    /// "Mrs. Talbot" is not Martin Talbot, whom the text calls "he": a courtesy title goes to a
    /// full name the text does not gender the other way, or stays with the surname.
    #[test]
    fn courtesy_titles_follow_the_gender_the_text_gives() {
        let all = listed(&[
            "Martin Talbot said he would appeal. Rena Talbot called her lawyer on Monday.              Mrs. Talbot said the money was hers.",
            "Martin Talbot lost his case on Tuesday. Mrs. Talbot was in court.",
        ]);
        let martin = find(&all, "Martin Talbot").expect("Martin Talbot listed");
        assert!(martin.2.iter().all(|r| r != "Mrs"), "{all:?}");
        let rena = find(&all, "Rena Talbot").expect("Rena Talbot listed");
        assert_eq!(rena.2, vec!["Mrs".to_string()], "{all:?}");
        // Her words about her husband are no title of his.
        let all = listed(&[
            "Joel Marten Pike told his guards nothing. \"I was now Mrs Joel Marten Pike,\" his              wife wrote.",
            "Joel Marten Pike said he was sorry.",
        ]);
        let pike = find(&all, "Joel Marten Pike").expect("Pike listed");
        assert!(pike.2.is_empty(), "{all:?}");
        // A pronoun after a listed or appositive name is no evidence ("to join him").
        assert_eq!(super::pronoun_after("X, to join him.", 1), None);
        assert_eq!(
            super::pronoun_after("X called her lawyer.", 1),
            Some(super::Gender::Female)
        );
        assert_eq!(super::pronoun_after("X and Y said he would.", 1), None);
    }

    /// "Baykor" and "Deniz Baykor" are one person when no other full name ends with "Baykor".
    #[test]
    fn a_surname_merges_into_the_one_full_name_it_ends() {
        let all = listed(&[
            "The coalition relied on Deniz Baykor, a power broker in parliament.",
            "When Baykor withdrew support, the coalition fell. Baykor was blamed.",
        ]);
        assert!(find(&all, "Baykor").is_none(), "{all:?}");
        assert!(find(&all, "Deniz Baykor").is_some(), "{all:?}");
    }

    /// "IOM" for "Institute of Medicine": an acronym may spell the "of".
    #[test]
    fn an_acronym_may_spell_of() {
        let all = listed(&[
            "A report by the Institute of Medicine found gaps. The IOM said more study was needed.",
            "The Institute of Medicine panel met again.",
        ]);
        assert!(find(&all, "IOM").is_none(), "{all:?}");
        assert!(find(&all, "Institute of Medicine").is_some(), "{all:?}");
    }

    /// "communications manager Ada Loro": the noun before a lower-case title is part of the role,
    /// but never across "of" ("Italy of rebel leader").
    #[test]
    fn a_noun_before_a_lower_case_title_is_part_of_the_role() {
        let all = listed(&[
            "The agency said communications manager Ada Loro would speak. Campaign staff met \
             campaign manager Tomas Vell on Friday.",
            "Ada Loro said the park was safe. Tomas Vell said the race was close. Vexland pressed \
             Italy for the extradition of Kurdish rebel leader Abdi Kalan.",
        ]);
        let loro = find(&all, "Ada Loro").expect("Loro listed");
        assert_eq!(
            loro.2,
            vec!["communications manager".to_string()],
            "{all:?}"
        );
        let vell = find(&all, "Tomas Vell").expect("Vell listed");
        assert_eq!(vell.2, vec!["campaign manager".to_string()], "{all:?}");
        let kalan = find(&all, "Abdi Kalan").expect("Kalan listed");
        assert_eq!(kalan.2, vec!["Kurdish rebel leader".to_string()], "{all:?}");
        // "former" is no part of the role.
        let all = listed(&[
            "The former manager Ola Brenn spoke for pro-democracy leader Sian Dorr.",
            "Ola Brenn said no. Sian Dorr said yes.",
        ]);
        let dorr = find(&all, "Sian Dorr").expect("Dorr listed");
        assert_eq!(dorr.2, vec!["leader".to_string()], "{all:?}");
        let brenn = find(&all, "Ola Brenn").expect("Brenn listed");
        assert_eq!(brenn.2, vec!["manager".to_string()], "{all:?}");
    }

    /// "Queen Elizabeth National Park": a title before a place's name is part of the name;
    /// "SSP" is a police rank; Islamists are a group; alps and hotels are places.
    #[test]
    fn places_named_after_titles_ranks_creeds_and_hotels() {
        let all = listed(&[
            "A leopard killed a boy in Queen Maren National Park. His father, SSP Obed Kanu, said \
             the rangers came. The army fought Islamists in the north.",
            "The boy died near Queen Maren National Park, SSP Obed Kanu said. Guests at the Hotel \
             Corvo left for the Tovian Alps.",
        ]);
        assert_eq!(
            find(&all, "Queen Maren National Park").map(|e| e.1.as_str()),
            Some("place"),
            "{all:?}"
        );
        let kanu = find(&all, "Obed Kanu").expect("Kanu listed");
        assert_eq!(kanu.2, vec!["SSP".to_string()], "{all:?}");
        assert!(find(&all, "Islamists").is_none(), "{all:?}");
        assert_eq!(
            find(&all, "Hotel Corvo").map(|e| e.1.as_str()),
            Some("place"),
            "{all:?}"
        );
        assert_eq!(
            find(&all, "Tovian Alps").map(|e| e.1.as_str()),
            Some("place"),
            "{all:?}"
        );
    }

    /// "Elian Gonzales" and "Elian Gonzalez" in different articles are one boy, and "Elian"
    /// alone is him; "Mario Cuomo" and "Maria Cuomo" (given names) stay two people.
    #[test]
    fn spelling_variants_of_a_persons_name_merge() {
        let all = listed(&[
            "Relatives of Elian Gonzalez met in Miami on Friday. Elian stayed home, his lawyer said.",
            "Elian Gonzalez said he wanted to stay. Mario Cuomo, the governor, said nothing.",
            "The custody of Elian Gonzales went to court. Maria Cuomo, 40, spoke. Elian played.",
        ]);
        assert!(find(&all, "Elian Gonzalez").is_some(), "{all:?}");
        assert!(find(&all, "Elian Gonzales").is_none(), "{all:?}");
        assert!(find(&all, "Elian").is_none(), "{all:?}");
        assert!(find(&all, "Mario Cuomo").is_some(), "{all:?}");
        assert!(find(&all, "Maria Cuomo").is_some(), "{all:?}");
        assert!(super::one_edit_apart("Siavaash", "Siavash"));
        assert!(super::one_edit_apart("Gonzales", "Gonzalez"));
        assert!(!super::one_edit_apart("Iran", "Iraq"));
        assert!(!super::one_edit_apart("Sonata", "Sonesta"));
    }

    /// Two spellings of a given name that different articles keep are one person ("Sergei"/
    /// "Sergey"); two given names side by side in one article are relatives; a name without its
    /// middle initial and with a fuller title of the same office is the one with it; a lone
    /// surname with one stray place cue still merges into its person.
    #[test]
    fn given_name_spellings_offices_and_stray_place_cues() {
        let all = listed(&[
            "Opposition leader Gennady Varkov said he would run. Varkov, 54, spoke in Tolm.",
            "Gennadi Varkov, the opposition leader, said the vote was rigged.",
            "Kasimir Pellin and Kasimyr Pellin, his brother, said they would vote.",
            "District Judge Tamsin Orrel spoke. Judge Tamsin W. Orrel, 61, said the case was \
             closed. Judge Tamsin W. Orrel left.",
            "Mr. Quan Heshu, 70, said he was tired. Quan said so again, and Quan, 70, spoke. In \
             Quan's view the vote was fair.",
            "Quan Heshu said the vote was fair.",
        ]);
        assert!(find(&all, "Gennady Varkov").is_some(), "{all:?}");
        assert!(find(&all, "Gennadi Varkov").is_none(), "{all:?}");
        assert!(find(&all, "Kasimir Pellin").is_some(), "{all:?}");
        assert!(find(&all, "Kasimyr Pellin").is_some(), "{all:?}");
        assert!(find(&all, "Tamsin W. Orrel").is_some(), "{all:?}");
        assert!(find(&all, "Tamsin Orrel").is_none(), "{all:?}");
        assert!(find(&all, "Quan").is_none(), "{all:?}");
        assert!(super::same_office("District Judge", "Judge"));
        assert!(!super::same_office("Vice President", "President"));
        assert!(!super::same_office("Judge Advocate", "Judge"));
    }

    /// "The Associated Press" and "Associated Press" are one agency; "The Hague" keeps its
    /// article.
    #[test]
    fn a_leading_the_is_no_part_of_the_merge_key() {
        let all = listed(&[
            "Ansel told The Associated Press that the vote was rigged. Judges met in The Hague.",
            "Associated Press reporters found the stations empty in Tehran.",
        ]);
        let press: Vec<_> = all
            .iter()
            .filter(|e| e.0.contains("Associated Press"))
            .collect();
        assert_eq!(press.len(), 1, "{all:?}");
        assert_eq!(super::entity_key("The Hague"), "the hague");
    }

    /// A lone word goes into a full name ending with it only when that name reads as a person's
    /// ("Underground" is no surname of "Bush Underground"); a lone word into the one two-word
    /// name a listed brand opens ("Glass" into "Google Glass").
    #[test]
    fn a_lone_word_merges_only_into_a_persons_name_or_a_brands_product() {
        let (cluster, cleaned, segmented) = cluster_of(&[
            "Police shut Shepherd's Bush Underground station on Monday. Trains on the Underground \
             stopped.",
            "Crowds filled Bush Underground for hours. The Underground opened at noon.",
        ]);
        let all = build_brief(&cluster, &cleaned, &segmented, &[]).entities;
        let bush = all.iter().find(|e| e.name == "Bush Underground");
        assert!(bush.is_none_or(|e| e.n_mentions == 2), "{all:?}");
        let all = listed(&[
            "Google unveiled Google Glass, a headset, on Monday. Google said Glass would ship.",
            "Reviewers liked Glass. Google Glass costs $1,500, Google said.",
        ]);
        assert!(find(&all, "Google Glass").is_some(), "{all:?}");
        assert!(find(&all, "Glass").is_none(), "{all:?}");
        // Not into a pair written in fewer articles than the word alone.
        let all = listed(&[
            "Shares of Google rose on Monday after any Google Orbit deal was ruled out. Orbit \
             shares rose.",
            "Orbit cut jobs. Google shares fell.",
            "Orbit reported a loss. Orbit shares fell as Google shares rose.",
        ]);
        assert!(find(&all, "Orbit").is_some(), "{all:?}");
    }

    /// Kinds from the cluster's own evidence: "X-based Y" makes Y a body, "the X plant" X a
    /// body, "called himself X" a person, "X is the ... province" a place, and a name listed
    /// with places ("Izmit, Bolu or Yalova") a place.
    #[test]
    fn kinds_from_based_plant_himself_copula_and_lists() {
        let all = listed(&[
            "Liberty-based Ferrellgas announced a reward. A man who called himself \"AJ,\" police \
             said, fled. Workers at the Goodyear plant went home.",
            "Kocaeli is the most seriously devastated province. Doctors came from towns like \
             Istanbul, Izmit, Bolu or Yalova to the camps.",
            "Rescuers worked in Izmit and in Yalova on Sunday. The Goodyear plant in Izmit stood. \
             Aid reached Kocaeli late.",
        ]);
        let kind = |name: &str| find(&all, name).map(|e| e.1.as_str());
        assert_eq!(kind("Ferrellgas"), Some("organization"), "{all:?}");
        assert_eq!(kind("AJ"), Some("person"), "{all:?}");
        assert_eq!(kind("Goodyear"), Some("organization"), "{all:?}");
        assert_eq!(kind("Kocaeli"), Some("place"), "{all:?}");
        assert_eq!(kind("Bolu"), Some("place"), "{all:?}");
        assert_eq!(kind("Izmit"), Some("place"), "{all:?}");
    }

    /// Units and months' plurals are no names; an ordinal inside a street's name is part of it.
    #[test]
    fn units_month_plurals_and_numbered_streets() {
        let all = listed(&[
            "It was minus 20 degrees Celsius (minus 4 Fahrenheit) in Warsaw, one of the coldest \
             Novembers. The quake measured 7.4 on the Richter scale.",
            "Police found the car in the 5500 block of East 84th Street in Warsaw.",
        ]);
        for name in [
            "Celsius",
            "Fahrenheit",
            "Novembers",
            "Richter",
            "East",
            "Street",
        ] {
            assert!(find(&all, name).is_none(), "{name}: {all:?}");
        }
        assert_eq!(
            find(&all, "East 84th Street").map(|e| e.1.as_str()),
            Some("place"),
            "{all:?}"
        );
    }

    /// Roles: a sentence-initial noun before a lower-case title ("Personnel manager"), two nouns
    /// after a possessive ("climate change chief") but not after "to", "Attorney General" opening
    /// a sentence, and "great-uncle".
    #[test]
    fn roles_with_openings_two_nouns_and_hyphens() {
        let all = listed(&[
            "Personnel manager Harun Savas said the plant was open. Attorney General Janet Reno \
             said the boy would go home. Aides went to assist campaign manager Craig Holt on \
             Friday.",
            "The United Nations' climate change chief Yvo de Boer spoke. Harun Savas said no. \
             Elian's great-uncle Lazaro Gonzalez said he would fight. Craig Holt said yes.",
        ]);
        let roles = |name: &str| find(&all, name).map(|e| e.2.clone()).unwrap_or_default();
        assert_eq!(roles("Harun Savas"), vec!["Personnel manager"], "{all:?}");
        assert_eq!(roles("Janet Reno"), vec!["Attorney General"], "{all:?}");
        assert_eq!(roles("Craig Holt"), vec!["campaign manager"], "{all:?}");
        assert_eq!(
            roles("Yvo de Boer"),
            vec!["climate change chief"],
            "{all:?}"
        );
        assert_eq!(
            roles("Lazaro Gonzalez"),
            vec!["Elian's great-uncle"],
            "{all:?}"
        );
    }

    /// "Shares of Vantrel rose": the sentence-initial common word is dropped and the connector
    /// after it too, so the name is "Vantrel", never "of Vantrel"; after a title ("Minister of
    /// Scientific Research") the connector stays, so that half of the office is not a name.
    #[test]
    fn a_connector_left_at_a_run_start_is_dropped() {
        let all = listed(&[
            "Shares of Vantrel rose on Monday. The shares had fallen in May.",
            "Vantrel said its shares were up. Analysts at Brenmoor Capital agreed. Minister of \
             Scientific and Technical Research, Ola Brand, spoke. The minister left.",
        ]);
        assert!(find(&all, "Scientific").is_none(), "{all:?}");
        assert!(find(&all, "of Vantrel").is_none(), "{all:?}");
        assert!(find(&all, "Vantrel").is_some(), "{all:?}");
    }

    /// "Minister of X" opening a sentence keeps its title, so its object is no name; "Stakes of
    /// X" opening one, a plural whose singular is written in lower case, is dropped with its "of".
    #[test]
    fn an_office_or_a_common_plural_opening_a_sentence() {
        let all = listed(&[
            "Minister of Scientific and Technical Research Oda Brell spoke on Monday. The \
             minister left.",
            "Stakes of Vantrel rose on Monday. A stake was sold. Vantrel said so.",
        ]);
        assert!(!all.iter().any(|(n, _, _)| n.starts_with("of ")), "{all:?}");
        assert!(find(&all, "Scientific").is_none(), "{all:?}");
        assert!(find(&all, "Stakes of Vantrel").is_none(), "{all:?}");
        assert!(find(&all, "Vantrel").is_some(), "{all:?}");
    }

    /// "Panel on Climate Drift", "St. Brellburg", "Port-au-Vell", "the 32nd Brigade": names that
    /// run on over "on", an abbreviated place word, a hyphenated lower-case word, an ordinal.
    #[test]
    fn names_over_on_saint_hyphens_and_ordinals() {
        let all = listed(&[
            "The Tovian Panel on Climate Drift met in St. Brellburg on Monday. Troops of the 32nd \
             Brigade left Port-au-Vell.",
            "The Tovian Panel on Climate Drift said St. Brellburg was calm. The Council on Monday \
             agreed.",
        ]);
        let kind = |name: &str| find(&all, name).map(|(_, k, _)| k.as_str());
        assert_eq!(
            kind("Tovian Panel on Climate Drift"),
            Some("organization"),
            "{all:?}"
        );
        assert_eq!(kind("St. Brellburg"), Some("place"), "{all:?}");
        assert!(find(&all, "Brellburg").is_none(), "{all:?}");
        // Hyphens inside a name are written as spaces, as in every listed name.
        assert!(find(&all, "Port au Vell").is_some(), "{all:?}");
        assert!(find(&all, "Port").is_none(), "{all:?}");
        assert!(find(&all, "32nd Brigade").is_some(), "{all:?}");
        assert!(!all.iter().any(|(n, _, _)| n.contains("Monday")), "{all:?}");
    }

    /// "the Kessa Survey said": a speaker written after "the" is a body; "WELLINGTON" a place; "Daesh, an Arabic acronym for Islamic State" one entity; "Tovine rebels" no name.
    #[test]
    fn speaking_bodies_capital_datelines_aliases_and_adjectives() {
        let all = listed(&[
            "The Kessa Survey said the quake was strong. Tovine rebels fled. Daesh, an Arabic \
             acronym for Islamic State, claimed it. Aid came from WELLINGTON on Monday.",
            "The Kessa Survey said more. Tovine fighters left. Islamic State said so. Aid came \
             from WELLINGTON again.",
        ]);
        let kind = |name: &str| find(&all, name).map(|(_, k, _)| k.as_str());
        assert_eq!(kind("Kessa Survey"), Some("organization"), "{all:?}");
        assert_eq!(kind("WELLINGTON"), Some("place"), "{all:?}");
        assert!(find(&all, "Islamic State").is_some(), "{all:?}");
        assert!(find(&all, "Daesh").is_none(), "{all:?}");
        assert!(find(&all, "Tovine").is_none(), "{all:?}");
    }

    #[test]
    fn a_common_word_opening_a_sentence_stays_when_the_cluster_writes_the_name_inside_one() {
        let all = listed(&[
            "The search went on for a week. Air Tarvo Flight 90 left Selmo on Monday. Searchers \
             looked for Air Tarvo Flight 90 all week, and the air force joined them.",
            "Relatives waited at the airport. Air Tarvo Flight 90 carried 80 people. The air was \
             calm.",
        ]);
        assert!(find(&all, "Air Tarvo Flight 90").is_some(), "{all:?}");
        assert!(find(&all, "Tarvo Flight 90").is_none(), "{all:?}");
        // Without the name written inside a sentence, the common word is still dropped.
        let all = listed(&[
            "The talks went on. Officials Helmut Brandl and Ruth Ober met on Monday. The officials \
             agreed.",
            "Brandl said the talks went well.",
        ]);
        assert!(
            all.iter().all(|(n, _, _)| !n.starts_with("Officials")),
            "{all:?}"
        );
    }

    #[test]
    fn a_lone_surname_goes_to_the_person_named_far_more_widely() {
        let wide = "Police acted on Monday. Lin Haoran, a dissident, was held in Selmo. Police said \
                    Lin broke the law.";
        let other = "Observers were few. Lin Meiqi, a lawyer, said the case was weak. Lin Haoran \
                     stayed silent. Lin said nothing.";
        let mut texts = vec![wide; 5];
        texts.push(other);
        let all = listed(&texts);
        assert!(find(&all, "Lin Haoran").is_some(), "{all:?}");
        assert!(find(&all, "Lin Meiqi").is_some(), "{all:?}");
        assert!(find(&all, "Lin").is_none(), "{all:?}");
        // Two people of like reach keep the lone word apart.
        let all = listed(&[wide, other]);
        assert!(find(&all, "Lin").is_some(), "{all:?}");
    }

    #[test]
    fn names_differing_only_in_accents_are_one_entity() {
        let all = listed(&[
            "President René Préval spoke in Port-de-Paix on Monday. Préval said aid was coming.",
            "President Rene Preval asked for help on Tuesday.",
        ]);
        let named: Vec<&str> = all
            .iter()
            .filter(|(n, _, _)| n.to_lowercase().contains("val"))
            .map(|(n, _, _)| n.as_str())
            .collect();
        assert_eq!(named.len(), 1, "{all:?}");
    }

    #[test]
    fn hyphenated_given_names_and_arabic_articles_stay_whole() {
        // "Ban Ki-moon": the lower-case syllable after a hyphen closes the given name; "Jay-Z":
        // a capital letter after a hyphen is no initial. "Hong Kong-style", "Bush-era" stay
        // compounds.
        let all = listed(&[
            "Envoy Tan Ru-mei arrived in Velmora on Monday. Tan Ru-mei said the talks would \
             resume. The singer Jay-Z said the trip was private.",
            "Officials said Tan Ru-mei would return. The Hong Kong-style rally and the Bush-era \
             rules drew crowds. Critics said Jay-Z should have known.",
        ]);
        assert!(find(&all, "Tan Ru-mei").is_some(), "{all:?}");
        assert!(find(&all, "Tan Ru").is_none(), "{all:?}");
        assert!(find(&all, "Jay-Z").is_some(), "{all:?}");
        assert!(find(&all, "Hong Kong").is_some(), "{all:?}");
        assert!(all.iter().all(|(n, _, _)| !n.contains("style")), "{all:?}");
        // "al-Karimi" after a lower-case word and "Al-Karimi" opening a sentence are the name
        // with its article, not "Karimi" or nothing.
        let all = listed(&[
            "Al-Karimi said the deal was fair. Followers of al-Karimi marched in Tarnow.",
            "Police said al-Karimi had fled. Al-Karimi told reporters the vote would go ahead.",
        ]);
        let named: Vec<&str> = all
            .iter()
            .filter(|(n, _, _)| n.contains("Karimi"))
            .map(|(n, _, _)| n.as_str())
            .collect();
        assert_eq!(named.len(), 1, "{all:?}");
        assert!(named[0].to_lowercase().starts_with("al "), "{all:?}");
        // "Omar Al-How": a capitalised half hyphened to the name is part of it, also when it is
        // a function word ("How"), not "Omar Al".
        let all = listed(&[
            "Capt. Omar Al-How from the camp flew the plane. Omar Al-How said he was proud.",
            "The pilot, Omar Al-How, landed in Velmora. Omar Al-How thanked the crew.",
        ]);
        assert!(
            all.iter()
                .any(|(n, _, _)| n.starts_with("Omar Al") && n.ends_with("How")),
            "{all:?}"
        );
        assert!(find(&all, "Omar Al").is_none(), "{all:?}");
    }

    #[test]
    fn a_place_named_after_a_person_is_a_place() {
        // "at Louis de Varenne airport", "the island of Carlos de Barra": named after a person,
        // written as a place.
        let all = listed(&[
            "The plane landed at Louis de Varenne airport on Monday. Passengers flew from \
             Louis de Varenne airport to Lisbon.",
            "Divers reached the island of Carlos de Barra. Ships sailed to Carlos de Barra, an \
             island off the coast. Flights left Louis de Varenne airport late.",
        ]);
        assert_eq!(kind_of(&all, "Louis de Varenne"), Some("place"), "{all:?}");
        assert_eq!(kind_of(&all, "Carlos de Barra"), Some("place"), "{all:?}");
    }

    #[test]
    fn work_at_a_name_makes_an_employer() {
        // "to work at Kessler Brandt": a company, not a place.
        let all = listed(&[
            "Graduates hope to work at Kessler Brandt this year, the survey found.",
            "Many applicants who worked at Kessler Brandt moved on, the survey found.",
        ]);
        assert_eq!(
            kind_of(&all, "Kessler Brandt"),
            Some("organization"),
            "{all:?}"
        );
    }

    #[test]
    fn a_sentence_initial_word_before_a_possessive_pair_stays() {
        // "New Zealand's economy" opening a sentence: the cluster writes "New Zealand" inside
        // one, so "New" stays though it also writes "new".
        let all = listed(&[
            "A new plan was set out for the coming year by the government.\nNew Zealand's \
             economy grew faster than expected in the quarter, officials said.",
            "Ministers met in Velmora on Monday. The former New Zealand Prime Minister Helen Voss \
             agreed with the new plan.",
        ]);
        assert!(find(&all, "New Zealand").is_some(), "{all:?}");
        assert!(find(&all, "Zealand").is_none(), "{all:?}");
    }

    #[test]
    fn a_mayors_town_and_a_place_before_who_are_places() {
        // "the mayor of X, who": "who" is the mayor's and X is a town; "others in Y, who"
        // likewise.
        let all = listed(&[
            "The governor praised the mayor of Velmora, who had asked for help.",
            "He blamed officials and others in Tarvik, who were not able to get workers.",
        ]);
        assert_eq!(kind_of(&all, "Velmora"), Some("place"), "{all:?}");
        assert_eq!(kind_of(&all, "Tarvik"), Some("place"), "{all:?}");
    }

    #[test]
    fn a_journal_published_in_and_a_paper_are_bodies() {
        // "published in X, a journal of ...": a journal, no place; "Observer" names a paper.
        let all = listed(&[
            "The study was published in Brevis Medica, a journal of the society.",
            "Results published in Brevis Medica were welcomed. His Morvale Observer article \
             drew readers.",
        ]);
        assert_eq!(
            kind_of(&all, "Brevis Medica"),
            Some("organization"),
            "{all:?}"
        );
        assert_eq!(
            kind_of(&all, "Morvale Observer"),
            Some("organization"),
            "{all:?}"
        );
    }

    #[test]
    fn a_persons_lawyers_and_a_towns_stock_market() {
        // "X's lawyers" are a person's as well as a body's; "the X stock market" is a town's.
        let all = listed(&[
            "In court, Kessner's lawyers said the case was weak. Outside, Kessner said he would \
             appeal.",
            "The Dunmore stock market fell sharply on the news.",
        ]);
        assert_eq!(kind_of(&all, "Kessner"), Some("person"), "{all:?}");
        assert_eq!(kind_of(&all, "Dunmore"), Some("place"), "{all:?}");
    }

    #[test]
    fn a_spokeswomans_body_and_a_reported_clauses_subject_are_no_people() {
        // "said X and Y were interested": the clause's subject, no speaker; "a spokeswoman for
        // X": a body.
        let all = listed(&[
            "The minister said Kestrel Vantor and Norland Airways were interested in a stake.",
            "A spokeswoman for Kestrel Vantor declined to comment on the talks.",
        ]);
        assert_eq!(
            kind_of(&all, "Kestrel Vantor"),
            Some("organization"),
            "{all:?}"
        );
    }

    #[test]
    fn a_site_posted_on_is_a_body_and_an_astronaut_a_person() {
        // "posted on X", "his X page": a site; "astronaut X described": a person, the verb no
        // noun X modifies.
        let all = listed(&[
            "She posted on Quillbook that the trip was over. Photos on his Quillbook page drew \
             comment.",
            "Former astronaut Orrin Vasek described the dust as sharp.",
        ]);
        assert_eq!(kind_of(&all, "Quillbook"), Some("organization"), "{all:?}");
        assert_eq!(kind_of(&all, "Orrin Vasek"), Some("person"), "{all:?}");
    }

    #[test]
    fn an_acronym_after_the_and_the_end_of_a_bodys_name_merge() {
        // "From The KWJ:" is the acronym of the paper; "the Varta" is the "State Varta".
        let all = listed(&[
            "A report in the Kent Weekly Journal said the vote was close. Analysts cited The KWJ \
             on the count.",
            "The State Varta passed the law. Members of the Varta voted late.",
        ]);
        assert!(find(&all, "The KWJ").is_none(), "{all:?}");
        assert!(find(&all, "KWJ").is_none(), "{all:?}");
        assert!(find(&all, "Kent Weekly Journal").is_some(), "{all:?}");
        assert!(find(&all, "Varta").is_none(), "{all:?}");
        assert!(find(&all, "State Varta").is_some(), "{all:?}");
        // "the Women's Union" stays apart from "Kessa National Union".
        let all = listed(&[
            "Rebels of the Kessa National Union attacked a post.",
            "The Women's Union said the attacks went on.",
        ]);
        assert!(find(&all, "Union").is_some(), "{all:?}");
    }

    #[test]
    fn who_after_a_preposition_and_the_is_the_head_noun_s() {
        // "a chemist at the Brakkenby, who": "who" is the chemist, not the name after "the".
        let all = listed(&[
            "Dana Roe, a chemist at the Brakkenby, who was not involved, said the rules were new.",
            "Roe said the Brakkenby had asked for a review.",
        ]);
        assert_ne!(kind_of(&all, "Brakkenby"), Some("person"), "{all:?}");
        assert_eq!(kind_of(&all, "Dana Roe"), Some("person"), "{all:?}");
    }

    #[test]
    fn a_clinic_is_a_body() {
        let all = listed(&[
            "Dana Roe, a surgeon at the Norvale Clinic, said the rules were new.",
            "The Norvale Clinic opened a ward.",
        ]);
        assert_eq!(
            kind_of(&all, "Norvale Clinic"),
            Some("organization"),
            "{all:?}"
        );
    }

    #[test]
    fn the_owner_of_a_body_named_by_capitals_is_a_body() {
        let all = listed(&[
            "The series was a boon for Varnex's KTV network, which aired it in 2004.",
            "Varnex's KTV later sold it abroad.",
        ]);
        assert_eq!(kind_of(&all, "Varnex"), Some("organization"), "{all:?}");
        // A person's own cues outweigh it.
        let all = listed(&[
            "Dana Roe, a lawyer, said Roe's KTV interview had gone well.",
            "Roe's KTV interview aired on Monday.",
        ]);
        assert_eq!(kind_of(&all, "Dana Roe"), Some("person"), "{all:?}");
    }

    #[test]
    fn drugs_like_x_and_a_version_of_x_are_products() {
        let all = listed(&[
            "Patients were often prescribed additional drugs like Zorvane, made by a large firm.",
            "The guidelines shunned drugs such as Zorvane in most cases.",
            "You need the latest version of the Kestrel Media Player to view the video.",
        ]);
        assert_eq!(kind_of(&all, "Zorvane"), Some("other"), "{all:?}");
        assert_eq!(
            kind_of(&all, "Kestrel Media Player"),
            Some("other"),
            "{all:?}"
        );
    }

    #[test]
    fn an_abbreviated_rank_is_a_title() {
        let all = listed(&[
            "It was accidental, police Cpl. Dana Roe said on Monday.",
            "Roe said the inquiry would take weeks.",
        ]);
        assert!(find(&all, "Cpl").is_none(), "{all:?}");
        let roe = find(&all, "Dana Roe").unwrap_or_else(|| panic!("{all:?}"));
        assert!(roe.2.iter().any(|r| r.contains("Cpl")), "{all:?}");
    }

    #[test]
    fn an_abbreviation_s_plural_is_no_name() {
        let all = listed(&[
            "Fans buy DVDs of the show and watch it again in Lisbon.",
            "The DVDs sold well in Lisbon.",
        ]);
        assert!(find(&all, "DVDs").is_none(), "{all:?}");
    }

    #[test]
    fn a_courtesy_title_does_not_keep_a_name_from_its_middle_initial() {
        // "Dr. Marlon Vasko" is Dr. Marlon T. Vasko; "Vice President" would be an office.
        let all = listed(&[
            "Dr. Marlon T. Vasko, a cardiologist, said the rules were new.",
            "\"It is a shift,\" said the Norvale Clinic's Dr. Marlon Vasko. Vasko said more.",
        ]);
        assert!(find(&all, "Marlon T. Vasko").is_some(), "{all:?}");
        assert!(find(&all, "Marlon Vasko").is_none(), "{all:?}");
    }

    #[test]
    fn a_name_joined_by_and_to_a_body_is_a_body() {
        let all = listed(&[
            "She earned millions from endorsement deals with Lumora and KTV last year.",
            "The deals with Lumora and KTV were renewed.",
        ]);
        assert_eq!(kind_of(&all, "Lumora"), Some("organization"), "{all:?}");
    }

    #[test]
    fn a_role_keeps_a_place_whose_first_word_is_common() {
        // "North Vale" is written as a name inside sentences, so its common first word stays in
        // the role "North Vale Police Sgt" (not "Vale Police Sgt").
        let all = listed(&[
            "He lives in North Vale now. Smoke rose to the north of town, North Vale Police Sgt. \
             Dana Roe said on Monday.",
            "Roe said the inquiry in North Vale would take weeks.",
        ]);
        let roe = find(&all, "Dana Roe").unwrap_or_else(|| panic!("{all:?}"));
        assert!(
            roe.2.iter().any(|r| r == "North Vale Police Sgt"),
            "{all:?}"
        );
        assert!(!roe.2.iter().any(|r| r == "Vale Police Sgt"), "{all:?}");
    }
}

//! A small gazetteer of general geography, closed lists only: the sovereign countries (with common
//! short and former names, the UK's four nations and a few dependent territories), the national
//! capitals, the US states, the continents and large world regions, and the planets. Used by
//! [`super::entities`] to type a place the text gives no cue for ("Japan said ...").

use std::sync::LazyLock;

use rustc_hash::{FxHashMap, FxHashSet};

const COUNTRIES: &str = "Afghanistan|Albania|Algeria|Andorra|Angola|Antigua and Barbuda|Argentina|\
Armenia|Australia|Austria|Azerbaijan|Bahamas|Bahrain|Bangladesh|Barbados|Belarus|Belgium|Belize|\
Benin|Bhutan|Bolivia|Bosnia|Bosnia and Herzegovina|Botswana|Brazil|Brunei|Bulgaria|Burkina Faso|\
Burma|Burundi|Cambodia|Cameroon|Canada|Cape Verde|Central African Republic|Chad|Chile|China|\
Colombia|Comoros|Congo|Costa Rica|Croatia|Cuba|Cyprus|Czech Republic|Czechia|Denmark|Djibouti|\
Dominica|Dominican Republic|East Timor|Ecuador|Egypt|El Salvador|Equatorial Guinea|Eritrea|\
Estonia|Eswatini|Ethiopia|Fiji|Finland|France|Gabon|Gambia|Georgia|Germany|Ghana|Greece|Grenada|\
Guatemala|Guinea|Guinea-Bissau|Guyana|Haiti|Honduras|Hungary|Iceland|India|Indonesia|Iran|Iraq|\
Ireland|Israel|Italy|Ivory Coast|Jamaica|Japan|Jordan|Kazakhstan|Kenya|Kiribati|Kosovo|Kuwait|\
Kyrgyzstan|Laos|Latvia|Lebanon|Lesotho|Liberia|Libya|Liechtenstein|Lithuania|Luxembourg|\
Madagascar|Malawi|Malaysia|Maldives|Mali|Malta|Marshall Islands|Mauritania|Mauritius|Mexico|\
Micronesia|Moldova|Monaco|Mongolia|Montenegro|Morocco|Mozambique|Myanmar|Namibia|Nauru|Nepal|\
Netherlands|New Zealand|Nicaragua|Niger|Nigeria|North Korea|North Macedonia|Macedonia|Norway|\
Oman|Pakistan|Palau|Palestine|Panama|Papua New Guinea|Paraguay|Peru|Philippines|Poland|Portugal|\
Qatar|Romania|Russia|Rwanda|Saint Lucia|Samoa|San Marino|Saudi Arabia|Senegal|Serbia|Seychelles|\
Sierra Leone|Singapore|Slovakia|Slovenia|Solomon Islands|Somalia|South Africa|South Korea|\
South Sudan|Spain|Sri Lanka|Sudan|Suriname|Swaziland|Sweden|Switzerland|Syria|Taiwan|Tajikistan|\
Tanzania|Thailand|Togo|Tonga|Trinidad and Tobago|Tunisia|Turkey|Turkmenistan|Tuvalu|Uganda|\
Ukraine|United Arab Emirates|United Kingdom|United States|United States of America|America|\
Uruguay|Uzbekistan|Vanuatu|Vatican|Venezuela|Vietnam|Yemen|Yugoslavia|Zaire|Zambia|Zimbabwe|\
Britain|Great Britain|England|Scotland|Wales|Northern Ireland|Holland|Soviet Union|USSR|\
Czechoslovakia|East Germany|West Germany|Korea|Hong Kong|Macau|Greenland|Puerto Rico";
const STATES: &str = "Alabama|Alaska|Arizona|Arkansas|California|Colorado|Connecticut|Delaware|\
Florida|Hawaii|Idaho|Illinois|Indiana|Iowa|Kansas|Kentucky|Louisiana|Maine|Maryland|\
Massachusetts|Michigan|Minnesota|Mississippi|Missouri|Montana|Nebraska|Nevada|New Hampshire|\
New Jersey|New Mexico|New York|North Carolina|North Dakota|Ohio|Oklahoma|Oregon|Pennsylvania|\
Rhode Island|South Carolina|South Dakota|Tennessee|Texas|Utah|Vermont|Virginia|Washington|\
West Virginia|Wisconsin|Wyoming";
const REGIONS: &str = "Africa|Asia|Europe|North America|South America|Latin America|Central America|\
Antarctica|Arctic|Oceania|Middle East|Near East|Far East|Caribbean|Balkans|Scandinavia|\
East Africa|West Africa|North Africa|Southeast Asia|Central Asia|South Asia|East Asia|Western Europe|\
Eastern Europe|Central Europe|Northern Europe|Southern Europe|Asia Pacific|Mercury|Venus|Earth|Mars|Jupiter|\
Saturn|Uranus|Neptune";
const CAPITALS: &str = "Kabul|Tirana|Algiers|Luanda|Buenos Aires|Yerevan|Canberra|Vienna|Baku|\
Manama|Dhaka|Minsk|Brussels|Porto-Novo|Thimphu|La Paz|Sarajevo|Gaborone|Brasilia|Sofia|\
Ouagadougou|Bujumbura|Phnom Penh|Yaounde|Ottawa|Bangui|Santiago|Beijing|Bogota|Kinshasa|\
Brazzaville|San Jose|Zagreb|Havana|Nicosia|Prague|Copenhagen|Santo Domingo|Quito|Cairo|\
San Salvador|Asmara|Tallinn|Addis Ababa|Helsinki|Paris|Libreville|Banjul|Tbilisi|Berlin|Accra|\
Athens|Guatemala City|Conakry|Georgetown|Port-au-Prince|Tegucigalpa|Budapest|Reykjavik|\
New Delhi|Delhi|Jakarta|Tehran|Baghdad|Dublin|Jerusalem|Rome|Kingston|Tokyo|Amman|\
Astana|Nairobi|Pristina|Kuwait City|Bishkek|Vientiane|Riga|Beirut|Maseru|Monrovia|Tripoli|\
Vilnius|Antananarivo|Lilongwe|Kuala Lumpur|Bamako|Valletta|Nouakchott|Mexico City|Chisinau|\
Ulan Bator|Ulaanbaatar|Podgorica|Rabat|Maputo|Yangon|Rangoon|Naypyidaw|Windhoek|Kathmandu|\
Amsterdam|The Hague|Wellington|Managua|Niamey|Abuja|Pyongyang|Skopje|Oslo|Muscat|\
Islamabad|Panama City|Port Moresby|Asuncion|Lima|Manila|Warsaw|Lisbon|Doha|Bucharest|\
Moscow|Kigali|Riyadh|Dakar|Belgrade|Freetown|Bratislava|Ljubljana|Mogadishu|Pretoria|\
Seoul|Juba|Madrid|Colombo|Khartoum|Paramaribo|Stockholm|Bern|\
Damascus|Taipei|Dushanbe|Dar es Salaam|Bangkok|Lome|Tunis|Ankara|Ashgabat|\
Kampala|Kiev|Kyiv|Abu Dhabi|London|Washington|Montevideo|Tashkent|Caracas|Hanoi|\
Sanaa|Lusaka|Harare|Edinburgh|Cardiff|Belfast";

static PLACES: LazyLock<FxHashSet<String>> = LazyLock::new(|| {
    [COUNTRIES, STATES, REGIONS, CAPITALS]
        .iter()
        .flat_map(|list| list.split('|'))
        .map(key)
        .collect()
});

fn key(name: &str) -> String {
    name.to_lowercase()
        .replace(['.', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `f` of [`key`]`(name)`; a short ASCII name's key is built on the stack (names are looked up
/// for many tokens).
fn with_key<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = [0u8; 64];
    if name.is_ascii() && name.len() <= buffer.len() {
        let mut len = 0;
        let mut space = false;
        for &byte in name.as_bytes() {
            // ASCII whitespace as `char::is_whitespace` has it (tab to carriage return, space).
            if matches!(byte, b'.' | b'-' | b'\t'..=b'\r' | b' ') {
                space = len > 0;
                continue;
            }
            if space {
                buffer[len] = b' ';
                len += 1;
                space = false;
            }
            buffer[len] = byte.to_ascii_lowercase();
            len += 1;
        }
        if let Ok(key) = std::str::from_utf8(&buffer[..len]) {
            return f(key);
        }
    }
    f(&key(name))
}

/// Names of one country (and a party's nickname): an entity named by any of them is one entity.
const SYNONYMS: &[&[&str]] = &[
    &["United Kingdom", "Britain", "Great Britain", "UK", "U.K."],
    &[
        "United States",
        "United States of America",
        "USA",
        "US",
        "U.S.",
        "U.S.A.",
        "America",
    ],
    &["Myanmar", "Burma"],
    &["Netherlands", "Holland"],
    &["Czech Republic", "Czechia"],
    &["North Macedonia", "Macedonia"],
    &["Eswatini", "Swaziland"],
    &["East Timor", "Timor-Leste"],
    &["Ivory Coast", "Cote d'Ivoire"],
    &["Soviet Union", "USSR"],
    // A party's nickname.
    &["Republican Party", "GOP"],
];

/// The index of the synonym set `name` belongs to ("Burma" and "Myanmar" give the same).
pub(crate) fn synonym_set(name: &str) -> Option<usize> {
    with_key(name, |key| SYNONYM_INDEX.get(key).copied())
}

/// Each synonym's key, mapped to its set's index in [`SYNONYMS`] (the first set naming it).
static SYNONYM_INDEX: LazyLock<FxHashMap<String, usize>> = LazyLock::new(|| {
    let mut index = FxHashMap::default();
    for (set_idx, set) in SYNONYMS.iter().enumerate() {
        for name in *set {
            index.entry(key(name)).or_insert(set_idx);
        }
    }
    index
});

/// The US states' abbreviations in news style ("Bethesda, Md.", "Raleigh, N.C."), keyed without
/// dots in lower case, with the state each names.
const STATE_ABBREVIATIONS: &[(&str, &str)] = &[
    ("ala", "Alabama"),
    ("ariz", "Arizona"),
    ("ark", "Arkansas"),
    ("calif", "California"),
    ("colo", "Colorado"),
    ("conn", "Connecticut"),
    ("del", "Delaware"),
    ("fla", "Florida"),
    ("ga", "Georgia"),
    ("ill", "Illinois"),
    ("ind", "Indiana"),
    ("kan", "Kansas"),
    ("kans", "Kansas"),
    ("ky", "Kentucky"),
    ("la", "Louisiana"),
    ("md", "Maryland"),
    ("mass", "Massachusetts"),
    ("mich", "Michigan"),
    ("minn", "Minnesota"),
    ("miss", "Mississippi"),
    ("mo", "Missouri"),
    ("mont", "Montana"),
    ("neb", "Nebraska"),
    ("nev", "Nevada"),
    ("nh", "New Hampshire"),
    ("nj", "New Jersey"),
    ("nm", "New Mexico"),
    ("ny", "New York"),
    ("nc", "North Carolina"),
    ("nd", "North Dakota"),
    ("okla", "Oklahoma"),
    ("ore", "Oregon"),
    ("pa", "Pennsylvania"),
    ("ri", "Rhode Island"),
    ("sc", "South Carolina"),
    ("sd", "South Dakota"),
    ("tenn", "Tennessee"),
    ("tex", "Texas"),
    ("vt", "Vermont"),
    ("va", "Virginia"),
    ("wash", "Washington"),
    ("wva", "West Virginia"),
    ("wis", "Wisconsin"),
    ("wyo", "Wyoming"),
];

/// The state a news-style abbreviation names ("Md", "N.C." without its last dot or with it).
pub(crate) fn state_of_abbreviation(word: &str) -> Option<&'static str> {
    // The abbreviations are lower-case ASCII: an ASCII word is compared without a copy.
    let spells = |abbr: &str| {
        if word.is_ascii() {
            let mut letters = word.bytes().filter(|&b| b != b'.');
            abbr.bytes()
                .all(|a| letters.next().is_some_and(|b| b.to_ascii_lowercase() == a))
                && letters.next().is_none()
        } else {
            word.replace('.', "").to_lowercase() == abbr
        }
    };
    STATE_ABBREVIATIONS
        .iter()
        .find(|(abbr, _)| spells(abbr))
        .map(|(_, state)| *state)
}

/// True when `name` is a country, capital or large city, US state, continent, large region or
/// planet.
pub(crate) fn is_known_place(name: &str) -> bool {
    with_key(name, |key| PLACES.contains(key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stack_key_is_the_key() {
        for name in [
            "Japan",
            " New  York ",
            "U.S.",
            "Guinea-Bissau",
            "a.-b",
            "\tX\x0bY\r",
            "Côte d'Ivoire",
            "",
            ".",
            "ŞANLIURFA",
        ] {
            assert_eq!(with_key(name, str::to_string), key(name), "{name:?}");
        }
        assert_eq!(state_of_abbreviation("N.C."), Some("North Carolina"));
        assert_eq!(state_of_abbreviation("Md"), Some("Maryland"));
        assert_eq!(state_of_abbreviation("Mdx"), None);
        assert_eq!(state_of_abbreviation("M"), None);
    }

    #[test]
    fn countries_states_and_capitals() {
        assert!(is_known_place("Japan"));
        assert!(is_known_place("new mexico"));
        assert!(is_known_place("Guinea-Bissau"));
        assert!(is_known_place("Port-au-Prince"));
        assert!(!is_known_place("Smith"));
        assert!(!is_known_place("NASA"));
        assert_eq!(synonym_set("Burma"), synonym_set("Myanmar"));
        assert_eq!(synonym_set("U.S"), synonym_set("United States"));
        assert!(synonym_set("Britain").is_some());
        assert_ne!(synonym_set("Britain"), synonym_set("US"));
        assert_eq!(synonym_set("England"), None);
    }

    #[test]
    fn state_abbreviations() {
        assert_eq!(state_of_abbreviation("Md"), Some("Maryland"));
        assert_eq!(state_of_abbreviation("N.C."), Some("North Carolina"));
        assert_eq!(state_of_abbreviation("N.C"), Some("North Carolina"));
        assert_eq!(state_of_abbreviation("Wyo"), Some("Wyoming"));
        assert_eq!(state_of_abbreviation("Maryland"), None);
        assert_eq!(state_of_abbreviation("Smith"), None);
    }
}

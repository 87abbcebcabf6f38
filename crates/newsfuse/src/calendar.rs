//! Calendar words: month names with their news abbreviations, and weekdays, lower-case. Shared
//! by the stages that must not read them as names or figures' heads.

/// Month names and their abbreviations ("jan", "sept"), lower-case, without the full stop.
pub(crate) const MONTH_WORDS: &[&str] = &[
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
];

/// Weekday names, lower-case, Monday first: a name's index is its day of the week counted from
/// Monday (`brief::when` reads it so).
pub(crate) const WEEKDAY_WORDS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

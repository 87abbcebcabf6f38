//! Publication times: RFC 3339 / ISO 8601 dates and date-times to seconds since the Unix epoch.

/// Seconds since 1970-01-01T00:00:00Z for `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.fff]]` with an
/// optional `Z` or `±HH:MM` offset (a space may stand for the `T`). `None` when the text is not
/// such a date or names an impossible one.
pub fn parse_time(text: &str) -> Option<i64> {
    let s = text.trim().as_bytes();
    if s.len() < 10 || s[4] != b'-' || s[7] != b'-' {
        return None;
    }
    let year = digits(&s[0..4])?;
    let month = digits(&s[5..7])?;
    let day = digits(&s[8..10])?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let mut secs = days_from_civil(year, month, day) * 86_400;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(secs);
    }
    if !(rest[0] == b'T' || rest[0] == b't' || rest[0] == b' ') || rest.len() < 6 || rest[3] != b':'
    {
        return None;
    }
    let hour = digits(&rest[1..3])?;
    let minute = digits(&rest[4..6])?;
    let mut i = 6;
    let mut second = 0;
    if rest.len() >= 9 && rest[6] == b':' {
        second = digits(&rest[7..9])?;
        i = 9;
        if rest.len() > i && (rest[i] == b'.' || rest[i] == b',') {
            i += 1;
            while i < rest.len() && rest[i].is_ascii_digit() {
                i += 1;
            }
        }
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    secs += hour * 3600 + minute * 60 + second;
    let zone = &rest[i..];
    match zone {
        [] | [b'Z' | b'z'] => Some(secs),
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] | [sign @ (b'+' | b'-'), h1, h2, m1, m2] => {
            let offset = digits(&[*h1, *h2])? * 3600 + digits(&[*m1, *m2])? * 60;
            Some(if *sign == b'+' {
                secs - offset
            } else {
                secs + offset
            })
        }
        _ => None,
    }
}

/// `YYYY-MM-DDTHH:MM:SSZ` for seconds since the Unix epoch: the inverse of [`parse_time`] (UTC).
pub fn format_time(secs: i64) -> String {
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// The proleptic Gregorian date of a day count since 1970-01-01 (H. Hinnant's
/// `civil_from_days`, the inverse of `days_from_civil`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

fn digits(bytes: &[u8]) -> Option<i64> {
    bytes.iter().try_fold(0i64, |acc, &b| {
        b.is_ascii_digit().then(|| acc * 10 + i64::from(b - b'0'))
    })
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::{format_time, parse_time};

    #[test]
    fn format_is_the_inverse_of_parse() {
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_time(1_454_414_400), "2016-02-02T12:00:00Z");
        assert_eq!(format_time(-1), "1969-12-31T23:59:59Z");
        for secs in [
            951_782_400,
            1_456_704_000,
            4_102_444_800,
            1_709_600_000,
            -86_400 * 400,
        ] {
            assert_eq!(parse_time(&format_time(secs)), Some(secs), "{secs}");
        }
    }

    #[test]
    fn dates_and_date_times() {
        assert_eq!(parse_time("1970-01-01"), Some(0));
        assert_eq!(parse_time("1970-01-02T00:00:01Z"), Some(86_401));
        assert_eq!(parse_time("2016-02-02T12:00:00Z"), Some(1_454_414_400));
        assert_eq!(parse_time("2016-02-02T14:00:00+02:00"), Some(1_454_414_400));
        assert_eq!(parse_time("2016-02-02 12:00:00.250Z"), Some(1_454_414_400));
        assert_eq!(parse_time("2016-02-29"), Some(1_456_704_000));
    }

    #[test]
    fn nonsense_is_none() {
        for bad in [
            "",
            "yesterday",
            "2016-02-30",
            "2015-02-29",
            "2016-13-01",
            "2016-02-02T25:00",
            "2016-02-02Tx",
        ] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
    }
}

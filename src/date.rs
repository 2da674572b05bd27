//! Calendar days: a day number (days since 1970-01-01, proleptic Gregorian) ↔
//! `YYYY-MM-DD`, and today's day. One calendar for the dates of notes and for the
//! history, which only ever need whole days. Not `jiff`: its dates end at year 9999,
//! where a note's `started = "99999-1-01"` is read today and a commit's day number
//! is any `i64`; the rules here are kept as they were.

/// `YYYY-MM-DD` of a day number (days since 1970-01-01).
pub fn format(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

/// Howard Hinnant's civil_from_days: (year, month, day) of a day number.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

/// The day number of a date written `YYYY-MM-DD`, or `None` when the text is not one
/// or names no day of the calendar (`2025-02-29`). Read as notes have always been:
/// ten characters, three numbers between dashes, the year from 1.
pub fn parse(text: &str) -> Option<i64> {
    if text.len() != 10 {
        return None;
    }
    let mut parts = text.split('-');
    let (Some(year), Some(month), Some(day), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (year, month, day): (u32, u32, u32) =
        (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
    if year < 1 {
        return None;
    }
    let days = days_from_civil(year.into(), month.into(), day.into());
    // A month past December or a day past its month's end counts on into the next:
    // the way back gives another date.
    (civil_from_days(days) == (i64::from(year), i64::from(month), i64::from(day))).then_some(days)
}

/// Howard Hinnant's days_from_civil: any month and day count on from the year's start.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Today (UTC), as a day number: from `SOURCE_DATE_EPOCH` when it is set (the
/// reproducible-builds convention, so that a build's pace and forecast can be
/// pinned), else from the system clock.
pub fn today() -> i64 {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            now.map_or(0, |d| d.as_secs() as i64)
        });
    seconds.div_euclid(86_400)
}

/// The local calendar day of a commit: its UTC seconds shifted by its own offset.
pub fn day_of(seconds: i64, offset: i32) -> i64 {
    (seconds + i64::from(offset)).div_euclid(86_400)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_across_leap_years_and_the_epoch() {
        for text in [
            "1970-01-01",
            "2000-02-29",
            "2024-12-31",
            "2025-03-01",
            "1969-12-31",
        ] {
            assert_eq!(format(parse(text).unwrap()), text);
        }
        assert_eq!(parse("1970-01-02"), Some(1));
        assert_eq!(parse("2025-13-01"), None);
    }

    #[test]
    fn dates_are_the_days_of_the_calendar_in_the_form_notes_write() {
        assert_eq!(
            parse("2024-02-29").map(format).as_deref(),
            Some("2024-02-29")
        );
        for not_a_day in [
            "2025-02-29",
            "1900-02-29",
            "2025-04-31",
            "2025-00-10",
            "2025-01-00",
            "0000-01-01",
            "31/01/2025",
            "2025-01-011",
            "2025-1-1",
            "2025-01-0a",
            "-025-01-01",
            "2025-01-01-",
        ] {
            assert_eq!(parse(not_a_day), None, "{not_a_day}");
        }
        // Odd forms of ten characters were always read; they stay so.
        assert_eq!(
            parse("2025-1-031").map(format).as_deref(),
            Some("2025-01-31")
        );
        assert_eq!(
            parse("+025-01-31").map(format).as_deref(),
            Some("0025-01-31")
        );
        assert_eq!(
            parse("99999-1-01").map(format).as_deref(),
            Some("99999-01-01")
        );
    }

    #[test]
    fn parse_accepts_what_the_month_lengths_allow_and_nothing_else() {
        // The rule notes were read with before this calendar, as the oracle.
        let days_in = |year: u32, month: u32| {
            let leap =
                (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
            [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ][month as usize - 1]
        };
        for year in (1..=401).chain(1_896..=2_104) {
            for month in 0..=13 {
                for day in 0..=32 {
                    let valid =
                        (1..=12).contains(&month) && day >= 1 && day <= days_in(year, month);
                    let text = format!("{year:04}-{month:02}-{day:02}");
                    assert_eq!(parse(&text).is_some(), valid, "{text}");
                }
            }
        }
    }

    #[test]
    fn a_commit_day_is_local_to_its_offset() {
        // 2025-01-01T23:30:00-02:00 is 2025-01-02T01:30Z but a January 1 commit.
        let seconds = parse("2025-01-02").unwrap() * 86_400 + 5_400;
        assert_eq!(format(day_of(seconds, -7_200)), "2025-01-01");
        assert_eq!(format(day_of(seconds, 0)), "2025-01-02");
    }
}

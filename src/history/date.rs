//! Days since 1970-01-01 ↔ `YYYY-MM-DD` (proleptic Gregorian), and today's day,
//! without a date crate: the history only ever needs whole days.

/// `YYYY-MM-DD` of a day number (days since 1970-01-01).
pub fn format(days: i64) -> String {
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// The day number of `YYYY-MM-DD`, or `None` when it is not such a date (tests).
#[cfg(test)]
pub fn parse(text: &str) -> Option<i64> {
    let mut parts = text.splitn(3, '-');
    let year: i64 = parts.next()?.parse().ok()?;
    let month: i64 = parts.next()?.parse().ok()?;
    let day: i64 = parts.next()?.parse().ok()?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400);
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
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
    fn a_commit_day_is_local_to_its_offset() {
        // 2025-01-01T23:30:00-02:00 is 2025-01-02T01:30Z but a January 1 commit.
        let seconds = parse("2025-01-02").unwrap() * 86_400 + 5_400;
        assert_eq!(format(day_of(seconds, -7_200)), "2025-01-01");
        assert_eq!(format(day_of(seconds, 0)), "2025-01-02");
    }
}

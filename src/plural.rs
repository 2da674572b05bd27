//! A count and its noun → `1 phase`, `6 phases`, for every message.

/// `1 phase`, `6 phases`: every count in a message says its noun this way, never as
/// `phase(s)`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_is_singular_and_every_other_count_plural() {
        assert_eq!(crate::plural::plural(1, "task"), "1 task");
        assert_eq!(crate::plural::plural(0, "task"), "0 tasks");
        assert_eq!(crate::plural::plural(76, "task"), "76 tasks");
    }
}

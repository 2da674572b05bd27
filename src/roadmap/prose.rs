//! Prose pieces in document order → their place in the outline (rule 19, prose: in
//! a group, a phase, the intro or outside the phases), then → the whole blocks of the
//! file they start (a list with its markers and nested items, a table with its
//! rows), so that they can be shown as written.

use std::ops::Range;

use pulldown_cmark::{Event, Parser};

use super::block::options;
use super::outline::Outline;
use super::syntax::{Item, Phase, Roadmap};

impl Outline<'_> {
    /// Places a prose block where it stands: in the group being filled, held under a
    /// label that has no group yet, in the phase, or outside the phases.
    pub(super) fn prose(&mut self, span: Range<usize>, label_group: Option<usize>) {
        if let Some(held) = &mut self.held {
            held.prose.push(span);
            return;
        }
        self.place(span, label_group);
    }

    pub(super) fn place(&mut self, span: Range<usize>, label_group: Option<usize>) {
        let phases = self.roadmap.phases.len();
        let phase = match self.roadmap.phases.last_mut() {
            Some(phase) if self.in_phase => phase,
            _ => return self.loose.push((span, phases)),
        };
        match label_group.and_then(|g| phase.items.get_mut(g)) {
            Some(Item::Group(group)) => group.items.push(Item::Prose(span)),
            _ => phase.items.push(Item::Prose(span)),
        }
    }

    /// The held heading made no group: it is a prose heading, shown with the prose
    /// under it (and not at all over nothing).
    pub(super) fn flush(&mut self) {
        let Some(held) = self.held.take() else {
            return;
        };
        if held.prose.is_empty() {
            return;
        }
        self.place(held.heading, None);
        for span in held.prose {
            self.place(span, None);
        }
    }
}

/// A heading that names nothing yet (a label before its tasks, a section heading),
/// and the prose written under it.
pub(super) struct Held {
    pub(super) heading: Range<usize>,
    pub(super) prose: Vec<Range<usize>>,
}

impl Held {
    pub(super) fn under(heading: Range<usize>) -> Held {
        Held {
            heading,
            prose: Vec::new(),
        }
    }
}

/// The prose of a phase heading dropped for holding no tasks (`## Books`), with
/// that heading first, as loose prose placed by the phase's own `index`.
pub(super) fn orphaned(phase: &Phase, index: usize, loose: &mut Vec<(Range<usize>, usize)>) {
    let prose = phase.items.iter().filter_map(|item| match item {
        Item::Prose(span) => Some((span.clone(), index)),
        _ => None,
    });
    let at = loose.len();
    loose.extend(prose);
    if loose.len() > at {
        loose.insert(at, (phase.span.clone(), index));
    }
}

/// Prose outside phases → the intro when no kept phase stands before it, else the
/// text outside phases. `kept_before[i]`: the kept phases before phase `i` (one
/// more entry than phases, for prose after the last).
pub(super) fn settle(
    roadmap: &mut Roadmap,
    mut loose: Vec<(Range<usize>, usize)>,
    kept_before: &[usize],
) {
    loose.sort_by_key(|(span, _)| span.start);
    let after_all = kept_before.last().copied().unwrap_or(0);
    for (span, phases) in loose {
        match kept_before.get(phases).copied().unwrap_or(after_all) {
            0 => roadmap.intro.push(span),
            _ => roadmap.outside.push(span),
        }
    }
}

/// Replaces every prose range of `roadmap` (outline pieces keep a list's first item's
/// text, a heading's line) with the top-level block of `text` it starts in.
pub fn widen(roadmap: &mut Roadmap, text: &str) {
    if !has_prose(roadmap) {
        return;
    }
    let outer = top_level(text);
    let widen = |span: &mut Range<usize>| {
        // The last top-level block that starts at or before the span.
        let at = outer.partition_point(|block| block.start <= span.start);
        if let Some(block) = at.checked_sub(1).and_then(|i| outer.get(i))
            && block.end >= span.end
        {
            *span = block.clone();
        }
    };
    roadmap.intro.iter_mut().for_each(widen);
    roadmap.outside.iter_mut().for_each(widen);
    let mut stack: Vec<&mut Vec<Item>> = roadmap.phases.iter_mut().map(|p| &mut p.items).collect();
    // Depth first without recursion: groups nest, and input must not overflow a stack.
    while let Some(items) = stack.pop() {
        for item in items.iter_mut() {
            match item {
                Item::Prose(span) => widen(span),
                Item::Group(group) => stack.push(&mut group.items),
                Item::Task(_) => {}
            }
        }
    }
}

fn has_prose(roadmap: &Roadmap) -> bool {
    fn any(items: &[Item]) -> bool {
        let mut stack = vec![items];
        while let Some(items) = stack.pop() {
            for item in items {
                match item {
                    Item::Prose(_) => return true,
                    Item::Group(group) => stack.push(&group.items),
                    Item::Task(_) => {}
                }
            }
        }
        false
    }
    !roadmap.intro.is_empty()
        || !roadmap.outside.is_empty()
        || roadmap.phases.iter().any(|p| any(&p.items))
}

/// The source ranges of the file's top-level blocks, in order.
fn top_level(text: &str) -> Vec<Range<usize>> {
    let mut depth = 0usize;
    let mut blocks = Vec::new();
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    blocks.push(range);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => blocks.push(range), // a rule, top-level HTML
            _ => {}
        }
    }
    blocks
}

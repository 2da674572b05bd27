//! The map's entries → boxes and lines: a pure layout (no SVG, no HTML), in two
//! arrangements. [`narrow`] is for phones: the spine down the left side and every
//! node in one column, indented by depth, never wider than [`NARROW_WIDTH`]. [`wide`]
//! is for larger screens and print: the spine down the middle with the phases on it,
//! and each phase's top-level items (with their subtrees) shared between the two
//! sides so that they end level, as roadmap.sh draws them.
//!
//! Rules: nodes never overlap, every entry is placed exactly once, in entry order,
//! inside the canvas; a title takes at most two lines ([`super::text`]); indentation
//! stops growing after [`MAX_INDENT_LEVELS`] levels, so that deep checklists keep
//! room for their titles. Coordinates are whole pixels.

use super::text::{Font, Wrapped, wrap};
use super::tree::{Entry, Kind};

/// Width of the phone layout's canvas, in pixels (a 390 px screen less margins).
pub const NARROW_WIDTH: i32 = 360;
/// Width of the wide layout's canvas.
pub const WIDE_WIDTH: i32 = 1000;
/// Levels of indentation shown; deeper nodes line up with the last.
pub const MAX_INDENT_LEVELS: usize = 8;

/// Indentation of each level of a column.
pub const INDENT: i32 = 14;
const GAP: i32 = 6;
const PHASE_GAP: i32 = 28;
const PAD_Y: i32 = 7;
const LINE: i32 = 17;
const PHASE_LINE: i32 = 19;
/// Height of the progress bar under a phase's title.
const BAR: i32 = 8;
/// Room for the status icon, left of the title.
pub const ICON_ROOM: i32 = 26;
/// Room for a count (`12/20`, `100%`), right of the title.
pub const COUNT_ROOM: i32 = 46;
const PAD_RIGHT: i32 = 8;
const MARGIN: i32 = 8;

/// Fonts, shared with the SVG's styles.
pub const TASK_FONT: Font = Font {
    size: 13.0,
    bold: false,
};
/// Groups and "+N more" nodes.
pub const GROUP_FONT: Font = Font {
    size: 13.0,
    bold: true,
};
/// Phases.
pub const PHASE_FONT: Font = Font {
    size: 15.0,
    bold: true,
};

/// A placed node.
#[derive(Debug, Clone)]
pub struct Placed {
    /// Index of its entry.
    pub entry: usize,
    /// Left edge.
    pub x: i32,
    /// Top edge.
    pub y: i32,
    /// Width.
    pub w: i32,
    /// Height.
    pub h: i32,
    /// Its title in lines.
    pub text: Wrapped,
}

/// A polyline, as points.
pub type Line = Vec<(i32, i32)>;

/// Boxes and lines on a canvas.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Canvas width.
    pub width: i32,
    /// Canvas height.
    pub height: i32,
    /// One per entry, in entry order.
    pub nodes: Vec<Placed>,
    /// The spine, through the phases.
    pub spine: Vec<Line>,
    /// Branches from phases and groups to their items.
    pub edges: Vec<Line>,
}

/// The text a "+N more" node shows.
pub fn more_label(count: usize) -> String {
    format!("+{count} more")
}

fn font(kind: Kind) -> Font {
    match kind {
        Kind::Phase => PHASE_FONT,
        Kind::Group | Kind::More => GROUP_FONT,
        Kind::Task => TASK_FONT,
    }
}

/// A node of width `w` for `entry`, at (x, y).
fn node(entries: &[Entry], i: usize, x: i32, y: i32, w: i32) -> Placed {
    let entry = &entries[i];
    let right = match entry.kind {
        Kind::Phase | Kind::Group => COUNT_ROOM,
        Kind::Task | Kind::More => PAD_RIGHT,
    };
    let room = f64::from((w - ICON_ROOM - right).max(0));
    let title = match entry.kind {
        Kind::More if !entry.title.is_empty() => entry.title.clone(),
        Kind::More => more_label(entry.total),
        _ => entry.title.clone(),
    };
    let text = wrap(&title, font(entry.kind), room);
    let lines = text.lines.len() as i32;
    let h = match entry.kind {
        Kind::Phase => 2 * PAD_Y + lines * PHASE_LINE + BAR,
        _ => 2 * PAD_Y + lines * LINE,
    };
    Placed {
        entry: i,
        x,
        y,
        w,
        h,
        text,
    }
}

/// Lays out `entries[range]`, whose top level is at depth `base` (1 or more), as
/// an indented column of `width` from `x0`, from `y`; `parent` (a node already
/// placed) is joined to the top-level ones. Returns the y below the last node.
fn column(
    entries: &[Entry],
    range: std::ops::Range<usize>,
    base: usize,
    (x0, width): (i32, i32),
    mut y: i32,
    parent: Option<&Placed>,
    out: &mut Layout,
) -> i32 {
    let mut stack: Vec<(usize, Placed)> =
        parent.map(|p| (base - 1, p.clone())).into_iter().collect();
    for i in range {
        let depth = entries[i].depth;
        let level = depth.saturating_sub(base).min(MAX_INDENT_LEVELS) as i32;
        let x = x0 + level * INDENT;
        let placed = node(entries, i, x, y, width - level * INDENT);
        while stack.last().is_some_and(|(d, _)| *d >= depth) {
            stack.pop();
        }
        if let Some((_, p)) = stack.last() {
            let (bus, mid) = (p.x + INDENT / 2, y + placed.h / 2);
            out.edges.push(match x > bus {
                true => vec![(bus, p.y + p.h), (bus, mid), (x, mid)],
                false => vec![(bus, p.y + p.h), (bus, y)],
            });
        }
        y += placed.h + GAP;
        stack.push((depth, placed.clone()));
        out.nodes.push(placed);
    }
    y
}

/// Each phase's entries: its own index and the range of its items.
fn phases(entries: &[Entry]) -> Vec<(usize, std::ops::Range<usize>)> {
    let starts: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].kind == Kind::Phase)
        .collect();
    let ends = starts.iter().skip(1).copied().chain([entries.len()]);
    starts
        .iter()
        .zip(ends)
        .map(|(&s, e)| (s, s + 1..e))
        .collect()
}

/// The phone layout: spine on the left, one column.
pub fn narrow(entries: &[Entry]) -> Layout {
    const SPINE: i32 = 10;
    const PHASE_X: i32 = 22;
    let mut out = Layout {
        width: NARROW_WIDTH,
        ..Layout::default()
    };
    let (mut y, mut mids) = (MARGIN, Vec::new());
    for (p, items) in phases(entries) {
        let phase = node(entries, p, PHASE_X, y, NARROW_WIDTH - PHASE_X - MARGIN);
        let mid = y + phase.h / 2;
        mids.push(mid);
        out.spine.push(vec![(SPINE, mid), (PHASE_X, mid)]);
        out.nodes.push(phase.clone());
        y += phase.h + GAP;
        let col = (PHASE_X + INDENT, NARROW_WIDTH - PHASE_X - INDENT - MARGIN);
        y = column(entries, items, 1, col, y, Some(&phase), &mut out);
        y += PHASE_GAP - GAP;
    }
    if let (Some(first), Some(last)) = (mids.first(), mids.last()) {
        out.spine.insert(0, vec![(SPINE, *first), (SPINE, *last)]);
    }
    out.height = y.max(MARGIN * 2);
    out
}

/// The wide layout: spine in the middle, branches on both sides.
pub fn wide(entries: &[Entry]) -> Layout {
    const PHASE_W: i32 = 260;
    const SIDE_W: i32 = 330;
    const PHASE_X: i32 = (WIDE_WIDTH - PHASE_W) / 2;
    const LEFT_X: i32 = 16;
    const RIGHT_X: i32 = WIDE_WIDTH - 16 - SIDE_W;
    let mut out = Layout {
        width: WIDE_WIDTH,
        ..Layout::default()
    };
    let (mut y, mut mids) = (MARGIN, Vec::new());
    for (p, items) in phases(entries) {
        let phase = node(entries, p, PHASE_X, y, PHASE_W);
        let mid = y + phase.h / 2;
        mids.push(mid);
        out.nodes.push(phase.clone());
        // Each top-level subtree goes to the side that is shorter so far.
        let mut heights = [0, 0];
        let mut sides: [Vec<std::ops::Range<usize>>; 2] = [Vec::new(), Vec::new()];
        for tree in subtrees(entries, items) {
            let mut scratch = Layout::default();
            let h = column(entries, tree.clone(), 1, (0, SIDE_W), 0, None, &mut scratch);
            let side = usize::from(heights[1] < heights[0]);
            heights[side] += h;
            sides[side].push(tree);
        }
        let mut bottom = y + phase.h;
        for (side, trees) in sides.into_iter().enumerate() {
            let left = side == 0;
            let (x0, edge, bus) = match left {
                true => (LEFT_X, PHASE_X, LEFT_X + SIDE_W + 12),
                false => (RIGHT_X, PHASE_X + PHASE_W, RIGHT_X - 12),
            };
            let mut side_y = y;
            let mut stubs = Vec::new();
            for tree in trees {
                let mut part = Layout::default();
                let top = tree.start;
                side_y = column(entries, tree, 1, (0, SIDE_W), side_y, None, &mut part);
                if left {
                    mirror(&mut part, SIDE_W);
                }
                shift(&mut part, x0);
                let head = &part.nodes[0];
                debug_assert_eq!(head.entry, top);
                let near = if left { head.x + head.w } else { head.x };
                stubs.push(head.y + head.h / 2);
                out.edges.push(vec![
                    (bus, head.y + head.h / 2),
                    (near, head.y + head.h / 2),
                ]);
                out.nodes.append(&mut part.nodes);
                out.edges.append(&mut part.edges);
            }
            if let Some(&last) = stubs.last() {
                let top = stubs[0].min(mid);
                out.edges.push(vec![(edge, mid), (bus, mid)]);
                out.edges.push(vec![(bus, top), (bus, last.max(mid))]);
                bottom = bottom.max(side_y - GAP);
            }
        }
        y = bottom + PHASE_GAP;
    }
    if let (Some(first), Some(last)) = (mids.first(), mids.last()) {
        out.spine
            .push(vec![(WIDE_WIDTH / 2, *first), (WIDE_WIDTH / 2, *last)]);
    }
    // Nodes were placed side by side: back into entry order.
    out.nodes.sort_by_key(|n| n.entry);
    out.height = (y - PHASE_GAP + MARGIN).max(MARGIN * 2);
    out
}

/// The ranges of `items` that each start at a top-level item (depth 1).
fn subtrees(entries: &[Entry], items: std::ops::Range<usize>) -> Vec<std::ops::Range<usize>> {
    let end = items.end;
    let starts: Vec<usize> = items.filter(|&i| entries[i].depth == 1).collect();
    let ends = starts.iter().skip(1).copied().chain([end]);
    starts.iter().zip(ends).map(|(&s, e)| s..e).collect()
}

/// Flips a column laid out in `0..width` left to right, so that it grows away from
/// the spine on the left side.
fn mirror(part: &mut Layout, width: i32) {
    for n in &mut part.nodes {
        n.x = width - n.x - n.w;
    }
    for line in &mut part.edges {
        for point in line {
            point.0 = width - point.0;
        }
    }
}

fn shift(part: &mut Layout, dx: i32) {
    for n in &mut part.nodes {
        n.x += dx;
    }
    for line in &mut part.edges {
        for point in line {
            point.0 += dx;
        }
    }
}

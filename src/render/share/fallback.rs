//! A character the shipped font lacks → the machine's font that draws it, chosen once
//! per character and weight for the whole process: resvg draws it with that font
//! ([`select`]), and titles are fitted with its width ([`advance`]). A character no
//! font here has is left out of the pictures ([`super::font::drawable`]): never a box.
//!
//! resvg's own choice takes the first font in the database that has the character
//! (on a Debian machine a serif Chinese font, a bold Arabic one, for regular text) and
//! asks every font again for every character, reading each font file whole each
//! time: 28 s for seven Chinese task pictures in a debug build. Here the fonts are
//! ranked once (Noto's sans families first, then other sans, serif and monospace
//! last, normal width before condensed), the first family that has the character is
//! taken in the weight nearest the text's, and the answer is kept.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use resvg::usvg::fontdb::{self, FaceInfo, ID};
use skrifa::MetadataProvider;
use skrifa::instance::{LocationRef, Size};

/// The shipped fonts and the machine's, loaded once, on the first character that
/// needs them (scanning them takes tens of milliseconds).
struct System {
    db: Arc<fontdb::Database>,
    /// The machine's faces, best first.
    order: Vec<ID>,
    /// The characters each face of `order` has, sorted: read once, when first asked.
    coverage: Vec<OnceLock<Vec<u32>>>,
    /// (character, bold) → the face that draws it and its advance in em.
    chosen: Mutex<HashMap<(char, bool), Option<Choice>>>,
}

/// A face that draws a character, and the character's advance there in em.
type Choice = (ID, f32);

static SYSTEM: OnceLock<System> = OnceLock::new();

fn system() -> &'static System {
    SYSTEM.get_or_init(|| {
        let mut db = super::font::shipped();
        let shipped = db.len();
        db.load_system_fonts();
        let mut faces: Vec<&FaceInfo> = db.faces().skip(shipped).collect();
        faces.sort_by_cached_key(|face| (rank(face), family(face).to_string()));
        let order: Vec<ID> = faces.iter().map(|face| face.id).collect();
        System {
            db: Arc::new(db),
            coverage: order.iter().map(|_| OnceLock::new()).collect(),
            order,
            chosen: Mutex::default(),
        }
    })
}

/// The shipped fonts with the machine's, to draw a text the shipped fonts lack.
pub fn database() -> Arc<fontdb::Database> {
    system().db.clone()
}

fn family(face: &FaceInfo) -> &str {
    (face.families.iter())
        .find(|f| f.1 == fontdb::Language::English_UnitedStates)
        .or(face.families.first())
        .map_or("", |f| f.0.as_str())
}

/// Lower is better: a sans for pictures set in a sans, Noto's (one family per
/// script) before the others, normal width.
fn rank(face: &FaceInfo) -> (u8, bool, bool) {
    let name = family(face);
    let style = match () {
        _ if face.monospaced || name.contains("Mono") => 3,
        _ if name.contains("Serif") => 2,
        _ if name.contains("Sans") => 0,
        _ => 1,
    };
    let noto = name.starts_with("Noto Sans");
    (
        style,
        !noto,
        face.stretch != fontdb::Stretch::Normal || face.style != fontdb::Style::Normal,
    )
}

/// The face that draws `c` (its weight nearest to bold or regular's) and `c`'s
/// advance in em, or `None` when no font of the machine has it.
fn choose(c: char, bold: bool) -> Option<Choice> {
    let system = system();
    let key = (c, bold);
    let lock = || system.chosen.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(known) = lock().get(&key) {
        return *known;
    }
    let db = &system.db;
    let with_c = || system.faces_with(c);
    let chosen = with_c().next().and_then(|first| {
        let name = db.face(first).map(family)?;
        let wanted = if bold { 700 } else { 400 };
        let id = with_c()
            .filter(|&id| db.face(id).is_some_and(|f| family(f) == name))
            .min_by_key(|&id| {
                db.face(id)
                    .map_or(u16::MAX, |f| f.weight.0.abs_diff(wanted))
            })
            .unwrap_or(first);
        Some((id, em_advance(db, id, c)?))
    });
    lock().insert(key, chosen);
    chosen
}

impl System {
    /// The faces that have `c`, best first.
    fn faces_with(&self, c: char) -> impl Iterator<Item = ID> + '_ {
        (self.order.iter().zip(&self.coverage))
            .filter(move |(id, coverage)| {
                let chars = coverage.get_or_init(|| characters(&self.db, **id));
                chars.binary_search(&u32::from(c)).is_ok()
            })
            .map(|(id, _)| *id)
    }
}

/// The characters face `id` has, sorted (a file that cannot be read has none).
fn characters(db: &fontdb::Database, id: ID) -> Vec<u32> {
    let chars = db.with_face_data(id, |data, index| {
        let font = skrifa::FontRef::from_index(data, index).ok()?;
        let mut chars: Vec<u32> = font.charmap().mappings().map(|(c, _)| c).collect();
        chars.sort_unstable();
        chars.dedup();
        Some(chars)
    });
    chars.flatten().unwrap_or_default()
}

fn em_advance(db: &fontdb::Database, id: ID, c: char) -> Option<f32> {
    db.with_face_data(id, |data, index| {
        let font = skrifa::FontRef::from_index(data, index).ok()?;
        let glyph = font.charmap().map(c)?;
        let units = font
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em;
        let advance =
            (font.glyph_metrics(Size::unscaled(), LocationRef::default())).advance_width(glyph)?;
        Some(advance / f32::from(units.max(1)))
    })?
}

/// The width of `c` at `size` px in the machine's font that draws it, if one does.
pub fn advance(c: char, size: f32, bold: bool) -> Option<f32> {
    choose(c, bold).map(|(_, em)| em * size)
}

/// For resvg: the face for `c` in text set in `exclude[0]` (the shipped font), as
/// [`choose`] picks it; a face resvg has tried already is passed over.
pub fn select(c: char, exclude: &[ID], db: &fontdb::Database) -> Option<ID> {
    let bold = (exclude.first())
        .and_then(|&id| db.face(id))
        .is_some_and(|face| face.weight.0 >= 600);
    let ours = SYSTEM.get().is_some_and(|s| std::ptr::eq(&*s.db, db));
    match choose(c, bold) {
        Some((id, _)) if ours && !exclude.contains(&id) => Some(id),
        // Another database, or our choice could not shape it: the next that has it.
        _ if ours => system().faces_with(c).find(|id| !exclude.contains(id)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_no_font_has_gets_no_face_and_no_width() {
        // A private-use character: no font of any machine draws it.
        assert_eq!(advance('\u{F8FF}', 20.0, false), None);
        assert_eq!(choose('\u{F8FF}', true), None);
    }

    #[test]
    fn a_chosen_face_has_the_character_in_the_weight_nearest_the_texts() {
        let system = system();
        let db = &system.db;
        for c in ['学', 'ع', 'א', 'ก'] {
            match (choose(c, false), choose(c, true)) {
                (Some((regular, em)), Some((bold, _))) => {
                    let with_c: Vec<ID> = system.faces_with(c).collect();
                    assert!(with_c.contains(&regular) && with_c.contains(&bold), "{c}");
                    let font = |id| {
                        db.with_face_data(id, |data, i| {
                            let font = skrifa::FontRef::from_index(data, i).unwrap();
                            font.charmap().map(c).is_some()
                        })
                    };
                    assert_eq!(font(regular), Some(true), "{c}");
                    assert!(em > 0.2 && em < 1.5, "{c}: {em} em");
                    let weight = |id| db.face(id).unwrap().weight.0;
                    assert!(weight(bold) >= weight(regular), "{c}");
                }
                (None, None) => assert_eq!(system.faces_with(c).count(), 0, "{c}"),
                other => panic!("{c}: {other:?}"),
            }
        }
    }
}

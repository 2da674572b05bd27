//! SVG pictures → PNG files, drawn by resvg. Each PNG is kept in the cache folder
//! (`.roadmap-site-cache/pictures/<hash of its SVG>.png`), so a picture whose SVG did
//! not change is read back, never drawn again; at the end of a build the pictures it
//! did not use are removed from there.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use resvg::{tiny_skia, usvg};
use twox_hash::XxHash3_64;

use super::font::Fonts;

/// Changes whenever the drawing code or the shipped font does, so that pictures
/// cached by another version are drawn again (the SVG alone would not show it).
const VERSION: &str = concat!("pictures-3 ", env!("CARGO_PKG_VERSION"));

/// Where the pictures are cached, inside the site's cache folder.
const FOLDER: &str = "pictures";

/// Draws pictures, or reads them from the cache.
pub struct Raster<'f> {
    /// The pictures' folder in the cache.
    dir: PathBuf,
    /// False for a session that saves no caches: it still reads them.
    save: bool,
    fonts: &'f Fonts,
    drawn: AtomicUsize,
    used: Mutex<HashSet<String>>,
}

impl<'f> Raster<'f> {
    /// Pictures cached under `cache_dir`; written there only when `save`.
    pub fn new(cache_dir: &Path, save: bool, fonts: &'f Fonts) -> Self {
        Raster {
            dir: cache_dir.join(FOLDER),
            save,
            fonts,
            drawn: AtomicUsize::new(0),
            used: Mutex::default(),
        }
    }

    /// The PNG of `svg`: the cached one when there is one, else drawn (and cached).
    pub fn png(&self, svg: &str) -> Result<Vec<u8>, String> {
        let name = format!(
            "{:016x}.png",
            XxHash3_64::oneshot(format!("{VERSION}\n{svg}").as_bytes())
        );
        let file = self.dir.join(&name);
        self.used
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(name);
        if let Ok(png) = std::fs::read(&file)
            && png.starts_with(b"\x89PNG")
        {
            return Ok(png);
        }
        let png = self.draw(svg)?;
        if self.save {
            // The cache only saves time: a picture that cannot be kept is drawn again.
            let _ = crate::cache_dir::write(&file, &png);
        }
        Ok(png)
    }

    /// Draws `svg` at its own size.
    fn draw(&self, svg: &str) -> Result<Vec<u8>, String> {
        self.drawn.fetch_add(1, Ordering::Relaxed);
        let options = usvg::Options {
            fontdb: self.fonts.for_text(svg),
            font_family: super::font::FAMILY.into(),
            font_resolver: usvg::FontResolver {
                select_font: usvg::FontResolver::default_font_selector(),
                select_fallback: Box::new(|c, exclude, db| super::fallback::select(c, exclude, db)),
            },
            ..usvg::Options::default()
        };
        let tree = usvg::Tree::from_str(svg, &options).map_err(|e| e.to_string())?;
        let size = tree.size().to_int_size();
        let mut pixmap =
            tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("the picture has no size")?;
        resvg::render(&tree, tiny_skia::Transform::default(), &mut pixmap.as_mut());
        encode(&pixmap).map_err(|e| e.to_string())
    }

    /// How many pictures were drawn rather than read from the cache.
    pub fn drawn(&self) -> usize {
        self.drawn.load(Ordering::Relaxed)
    }

    /// Removes the cached pictures this build did not use (only files named as this
    /// module names them: nothing else in the folder is touched).
    pub fn forget_unused(&self) {
        if !self.save {
            return;
        }
        let used = self.used.lock().unwrap_or_else(|p| p.into_inner());
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if is_picture_name(&name) && !used.contains(name.as_ref()) {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

/// An opaque picture as an RGB PNG, compressed fast. Measured on a task's preview
/// (release build): tiny-skia's own encoder (RGBA, png's default compression) takes
/// 32 ms for 45 KB, this 3.3 ms for 96 KB, while parsing and drawing take 6 ms. Every
/// picture is opaque (the SVGs paint their background), so nothing is lost with alpha.
fn encode(pixmap: &tiny_skia::Pixmap) -> Result<Vec<u8>, png::EncodingError> {
    let rgb: Vec<u8> = (pixmap.data().chunks_exact(4))
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut out = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_compression(png::Compression::Fast);
    encoder.set_filter(png::Filter::Adaptive);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&rgb)?;
    writer.finish()?;
    Ok(out)
}

/// `<16 hex digits>.png`.
fn is_picture_name(name: &str) -> bool {
    name.strip_suffix(".png")
        .is_some_and(|hash| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Width and height of a PNG, from its header.
#[cfg(test)]
pub fn png_size(png: &[u8]) -> Option<(u32, u32)> {
    let header = png.strip_prefix(b"\x89PNG\r\n\x1a\n")?;
    let ihdr = header.get(4..8)?;
    (ihdr == b"IHDR").then_some(())?;
    let be = |at: usize| Some(u32::from_be_bytes(header.get(at..at + 4)?.try_into().ok()?));
    Some((be(8)?, be(12)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="63"><rect width="120" height="63" fill="#123"/><text x="10" y="40" font-size="20" fill="#fff">Hi é</text></svg>"##;

    #[test]
    fn a_picture_is_drawn_once_and_then_read_from_the_cache() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = Fonts::default();
        let first = Raster::new(dir.path(), true, &fonts);
        let png = first.png(SVG).unwrap();
        assert_eq!(png_size(&png), Some((120, 63)));
        assert_eq!(first.drawn(), 1);
        let second = Raster::new(dir.path(), true, &fonts);
        assert_eq!(second.png(SVG).unwrap(), png);
        assert_eq!(second.drawn(), 0, "unchanged: read back");
        let changed = SVG.replace("#123", "#321");
        second.png(&changed).unwrap();
        assert_eq!(second.drawn(), 1, "changed: drawn again");
    }

    #[test]
    fn unused_pictures_are_forgotten_and_other_files_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = Fonts::default();
        let raster = Raster::new(dir.path(), true, &fonts);
        raster.png(SVG).unwrap();
        let folder = dir.path().join(FOLDER);
        std::fs::write(folder.join("0123456789abcdef.png"), b"old").unwrap();
        std::fs::write(folder.join("notes.txt"), b"mine").unwrap();
        raster.forget_unused();
        let mut left: Vec<String> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left.len(), 3, "{left:?}"); // the used picture, notes.txt, .gitignore
        assert!(left.contains(&"notes.txt".to_string()));
        assert!(!left.contains(&"0123456789abcdef.png".to_string()));
    }

    #[test]
    fn a_session_that_saves_no_caches_writes_no_picture() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = Fonts::default();
        Raster::new(dir.path(), false, &fonts).png(SVG).unwrap();
        assert!(!dir.path().join(FOLDER).exists());
    }

    #[test]
    fn broken_svg_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        let fonts = Fonts::default();
        assert!(Raster::new(dir.path(), true, &fonts).png("<svg").is_err());
    }
}

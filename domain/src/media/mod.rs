//! Pictures: what kind an upload is, the limits it must keep, and the versions that are kept.

mod budget;
mod probe;
mod process;

pub use budget::DecodeBudget;
pub use probe::{Probe, probe};
pub use process::{Processed, process};

/// The picture formats accepted, told apart by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Jpeg,
    Png,
    Webp,
    Gif,
}

impl MediaKind {
    pub fn mime_type(self) -> &'static str {
        match self {
            Self::Jpeg => "image/jpeg",
            Self::Png => "image/png",
            Self::Webp => "image/webp",
            Self::Gif => "image/gif",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Jpeg => "JPEG",
            Self::Png => "PNG",
            Self::Webp => "WebP",
            Self::Gif => "GIF",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Self::Jpeg => "jpg",
            Self::Png => "png",
            Self::Webp => "webp",
            Self::Gif => "gif",
        }
    }

    fn format(self) -> image::ImageFormat {
        match self {
            Self::Jpeg => image::ImageFormat::Jpeg,
            Self::Png => image::ImageFormat::Png,
            Self::Webp => image::ImageFormat::WebP,
            Self::Gif => image::ImageFormat::Gif,
        }
    }
}

/// What an upload may be, checked before anything is decoded.
#[derive(Debug, Clone, Copy)]
pub struct MediaLimits {
    /// The most bytes a file may have.
    pub max_bytes: usize,
    /// The most pixels a picture (each frame of an animation) may have.
    pub max_pixels: u64,
}

impl Default for MediaLimits {
    fn default() -> Self {
        Self {
            max_bytes: 16 * 1024 * 1024,
            max_pixels: 40_000_000,
        }
    }
}

/// The longest side an original is kept at.
pub const MAX_SIDE: u32 = 4096;
/// The longest side of a thumbnail.
pub const THUMBNAIL_SIDE: u32 = 640;

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests;

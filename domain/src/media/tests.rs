//! Real pictures, made here, through the probe and the processing.

use std::io::Cursor;

use image::codecs::gif::{GifDecoder, GifEncoder};
use image::codecs::jpeg::JpegDecoder;
use image::{AnimationDecoder, DynamicImage, Frame, ImageDecoder, Rgba, RgbaImage};

use super::*;
use crate::DomainError;
use crate::testing::pictures::{SECRET_LATITUDE, jpeg, png, png_declaring};

fn exif_of(jpeg: &[u8]) -> Option<Vec<u8>> {
    JpegDecoder::new(Cursor::new(jpeg))
        .unwrap()
        .exif_metadata()
        .unwrap()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[test]
fn a_jpeg_comes_back_without_its_gps_data() {
    let upload = jpeg(64, 32, 1);
    assert!(exif_of(&upload).is_some(), "the test picture carries EXIF");
    assert!(contains(&upload, SECRET_LATITUDE));

    let kept = process(&upload, &MediaLimits::default()).unwrap();
    assert_eq!(kept.kind, MediaKind::Jpeg);
    assert_eq!(exif_of(&kept.original), None);
    assert!(!contains(&kept.original, SECRET_LATITUDE));
    assert!(!contains(&kept.original, b"Exif\0\0"));
    assert!(!contains(&kept.thumbnail, SECRET_LATITUDE));
    assert_eq!((kept.width, kept.height), (64, 32));
}

#[test]
fn the_exif_orientation_is_applied() {
    // 6: the camera was turned a quarter clockwise; the picture is shown turned back.
    let kept = process(&jpeg(64, 32, 6), &MediaLimits::default()).unwrap();
    assert_eq!((kept.width, kept.height), (32, 64));
    let upright = image::load_from_memory(&kept.original).unwrap().to_rgb8();
    // Red was the left half; turned clockwise it is the top half.
    let top = upright.get_pixel(16, 4);
    let bottom = upright.get_pixel(16, 60);
    assert!(top[0] > 200 && top[2] < 60, "top is red: {top:?}");
    assert!(
        bottom[2] > 200 && bottom[0] < 60,
        "bottom is blue: {bottom:?}"
    );
}

#[test]
fn a_decompression_bomb_is_refused_from_its_header() {
    let bomb = png_declaring(100_000, 100_000);
    assert!(bomb.len() < 100, "the bomb itself is tiny");
    let error = process(&bomb, &MediaLimits::default()).unwrap_err();
    assert!(
        matches!(&error, DomainError::MediaTooLarge(m) if m.contains("100000 × 100000")),
        "{error}"
    );
    assert_eq!(error.code(), "MEDIA_TOO_LARGE");
}

#[test]
fn what_is_not_a_supported_picture_is_refused() {
    for upload in [
        b"%PDF-1.7\n".to_vec(),
        b"<svg xmlns=\"http://www.w3.org/2000/svg\"/>".to_vec(),
        b"II*\0\x08\0\0\0".to_vec(),
        Vec::new(),
    ] {
        let error = process(&upload, &MediaLimits::default()).unwrap_err();
        assert_eq!(error.code(), "UNSUPPORTED_MEDIA", "{error}");
    }
}

#[test]
fn a_truncated_or_corrupt_picture_gets_a_clear_error() {
    let whole = jpeg(256, 256, 1);
    let truncated = &whole[..whole.len() / 3];
    let error = process(truncated, &MediaLimits::default()).unwrap_err();
    assert_eq!(error.code(), "CORRUPT_MEDIA", "{error}");

    let mut garbled = png(32, 32);
    garbled.truncate(40);
    let error = process(&garbled, &MediaLimits::default()).unwrap_err();
    assert_eq!(error.code(), "CORRUPT_MEDIA", "{error}");
}

#[test]
fn limits_are_checked_before_decoding() {
    let upload = png(100, 100);
    let small = MediaLimits {
        max_bytes: upload.len() - 1,
        ..MediaLimits::default()
    };
    assert_eq!(
        probe(&upload, &small).unwrap_err().code(),
        "MEDIA_TOO_LARGE"
    );
    let few_pixels = MediaLimits {
        max_pixels: 9_999,
        ..MediaLimits::default()
    };
    assert_eq!(
        probe(&upload, &few_pixels).unwrap_err().code(),
        "MEDIA_TOO_LARGE"
    );
    assert_eq!(
        probe(&upload, &MediaLimits::default()).unwrap(),
        Probe {
            kind: MediaKind::Png,
            width: 100,
            height: 100,
            frames: 1,
        }
    );
}

#[test]
fn big_pictures_are_bounded_and_thumbnailed() {
    let kept = process(&png(5000, 1000), &MediaLimits::default()).unwrap();
    assert_eq!((kept.width, kept.height), (MAX_SIDE, 819));
    let thumbnail = image::load_from_memory(&kept.thumbnail).unwrap();
    assert_eq!(
        (thumbnail.width(), thumbnail.height()),
        (THUMBNAIL_SIDE, 128)
    );
    assert_eq!(kept.thumbnail_kind, MediaKind::Png);
    assert!(
        image::load_from_memory(&kept.original)
            .unwrap()
            .color()
            .has_alpha(),
        "a PNG keeps its transparency"
    );
    assert!(kept.blurhash.len() >= 6, "{}", kept.blurhash);

    let small = process(&png(20, 10), &MediaLimits::default()).unwrap();
    let thumbnail = image::load_from_memory(&small.thumbnail).unwrap();
    assert_eq!((thumbnail.width(), thumbnail.height()), (20, 10));
}

#[test]
fn an_animated_gif_keeps_its_frames() {
    let mut upload = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut upload);
        let frames = [[255, 0, 0, 255], [0, 255, 0, 255], [0, 0, 255, 255]]
            .map(|colour| Frame::new(RgbaImage::from_pixel(24, 16, Rgba(colour))));
        encoder.encode_frames(frames).unwrap();
    }
    let kept = process(&upload, &MediaLimits::default()).unwrap();
    assert!(kept.animated);
    assert_eq!(kept.kind, MediaKind::Gif);
    assert_eq!((kept.width, kept.height), (24, 16));
    let frames = GifDecoder::new(Cursor::new(&kept.original))
        .unwrap()
        .into_frames()
        .collect_frames()
        .unwrap();
    assert_eq!(frames.len(), 3);
    assert_eq!(kept.thumbnail_kind, MediaKind::Png);
    assert_eq!(
        image::guess_format(&kept.thumbnail).unwrap(),
        image::ImageFormat::Png
    );
}

#[test]
fn webp_is_accepted_and_re_encoded() {
    let picture = RgbaImage::from_pixel(30, 20, Rgba([1, 2, 3, 255]));
    let mut upload = Vec::new();
    DynamicImage::ImageRgba8(picture)
        .write_to(&mut Cursor::new(&mut upload), image::ImageFormat::WebP)
        .unwrap();
    let kept = process(&upload, &MediaLimits::default()).unwrap();
    assert_eq!(kept.kind, MediaKind::Webp);
    assert_eq!(kept.kind.mime_type(), "image/webp");
    assert_eq!((kept.width, kept.height), (30, 20));
}

#[test]
fn a_cut_off_file_of_any_kind_is_refused_by_the_probe_alone() {
    let mut gif = Vec::new();
    DynamicImage::ImageRgba8(RgbaImage::from_pixel(8, 8, Rgba([9, 9, 9, 255])))
        .write_to(&mut Cursor::new(&mut gif), image::ImageFormat::Gif)
        .unwrap();
    let mut webp = Vec::new();
    DynamicImage::ImageRgba8(RgbaImage::from_pixel(8, 8, Rgba([9, 9, 9, 255])))
        .write_to(&mut Cursor::new(&mut webp), image::ImageFormat::WebP)
        .unwrap();
    for whole in [jpeg(64, 64, 1), png(64, 64), gif, webp] {
        assert!(probe(&whole, &MediaLimits::default()).is_ok());
        let cut = &whole[..whole.len() - 1];
        let error = probe(cut, &MediaLimits::default()).unwrap_err();
        assert_eq!(error.code(), "CORRUPT_MEDIA", "{error}");
    }
}

fn gif_of(frames: usize, side: u32) -> Vec<u8> {
    let mut upload = Vec::new();
    {
        let mut encoder = GifEncoder::new(&mut upload);
        let frames = (0..frames).map(|n| {
            let shade = u8::try_from(n % 256).unwrap();
            Frame::new(RgbaImage::from_pixel(side, side, Rgba([shade, 0, 0, 255])))
        });
        encoder.encode_frames(frames).unwrap();
    }
    upload
}

#[test]
fn animations_are_counted_and_bounded_before_anything_is_decoded() {
    let three = probe(&gif_of(3, 8), &MediaLimits::default()).unwrap();
    assert_eq!(three.frames, 3);
    assert_eq!(three.decoded_bytes(), 3 * 8 * 8 * 4);
    assert_eq!(
        probe(&png(10, 10), &MediaLimits::default()).unwrap().frames,
        1
    );

    let thousands = gif_of(probe::MAX_FRAMES as usize + 1, 1);
    let refused = probe(&thousands, &MediaLimits::default()).unwrap_err();
    assert_eq!(refused.code(), "MEDIA_TOO_LARGE", "{refused}");
    assert!(refused.to_string().contains("frames"), "{refused}");
    // Frames that together would take too much memory, however few: 20 one-pixel frames
    // on a 4000 × 4000 screen, each decoded to the whole screen.
    let mut big = b"GIF89a".to_vec();
    big.extend([0xA0, 0x0F, 0xA0, 0x0F, 0, 0, 0]);
    for _ in 0..20 {
        big.extend([0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0x80, 0, 0, 0, 255, 255, 255]);
        big.extend([2, 2, 0x44, 0x01, 0]);
    }
    big.push(0x3B);
    assert_eq!(probe::gif_frames(&big), Some(20));
    let refused = probe(&big, &MediaLimits::default()).unwrap_err();
    assert_eq!(refused.code(), "MEDIA_TOO_LARGE", "{refused}");
    // Blocks that do not hold together.
    let mut broken = gif_of(2, 8);
    let middle = broken.len() / 2;
    broken.truncate(middle);
    broken.push(0x3B);
    assert!(probe(&broken, &MediaLimits::default()).is_err());
}

//! Banners and logos: uploads are checked, scaled and re-encoded; banners
//! are drawn for groups without one.

// The module is pure (std + image): it is tested from its source file.
#[allow(dead_code)]
#[path = "../src/images.rs"]
mod images;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::codecs::webp::WebPEncoder;
use image::{DynamicImage, GenericImageView, ImageFormat, Rgb, RgbImage, Rgba, RgbaImage};
use images::{
    banner, generated_banner, logo, sniff, ImageError, ImageKind, MAX_PIXELS, MAX_UPLOAD_BYTES,
};

/// A picture with some content (a gradient and a stripe), so that
/// decoders and encoders have real work.
fn picture(width: u32, height: u32) -> RgbImage {
    RgbImage::from_fn(width, height, |x, y| {
        let stripe = if (x / 50) % 2 == 0 { 40 } else { 0 };
        Rgb([
            (x * 255 / width.max(1)) as u8,
            (y * 255 / height.max(1)) as u8,
            120 + stripe,
        ])
    })
}

fn png(image: DynamicImage) -> Vec<u8> {
    let mut out = Vec::new();
    image
        .write_with_encoder(PngEncoder::new(&mut out))
        .expect("encode PNG");
    out
}

fn jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image
        .write_with_encoder(JpegEncoder::new_with_quality(&mut out, 90))
        .expect("encode JPEG");
    out
}

fn webp(image: &RgbaImage) -> Vec<u8> {
    let mut out = Vec::new();
    image
        .write_with_encoder(WebPEncoder::new_lossless(&mut out))
        .expect("encode WebP");
    out
}

fn load(bytes: &[u8], format: ImageFormat) -> DynamicImage {
    image::load_from_memory_with_format(bytes, format).expect("output decodes")
}

/// CRC-32 of PNG chunks, to write a header by hand.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    let mut body = kind.to_vec();
    body.extend_from_slice(data);
    out.extend_from_slice(&body);
    out.extend_from_slice(&crc32(&body).to_be_bytes());
}

/// A valid PNG header claiming `width`×`height`, followed by a few bytes
/// of data: a few hundred bytes that would unpack into gigabytes.
fn png_claiming(width: u32, height: u32) -> Vec<u8> {
    let mut out = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut header = Vec::new();
    header.extend_from_slice(&width.to_be_bytes());
    header.extend_from_slice(&height.to_be_bytes());
    header.extend_from_slice(&[8, 2, 0, 0, 0]); // 8-bit RGB
    chunk(&mut out, b"IHDR", &header);
    // A zlib stream of zeros, as a bomb would start.
    chunk(
        &mut out,
        b"IDAT",
        &[0x78, 0x9C, 0xED, 0xC1, 0x01, 0x01, 0x00],
    );
    chunk(&mut out, b"IEND", &[]);
    out
}

#[test]
fn sniff_trusts_only_the_first_bytes() {
    let photo = picture(20, 10);
    assert_eq!(
        sniff(&png(DynamicImage::ImageRgb8(photo.clone()))),
        Some(ImageKind::Png)
    );
    assert_eq!(sniff(&jpeg(&photo)), Some(ImageKind::Jpeg));
    assert_eq!(
        sniff(&webp(&DynamicImage::ImageRgb8(photo).into_rgba8())),
        Some(ImageKind::Webp)
    );
    assert_eq!(sniff(b"GIF89a\x01\x00\x01\x00"), None);
    assert_eq!(sniff(b"<!DOCTYPE html><html><body>x</body></html>"), None);
    assert_eq!(sniff(b"RIFF\0\0\0\0WAVEfmt "), None);
    assert_eq!(sniff(b""), None);
    assert_eq!(sniff(b"\x89PN"), None);
    assert_eq!(ImageKind::Webp.mime(), "image/webp");
}

#[test]
fn banner_covers_1920_by_160() {
    let wide = png(DynamicImage::ImageRgb8(picture(3000, 1000)));
    let square = jpeg(&picture(500, 500));
    let tiny = webp(&DynamicImage::ImageRgb8(picture(64, 48)).into_rgba8());
    let thin = png(DynamicImage::ImageRgb8(picture(4000, 20)));
    for (name, upload) in [
        ("PNG", wide),
        ("JPEG", square),
        ("WebP", tiny),
        ("thin", thin),
    ] {
        let out = banner(&upload).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(sniff(&out), Some(ImageKind::Jpeg), "{name}");
        let decoded = load(&out, ImageFormat::Jpeg);
        assert_eq!(decoded.dimensions(), (1920, 160), "{name}");
    }
}

#[test]
fn banner_keeps_the_middle() {
    // Left third red, middle third green, right third blue: a 12:1 crop of
    // a 3:1 picture keeps the middle band of rows, all columns; a 1:1
    // picture keeps a thin band across the middle.
    let bands = RgbImage::from_fn(1200, 1200, |_, y| match y {
        0..=559 => Rgb([200, 0, 0]),
        560..=639 => Rgb([0, 180, 0]),
        _ => Rgb([0, 0, 200]),
    });
    let out = load(
        &banner(&png(DynamicImage::ImageRgb8(bands))).expect("banner"),
        ImageFormat::Jpeg,
    );
    let centre = out.get_pixel(960, 80);
    assert!(
        centre[1] > 150 && centre[0] < 40 && centre[2] < 40,
        "{centre:?}"
    );
}

#[test]
fn banner_flattens_transparency_on_white() {
    let clear = RgbaImage::from_pixel(600, 100, Rgba([0, 0, 0, 0]));
    let out = load(
        &banner(&png(DynamicImage::ImageRgba8(clear))).expect("banner"),
        ImageFormat::Jpeg,
    );
    let pixel = out.get_pixel(100, 100);
    assert!(
        pixel[0] > 245 && pixel[1] > 245 && pixel[2] > 245,
        "{pixel:?}"
    );
}

#[test]
fn logo_fits_inside_400_by_200() {
    let cases = [
        (
            png(DynamicImage::ImageRgb8(picture(3000, 1000))),
            (400, 133),
        ),
        (jpeg(&picture(500, 500)), (200, 200)),
        (jpeg(&picture(300, 900)), (67, 200)),
        (png(DynamicImage::ImageRgb8(picture(1000, 120))), (400, 48)),
        // Small logos are never enlarged.
        (png(DynamicImage::ImageRgb8(picture(120, 60))), (120, 60)),
        (
            webp(&DynamicImage::ImageRgb8(picture(64, 48)).into_rgba8()),
            (64, 48),
        ),
    ];
    for (upload, expected) in cases {
        let out = logo(&upload).expect("logo");
        assert_eq!(sniff(&out), Some(ImageKind::Png));
        assert_eq!(load(&out, ImageFormat::Png).dimensions(), expected);
    }
}

#[test]
fn logo_keeps_transparency_without_dark_edges() {
    // A red disc on a transparent background whose hidden colour is black.
    let disc = RgbaImage::from_fn(800, 800, |x, y| {
        let (dx, dy) = (x as i32 - 400, y as i32 - 400);
        if dx * dx + dy * dy < 300 * 300 {
            Rgba([220, 30, 30, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    });
    let out = load(
        &logo(&png(DynamicImage::ImageRgba8(disc))).expect("logo"),
        ImageFormat::Png,
    );
    assert_eq!(out.dimensions(), (200, 200));
    assert!(out.color().has_alpha());
    assert_eq!(out.get_pixel(2, 2)[3], 0, "corner stays transparent");
    assert_eq!(out.get_pixel(100, 100), Rgba([220, 30, 30, 255]));
    // Along the disc's edge, visible pixels keep the disc's colour.
    for x in 0..200 {
        let pixel = out.get_pixel(x, 100);
        if pixel[3] > 40 {
            assert!(pixel[0] > 180, "darkened edge at {x}: {pixel:?}");
        }
    }
}

#[test]
fn refusals_say_why() {
    let mut gif = b"GIF89a\x10\x00\x10\x00\x80\x00\x00".to_vec();
    gif.extend_from_slice(&[0; 32]);
    let svg = b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>";
    // An HTML page uploaded as "photo.png" with an image type claimed.
    let html = b"<!DOCTYPE html><html><script>alert(1)</script></html>";
    let whole = png(DynamicImage::ImageRgb8(picture(300, 200)));
    let truncated = whole[..whole.len() / 2].to_vec();
    let header_only = whole[..20].to_vec();
    let mut oversized = png(DynamicImage::ImageRgb8(picture(10, 10)));
    oversized.resize(MAX_UPLOAD_BYTES + 1, 0);

    let cases: [(&str, &[u8], ImageError); 9] = [
        ("GIF", &gif, ImageError::UnsupportedType),
        ("SVG", svg, ImageError::UnsupportedType),
        ("HTML", html, ImageError::NotAnImage),
        ("empty", b"", ImageError::NotAnImage),
        ("truncated PNG", &truncated, ImageError::Corrupt),
        ("PNG header cut", &header_only, ImageError::Corrupt),
        (
            "bomb",
            &png_claiming(100_000, 100_000),
            ImageError::TooManyPixels,
        ),
        (
            "just over",
            &png_claiming(8000, 5001),
            ImageError::TooManyPixels,
        ),
        ("over 8 MiB", &oversized, ImageError::TooLarge),
    ];
    for (name, upload, expected) in cases {
        assert_eq!(banner(upload), Err(expected), "banner: {name}");
        assert_eq!(logo(upload), Err(expected), "logo: {name}");
    }
    const { assert!(8000 * 5000 <= MAX_PIXELS && 8000 * 5001 > MAX_PIXELS) };
}

#[test]
fn error_keys_are_translation_keys() {
    let keys = [
        (ImageError::NotAnImage, "error-image-not-image"),
        (ImageError::UnsupportedType, "error-image-type"),
        (ImageError::TooLarge, "error-image-too-large"),
        (ImageError::TooManyPixels, "error-image-too-many-pixels"),
        (ImageError::Corrupt, "error-image-corrupt"),
    ];
    for (error, key) in keys {
        assert_eq!(error.key(), key);
        assert_eq!(error.to_string(), key);
    }
}

#[test]
fn generated_banners_are_stable_per_seed() {
    let jardins = generated_banner("jardins-partages", None);
    assert_eq!(sniff(&jardins), Some(ImageKind::Jpeg));
    assert_eq!(load(&jardins, ImageFormat::Jpeg).dimensions(), (1920, 160));
    assert_eq!(jardins, generated_banner("jardins-partages", None));

    let others = [
        generated_banner("cafe-associatif", None),
        generated_banner("jardins-partage", None),
        generated_banner("jardins-partages", Some(200)),
    ];
    for other in &others {
        assert_ne!(&jardins, other);
    }
    assert_eq!(
        generated_banner("x", Some(200)),
        generated_banner("x", Some(560))
    );
}

#[test]
fn generated_banners_are_calm() {
    // No pure black, white or neon: every pixel's lightness and saturation
    // stay in a soft range.
    for seed in ["jardins-partages", "cafe-associatif", "", "🐝"] {
        let banner = load(&generated_banner(seed, None), ImageFormat::Jpeg).into_rgb8();
        for pixel in banner.pixels().step_by(97) {
            let max = *pixel.0.iter().max().expect("3 channels") as f32 / 255.0;
            let min = *pixel.0.iter().min().expect("3 channels") as f32 / 255.0;
            let lightness = (max + min) / 2.0;
            assert!((0.3..=0.8).contains(&lightness), "{seed}: {pixel:?}");
            let saturation = if max == min {
                0.0
            } else {
                (max - min) / (1.0 - (2.0 * lightness - 1.0).abs())
            };
            assert!(saturation <= 0.6, "{seed}: {pixel:?}");
        }
    }
}

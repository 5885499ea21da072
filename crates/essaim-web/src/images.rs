//! Group pictures: banners and logos people upload, and the banners Essaim
//! draws for groups that have none.
//!
//! Pure functions over bytes (no disk): the caller stores what they return.
//! An upload's type is decided from its first bytes only, never from its
//! name or the type the browser claims, and its size in pixels is read from
//! the header before anything is decoded, so a small file that would unpack
//! into gigabytes (a "decompression bomb") is refused without unpacking it.

use std::fmt;
use std::io::Cursor;

use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::{CompressionType, FilterType as PngFilter, PngEncoder};
use image::imageops::{self, FilterType};
use image::{
    DynamicImage, ImageDecoder, ImageFormat, ImageReader, Limits, Rgb, RgbImage, RgbaImage,
};

/// The largest file accepted for a banner or a logo.
pub const MAX_UPLOAD_BYTES: usize = 8 * 1024 * 1024;

/// The largest picture accepted, in pixels (40 megapixels: more than any
/// phone camera, far less than a decompression bomb).
pub const MAX_PIXELS: u64 = 40_000_000;

/// Size of a group's banner, in pixels.
pub const BANNER_WIDTH: u32 = 1920;
/// Size of a group's banner, in pixels.
pub const BANNER_HEIGHT: u32 = 160;

/// A logo fits inside this box, in pixels.
pub const LOGO_MAX_WIDTH: u32 = 400;
/// A logo fits inside this box, in pixels.
pub const LOGO_MAX_HEIGHT: u32 = 200;

/// JPEG quality of banners: no visible loss, a few dozen kilobytes.
const JPEG_QUALITY: u8 = 85;

/// Why a picture was refused; each reason is a translation key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageError {
    /// The file is not a picture at all (a document, a web page…).
    NotAnImage,
    /// A picture, but in a format we do not take (GIF, SVG, HEIC…).
    UnsupportedType,
    /// The file is larger than [`MAX_UPLOAD_BYTES`].
    TooLarge,
    /// The picture has more than [`MAX_PIXELS`] pixels.
    TooManyPixels,
    /// The file looks like a picture but cannot be read (damaged, cut short).
    Corrupt,
}

impl ImageError {
    /// The translation key of the message shown to the person.
    pub fn key(&self) -> &'static str {
        match self {
            ImageError::NotAnImage => "error-image-not-image",
            ImageError::UnsupportedType => "error-image-type",
            ImageError::TooLarge => "error-image-too-large",
            ImageError::TooManyPixels => "error-image-too-many-pixels",
            ImageError::Corrupt => "error-image-corrupt",
        }
    }
}

impl fmt::Display for ImageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl std::error::Error for ImageError {}

/// The picture formats accepted for upload.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    /// PNG.
    Png,
    /// JPEG.
    Jpeg,
    /// WebP.
    Webp,
}

impl ImageKind {
    /// The media type, e.g. for a `Content-Type` header.
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Png => "image/png",
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Webp => "image/webp",
        }
    }

    fn format(self) -> ImageFormat {
        match self {
            ImageKind::Png => ImageFormat::Png,
            ImageKind::Jpeg => ImageFormat::Jpeg,
            ImageKind::Webp => ImageFormat::WebP,
        }
    }
}

/// The format of `bytes` from their first bytes ("magic numbers"); `None`
/// for anything that is not a PNG, JPEG or WebP file.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(ImageKind::Jpeg)
    } else if bytes.len() >= 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some(ImageKind::Webp)
    } else {
        None
    }
}

/// Whether `bytes` look like a picture in a format we do not take, so the
/// person is told "send a PNG, JPEG or WebP" rather than "not a picture".
fn is_other_image(bytes: &[u8]) -> bool {
    let starts = |magic: &[u8]| bytes.starts_with(magic);
    if starts(b"GIF87a")
        || starts(b"GIF89a")
        || starts(b"BM")
        || starts(b"II*\0")
        || starts(b"MM\0*")
        || starts(&[0, 0, 1, 0])
        || starts(b"\xFF\x0A")
        || starts(b"\0\0\0\x0CJXL ")
    {
        return true;
    }
    // HEIC, HEIF and AVIF: an ISO media box "ftyp" with an image brand.
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return matches!(
            &bytes[8..12],
            b"heic" | b"heix" | b"hevc" | b"heim" | b"heis" | b"mif1" | b"msf1" | b"avif" | b"avis"
        );
    }
    // SVG is text: look for its root element near the start.
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    (head.starts_with("<?xml") || head.starts_with("<svg") || head.starts_with("<!--"))
        && head.contains("<svg")
}

/// A group banner from an uploaded picture: scaled to cover 1920×160, the
/// middle kept, as a JPEG.
pub fn banner(bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    let picture = decode(bytes)?;
    let picture = flatten_on_white(picture);
    let (width, height) = picture.dimensions();
    // The largest centred area with the banner's proportions, cropped before
    // scaling: scaling first could make a very thin picture enormous.
    let (crop_width, crop_height) = if u64::from(width) * u64::from(BANNER_HEIGHT)
        > u64::from(height) * u64::from(BANNER_WIDTH)
    {
        let w = u64::from(height) * u64::from(BANNER_WIDTH) / u64::from(BANNER_HEIGHT);
        (narrow(w).clamp(1, width), height)
    } else {
        let h = u64::from(width) * u64::from(BANNER_HEIGHT) / u64::from(BANNER_WIDTH);
        (width, narrow(h).clamp(1, height))
    };
    let area = imageops::crop_imm(
        &picture,
        (width - crop_width) / 2,
        (height - crop_height) / 2,
        crop_width,
        crop_height,
    );
    let resized = resize(&*area, BANNER_WIDTH, BANNER_HEIGHT);
    Ok(encode_jpeg(&resized))
}

/// A group logo from an uploaded picture: fitted inside 400×200 with its
/// proportions kept (never enlarged, never cropped), as a PNG so that
/// transparency survives.
pub fn logo(bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    let picture = decode(bytes)?;
    let (width, height) = (picture.width(), picture.height());
    let (new_width, new_height) = fit_inside(width, height, LOGO_MAX_WIDTH, LOGO_MAX_HEIGHT);
    let mut out = Vec::new();
    let encoder =
        PngEncoder::new_with_quality(&mut out, CompressionType::Best, PngFilter::Adaptive);
    let written = if picture.color().has_alpha() {
        let mut rgba = picture.into_rgba8();
        if (new_width, new_height) != (width, height) {
            // Scaled with premultiplied alpha, so that the colour hidden under
            // transparent pixels (often black) does not bleed into the edges.
            premultiply(&mut rgba);
            rgba = resize(&rgba, new_width, new_height);
            unpremultiply(&mut rgba);
        }
        DynamicImage::ImageRgba8(rgba).write_with_encoder(encoder)
    } else {
        let mut rgb = picture.into_rgb8();
        if (new_width, new_height) != (width, height) {
            rgb = resize(&rgb, new_width, new_height);
        }
        DynamicImage::ImageRgb8(rgb).write_with_encoder(encoder)
    };
    written.map_err(|_| ImageError::Corrupt)?;
    Ok(out)
}

/// Largest thumbnail of an image attached to a wiki page.
pub const THUMB_MAX_WIDTH: u32 = 640;
/// Largest thumbnail height.
pub const THUMB_MAX_HEIGHT: u32 = 480;

/// A thumbnail of an attached picture: fitted inside 640×480 (never
/// enlarged), transparency laid on white, as a JPEG.
pub fn thumbnail(bytes: &[u8]) -> Result<Vec<u8>, ImageError> {
    let picture = flatten_on_white(decode(bytes)?);
    let (width, height) = picture.dimensions();
    let (new_width, new_height) = fit_inside(width, height, THUMB_MAX_WIDTH, THUMB_MAX_HEIGHT);
    if (new_width, new_height) == (width, height) {
        return Ok(encode_jpeg(&picture));
    }
    Ok(encode_jpeg(&resize(&picture, new_width, new_height)))
}

/// A calm banner drawn from `seed` (e.g. the group's short address), for
/// groups without one: a soft diagonal gradient and a few translucent hills
/// and circles. Always the same picture for the same seed and hint;
/// `hue_hint` (0–359, e.g. the instance's accent colour) sets the colour.
pub fn generated_banner(seed: &str, hue_hint: Option<u16>) -> Vec<u8> {
    encode_jpeg(&draw_banner(seed, hue_hint))
}

/// Reads an uploaded picture after checking its size, type and pixel count.
fn decode(bytes: &[u8]) -> Result<DynamicImage, ImageError> {
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(ImageError::TooLarge);
    }
    let Some(kind) = sniff(bytes) else {
        return Err(if is_other_image(bytes) {
            ImageError::UnsupportedType
        } else {
            ImageError::NotAnImage
        });
    };
    let reader = || {
        let mut reader = ImageReader::with_format(Cursor::new(bytes), kind.format());
        reader.limits(decode_limits());
        reader
    };
    // The header alone says how big the picture is: check before decoding.
    let (width, height) = reader().into_dimensions().map_err(image_error)?;
    if u64::from(width) * u64::from(height) > MAX_PIXELS {
        return Err(ImageError::TooManyPixels);
    }
    let mut decoder = reader().into_decoder().map_err(image_error)?;
    // Phones store photos sideways with a note to turn them: follow it. A
    // note that cannot be read is ignored, the picture itself is fine.
    let orientation = decoder.orientation().ok();
    let mut picture = DynamicImage::from_decoder(decoder).map_err(image_error)?;
    if let Some(orientation) = orientation {
        picture.apply_orientation(orientation);
    }
    Ok(picture)
}

/// Decoder limits matching [`MAX_PIXELS`], as a second guard.
fn decode_limits() -> Limits {
    let mut limits = Limits::default();
    // Four 16-bit channels per pixel at most, plus the decoder's own buffers.
    limits.max_alloc = Some(MAX_PIXELS * 8 + 64 * 1024 * 1024);
    limits
}

fn image_error(error: image::ImageError) -> ImageError {
    match error {
        image::ImageError::Limits(_) => ImageError::TooManyPixels,
        image::ImageError::Unsupported(_) => ImageError::UnsupportedType,
        _ => ImageError::Corrupt,
    }
}

/// Drops transparency for a JPEG, as if the picture lay on a white page.
fn flatten_on_white(picture: DynamicImage) -> RgbImage {
    if !picture.color().has_alpha() {
        return picture.into_rgb8();
    }
    let rgba = picture.into_rgba8();
    let mut rgb = RgbImage::new(rgba.width(), rgba.height());
    for (out, pixel) in rgb.pixels_mut().zip(rgba.pixels()) {
        let [r, g, b, a] = pixel.0;
        let over_white = |c: u8| {
            let a = u32::from(a);
            ((u32::from(c) * a + 255 * (255 - a) + 127) / 255) as u8
        };
        *out = Rgb([over_white(r), over_white(g), over_white(b)]);
    }
    rgb
}

fn premultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let a = u32::from(pixel.0[3]);
        for c in &mut pixel.0[..3] {
            *c = ((u32::from(*c) * a + 127) / 255) as u8;
        }
    }
}

fn unpremultiply(image: &mut RgbaImage) {
    for pixel in image.pixels_mut() {
        let a = u32::from(pixel.0[3]);
        if a == 0 {
            continue;
        }
        for c in &mut pixel.0[..3] {
            *c = ((u32::from(*c) * 255 + a / 2) / a).min(255) as u8;
        }
    }
}

/// Scales to exactly `width`×`height` with a sharp filter (Lanczos3); a big
/// reduction first averages down to twice the target, which is as good and
/// much faster than Lanczos over millions of pixels.
fn resize<I, P>(image: &I, width: u32, height: u32) -> image::ImageBuffer<P, Vec<u8>>
where
    I: image::GenericImageView<Pixel = P>,
    P: image::Pixel<Subpixel = u8> + 'static,
{
    let (source_width, source_height) = image.dimensions();
    if source_width >= width.saturating_mul(3) && source_height >= height.saturating_mul(3) {
        let halfway = imageops::thumbnail(image, width * 2, height * 2);
        imageops::resize(&halfway, width, height, FilterType::Lanczos3)
    } else {
        imageops::resize(image, width, height, FilterType::Lanczos3)
    }
}

/// The size of a `width`×`height` picture fitted inside `max_width`×
/// `max_height`, proportions kept, never enlarged, at least 1×1.
fn fit_inside(width: u32, height: u32, max_width: u32, max_height: u32) -> (u32, u32) {
    if width <= max_width && height <= max_height {
        return (width, height);
    }
    let scale = f64::min(
        f64::from(max_width) / f64::from(width),
        f64::from(max_height) / f64::from(height),
    );
    let scaled = |side: u32, max: u32| ((f64::from(side) * scale).round() as u32).clamp(1, max);
    (scaled(width, max_width), scaled(height, max_height))
}

fn narrow(value: u64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

fn encode_jpeg(image: &RgbImage) -> Vec<u8> {
    let mut out = Vec::with_capacity(64 * 1024);
    let encoder = JpegEncoder::new_with_quality(&mut out, JPEG_QUALITY);
    // Encoding 8-bit RGB of at most 1920 pixels a side into memory has no
    // failure case (JPEG's limit is 65535 a side); an empty result would
    // show as a missing picture rather than take the page down.
    if image.write_with_encoder(encoder).is_err() {
        return Vec::new();
    }
    out
}

// ---------------------------------------------------------------------------
// Generated banners
// ---------------------------------------------------------------------------

/// A small deterministic random source (SplitMix64), so that the same seed
/// always draws the same banner.
struct Dice(u64);

impl Dice {
    fn new(seed: &str) -> Self {
        // FNV-1a: a simple, stable hash of the seed.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in seed.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        Dice(hash)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A number in `[low, high)`.
    fn between(&mut self, low: f32, high: f32) -> f32 {
        let unit = (self.next() >> 40) as f32 / (1u64 << 24) as f32;
        low + unit * (high - low)
    }
}

/// A colour from hue (degrees), saturation and lightness (0–1), as linear
/// 0–255 floats.
fn hsl(hue: f32, saturation: f32, lightness: f32) -> [f32; 3] {
    let hue = hue.rem_euclid(360.0) / 60.0;
    let chroma = (1.0 - (2.0 * lightness - 1.0).abs()) * saturation;
    let x = chroma * (1.0 - (hue % 2.0 - 1.0).abs());
    let (r, g, b) = match hue as u32 {
        0 => (chroma, x, 0.0),
        1 => (x, chroma, 0.0),
        2 => (0.0, chroma, x),
        3 => (0.0, x, chroma),
        4 => (x, 0.0, chroma),
        _ => (chroma, 0.0, x),
    };
    let m = lightness - chroma / 2.0;
    [(r + m) * 255.0, (g + m) * 255.0, (b + m) * 255.0]
}

/// 0 below `edge - width`, 1 above `edge + width`, smooth in between: soft,
/// anti-aliased edges.
fn smooth_edge(value: f32, edge: f32, width: f32) -> f32 {
    let t = ((value - edge + width) / (2.0 * width)).clamp(0.0, 1.0);
    t * t * (3.0 - 2.0 * t)
}

/// A translucent hill across the banner: the area under a gentle wave.
struct Hill {
    base: f32,
    amplitude: f32,
    wavelength: f32,
    phase: f32,
    colour: [f32; 3],
    opacity: f32,
}

/// A translucent disc.
struct Disc {
    x: f32,
    y: f32,
    radius: f32,
    colour: [f32; 3],
    opacity: f32,
}

fn draw_banner(seed: &str, hue_hint: Option<u16>) -> RgbImage {
    let (width, height) = (BANNER_WIDTH as f32, BANNER_HEIGHT as f32);
    let mut dice = Dice::new(seed);
    let hue = match hue_hint {
        Some(hue) => f32::from(hue % 360),
        None => (dice.next() % 360) as f32,
    };
    // Two neighbouring hues: the gradient stays calm, never a rainbow.
    let turn = if dice.next() & 1 == 0 { 1.0 } else { -1.0 };
    // Greens and yellows look louder than blues at the same saturation.
    let tame = if (50.0..170.0).contains(&hue) {
        0.85
    } else {
        1.0
    };
    let start = hsl(
        hue,
        tame * dice.between(0.36, 0.44),
        dice.between(0.60, 0.65),
    );
    let end = hsl(
        hue + turn * dice.between(28.0, 42.0),
        tame * dice.between(0.40, 0.50),
        dice.between(0.46, 0.52),
    );
    let light = hsl(hue, 0.45, 0.92);
    let deep = hsl(hue + turn * 40.0, 0.42, 0.36);

    let hills: Vec<Hill> = (0..3)
        .map(|i| {
            let i = i as f32;
            Hill {
                base: height * (0.52 + 0.16 * i) + dice.between(-8.0, 8.0),
                amplitude: dice.between(8.0, 22.0) - 3.0 * i,
                wavelength: dice.between(650.0, 1300.0),
                phase: dice.between(0.0, std::f32::consts::TAU),
                colour: if i < 1.0 { light } else { deep },
                opacity: if i < 1.0 {
                    dice.between(0.12, 0.18)
                } else {
                    dice.between(0.08, 0.13)
                },
            }
        })
        .collect();
    let disc_count = 3 + dice.next() % 3;
    let discs: Vec<Disc> = (0..disc_count)
        .map(|i| {
            // Spread across the width, a little off a regular grid.
            let slot = width / disc_count as f32;
            Disc {
                x: slot * (i as f32 + dice.between(0.15, 0.85)),
                y: dice.between(-0.25, 1.1) * height,
                radius: dice.between(30.0, 120.0),
                colour: light,
                opacity: dice.between(0.07, 0.14),
            }
        })
        .collect();

    // The gradient runs along a diagonal leaning towards the lower right.
    let slope = 5.0;
    let span = width + slope * height;
    RgbImage::from_fn(BANNER_WIDTH, BANNER_HEIGHT, |px, py| {
        let (x, y) = (px as f32 + 0.5, py as f32 + 0.5);
        let t = smooth_edge((x + slope * y) / span, 0.5, 0.5);
        let mut colour = [0.0f32; 3];
        for (c, (a, b)) in colour.iter_mut().zip(start.iter().zip(end.iter())) {
            *c = a + (b - a) * t;
        }
        let mut blend = |over: [f32; 3], amount: f32| {
            for (c, o) in colour.iter_mut().zip(over.iter()) {
                *c += (o - *c) * amount;
            }
        };
        for disc in &discs {
            let distance = ((x - disc.x).powi(2) + (y - disc.y).powi(2)).sqrt();
            let inside = 1.0 - smooth_edge(distance, disc.radius, 1.0);
            if inside > 0.0 {
                blend(disc.colour, inside * disc.opacity);
            }
        }
        for hill in &hills {
            let crest = hill.base
                + hill.amplitude * (x / hill.wavelength * std::f32::consts::TAU + hill.phase).sin();
            let below = smooth_edge(y, crest, 1.0);
            if below > 0.0 {
                blend(hill.colour, below * hill.opacity);
            }
        }
        // A whisper of fixed noise keeps the gradient from showing steps.
        let noise = {
            let mut n = (px.wrapping_mul(0x9E37_79B1) ^ py.wrapping_mul(0x85EB_CA6B)) as u64;
            n = (n ^ (n >> 15)).wrapping_mul(0x2C1B_3C6D);
            ((n >> 8) & 0xFF) as f32 / 255.0 - 0.5
        };
        Rgb(colour.map(|c| (c + noise).round().clamp(0.0, 255.0) as u8))
    })
}

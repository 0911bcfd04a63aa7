//! Pictures people upload (an avatar, an attached image): recognised by their content (never by
//! their name or the type a client claims), decoded within limits, and what is kept encoded
//! again by this code as a JPEG, so no uploaded byte is ever shown as it came.

use std::io::Cursor;

use image::{DynamicImage, ImageFormat, ImageReader, Limits, RgbImage};

use crate::error::Issue;

/// Larger images are refused before they are decoded (a small file can claim huge sides).
const MAX_SIDE: u32 = 8192;
/// The most memory one decode may take.
const MAX_ALLOC: u64 = 256 * 1024 * 1024;

/// The PNG, JPEG or WebP image in `bytes`: `ImageUnsupported` for anything else,
/// `ImageUnreadable` for one that is damaged or too large to decode.
pub fn decode(bytes: &[u8]) -> Result<DynamicImage, Issue> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|_| Issue::ImageUnsupported)?;
    if !matches!(
        reader.format(),
        Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)
    ) {
        return Err(Issue::ImageUnsupported);
    }
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    reader.limits(limits);
    reader.decode().map_err(|_| Issue::ImageUnreadable)
}

/// Whether a file of `content_type` (as `infer` names it) is one [`decode`] reads.
pub fn is_decodable(content_type: &str) -> bool {
    matches!(content_type, "image/png" | "image/jpeg" | "image/webp")
}

/// `image` as a JPEG of `quality`; JPEG has no transparency, so see-through parts go on white.
pub fn jpeg_on_white(image: &DynamicImage, quality: u8) -> Result<Vec<u8>, image::ImageError> {
    let rgba = image.to_rgba8();
    let flat = RgbImage::from_fn(rgba.width(), rgba.height(), |x, y| {
        let [r, g, b, a] = rgba.get_pixel(x, y).0;
        let over_white = |channel: u8| {
            let alpha = u16::from(a);
            ((u16::from(channel) * alpha + 255 * (255 - alpha)) / 255) as u8
        };
        image::Rgb([over_white(r), over_white(g), over_white(b)])
    });
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality).encode_image(&flat)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png(width: u32, height: u32, pixel: [u8; 4]) -> Vec<u8> {
        let image = image::RgbaImage::from_pixel(width, height, image::Rgba(pixel));
        let mut out = Vec::new();
        DynamicImage::ImageRgba8(image)
            .write_to(&mut Cursor::new(&mut out), ImageFormat::Png)
            .unwrap();
        out
    }

    #[test]
    fn pictures_are_recognised_by_content_and_kept_as_jpeg_on_white() {
        let image = decode(&png(4, 2, [0, 0, 0, 0])).unwrap();
        assert_eq!((image.width(), image.height()), (4, 2));
        let jpeg = jpeg_on_white(&image, 90).unwrap();
        let back = image::load_from_memory_with_format(&jpeg, ImageFormat::Jpeg)
            .unwrap()
            .to_rgb8();
        assert!(back.pixels().all(|pixel| pixel.0.iter().all(|&c| c > 245)));
        assert_eq!(decode(b"GIF89a not ours"), Err(Issue::ImageUnsupported));
        assert_eq!(decode(b"plain text"), Err(Issue::ImageUnsupported));
        let mut cut = png(4, 4, [1, 2, 3, 255]);
        cut.truncate(40);
        assert_eq!(decode(&cut), Err(Issue::ImageUnreadable));
    }
}

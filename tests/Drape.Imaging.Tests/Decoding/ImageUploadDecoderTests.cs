using Drape.Errors;
using Drape.Imaging.Decoding;
using SkiaSharp;

namespace Drape.Imaging.Tests.Decoding;

public class ImageUploadDecoderTests
{
    private static readonly ImageLimits Limits = new();

    [Theory]
    [InlineData("person/full/man-suit-studio.jpg", "image/jpeg", 399, 640)]
    [InlineData("person/upper/woman-business.png", "image/png", 958, 1358)]
    [InlineData("garment/upper/hoodie-black.png", "image/png", 1360, 1190)]
    public void Fixtures_decode_upright_with_their_size(string fixture, string type, int width, int height)
    {
        using var image = ImageUploadDecoder.Decode(Fixtures.Bytes(fixture), type, "person_image", Limits);
        Assert.Equal((width, height), (image.Width, image.Height));
        Assert.Equal(SKColorType.Rgba8888, image.Bitmap.ColorType);
        Assert.Equal(SKAlphaType.Unpremul, image.Bitmap.AlphaType);
    }

    [Fact]
    public void Webp_round_trips()
    {
        using var source = Fixtures.Load("person/face/man-dark-skin.jpg");
        var webp = ImageEncoding.EncodeWebp(source);
        using var image = ImageUploadDecoder.Decode(webp, "image/webp", "image", Limits);
        Assert.Equal(ImageFormatKind.Webp, image.Format);
        Assert.Equal(source.Width, image.Width);
    }

    [Theory]
    [InlineData("image/gif")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public void Types_off_the_allow_list_are_415(string? type)
    {
        var error = Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode(Fixtures.Bytes("person/face/man-dark-skin.jpg"), type, "person_image", Limits));
        Assert.Equal((ErrorCodes.UnsupportedType, 415), (error.ErrorCode, error.Status));
        Assert.Equal("person_image", error.Details!["field"]);
    }

    [Fact]
    public void A_text_file_named_like_a_photo_is_400()
    {
        var error = Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode("just some text, not a photo"u8.ToArray(), "image/jpeg", "person_image", Limits));
        Assert.Equal((ErrorCodes.ContentMismatch, 400), (error.ErrorCode, error.Status));
        Assert.Contains("not an image", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_png_declared_as_jpeg_is_400_and_says_what_it_is()
    {
        var error = Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode(Fixtures.Bytes("garment/upper/tee-white.png"), "image/jpeg", "garment_image", Limits));
        Assert.Equal(ErrorCodes.ContentMismatch, error.ErrorCode);
        Assert.Contains("PNG", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_jpeg_is_400()
    {
        var jpeg = Fixtures.Bytes("person/full/man-polo-shorts.jpg");
        var error = Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode(jpeg[..(jpeg.Length / 2)], "image/jpeg", "person_image", Limits));
        Assert.Equal((ErrorCodes.ContentMismatch, 400), (error.ErrorCode, error.Status));
    }

    [Fact]
    public void An_empty_file_is_400() =>
        Assert.Equal(400, Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode([], "image/png", "person_image", Limits)).Status);

    [Fact]
    public void A_decompression_bomb_is_refused_from_its_header()
    {
        var bomb = TestImages.PngBomb(20000, 20000);
        Assert.True(bomb.Length < 2048);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode(bomb, "image/png", "person_image", Limits));
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 10_000_000);
        Assert.Equal((ErrorCodes.ContentMismatch, 400), (error.ErrorCode, error.Status));
        Assert.Equal(20000, error.Details!["width"]);
    }

    [Fact]
    public void A_side_over_the_limit_is_refused() =>
        Assert.Equal(400, Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode(TestImages.PngBomb(9000, 10), "image/png", "person_image", Limits)).Status);

    [Fact]
    public void Over_the_byte_limit_is_413()
    {
        var error = Assert.Throws<DrapeException>(() => ImageUploadDecoder.Decode(new byte[11 * 1024 * 1024], "image/jpeg", "person_image", Limits));
        Assert.Equal((ErrorCodes.FileTooLarge, 413), (error.ErrorCode, error.Status));
        Assert.Equal(10L * 1024 * 1024, error.Details!["limit_bytes"]);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(8)]
    [InlineData(3)]
    public void Exif_orientation_is_applied(ushort orientation)
    {
        using var wide = Fixtures.Solid(40, 20, SKColors.White);
        for (var x = 0; x < 10; x++)
        {
            for (var y = 0; y < 20; y++)
            {
                wide.SetPixel(x, y, SKColors.Red); // red band on the left
            }
        }

        var jpeg = TestImages.WithExifOrientation(ImageEncoding.EncodeJpeg(wide, 95), orientation);
        using var image = ImageUploadDecoder.Decode(jpeg, "image/jpeg", "person_image", Limits);
        var swapped = orientation is 6 or 8;
        Assert.Equal(swapped ? (20, 40) : (40, 20), (image.Width, image.Height));
        // 6 = rotate 90° clockwise: the left band ends on top; 8 = counter-clockwise: at the bottom; 3 = 180°: on the right.
        var (rx, ry) = orientation switch { 6 => (10, 2), 8 => (10, 37), _ => (37, 10) };
        Assert.True(image.Bitmap.GetPixel(rx, ry).Red > 200 && image.Bitmap.GetPixel(rx, ry).Green < 80, $"expected red at ({rx},{ry})");
    }
}

public class ImageInspectTests
{
    [Fact]
    public void Inspect_reads_the_header_without_pixels_and_catches_truncation()
    {
        var jpeg = Fixtures.Bytes("person/full/man-polo-shorts.jpg");
        var header = ImageUploadDecoder.Inspect(jpeg, "image/jpeg", "person_image", new ImageLimits());
        Assert.Equal((ImageFormatKind.Jpeg, 959, 1024, "jpg"), (header.Format, header.Width, header.Height, header.Extension));
        Assert.Throws<DrapeException>(() => ImageUploadDecoder.Inspect(jpeg[..^4000], "image/jpeg", "person_image", new ImageLimits()));
        var png = Fixtures.Bytes("garment/upper/tee-white.png");
        Assert.Throws<DrapeException>(() => ImageUploadDecoder.Inspect(png[..(png.Length - 100)], "image/png", "garment_image", new ImageLimits()));
    }

    [Fact]
    public void Inspect_reports_the_upright_size_of_a_rotated_photo()
    {
        using var wide = Fixtures.Solid(40, 20, SKColors.White);
        var jpeg = TestImages.WithExifOrientation(ImageEncoding.EncodeJpeg(wide, 95), 6);
        var header = ImageUploadDecoder.Inspect(jpeg, "image/jpeg", "person_image", new ImageLimits());
        Assert.Equal((20, 40), (header.Width, header.Height));
    }
}

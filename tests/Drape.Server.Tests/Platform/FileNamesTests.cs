using Drape.Errors;
using Drape.Server.Uploads;

namespace Drape.Server.Tests.Platform;

public class FileNamesTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\system32\\cmd.exe", "cmd.exe")]
    [InlineData("photo.jpg", "photo.jpg")]
    [InlineData("my photo (1).png", "my photo _1_.png")]
    [InlineData("bad\u0000name\u001f.png", "badname.png")]
    [InlineData(null, "upload")]
    [InlineData("", "upload")]
    public void Sanitize_keeps_only_a_safe_last_segment(string? given, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(given));

    [Theory]
    [InlineData("..")]
    [InlineData("../..")]
    [InlineData("\u0001\u0002")]
    [InlineData("%%%")]
    public void A_name_with_nothing_usable_is_VAL_2005(string given)
    {
        var error = Assert.Throws<DrapeException>(() => FileNames.SanitizeOrThrow(given, "person_image"));
        Assert.Equal(ErrorCodes.InvalidFilename, error.ErrorCode);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void Long_names_are_cut_to_100_characters() =>
        Assert.Equal(100, FileNames.Sanitize(new string('a', 500) + ".png")!.Length);
}

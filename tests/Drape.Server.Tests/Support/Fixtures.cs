using System.Net.Http.Headers;

namespace Drape.Server.Tests.Support;

internal static class Fixtures
{
    public const string Person = "person/upper/woman-business.png";
    public const string PersonSmall = "person/full/man-suit-studio.jpg";
    public const string Garment = "garment/upper/tee-blue.png";
    public const string GarmentSmall = "garment/upper/tee-white.png";

    public static byte[] Bytes(string relative) => Drape.Testing.TestAssets.FixtureBytes(relative);

    public static ByteArrayContent File(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    public static string TypeOf(string relative) => relative.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg";

    /// <summary>A try-on form with a person and a garment fixture and any extra text fields.</summary>
    public static MultipartFormDataContent TryOnForm(string person = PersonSmall, string garment = GarmentSmall, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent
        {
            { File(Bytes(person), TypeOf(person)), "person_image", Path.GetFileName(person) },
            { File(Bytes(garment), TypeOf(garment)), "garment_image", Path.GetFileName(garment) },
        };
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        return form;
    }
}

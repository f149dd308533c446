using System.Net.Http.Headers;
using System.Text;
using Drape.Server.Engines.Oip;
using Drape.Testing;
using Drape.Imaging.Processing;

namespace Drape.Server.Tests.Inference;

internal static class OipRequests
{
    /// <summary>A person photo scaled to MoveNet Lightning's input, as INT32 [1, 192, 192, 3].</summary>
    public static OipTensor MoveNetInput(string fixture = Support.Fixtures.PersonSmall)
    {
        using var image = TestAssets.LoadFixture(fixture);
        using var input = ImageResize.Resize(image, 192, 192);
        var pixels = input.GetPixelSpan();
        var data = new int[192 * 192 * 3];
        for (int i = 0, t = 0; t < data.Length; i += 4, t += 3)
        {
            data[t] = pixels[i];
            data[t + 1] = pixels[i + 1];
            data[t + 2] = pixels[i + 2];
        }

        return new OipTensor("input", OipDatatypes.Int32, [1, 192, 192, 3], data);
    }

    public static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    public static HttpContent Body(OipInferRequest request, bool binary)
    {
        var (body, headerLength) = OipWire.WriteRequest(request, binary);
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(headerLength is null ? "application/json" : "application/octet-stream");
        if (headerLength is { } length)
        {
            content.Headers.Add(OipWire.HeaderLength, length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return content;
    }

    public static async Task<OipInferResponse> ReadAsync(HttpResponseMessage response)
    {
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var header = response.Headers.TryGetValues(OipWire.HeaderLength, out var values) || response.Content.Headers.TryGetValues(OipWire.HeaderLength, out values)
            ? int.Parse(values.First(), System.Globalization.CultureInfo.InvariantCulture)
            : (int?)null;
        return OipWire.ReadResponse(bytes, header);
    }
}

using Drape.Imaging.Decoding;
using Drape.Server.Errors;
using Drape.Server.Features.TryOn;
using Drape.Server.Uploads;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Analysis;

/// <summary>Reads the one-field multipart body of the analysis endpoints: <c>image</c>, validated like every upload.</summary>
public sealed class AnalysisImageReader(MultipartFormReader forms, IOptions<UploadOptions> uploads)
{
    /// <summary>The image, checked and decoded upright (corrupt data is 400 <c>VAL_2004</c>).</summary>
    public async Task<DecodedImage> ReadDecodedAsync(HttpRequest request, CancellationToken cancellationToken) =>
        (await ReadAsync(request, cancellationToken)).Decode(uploads.Value.Limits);

    public async Task<ValidatedImage> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var form = await forms.ReadAsync(request, 1, cancellationToken);
        var errors = new Validation();
        errors.RejectUnknown(form.Names, ["image"]);

        if (form.File("image") is null)
        {
            errors.Add("image", form.Field("image") is null ? "is required" : "must be a file");
        }

        errors.ThrowIfInvalid();
        var file = form.File("image")!;
        return new ValidatedImage("image", file.Data, ImageUploadDecoder.Inspect(file.Data, file.ContentType, "image", uploads.Value.Limits));
    }
}

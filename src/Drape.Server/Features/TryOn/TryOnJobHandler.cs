using System.Text.Json;
using Drape.Errors;
using Drape.Imaging.Decoding;
using Drape.Server.Data;
using Drape.Server.Jobs;
using Drape.Server.Storage;
using Drape.Server.Uploads;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.TryOn;

/// <summary>Runs a try-on session: loads its two stored images, runs the engine, stores the result.</summary>
public sealed class TryOnJobHandler(TryOnRunner runner, IBlobStore blobs, IOptions<UploadOptions> uploads) : IJobHandler
{
    public string Kind => JobKinds.TryOn;

    public async Task<string> RunAsync(Job job, IProgress<int> progress, CancellationToken cancellationToken)
    {
        var input = JsonSerializer.Deserialize<TryOnJobInput>(job.Input, SessionViews.Json)!;
        using var person = await LoadAsync(input.PersonKey, "person_image", cancellationToken);
        using var garment = await LoadAsync(input.GarmentKey, "garment_image", cancellationToken);
        progress.Report(5);
        using var outcome = await runner.RunAsync(input.Engine, person.Bitmap, garment.Bitmap, TryOnCategories.Parse(input.Category), input.Seed, input.Description,
            BlobKeys.JobFile(job.Id, "result.png"), new JobLease(job.Id, job.LeaseOwner!), job.UserId, progress, cancellationToken, input.GarmentId, input.AvatarId);
        return JsonSerializer.Serialize(outcome.Output, SessionViews.Json);
    }

    private async Task<DecodedImage> LoadAsync(string key, string field, CancellationToken cancellationToken)
    {
        var data = await blobs.ReadAllBytesAsync(key, cancellationToken)
            ?? throw new DrapeException(ErrorCodes.Storage, 500, $"The stored {field} of this session is missing.");
        return ImageUploadDecoder.Decode(data, BlobKeys.ContentTypeFor(key), field, uploads.Value.Limits);
    }
}

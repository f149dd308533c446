using Drape.Server.Data;
using Drape.Server.Jobs;
using Drape.Server.Storage;
using Drape.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Drape.Server.Tests.Jobs;

public sealed class CleanupTests
{
    [Fact]
    public async Task Expired_sessions_go_with_their_blobs_orphans_go_and_fresh_work_stays()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" }, services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(time);
            // No background loop: with the clock jumped, a blob written a moment ago looks a day old, and a loop round
            // between a request's blob write and its row insert would rightly call it an orphan.
            // The same for the health sampler, whose storage probe writes a temp blob. (Both are factory-made hosted
            // services; with no workers the job loop idles.)
            Type[] registrations = [typeof(JobsRegistration), typeof(Drape.Server.Features.Health.HealthApi)];
            foreach (var loop in services.Where(d => d.ServiceType == typeof(IHostedService) && registrations.Contains(d.ImplementationFactory?.Method.DeclaringType?.DeclaringType)).ToList())
            {
                services.Remove(loop);
            }
        });
        var client = factory.CreateClient();
        using var old = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        var oldId = Guid.Parse((string)(await old.ReadObjectAsync())["id"]!);
        await factory.Blobs.PutAsync(BlobKeys.Temp(Guid.NewGuid(), "upload.png"), new byte[] { 1, 2, 3 }, "image/png", default);
        var orphanJob = Guid.CreateVersion7();
        await factory.Blobs.PutAsync(BlobKeys.JobFile(orphanJob, "person.png"), new byte[] { 1 }, "image/png", default);

        time.Advance(TimeSpan.FromHours(25));
        SetAllFileTimes(factory.BlobsDir, time.GetUtcNow().UtcDateTime.AddHours(-2)); // the blobs are as old as the clock says
        using var fresh = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        var freshId = Guid.Parse((string)(await fresh.ReadObjectAsync())["id"]!);

        var report = await factory.Service<CleanupService>().RunOnceAsync(sweepExpired: true, default);
        Assert.Equal((1, 0), (report.ExpiredJobs, report.ExpiredResults));
        Assert.Equal(2, report.OrphanBlobs); // the temp upload and the orphan job's file
        Assert.Equal(new CleanupService.Report(0, 0, 0), await factory.Service<CleanupService>().RunOnceAsync(sweepExpired: true, default));
        var remaining = await factory.DbAsync(db => db.Jobs.Select(j => j.Id).ToListAsync());
        Assert.Equal([freshId], remaining);
        Assert.False(Directory.Exists(Path.Combine(factory.BlobsDir, "jobs", oldId.ToString("N"))));
        Assert.False(Directory.Exists(Path.Combine(factory.BlobsDir, "jobs", orphanJob.ToString("N"))));
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(factory.BlobsDir, "jobs", freshId.ToString("N"))));
        Assert.DoesNotContain(factory.BlobFiles(), f => Path.GetRelativePath(factory.BlobsDir, f).StartsWith(BlobKeys.TempPrefix, StringComparison.Ordinal));
    }

    private static void SetAllFileTimes(string folder, DateTime utc)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, utc);
        }
    }
}

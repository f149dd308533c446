using Drape.Server.Data;
using Drape.Server.Storage;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.Wardrobe;

/// <summary>What <c>DELETE /api/v1/users/me</c> erased, by kind.</summary>
public sealed record ErasureReport(int Garments, int Avatars, int TryOnResults, int Sessions, int WebhookDeliveries, int Preferences, int Blobs);

/// <summary>
/// Erases every row and blob of one user: garments, avatars, try-on results (history), sessions and their webhook
/// deliveries, preferences. Rows go first (in one transaction), then their blobs, so no row is ever left pointing at a
/// missing blob; a blob whose delete fails is an orphan for <c>drape storage check</c>.
/// </summary>
public sealed class UserDataEraser(DrapeDbContext db, IBlobStore blobs, ILogger<UserDataEraser> logger)
{
    public async Task<ErasureReport> EraseAsync(string userId, CancellationToken cancellationToken)
    {
        var garments = await db.Garments.Where(g => g.UserId == userId).Select(g => g.Id).ToListAsync(cancellationToken);
        var avatars = await db.Avatars.Where(a => a.UserId == userId).Select(a => a.Id).ToListAsync(cancellationToken);
        var results = await db.TryOnResults.Where(r => r.UserId == userId).Select(r => new { r.Id, r.ResultBlobKey }).ToListAsync(cancellationToken);
        var jobs = await db.Jobs.Where(j => j.UserId == userId).Select(j => j.Id).ToListAsync(cancellationToken);

        int deliveries, preferences;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            deliveries = await db.WebhookDeliveries.Where(d => jobs.Contains(d.JobId)).ExecuteDeleteAsync(cancellationToken);
            await db.TryOnResults.Where(r => r.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.Jobs.Where(j => j.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.Garments.Where(g => g.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await db.Avatars.Where(a => a.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            preferences = await db.UserPreferences.Where(p => p.UserId == userId).ExecuteDeleteAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        var blobCount = 0;
        foreach (var prefix in garments.Select(BlobKeys.GarmentFolder).Concat(avatars.Select(BlobKeys.AvatarFolder)).Concat(jobs.Select(BlobKeys.JobFolder)))
        {
            blobCount += await DeleteAsync(() => blobs.DeletePrefixAsync(prefix, CancellationToken.None));
        }

        foreach (var result in results)
        {
            blobCount += await DeleteAsync(async () => await blobs.DeleteAsync(result.ResultBlobKey, CancellationToken.None) ? 1 : 0);
        }

        logger.LogInformation("Erased user data: {Garments} garments, {Avatars} avatars, {Results} results, {Sessions} sessions, {Blobs} blobs",
            garments.Count, avatars.Count, results.Count, jobs.Count, blobCount);
        return new ErasureReport(garments.Count, avatars.Count, results.Count, jobs.Count, deliveries, preferences, blobCount);
    }

    private async Task<int> DeleteAsync(Func<Task<int>> delete)
    {
        try
        {
            return await delete();
        }
        catch (IOException e)
        {
            logger.LogWarning(e, "A blob could not be deleted; `drape storage check` will find it");
            return 0;
        }
    }
}

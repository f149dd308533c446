using Drape.Server.Data;
using Drape.Server.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Drape.Server.Storage;

/// <summary>One inconsistency: a row pointing at a missing blob, or a blob no row points at.</summary>
public sealed record StorageProblem(string Kind, string Subject, string Detail);

public sealed record StorageReport(int RowsChecked, int BlobsChecked, IReadOnlyList<StorageProblem> Problems, int Repaired);

/// <summary>
/// <c>drape storage check [--repair]</c>: every row's blobs exist, and every blob under the owned prefixes (garments,
/// avatars, results, catalogue, job folders) belongs to a row. Repair deletes rows whose files are gone (a catalogue
/// product only loses its image) and orphaned blobs. Blobs younger than <c>TempUploadMinutes</c> are left alone: an
/// upload writes its files before its row. A garment or avatar removed by repair takes its remaining files with it.
/// </summary>
public sealed class StorageCheck(DrapeDbContext db, IBlobStore blobs, IOptions<JobOptions> jobs, TimeProvider time)
{
    public async Task<StorageReport> RunAsync(bool repair, CancellationToken cancellationToken)
    {
        var problems = new List<StorageProblem>();
        var repaired = 0;
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var existing = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var prefix in new[] { BlobKeys.GarmentsPrefix, BlobKeys.AvatarsPrefix, BlobKeys.ResultsPrefix, BlobKeys.CatalogPrefix, BlobKeys.JobsPrefix })
        {
            await foreach (var blob in blobs.ListAsync(prefix, cancellationToken))
            {
                existing[blob.Key] = blob.LastModified;
            }
        }

        var rows = 0;
        foreach (var garment in await db.Garments.ToListAsync(cancellationToken))
        {
            rows++;
            string[] keys = [garment.OriginalKey, garment.CutoutKey, garment.ThumbnailKey];
            referenced.UnionWith(keys);
            if (keys.FirstOrDefault(k => !existing.ContainsKey(k)) is { } missing)
            {
                problems.Add(new StorageProblem("missing_blob", $"garment {garment.Id}", missing));
                if (repair)
                {
                    db.Garments.Remove(garment);
                    await db.SaveChangesAsync(cancellationToken);
                    await blobs.DeletePrefixAsync(BlobKeys.GarmentFolder(garment.Id), cancellationToken);
                    repaired++;
                }
            }
        }

        foreach (var avatar in await db.Avatars.ToListAsync(cancellationToken))
        {
            rows++;
            string[] keys = [avatar.ImageKey, avatar.ThumbnailKey];
            referenced.UnionWith(keys);
            if (keys.FirstOrDefault(k => !existing.ContainsKey(k)) is { } missing)
            {
                problems.Add(new StorageProblem("missing_blob", $"avatar {avatar.Id}", missing));
                if (repair)
                {
                    db.Avatars.Remove(avatar);
                    await db.SaveChangesAsync(cancellationToken);
                    await blobs.DeletePrefixAsync(BlobKeys.AvatarFolder(avatar.Id), cancellationToken);
                    repaired++;
                }
            }
        }

        foreach (var result in await db.TryOnResults.ToListAsync(cancellationToken))
        {
            rows++;
            referenced.Add(result.ResultBlobKey);
            if (!existing.ContainsKey(result.ResultBlobKey))
            {
                problems.Add(new StorageProblem("missing_blob", $"try-on result {result.Id}", result.ResultBlobKey));
                if (repair)
                {
                    db.TryOnResults.Remove(result);
                    repaired++;
                }
            }
        }

        foreach (var product in await db.CatalogProducts.Where(p => p.ImageKey != null).ToListAsync(cancellationToken))
        {
            rows++;
            referenced.Add(product.ImageKey!);
            if (!existing.ContainsKey(product.ImageKey!))
            {
                problems.Add(new StorageProblem("missing_blob", $"catalogue product {product.Sku}", product.ImageKey!));
                if (repair)
                {
                    product.ImageKey = null;
                    repaired++;
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        var jobFolders = (await db.Jobs.Select(j => j.Id).ToListAsync(cancellationToken)).Select(BlobKeys.JobFolder).ToHashSet(StringComparer.Ordinal);
        var cutoff = time.GetUtcNow() - TimeSpan.FromMinutes(jobs.Value.TempUploadMinutes);
        foreach (var (key, modified) in existing.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var owned = referenced.Contains(key) || (key.StartsWith(BlobKeys.JobsPrefix, StringComparison.Ordinal) && jobFolders.Contains(FolderOf(key)));
            if (owned || modified > cutoff)
            {
                continue;
            }

            problems.Add(new StorageProblem("orphan_blob", key, "no row points at it"));
            if (repair && await blobs.DeleteAsync(key, cancellationToken))
            {
                repaired++;
            }
        }

        return new StorageReport(rows, existing.Count, problems, repaired);
    }

    private static string FolderOf(string key) => key[..(key.IndexOf('/', BlobKeys.JobsPrefix.Length) + 1)];
}

using System.Text.RegularExpressions;

namespace Drape.Server.Storage;

/// <summary>
/// The only place blob keys are made. Keys are lower-case paths of generated ids and fixed names, so no user
/// input ever reaches the storage layer; <see cref="IsValid"/> guards every store call as a second line.
/// </summary>
public static partial class BlobKeys
{
    public const string JobsPrefix = "jobs/";
    public const string ResultsPrefix = "results/";
    public const string TempPrefix = "tmp/";
    public const string AnalysisPrefix = "analysis/";
    public const string GarmentsPrefix = "garments/";
    public const string AvatarsPrefix = "avatars/";
    public const string CatalogPrefix = "catalog/";

    public static string JobFolder(Guid jobId) => $"{JobsPrefix}{jobId:N}/";

    public static string JobFile(Guid jobId, string name) => $"{JobFolder(jobId)}{name}";

    public static string Result(Guid resultId, string extension) => $"{ResultsPrefix}{resultId:N}.{extension}";

    /// <summary>A person mask of <c>analyze-body</c>; removed by clean-up once its signed URL has expired.</summary>
    public static string AnalysisMask(Guid id) => $"{AnalysisPrefix}{id:N}/mask.png";

    /// <summary>An outfit collage of <c>recommend</c>; removed like analysis masks.</summary>
    public static string AnalysisCollage(Guid id) => $"{AnalysisPrefix}{id:N}/collage.png";

    public static string GarmentFolder(Guid garmentId) => $"{GarmentsPrefix}{garmentId:N}/";

    public static string GarmentFile(Guid garmentId, string name) => $"{GarmentFolder(garmentId)}{name}";

    public static string AvatarFolder(Guid avatarId) => $"{AvatarsPrefix}{avatarId:N}/";

    public static string AvatarFile(Guid avatarId, string name) => $"{AvatarFolder(avatarId)}{name}";

    public static string Temp(Guid id, string name) => $"{TempPrefix}{id:N}/{name}";

    public static bool IsValid(string key) => key.Length is > 0 and <= 512 && KeyPattern().IsMatch(key) && !key.Contains("..", StringComparison.Ordinal);

    public static void EnsureValid(string key)
    {
        if (!IsValid(key))
        {
            throw new ArgumentException("Invalid blob key.", nameof(key));
        }
    }

    public static string ContentTypeFor(string key) => Path.GetExtension(key) switch
    {
        ".png" => "image/png",
        ".jpg" or ".jpeg" => "image/jpeg",
        ".webp" => "image/webp",
        ".json" => "application/json",
        _ => "application/octet-stream",
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9/_.-]*$")]
    private static partial Regex KeyPattern();
}

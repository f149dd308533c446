using System.Globalization;
using System.Text.Json;
using Drape.Errors;
using Drape.Imaging.Color;
using Drape.Imaging.Decoding;
using Drape.Imaging.Garments;
using Drape.Server.Data;
using Drape.Server.Security;
using Drape.Server.Storage;
using Drape.Vision.Skin;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Features.Recommendations.Products.Catalog;

/// <summary>One problem row of an import, by its line in the file.</summary>
public sealed record ImportProblem(int Line, string Message);

public sealed record ImportReport(int Added, int Updated, IReadOnlyList<ImportProblem> Problems);

/// <summary>
/// Imports products from CSV (header row; columns in any order) or JSON Lines (one object per line) with the fields
/// <c>id, title, description, price, currency, category, colour, image, url</c>. <c>image</c> is a file (relative to the
/// import file's folder) or an http(s) URL. For a file, the garment is cut out of the photo and its dominant colour
/// measured (k-means in CIELAB); a WebP thumbnail is stored. Bad rows are reported by line; the rest are imported.
/// Importing the same <c>id</c> again updates the product.
/// </summary>
public sealed class CatalogImporter(DrapeDbContext db, IBlobStore blobs, TextSanitizer text, TimeProvider time)
{
    public static readonly string[] Categories = ["upper", "lower", "dress", "shoes", "outerwear", "accessory"];

    private const int ThumbnailSide = 512;

    public async Task<ImportReport> ImportAsync(string path, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var rows = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => ReadCsv(path),
            ".jsonl" or ".ndjson" => ReadJsonLines(path),
            var other => throw new InvalidDataException($"Unknown catalogue format '{other}': use .csv or .jsonl."),
        };

        var problems = new List<ImportProblem>();
        int added = 0, updated = 0;

        // One transaction: one disk sync for the whole file instead of one per row.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (line, fields, error) in rows)
        {
            if (error is not null)
            {
                problems.Add(new ImportProblem(line, error));
                continue;
            }

            try
            {
                var isNew = await UpsertAsync(fields!, folder, cancellationToken);
                (added, updated) = isNew ? (added + 1, updated) : (added, updated + 1);
            }
            catch (InvalidDataException e)
            {
                problems.Add(new ImportProblem(line, e.Message));
            }
            catch (DrapeException e)
            {
                problems.Add(new ImportProblem(line, e.Message));
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new ImportReport(added, updated, problems);
    }

    private async Task<bool> UpsertAsync(IReadOnlyDictionary<string, string> fields, string folder, CancellationToken cancellationToken)
    {
        string? Field(string name) => fields.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? text.Clean(value.Trim()) : null;

        var sku = Field("id") ?? throw new InvalidDataException("id is required");
        var title = Field("title") ?? throw new InvalidDataException("title is required");
        if (sku.Length > 128 || title.Length > 300)
        {
            throw new InvalidDataException("id is at most 128 characters and title at most 300");
        }

        if (!double.TryParse(Field("price"), NumberStyles.Float, CultureInfo.InvariantCulture, out var price) || price < 0 || !double.IsFinite(price))
        {
            throw new InvalidDataException("price must be a non-negative number (use a dot for decimals)");
        }

        var currency = (Field("currency") ?? "USD").ToUpperInvariant();
        if (currency.Length != 3 || !currency.All(char.IsAsciiLetterUpper))
        {
            throw new InvalidDataException("currency must be a 3-letter code such as USD or EUR");
        }

        var category = Field("category")?.ToLowerInvariant();
        if (category is null || !Categories.Contains(category))
        {
            throw new InvalidDataException($"category must be one of {string.Join(", ", Categories)}");
        }

        var url = Field("url");
        if (url is not null && !IsHttpUrl(url))
        {
            throw new InvalidDataException("url must be an absolute http(s) URL");
        }

        var colour = Field("colour") ?? Field("color");
        var description = Field("description");
        var product = await db.CatalogProducts.SingleOrDefaultAsync(p => p.Sku == sku, cancellationToken);
        var isNew = product is null;
        product ??= new CatalogProduct { Id = Guid.CreateVersion7(time.GetUtcNow()), Sku = sku, Title = title, Currency = currency, Category = category };
        (product.Title, product.Description, product.Price, product.Currency, product.Category, product.Colour, product.ProductUrl) =
            (title, description is { Length: > 4000 } ? description[..4000] : description, price, currency, category, colour, url);
        product.ImportedAt = time.GetUtcNow().UtcDateTime;
        product.ColourHex = (colour is null ? null : ColorNames.Find(colour)?.Hex.ToLowerInvariant()) ?? ColorNames.Find(title)?.Hex.ToLowerInvariant();

        var image = Field("image");
        if (image is not null && IsHttpUrl(image))
        {
            product.ImageUrl = image;
        }
        else if (image is not null)
        {
            var file = Path.GetFullPath(Path.Combine(folder, image));
            if (!file.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) || !File.Exists(file))
            {
                throw new InvalidDataException($"image '{image}' is not a file inside the import folder nor an http(s) URL");
            }

            var (hex, thumbnail) = Measure(await File.ReadAllBytesAsync(file, cancellationToken), ContentTypeOf(file));
            product.ColourHex = hex;
            product.ImageKey = $"{BlobKeys.CatalogPrefix}{product.Id:N}.webp";
            await blobs.PutAsync(product.ImageKey, thumbnail, "image/webp", cancellationToken);
        }

        if (isNew)
        {
            db.CatalogProducts.Add(product);
        }

        await db.SaveChangesAsync(cancellationToken);
        return isNew;
    }

    /// <summary>The garment's dominant colour (largest k-means cluster of the cut-out) and a WebP thumbnail.</summary>
    internal static (string Hex, byte[] Thumbnail) Measure(byte[] photo, string contentType)
    {
        using var decoded = ImageUploadDecoder.Decode(photo, contentType, "image", new ImageLimits());
        using var cutout = GarmentMasker.Extract(decoded.Bitmap);
        var clusters = DominantColors.Find(cutout.Image, cutout.Mask, k: 3);
        return (clusters[0].Hex, Wardrobe.GarmentImages.Thumbnail(decoded.Bitmap, ThumbnailSide));
    }

    private static string ContentTypeOf(string file) => BlobKeys.ContentTypeFor(file.ToLowerInvariant()) is var type && type.StartsWith("image/", StringComparison.Ordinal)
        ? type
        : throw new InvalidDataException($"image '{Path.GetFileName(file)}' must be a .jpg, .png or .webp file");

    private static bool IsHttpUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

    private static IEnumerable<(int Line, IReadOnlyDictionary<string, string>? Fields, string? Error)> ReadCsv(string path)
    {
        using var reader = new StreamReader(path);
        List<string>? header = null;
        foreach (var (line, values) in CsvRows.Read(reader))
        {
            if (header is null)
            {
                header = values.Select(v => v.Trim().ToLowerInvariant()).ToList();
                continue;
            }

            if (values.Count == 1 && values[0].Length == 0)
            {
                continue; // blank line
            }

            yield return values.Count != header.Count
                ? (line, null, $"has {values.Count} fields, the header has {header.Count}")
                : (line, header.Zip(values).ToDictionary(p => p.First, p => p.Second, StringComparer.Ordinal), null);
        }
    }

    private static IEnumerable<(int Line, IReadOnlyDictionary<string, string>? Fields, string? Error)> ReadJsonLines(string path)
    {
        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            Dictionary<string, string>? fields = null;
            string? error = null;
            try
            {
                using var document = JsonDocument.Parse(line);
                fields = document.RootElement.EnumerateObject().ToDictionary(
                    p => p.Name.ToLowerInvariant(),
                    p => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText(),
                    StringComparer.Ordinal);
            }
            catch (JsonException e)
            {
                error = $"is not a JSON object: {e.Message.Split('.')[0]}";
            }
            catch (InvalidOperationException)
            {
                error = "is not a JSON object";
            }

            yield return (number, fields, error);
        }
    }
}

using System.Text;
using Drape.Errors;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Drape.Server.Uploads;

/// <summary>
/// Streams a multipart/form-data body part by part, holding at most one file's limit of bytes per file: a file
/// over the limit is refused (413 <c>VAL_2002</c>) as soon as the limit is crossed, never buffered whole.
/// </summary>
public sealed class MultipartFormReader(IOptions<UploadOptions> options, ILogger<MultipartFormReader> logger)
{
    private const int MaxFieldBytes = 16 * 1024;
    private const int MaxParts = 64;

    public async Task<MultipartForm> ReadAsync(HttpRequest request, int maxFiles, CancellationToken cancellationToken)
    {
        var limit = options.Value.MaxFileBytes;
        var boundary = BoundaryOf(request);
        var maxBody = (maxFiles * (limit + (64 * 1024))) + (MaxParts * MaxFieldBytes);
        if (request.ContentLength > maxBody)
        {
            throw TooLarge("request", request.ContentLength.Value, limit);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = maxBody;
        }

        var form = new MultipartForm();
        var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024 };
        try
        {
            var parts = 0;
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (++parts > MaxParts)
                {
                    throw Malformed("it has too many parts");
                }

                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition) || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw Malformed("a part has no form-data Content-Disposition");
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? string.Empty;
                if (disposition.IsFileDisposition())
                {
                    if (form.Files.Values.Sum(f => f.Count) >= maxFiles)
                    {
                        throw new DrapeException(ErrorCodes.InvalidInput, 422, $"At most {maxFiles} files are accepted.", new Dictionary<string, object?> { ["field"] = name, ["max_files"] = maxFiles });
                    }

                    var rawName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).Value;
                    var data = await ReadBoundedAsync(section.Body, limit, name, cancellationToken);
                    var file = new UploadedFile(name, FileNames.SanitizeOrThrow(rawName, name), section.ContentType, data);
                    logger.LogDebug("Upload part {Field} {FileName} {ContentType} {Bytes} bytes", name, file.FileName, file.ContentType, data.Length);
                    Add(form.Files, name, file);
                }
                else
                {
                    var bytes = await ReadBoundedAsync(section.Body, MaxFieldBytes, name, cancellationToken, isField: true);
                    Add(form.Fields, name, Encoding.UTF8.GetString(bytes));
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException && e is not BadHttpRequestException)
        {
            throw Malformed("it is truncated or not valid multipart");
        }

        return form;
    }

    private static async Task<byte[]> ReadBoundedAsync(Stream body, long limit, string field, CancellationToken cancellationToken, bool isField = false)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                if (isField)
                {
                    throw new DrapeException(ErrorCodes.InvalidInput, 422, $"Field {field} is longer than {limit} bytes.", new Dictionary<string, object?> { ["field"] = field });
                }

                throw TooLarge(field, buffer.Length + read, limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string BoundaryOf(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var mediaType) || !mediaType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw new DrapeException(ErrorCodes.UnsupportedType, 415, "This endpoint takes multipart/form-data.", new Dictionary<string, object?> { ["content_type"] = request.ContentType });
        }

        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary) || boundary.Length > 200)
        {
            throw Malformed("its boundary is missing or too long");
        }

        return boundary;
    }

    private static void Add<T>(Dictionary<string, List<T>> map, string key, T value)
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static DrapeException Malformed(string why) =>
        new(ErrorCodes.InvalidInput, 400, $"The multipart body could not be read: {why}.");

    private static DrapeException TooLarge(string field, long size, long limit) =>
        new(ErrorCodes.FileTooLarge, 413, $"{field} is larger than the limit of {limit / (1024 * 1024.0):0.#} MB.", new Dictionary<string, object?>
        {
            ["field"] = field,
            ["limit_bytes"] = limit,
            ["size_bytes_at_least"] = size,
        });
}

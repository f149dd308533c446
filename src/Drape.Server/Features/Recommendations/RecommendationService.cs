using Drape.Server.Features.Analysis;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.Json;
using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Server.Features.Recommendations.Collage;
using Drape.Server.Features.Recommendations.Keywords;
using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Ranking;
using Drape.Server.Storage;
using Drape.Server.Uploads;
using Drape.Vision.Faces;
using Drape.Vision.Skin;
using Microsoft.Extensions.Caching.Hybrid;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Recommendations;

/// <summary>
/// The recommendation pipeline (seed 001, Pipeline 3): face → skin tone → palette; wardrobe categories; collage;
/// keywords (LLM, else the built-in engine); every product source at once; ranking. A source that fails is left out
/// and the answer says <c>degraded</c>; only when no product source answers is it 503 <c>EXT_5002</c>. Whole answers are
/// cached for an hour (HybridCache) by a hash of the inputs; degraded ones are not cached.
/// </summary>
public sealed class RecommendationService(
    IFaceDetector faces,
    IEnumerable<IKeywordSource> keywordSources,
    IEnumerable<IProductSearch> productSources,
    IBlobStore blobs,
    FileUrlSigner signer,
    HybridCache cache,
    IOptions<UploadOptions> uploads,
    IOptions<FileUrlOptions> urls,
    TimeProvider time,
    ILogger<RecommendationService> logger)
{
    public async Task<RecommendResponse> RecommendAsync(RecommendInput input, HttpRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var lifetime = TimeSpan.FromMinutes(Math.Min(60, urls.Value.UrlLifetimeMinutes));
        var key = $"recommend:{Hash(input)}";
        var result = await cache.GetOrCreateAsync(key, ct => new ValueTask<Computed>(ComputeAsync(input, ct)),
            new HybridCacheEntryOptions { Expiration = lifetime, LocalCacheExpiration = lifetime }, cancellationToken: cancellationToken);
        if (result.Degraded)
        {
            await cache.RemoveAsync(key, cancellationToken);
        }

        var response = result.Response with
        {
            Products = result.Response.Products.Select(p => p.ImageKey is null ? p : p with { ImageUrl = signer.SignUrl(p.ImageKey, request), ImageKey = null }).ToList(),
            CollageUrl = result.CollageKey is null ? null : signer.SignUrl(result.CollageKey, request),
            DurationMs = (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds,
        };
        return response;
    }

    /// <summary>What is cached: the answer without per-request parts (signed URL, duration).</summary>
    public sealed record Computed(RecommendResponse Response, string? CollageKey, bool Degraded);

    private async Task<Computed> ComputeAsync(RecommendInput input, CancellationToken cancellationToken)
    {
        var limits = uploads.Value.Limits;
        using var photo = input.UserPhoto.Decode(limits);
        var (tone, palette) = await Task.Run(() => PaletteOf(photo), cancellationToken);
        var wardrobe = await Task.Run(() => input.Wardrobe.Select(w => WardrobeItem(w, limits)).ToList(), cancellationToken);
        try
        {
            var collage = OutfitCollage.Render(photo.Bitmap, wardrobe.Select(w => (w.Image, w.Category)).ToList(), palette);
            var collageKey = BlobKeys.AnalysisCollage(Guid.CreateVersion7(time.GetUtcNow()));
            await blobs.PutAsync(collageKey, collage, "image/png", cancellationToken);

            var sources = new Dictionary<string, string>(StringComparer.Ordinal);
            var profile = Profile(input.Profile);
            var keywordRequest = new KeywordRequest(palette, profile, wardrobe.Select(w => w.Category).Distinct().ToList(), collage);
            var (keywords, keywordsDegraded) = await KeywordsAsync(keywordRequest, sources, cancellationToken);
            var (hits, productsDegraded) = await ProductsAsync(keywords, profile?.Budget, sources, cancellationToken);
            var ranked = ProductRanker.Rank(hits, keywords, palette, profile?.Budget, input.MaxResults);
            var degraded = keywordsDegraded || productsDegraded;
            var response = new RecommendResponse(
                new PaletteSummary(palette.Category, tone.Undertone, SwatchView.From(palette.Best), SwatchView.From(palette.Avoid), SwatchView.From(palette.Metals), SwatchView.From(palette.Neutrals)),
                keywords,
                ranked.Select(View).ToList(),
                null,
                degraded,
                sources,
                0);
            return new Computed(response, collageKey, degraded);
        }
        finally
        {
            foreach (var item in wardrobe)
            {
                item.Image.Dispose();
            }
        }
    }

    private (SkinTone Tone, Palette Palette) PaletteOf(Drape.Imaging.Decoding.DecodedImage photo)
    {
        var face = faces.Detect(photo.Bitmap).FirstOrDefault()
            ?? throw DrapeException.NoPerson("No face was found in user_photo: the palette comes from the face's skin tone, so use a photo where the face is visible.");
        var sample = SkinSampler.Sample(photo.Bitmap, face)
            ?? throw DrapeException.NoPerson("A face was found in user_photo but too little of its skin is visible to measure.");
        var tone = SkinToneClassifier.Classify(sample);
        return (tone, SeasonalPalettes.For(tone.Category));
    }

    private static (SkiaSharp.SKBitmap Image, string Category) WardrobeItem(TryOn.ValidatedImage upload, Drape.Imaging.Decoding.ImageLimits limits)
    {
        using var decoded = upload.Decode(limits);
        var cutout = GarmentMasker.Extract(decoded.Bitmap);
        var category = GarmentShape.Classify(cutout.Mask).ToString().ToLowerInvariant();
        return (cutout.Image, category);
    }

    private async Task<(IReadOnlyList<string> Keywords, bool Degraded)> KeywordsAsync(KeywordRequest request, Dictionary<string, string> sources, CancellationToken cancellationToken)
    {
        var failed = false;
        foreach (var source in keywordSources.Where(s => s.IsEnabled && s is not BuiltinKeywordEngine))
        {
            try
            {
                var keywords = await source.SuggestAsync(request, cancellationToken);
                sources["keywords"] = source.Name;
                return (keywords, false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Keyword source {Source} failed; using the built-in keyword engine", source.Name);
                failed = true;
            }
        }

        sources["keywords"] = failed ? "builtin (llm failed)" : "builtin";
        return (await new BuiltinKeywordEngine().SuggestAsync(request, cancellationToken), failed);
    }

    private async Task<(List<ProductHit> Hits, bool Degraded)> ProductsAsync(IReadOnlyList<string> keywords, Budget? budget, Dictionary<string, string> sources, CancellationToken cancellationToken)
    {
        var enabled = productSources.Where(s => s.IsEnabled).ToList();
        foreach (var disabled in productSources.Where(s => !s.IsEnabled))
        {
            sources[disabled.Name] = "disabled";
        }

        var results = await Task.WhenAll(enabled.Select(async source =>
        {
            try
            {
                var hits = new List<ProductHit>();
                foreach (var keyword in keywords)
                {
                    hits.AddRange(await source.SearchAsync(new ProductQuery(keyword, null, budget, source.Name == "ebay" ? 4 : 6), cancellationToken));
                }

                return (source.Name, Hits: hits, Failed: false);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "Product source {Source} failed; answering from the others", source.Name);
                return (source.Name, Hits: new List<ProductHit>(), Failed: true);
            }
        }));

        foreach (var (name, _, failed) in results)
        {
            sources[name] = failed ? "failed" : "ok";
        }

        if (results.Length > 0 && results.All(r => r.Failed))
        {
            throw new DrapeException(ErrorCodes.ProductSearchUnavailable, 503, "No product source could answer; try again later.",
                new Dictionary<string, object?> { ["sources"] = results.Select(r => r.Name).ToArray() });
        }

        return (results.SelectMany(r => r.Hits).ToList(), results.Any(r => r.Failed));
    }

    private static RecommendProfile? Profile(ProfileInput? input) => input is null ? null : new RecommendProfile(
        input.Gender, input.Style, input.BodyType?.ToString(), input.Budget is { } b ? new Budget(b.Min, b.Max, b.Currency) : null, input.Occasion);

    private static ProductView View(RankedProduct ranked)
    {
        var p = ranked.Product;
        var parts = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["keyword"] = ranked.Score.Keyword,
            ["colour"] = ranked.Score.Colour,
            ["budget"] = ranked.Score.Budget,
            ["diversity"] = ranked.Score.Diversity,
        };
        return new ProductView(p.Id, p.Title, new PriceView(p.Price, p.Currency), p.ImageUrl, p.Url, p.Source, p.Keyword, ranked.ColourName,
            Math.Max(0, ranked.Score.Colour), ranked.Score.Total, parts) { ImageKey = p.ImageKey };
    }

    private static string Hash(RecommendInput input)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(SHA256.HashData(input.UserPhoto.Data));
        foreach (var item in input.Wardrobe)
        {
            hash.AppendData(SHA256.HashData(item.Data));
        }

        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(new { input.Profile, input.MaxResults }));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}

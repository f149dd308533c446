using Drape.Server.Features.Analysis;
using Drape.Server.Errors;
using Drape.Server.Features.Docs;
using Drape.Server.Features.Recommendations.Keywords;
using Drape.Server.Features.Recommendations.Keywords.Chat;
using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Products.Catalog;
using Drape.Server.Features.Recommendations.Products.Ebay;
using Drape.Server.Security.RateLimits;
using Drape.Vision.Skin;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Drape.Server.Features.Recommendations;

/// <summary><c>POST /api/v1/recommend</c> and <c>GET /api/v1/palettes/{category}</c> (seed 001, Pipeline 3).</summary>
public static class RecommendationsApi
{
    public static IServiceCollection AddRecommendations(this IServiceCollection services)
    {
        services.AddHybridCache();
        services.AddSingleton<CatalogSearch>();
        services.AddSingleton<IProductSearch>(sp => sp.GetRequiredService<CatalogSearch>());
        services.AddEbayProductSearch();
        services.AddLlmKeywords();
        services.AddSingleton<IKeywordSource, BuiltinKeywordEngine>();
        services.AddScoped<CatalogImporter>();
        services.AddScoped<RecommendRequestReader>();
        services.AddScoped<RecommendationService>();
        return services;
    }

    public static IEndpointRouteBuilder MapRecommendationsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1").WithTags("Recommendations");
        api.MapPost("/recommend", Recommend).WithName("Recommend")
            .WithSummary("Palette from the shopper's skin tone, 8–10 keywords, ranked products from every source, an outfit collage")
            .WithMultipartForm<RecommendForm>().ProducesErrors(400, 413, 415, 422, 429, 503).WithRateLimit(RateLimitPolicies.Ml);
        api.MapGet("/palettes/{category}", GetPalette).WithName("GetPalette")
            .WithSummary("One skin-tone category's palette: best, avoid, metals, neutrals").ProducesErrors(404, 429).WithRateLimit(RateLimitPolicies.Read);
        return app;
    }

    private static async Task<Ok<RecommendResponse>> Recommend(HttpRequest request, RecommendRequestReader reader, RecommendationService service, CancellationToken cancellationToken)
    {
        var input = await reader.ReadAsync(request, cancellationToken);
        return TypedResults.Ok(await service.RecommendAsync(input, request, cancellationToken));
    }

    private static Ok<PaletteView> GetPalette(string category)
    {
        if (!SeasonalPalettes.Categories.Contains(category))
        {
            throw new Drape.Errors.DrapeException(Drape.Errors.ErrorCodes.NotFound, 404,
                $"There is no palette '{category}'. Categories: {string.Join(", ", SeasonalPalettes.Categories)}.");
        }

        var palette = SeasonalPalettes.For(category);
        return TypedResults.Ok(new PaletteView(palette.Category, palette.Season, SwatchView.From(palette.Best), SwatchView.From(palette.Avoid), SwatchView.From(palette.Metals), SwatchView.From(palette.Neutrals)));
    }
}

public sealed record PaletteView(string Category, string Season, IReadOnlyList<SwatchView> Best, IReadOnlyList<SwatchView> Avoid, IReadOnlyList<SwatchView> Metals, IReadOnlyList<SwatchView> Neutrals);

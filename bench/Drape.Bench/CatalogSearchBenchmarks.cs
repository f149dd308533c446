using BenchmarkDotNet.Attributes;
using Drape.Server.Data;
using Drape.Server.Features.Recommendations.Products;
using Drape.Server.Features.Recommendations.Products.Catalog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Drape.Bench;

/// <summary>
/// Catalogue full-text search (FTS5, bm25) at 10 000 and 100 000 products: one keyword query as the recommendation
/// pipeline sends it (6 hits), with and without a budget filter. Products are inserted in bulk (no images).
/// On SQLite by default; with <c>DRAPE_BENCH_POSTGRES</c> (a server connection string) on a fresh PostgreSQL database.
/// </summary>
public class CatalogSearchBenchmarks
{
    private static readonly string[] Colours = ["emerald", "sapphire", "ruby", "navy", "camel", "ivory", "black", "coral", "teal", "olive", "rust", "mustard", "plum", "cream", "sage"];
    private static readonly string[] Garments = ["wrap dress", "midi dress", "blazer", "trench coat", "knit sweater", "t-shirt", "blouse", "trousers", "jeans", "midi skirt", "cardigan", "chinos"];
    private static readonly string[] Materials = ["cotton", "linen", "wool", "silk", "denim", "jersey", "cashmere", "viscose"];

    private IHost _host = null!;
    private string _dataDir = null!;
    private CatalogSearch _search = null!;
    private string? _postgres;

    [Params(10_000, 100_000)]
    public int Products { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dataDir = Directory.CreateTempSubdirectory("drape-bench-catalog-").FullName;
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?> { ["Drape:DataDir"] = _dataDir };
        if (Environment.GetEnvironmentVariable("DRAPE_BENCH_POSTGRES") is { Length: > 0 } server)
        {
            _postgres = new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = $"drape_bench_{Guid.NewGuid():N}" }.ConnectionString;
            using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            admin.Open();
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {new Npgsql.NpgsqlConnectionStringBuilder(_postgres).Database}", admin);
            create.ExecuteNonQuery();
            settings["Drape:Database:Provider"] = "postgres";
            settings["Drape:Database:ConnectionString"] = _postgres;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddOptions<Drape.Server.Configuration.DrapeOptions>().Bind(builder.Configuration.GetSection("Drape"));
        builder.Services.AddDrapeData();
        builder.Services.AddSingleton<CatalogSearch>();
        _host = builder.Build();
        DataRegistration.MigrateAsync(_host.Services, CancellationToken.None).GetAwaiter().GetResult();
        Fill().GetAwaiter().GetResult();
        _search = _host.Services.GetRequiredService<CatalogSearch>();
    }

    private async Task Fill()
    {
        var random = new Random(7);
        for (var start = 0; start < Products; start += 5_000)
        {
            await using var scope = _host.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
            for (var i = start; i < Math.Min(Products, start + 5_000); i++)
            {
                var (colour, garment, material) = (Colours[random.Next(Colours.Length)], Garments[random.Next(Garments.Length)], Materials[random.Next(Materials.Length)]);
                db.CatalogProducts.Add(new CatalogProduct
                {
                    Id = Guid.NewGuid(),
                    Sku = $"b{i}",
                    Title = $"{colour} {material} {garment}",
                    Description = $"A {material} {garment} in {colour}, item {i}.",
                    Price = 10 + random.Next(300),
                    Currency = "USD",
                    Category = "upper",
                    Colour = colour,
                    ImportedAt = DateTime.UtcNow,
                });
            }

            await db.SaveChangesAsync();
        }
    }

    [Benchmark]
    public int Search_keyword() => _search.SearchAsync(new ProductQuery("emerald wrap dress", null, null, 6), CancellationToken.None).GetAwaiter().GetResult().Count;

    [Benchmark]
    public int Search_keyword_with_budget() =>
        _search.SearchAsync(new ProductQuery("sapphire wool blazer", null, new Budget(40, 120), 6), CancellationToken.None).GetAwaiter().GetResult().Count;

    [GlobalCleanup]
    public void Cleanup()
    {
        _host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDir, recursive: true);
        if (_postgres is not null)
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            var server = Environment.GetEnvironmentVariable("DRAPE_BENCH_POSTGRES")!;
            using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
            admin.Open();
            using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {new Npgsql.NpgsqlConnectionStringBuilder(_postgres).Database} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
    }
}

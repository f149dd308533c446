using Drape.Server.Data;
using Drape.Testing;
using Drape.Server.Storage;
using Drape.Vision.Models;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace Drape.Server.Tests.Support;

/// <summary>
/// The real server over a fresh data folder (SQLite file, blob folder, keys) per instance, with the repository's
/// models. Settings and services can be overridden per test class.
/// </summary>
public class DrapeFactory : WebApplicationFactory<Program>
{
    private static readonly Lazy<string> Models = new(() =>
    {
        var path = TestAssets.ModelsDir;
        new ModelRepository(path, ModelManifest.Default).PullAllAsync(null, CancellationToken.None).GetAwaiter().GetResult();
        return path;
    });

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _ownsDatabase; // a database given in the settings belongs to whoever made it

    public DrapeFactory(Dictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        DataDir = Directory.CreateTempSubdirectory("drape-test-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["Drape:DataDir"] = DataDir,
            ["Drape:Models:Path"] = Models.Value,
            ["Drape:Workers:Count"] = "1",
            ["Drape:Webhooks:AllowInsecureUrls"] = "true",
            ["Serilog:MinimumLevel:Default"] = "Warning",

            // Tests poll and post far faster than people do; the limiter's own tests set real limits.
            ["Drape:RateLimits:Ml:PermitsPerMinute"] = "100000",
            ["Drape:RateLimits:Read:PermitsPerMinute"] = "100000",
            ["Drape:RateLimits:Anonymous:PermitsPerMinute"] = "100000",
        };
        if (TestDatabase.UsePostgres && settings?.ContainsKey("Drape:Database:ConnectionString") != true)
        {
            _settings["Drape:Database:Provider"] = "postgres";
            _settings["Drape:Database:ConnectionString"] = TestDatabase.CreatePostgresDatabase();
            _ownsDatabase = true;
        }

        foreach (var (key, value) in settings ?? [])
        {
            _settings[key] = value;
        }

        _services = services;
    }

    public string DataDir { get; }

    public string BlobsDir => Path.Combine(DataDir, "blobs");

    public static string ModelsDir => Models.Value;

    public IReadOnlyDictionary<string, string?> Settings => _settings;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        if (_services is not null)
        {
            builder.ConfigureTestServices(_services);
        }
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    /// <summary>Runs <paramref name="action"/> with a fresh DbContext.</summary>
    public async Task<T> DbAsync<T>(Func<DrapeDbContext, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<DrapeDbContext>());
    }

    public IBlobStore Blobs => Service<IBlobStore>();

    /// <summary>The database settings as command-line arguments, for <c>drape</c> processes sharing this factory's database.</summary>
    public string[] DatabaseArguments() => _settings.Where(s => s.Key.StartsWith("Drape:Database:", StringComparison.Ordinal))
        .Select(s => $"--{s.Key}={s.Value}").ToArray();

    /// <summary>Every stored blob file, except the health probe's.</summary>
    public IReadOnlyList<string> BlobFiles() => Directory.Exists(BlobsDir)
        ? Directory.EnumerateFiles(BlobsDir, "*", SearchOption.AllDirectories).Where(f => !f.Contains("/health/", StringComparison.Ordinal)).ToList()
        : [];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (_ownsDatabase)
            {
                TestDatabase.DropPostgresDatabase(_settings["Drape:Database:ConnectionString"]!);
            }

            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                // a file still open by a background service; the temp folder goes with the machine
            }
        }
    }
}

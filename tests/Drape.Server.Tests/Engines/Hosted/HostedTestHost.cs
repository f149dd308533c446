using System.Collections.Concurrent;
using Drape.Imaging.Garments;
using Drape.Server.Engines.Hosted;
using Drape.Vision.TryOn;
using Drape.Server.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Drape.Server.Tests.Engines.Hosted;

/// <summary>
/// A bare container with <see cref="HostedEnginesRegistration.AddHostedTryOnEngines"/> pointed at a
/// <see cref="FakeProviders"/>, every log line (Trace and up) captured. Short poll interval, no retry back-off.
/// </summary>
public sealed class HostedTestHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    public HostedTestHost(FakeProviders? fake, Dictionary<string, string?>? settings = null)
    {
        var baseUrl = fake?.BaseUrl ?? "http://127.0.0.1:9";
        var all = new Dictionary<string, string?>
        {
            ["Drape:Engines:Fal:ApiKey"] = FakeProviders.FalKey,
            ["Drape:Engines:Replicate:ApiToken"] = FakeProviders.ReplicateToken,
            ["Drape:Engines:Fashn:ApiKey"] = FakeProviders.FashnKey,
        };
        foreach (var section in new[] { "Fal", "Replicate", "Fashn" })
        {
            all[$"Drape:Engines:{section}:BaseUrl"] = baseUrl;
            all[$"Drape:Engines:{section}:PollIntervalMs"] = "10";
            all[$"Drape:Engines:{section}:RetryBaseDelayMs"] = "0";
            all[$"Drape:Engines:{section}:TimeoutSeconds"] = "30";
        }

        var configuration = TestConfiguration.Build(all, settings);
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHostedTryOnEngines(configuration);
        _services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public CapturedLogs Logs { get; } = new();

    public IServiceProvider Services => _services;

    public ITryOnEngine Engine(string name) => _services.GetRequiredKeyedService<ITryOnEngine>(name);

    public static SKBitmap Photo(int width = 300, int height = 400, byte shade = 120)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(new SKColor(shade, (byte)(shade / 2), 60));
        return bitmap;
    }

    public async Task<TryOnOutput> RunAsync(string engine, GarmentCategory? category = GarmentCategory.Upper, IProgress<int>? progress = null,
        CancellationToken cancellationToken = default, SKBitmap? garment = null)
    {
        using var person = Photo(1200, 1500);
        using var fallbackGarment = Photo(400, 400, 200);
        return await Engine(engine).RunAsync(new TryOnInput(person, garment ?? fallbackGarment, category, 7), progress, cancellationToken);
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Every log line, formatted, with its structured values.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<string> Lines { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(", ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            owner.Lines.Enqueue($"{logLevel} {category}: {formatter(state, exception)} [{values}] {exception}");
        }
    }
}

/// <summary>Progress recorded as reported (<see cref="Progress{T}"/> would post to the thread pool).</summary>
public sealed class ProgressRecorder : IProgress<int>
{
    private readonly ConcurrentQueue<int> _values = new();

    public IReadOnlyList<int> Values => [.. _values];

    public void Report(int value) => _values.Enqueue(value);
}

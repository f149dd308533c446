using System.Diagnostics;
using System.Net.Http.Headers;
using Drape.Testing;

namespace Drape.Bench;

/// <summary>
/// Starts a real <c>drape serve --no-workers</c> on loopback with a fresh data folder, then drives it with N
/// concurrent connections for a fixed time: session creation with two ~1 MB photos, then health. Prints
/// requests/s and latency percentiles. Loopback only; bounded in time; stops the server at the end.
/// </summary>
internal static class LoadScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var connections = BenchArgs.Int(args, "--connections", 32);
        var seconds = BenchArgs.Int(args, "--seconds", 15);
        var port = BenchArgs.Int(args, "--port", 18089);
        var baseUrl = $"http://127.0.0.1:{port}";
        var dataDir = Directory.CreateTempSubdirectory("drape-load-").FullName;
        if (args.Contains("--recommend"))
        {
            ImportSampleCatalog(dataDir);
        }

        using var server = StartServer(port, dataDir, warmup: args.Contains("--analysis"));
        try
        {
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections }) { BaseAddress = new Uri(baseUrl) };
            await WaitUntilLiveAsync(client);
            if (args.Contains("--recommend"))
            {
                await RecommendAsync(client, seconds);
                return 0;
            }

            if (args.Contains("--analysis"))
            {
                await AnalysisAsync(client, server, connections, seconds);
                return 0;
            }

            var person = TestAssets.FixtureBytes("person/upper/woman-business.png");
            var garment = TestAssets.FixtureBytes("garment/upper/polo-navy.png");
            Console.WriteLine($"session creation: person {person.Length / 1024} KiB + garment {garment.Length / 1024} KiB, {connections} connections, {seconds} s");
            await RunAsync(connections, TimeSpan.FromSeconds(seconds), "POST /api/v1/tryon/sessions", async () =>
            {
                using var form = new MultipartFormDataContent
                {
                    { Image(person, "image/png"), "person_image", "person.png" },
                    { Image(garment, "image/png"), "garment_image", "garment.png" },
                    { new StringContent("upper"), "category" },
                };
                using var response = await client.PostAsync("/api/v1/tryon/sessions", form);
                return (int)response.StatusCode == 202;
            });

            await RunAsync(connections, TimeSpan.FromSeconds(seconds), "GET /api/v1/health", async () =>
            {
                using var response = await client.GetAsync("/api/v1/health");
                return response.IsSuccessStatusCode;
            });
            return 0;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
            Directory.Delete(dataDir, recursive: true);
        }
    }

    /// <summary>
    /// analyze-body and analyze-face-features with a 768×1024 JPEG of a person; then the server's resident memory with
    /// every model loaded (the process's VmRSS).
    /// </summary>
    private static async Task AnalysisAsync(HttpClient client, Process server, int connections, int seconds)
    {
        using var photo = TestAssets.LoadFixture("person/upper/woman-business.png");
        using var scaled = Drape.Imaging.Processing.ImageResize.Resize(photo, 768, 1024);
        var jpeg = Drape.Imaging.Decoding.ImageEncoding.EncodeJpeg(scaled);
        Console.WriteLine($"analysis: 768×1024 JPEG ({jpeg.Length / 1024} KiB), {connections} connections, {seconds} s; RSS with every model loaded, before any request {Rss(server)} MiB");
        foreach (var endpoint in new[] { "/api/v1/analyze-body", "/api/v1/analyze-face-features" })
        {
            await RunAsync(connections, TimeSpan.FromSeconds(seconds), $"POST {endpoint}", async () =>
            {
                using var form = new MultipartFormDataContent { { Image(jpeg, "image/jpeg"), "image", "person.jpg" } };
                using var response = await client.PostAsync(endpoint, form);
                return response.IsSuccessStatusCode;
            });
        }

        Console.WriteLine($"RSS after both, every model loaded (warm-up): {Rss(server)} MiB");
    }

    /// <summary>
    /// <c>POST /api/v1/recommend</c> with the built-in sources over the 300-product sample catalogue, one connection:
    /// cold (a different <c>max_results</c> each time, so the cache never answers) and cached (the same request again).
    /// </summary>
    private static async Task RecommendAsync(HttpClient client, int seconds)
    {
        var photo = TestAssets.FixtureBytes("person/face/woman-light-skin.jpg");
        var wardrobe = TestAssets.FixtureBytes("garment/upper/tee-white.png");
        var next = 0;
        MultipartFormDataContent Form(int maxResults) => new()
        {
            { Image(photo, "image/jpeg"), "user_photo", "me.jpg" },
            { Image(wardrobe, "image/png"), "wardrobe_images", "tee.png" },
            { new StringContent(maxResults.ToString(System.Globalization.CultureInfo.InvariantCulture)), "max_results" },
        };
        Console.WriteLine($"recommend: face photo + 1 wardrobe image, sample catalogue, built-in keywords, 1 connection, {seconds} s each");
        await RunAsync(1, TimeSpan.FromSeconds(seconds), "POST /api/v1/recommend (cold: cache miss)", async () =>
        {
            using var form = Form((Interlocked.Increment(ref next) % 50) + 1);
            using var response = await client.PostAsync("/api/v1/recommend", form);
            return response.IsSuccessStatusCode;
        });
        await RunAsync(1, TimeSpan.FromSeconds(seconds), "POST /api/v1/recommend (cached)", async () =>
        {
            using var form = Form(20);
            using var response = await client.PostAsync("/api/v1/recommend", form);
            return response.IsSuccessStatusCode;
        });
    }

    private static void ImportSampleCatalog(string dataDir)
    {
        var drape = Path.Combine(AppContext.BaseDirectory, "drape.dll");
        foreach (var command in new[] { $"catalog sample {dataDir}/sample --count 300", $"catalog import {dataDir}/sample/products.csv --Drape:DataDir={dataDir}" })
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
            start.ArgumentList.Add(drape);
            foreach (var part in command.Split(' '))
            {
                start.ArgumentList.Add(part);
            }

            using var process = Process.Start(start) ?? throw new InvalidOperationException("could not run drape catalog");
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
        }
    }

    private static long Rss(Process process)
    {
        var status = File.ReadAllLines($"/proc/{process.Id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return status is null ? -1 : long.Parse(status.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) / 1024;
    }

    private static async Task RunAsync(int connections, TimeSpan duration, string name, Func<Task<bool>> request)
    {
        for (var i = 0; i < connections; i++)
        {
            await request(); // warm-up
        }

        var latencies = new List<double>[connections];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await request();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToArray();
        double P(double q) => all[Math.Min(all.Length - 1, (int)(q * all.Length))];
        Console.WriteLine($"{name}: {all.Length} requests, {all.Length / clock.Elapsed.TotalSeconds:0.0} req/s, failures {failures}, " +
                          $"p50 {P(0.50):0.00} ms, p90 {P(0.90):0.00} ms, p99 {P(0.99):0.00} ms, max {all[^1]:0.00} ms");
    }

    internal static ByteArrayContent Image(byte[] bytes, string contentType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return content;
    }

    internal static Process StartServer(int port, string dataDir, bool warmup, params string[] extra) =>
        StartDrape(["serve", "--no-workers", "--urls", $"http://127.0.0.1:{port}", .. extra], dataDir, warmup);

    /// <summary>A <c>drape</c> process (serve, worker) on <paramref name="dataDir"/>, with the scenario's settings.</summary>
    internal static Process StartDrape(string[] command, string dataDir, bool warmup = false)
    {
        var drape = Path.Combine(AppContext.BaseDirectory, "drape.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])[drape, .. command, $"--Drape:DataDir={dataDir}", $"--Drape:Models:Path={TestAssets.ModelsDir}", "--Serilog:MinimumLevel:Default=Warning",
            // The scenario measures the server, not the limiter: one loopback client would exhaust the anonymous bucket at once.
            "--Drape:RateLimits:Ml:PermitsPerMinute=1000000", "--Drape:RateLimits:Read:PermitsPerMinute=1000000", "--Drape:RateLimits:Anonymous:PermitsPerMinute=1000000"])
        {
            start.ArgumentList.Add(arg);
        }

        if (warmup)
        {
            start.ArgumentList.Add("--Drape:Models:Warmup=true"); // every model loaded, so the RSS figure covers them all
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start drape");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { Console.Error.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitUntilLiveAsync(HttpClient client)
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var response = await client.GetAsync("/health/live");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("drape did not become live within 20 s");
    }
}

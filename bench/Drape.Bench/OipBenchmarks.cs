using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using Drape.Imaging.Processing;
using Drape.Server.Configuration;
using Drape.Server.Engines.Oip;
using Drape.Server.Features.TryOn;
using Drape.Server.Hosting;
using Drape.Testing;
using Drape.Vision.Models;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Drape.Bench;

/// <summary>
/// The Open Inference Protocol's round-trip overhead: one MoveNet Lightning run (INT32 [1,192,192,3] in, FP32 [1,1,17,3]
/// out) in process, and through <see cref="ModelManager.Run"/> to a local <c>drape serve --role inference</c> process
/// with JSON tensors and with the binary tensor data extension. Run: <c>-- --filter '*OipBenchmarks*'</c>.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 15)]
public class OipBenchmarks
{
    private const string Model = "movenet-lightning";

    private Process _server = null!;
    private ModelManager _local = null!;
    private ServiceProvider _json = null!;
    private ServiceProvider _binary = null!;
    private NamedOnnxValue[] _input = null!;

    [GlobalSetup]
    public void Setup()
    {
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        _server = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "drape.dll"), "serve", "--role", "inference", "--urls", baseUrl, $"--Drape:Models:Path={TestAssets.ModelsDir}", "--Serilog:MinimumLevel:Default=Warning" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _server.OutputDataReceived += (_, _) => { };
        _server.ErrorDataReceived += (_, _) => { };
        _server.BeginOutputReadLine();
        _server.BeginErrorReadLine();
        WaitReady(baseUrl);

        _local = new ModelManager(new ModelRepository(TestAssets.ModelsDir, ModelManifest.Default));
        _json = Client(baseUrl, binary: false);
        _binary = Client(baseUrl, binary: true);

        using var person = TestAssets.LoadFixture("person/full/man-suit-studio.jpg");
        using var scaled = ImageResize.Resize(person, 192, 192);
        var tensor = new DenseTensor<int>([1, 192, 192, 3]);
        var pixels = scaled.GetPixelSpan();
        for (int i = 0, t = 0; t < tensor.Length; i += 4, t += 3)
        {
            tensor.Buffer.Span[t] = pixels[i];
            tensor.Buffer.Span[t + 1] = pixels[i + 1];
            tensor.Buffer.Span[t + 2] = pixels[i + 2];
        }

        _input = [NamedOnnxValue.CreateFromTensor("input", tensor)];
        InProcess();
        OipJson();
        OipBinary();
    }

    [Benchmark(Baseline = true)]
    public float InProcess() => Score(_local);

    [Benchmark]
    public float OipJson() => Score(_json.GetRequiredService<ModelManager>());

    [Benchmark]
    public float OipBinary() => Score(_binary.GetRequiredService<ModelManager>());

    [GlobalCleanup]
    public void Cleanup()
    {
        _json.Dispose();
        _binary.Dispose();
        _local.Dispose();
        _server.Kill(entireProcessTree: true);
        _server.WaitForExit(10_000);
        _server.Dispose();
    }

    private float Score(ModelManager models) => models.Run(Model, _input)[0].AsTensor<float>()[0, 0, 0, 2];

    private static ServiceProvider Client(string baseUrl, bool binary)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Drape:Models:Path"] = TestAssets.ModelsDir,
            ["Drape:Engines:Oip:BaseUrl"] = baseUrl,
            ["Drape:Engines:Oip:BinaryData"] = binary ? "true" : "false",
            ["Drape:Engines:Oip:Models:Pose"] = Model,
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddDrapeOptions<TryOnOptions>(TryOnOptions.Section);
        services.AddVisionModels();
        services.AddOipEngines(configuration);
        return services.BuildServiceProvider();
    }

    private static void WaitReady(string baseUrl)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var response = http.GetAsync($"{baseUrl}/v2/health/ready").GetAwaiter().GetResult();
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            Thread.Sleep(200);
        }

        throw new InvalidOperationException("the inference process did not become ready");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

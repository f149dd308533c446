using System.Net;
using System.Net.Sockets;
using Drape.Errors;
using Drape.Imaging.Garments;
using Drape.Server.Engines.Oip;
using Drape.Server.Tests.Support;
using Drape.Testing;
using Drape.Vision.Faces;
using Drape.Vision.Models;
using Drape.Vision.Pose;
using Drape.Vision.Segmentation;
using Drape.Vision.TryOn;
using Microsoft.Extensions.DependencyInjection;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Drape.Server.Tests.Inference;

/// <summary>The OIP client, the remote perception models and the <c>oip</c> try-on engine against a real inference process.</summary>
public sealed class OipClientTests(InferenceProcess remote) : IClassFixture<InferenceProcess>
{
    private static readonly Dictionary<string, string?> RemotePerception = new()
    {
        ["Drape:Engines:Oip:Models:Pose"] = "movenet-lightning",
        ["Drape:Engines:Oip:Models:Face"] = "blazeface-front",
        ["Drape:Engines:Oip:Models:FaceFullRange"] = "blazeface-back",
        ["Drape:Engines:Oip:Models:Segmentation"] = "selfie",
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Remote_perception_gives_what_the_same_models_give_in_process(bool binary)
    {
        var settings = new Dictionary<string, string?>(RemotePerception) { ["Drape:Engines:Oip:BinaryData"] = binary ? "true" : "false" };
        await using var services = OipClients.Build(remote.BaseUrl, settings);
        var remoteModels = services.GetRequiredService<ModelManager>();
        using var localModels = new ModelManager(new ModelRepository(DrapeFactory.ModelsDir, ModelManifest.Default));
        using var person = TestAssets.LoadFixture(Fixtures.PersonSmall);

        // The estimator is configured for Thunder; the remote Lightning's input size comes from the server's metadata.
        var remotePose = new MoveNetPoseEstimator(remoteModels, MoveNetPoseEstimator.Thunder).Estimate(person);
        var localPose = new MoveNetPoseEstimator(localModels, MoveNetPoseEstimator.Lightning).Estimate(person);
        Assert.All(remotePose.Keypoints.Zip(localPose.Keypoints), p =>
        {
            Assert.Equal(p.Second.X, p.First.X, 2);
            Assert.Equal(p.Second.Y, p.First.Y, 2);
            Assert.Equal(p.Second.Score, p.First.Score, 4);
        });

        var remoteFaces = new BlazeFaceDetector(remoteModels).Detect(person);
        var localFaces = new BlazeFaceDetector(localModels).Detect(person);
        Assert.Equal(localFaces.Select(f => f.Box.Left), remoteFaces.Select(f => f.Box.Left));
        Assert.NotEmpty(remoteFaces);

        await using var remoteSegmenter = new PersonSegmenter(remoteModels, maxBatch: 1);
        await using var localSegmenter = new PersonSegmenter(localModels, maxBatch: 1);
        Assert.Equal((await localSegmenter.SegmentAsync(person)).Data, (await remoteSegmenter.SegmentAsync(person)).Data);

        foreach (var model in new[] { "movenet-lightning", "blazeface-front", "blazeface-back", "selfie" })
        {
            Assert.Contains($"/v2/models/{model}/infer", remote.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_oip_engine_runs_a_try_on_on_the_remote_model()
    {
        await using var services = OipClients.Build(remote.BaseUrl);
        var input = OipClients.Input();
        var progress = new List<int>();
        var output = await services.Engine().RunAsync(input with { Category = GarmentCategory.Upper }, new SyncProgress(progress), CancellationToken.None);
        using var image = output.Image;

        Assert.Equal("oip:tryon-builtin:1", output.Model);
        Assert.Equal(GarmentCategory.Upper, output.Category);
        var scale = Math.Min(1f, Math.Min(768f / input.Person.Width, 1024f / input.Person.Height));
        Assert.Equal((int)MathF.Round(input.Person.Width * scale), image.Width);
        Assert.Equal((int)MathF.Round(input.Person.Height * scale), image.Height);
        Assert.Equal(100, progress[^1]);
        Assert.Contains("/v2/models/tryon-builtin/infer", remote.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_engine_is_registered_without_a_base_url()
    {
        await using var services = OipClients.Build("", new() { ["Drape:Engines:Oip:BaseUrl"] = null });
        Assert.Null(services.GetKeyedService<ITryOnEngine>(OipTryOnEngine.EngineName));
        Assert.Null(services.GetService<IRemoteModels>());
    }

    [Fact]
    public async Task A_remote_model_that_does_not_exist_is_an_inference_failure()
    {
        await using var services = OipClients.Build(remote.BaseUrl, new() { ["Drape:Engines:Oip:Models:TryOn"] = "idm-vton" });
        var error = await Assert.ThrowsAsync<DrapeException>(() => services.Engine().RunAsync(OipClients.Input(), null, CancellationToken.None));
        Assert.Equal(ErrorCodes.InferenceFailed, error.ErrorCode);
        Assert.Contains("idm-vton", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_remote_that_is_down_is_EXT_5004_and_the_breaker_opens_after_repeated_failures()
    {
        await using var services = OipClients.Build($"http://127.0.0.1:{DrapeProcess.FreePort()}");
        var engine = services.Engine();
        var first = await Assert.ThrowsAsync<DrapeException>(() => engine.RunAsync(OipClients.Input(), null, CancellationToken.None));
        Assert.Equal((ErrorCodes.UpstreamTimeout, 503), (first.ErrorCode, first.Status));
        Assert.Contains(first.Chain(), e => e is HttpRequestException);

        // Each call is an attempt and two retries; five failed attempts open the breaker.
        DrapeException? last = null;
        for (var i = 0; i < 5 && !(last?.Chain().Any(e => e is BrokenCircuitException) ?? false); i++)
        {
            last = await Assert.ThrowsAsync<DrapeException>(() => engine.RunAsync(OipClients.Input(), null, CancellationToken.None));
            Assert.Equal(ErrorCodes.UpstreamTimeout, last.ErrorCode);
        }

        Assert.Contains(last!.Chain(), e => e is BrokenCircuitException);
    }

    [Fact]
    public async Task A_remote_that_does_not_answer_in_time_is_EXT_5004()
    {
        using var silent = new SilentServer();
        await using var services = OipClients.Build(silent.BaseUrl, new() { ["Drape:Engines:Oip:TimeoutSeconds"] = "2", ["Drape:Engines:Oip:AttemptTimeoutSeconds"] = "1" });
        var error = await Assert.ThrowsAsync<DrapeException>(() => services.Engine().RunAsync(OipClients.Input(), null, CancellationToken.None));
        Assert.Equal((ErrorCodes.UpstreamTimeout, 503), (error.ErrorCode, error.Status));
        Assert.Contains(error.Chain(), e => e is TimeoutRejectedException);
    }

    [Fact]
    public async Task Remote_perception_that_is_down_is_EXT_5004()
    {
        await using var services = OipClients.Build($"http://127.0.0.1:{DrapeProcess.FreePort()}", RemotePerception);
        using var person = TestAssets.LoadFixture(Fixtures.PersonSmall);
        var error = Assert.Throws<DrapeException>(() => new BlazeFaceDetector(services.GetRequiredService<ModelManager>()).Detect(person));
        Assert.Equal(ErrorCodes.UpstreamTimeout, error.ErrorCode);
    }

    [Fact]
    public async Task Cancelling_a_call_to_a_slow_remote_cancels_it()
    {
        using var silent = new SilentServer();
        await using var services = OipClients.Build(silent.BaseUrl, new() { ["Drape:Engines:Oip:TimeoutSeconds"] = "600" });
        using var cancel = new CancellationTokenSource();
        var run = services.Engine().RunAsync(OipClients.Input(), null, cancel.Token);
        await silent.Accepted.Task.WaitAsync(TimeSpan.FromSeconds(60));
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    private sealed class SyncProgress(List<int> values) : IProgress<int>
    {
        public void Report(int value) => values.Add(value);
    }

    /// <summary>Accepts connections, reads nothing, answers nothing: a remote that hangs.</summary>
    private sealed class SilentServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly List<TcpClient> _clients = [];

        public SilentServer()
        {
            _listener.Start();
            BaseUrl = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _ = AcceptAsync();
        }

        public string BaseUrl { get; }

        public TaskCompletionSource Accepted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    var client = await _listener.AcceptTcpClientAsync();
                    lock (_clients)
                    {
                        _clients.Add(client);
                    }

                    Accepted.TrySetResult();
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // stopped
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            lock (_clients)
            {
                _clients.ForEach(c => c.Dispose());
            }
        }
    }
}

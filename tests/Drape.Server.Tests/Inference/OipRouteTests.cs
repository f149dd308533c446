using System.Net;
using System.Text.Json.Nodes;
using Drape.Server.Engines.Oip;
using Drape.Server.Tests.Support;
using Drape.Vision.Models;

namespace Drape.Server.Tests.Inference;

/// <summary>The Open Inference Protocol v2 routes of the inference role, in process.</summary>
public sealed class OipRouteTests(OipRouteTests.Host host) : IClassFixture<OipRouteTests.Host>
{
    public sealed class Host : IAsyncLifetime
    {
        public InferenceRoleFactory Factory { get; } = new();

        public HttpClient Client { get; private set; } = null!;

        public Task InitializeAsync()
        {
            Client = Factory.CreateClient();
            return Task.CompletedTask;
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    private HttpClient Client => host.Client;

    [Fact]
    public async Task Server_metadata_and_health_answer_as_the_protocol_says()
    {
        var metadata = await Client.GetObjectAsync("/v2");
        Assert.Equal("drape", (string?)metadata["name"]);
        Assert.Contains("binary_tensor_data", metadata["extensions"]!.AsArray().Select(e => (string?)e));

        using var live = await Client.GetAsync("/v2/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        using var ready = await Client.GetAsync("/v2/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True((bool?)(await ready.ReadObjectAsync())["ready"]);
    }

    [Fact]
    public async Task Model_metadata_lists_versions_platform_datatypes_and_shapes()
    {
        var movenet = await Client.GetObjectAsync("/v2/models/movenet-lightning");
        Assert.Equal("movenet-lightning", (string?)movenet["name"]);
        Assert.Equal("onnxruntime_onnx", (string?)movenet["platform"]);
        Assert.Equal(["4"], movenet["versions"]!.AsArray().Select(v => (string?)v));
        var input = movenet["inputs"]![0]!;
        Assert.Equal("input", (string?)input["name"]);
        Assert.Equal("INT32", (string?)input["datatype"]);
        Assert.Equal([1L, 192, 192, 3], input["shape"]!.AsArray().Select(d => (long)d!));
        Assert.Equal("FP32", (string?)movenet["outputs"]![0]!["datatype"]);

        var selfie = await Client.GetObjectAsync("/v2/models/selfie/versions/1215");
        Assert.Equal(-1L, (long)selfie["inputs"]![0]!["shape"]![0]!);

        var tryOn = await Client.GetObjectAsync("/v2/models/tryon-builtin");
        Assert.Contains(OipTryOnContract.PersonImage, tryOn["inputs"]!.AsArray().Select(i => (string?)i!["name"]));

        using var ready = await Client.GetAsync("/v2/models/movenet-lightning/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.True((bool?)(await ready.ReadObjectAsync())["ready"]);
    }

    [Theory]
    [InlineData("/v2/models/no-such-model")]
    [InlineData("/v2/models/movenet-lightning/versions/99")]
    [InlineData("/v2/models/no-such-model/ready")]
    public async Task Unknown_models_and_versions_are_404_with_an_error_body(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("unknown model", (string?)(await response.ReadObjectAsync())["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_inference_returns_the_same_keypoints_as_running_the_model_in_process()
    {
        var input = OipRequests.MoveNetInput();
        var json = Encoding(new OipInferRequest("req-7", [input], null, false), binary: false);
        using var response = await Client.PostAsync("/v2/models/movenet-lightning/infer", json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.ReadObjectAsync();
        Assert.Equal("req-7", (string?)body["id"]);
        Assert.Equal("movenet-lightning", (string?)body["model_name"]);
        Assert.Equal("4", (string?)body["model_version"]);
        var output = body["outputs"]![0]!;
        Assert.Equal("Identity", (string?)output["name"]);
        Assert.Equal("FP32", (string?)output["datatype"]);
        Assert.Equal([1L, 1, 17, 3], output["shape"]!.AsArray().Select(d => (long)d!));
        var remote = output["data"]!.AsArray().Select(v => (float)v!).ToArray();

        var local = LocalMoveNet(input);
        Assert.Equal(local.Length, remote.Length);
        Assert.All(local.Zip(remote), p => Assert.Equal(p.First, p.Second, 5));
    }

    [Fact]
    public async Task Binary_inference_carries_the_same_tensors_as_json()
    {
        var input = OipRequests.MoveNetInput();
        using var binary = await Client.PostAsync("/v2/models/movenet-lightning/infer", Encoding(new OipInferRequest(null, [input], null, BinaryOutputs: true), binary: true));
        Assert.Equal(HttpStatusCode.OK, binary.StatusCode);
        Assert.True(binary.Headers.Contains(OipWire.HeaderLength) || binary.Content.Headers.Contains(OipWire.HeaderLength));
        var fromBinary = (float[])(await OipRequests.ReadAsync(binary)).Outputs[0].Data;

        // JSON in, one output asked for as binary data by name.
        using var mixed = await Client.PostAsync("/v2/models/movenet-lightning/versions/4/infer",
            Encoding(new OipInferRequest(null, [input], [new OipRequestedOutput("Identity", true)], false), binary: false));
        Assert.Equal(HttpStatusCode.OK, mixed.StatusCode);
        var fromMixed = (float[])(await OipRequests.ReadAsync(mixed)).Outputs[0].Data;

        Assert.Equal(LocalMoveNet(input), fromBinary);
        Assert.Equal(fromBinary, fromMixed);
    }

    [Fact]
    public async Task Wrong_shape_datatype_missing_or_unknown_inputs_and_bad_json_are_400()
    {
        var good = OipRequests.MoveNetInput();
        var wrongShape = new OipTensor("input", OipDatatypes.Int32, [1, 96, 96, 3], new int[96 * 96 * 3]);
        var wrongType = new OipTensor("input", OipDatatypes.Fp32, [1, 192, 192, 3], new float[192 * 192 * 3]);
        var unknown = new OipTensor("bogus", OipDatatypes.Int32, [1], new int[1]);
        await AssertErrorAsync(Encoding(new OipInferRequest(null, [wrongShape], null, false), binary: true), "shape");
        await AssertErrorAsync(Encoding(new OipInferRequest(null, [wrongType], null, false), binary: false), "data-type");
        await AssertErrorAsync(Encoding(new OipInferRequest(null, [good, unknown], null, false), binary: true), "unexpected inference input");
        await AssertErrorAsync(OipRequests.Json("""{"inputs": []}"""), "missing");
        await AssertErrorAsync(OipRequests.Json("""{"inputs": [{"name": "input", "datatype": "INT32", "shape": [1, 192, 192, 3], "data": [1, 2, 3]}]}"""), "elements");
        await AssertErrorAsync(OipRequests.Json("""{"inputs": [{"name": "input", "datatype": "INT32", "shape": [1, 192"""), "malformed JSON");
        await AssertErrorAsync(OipRequests.Json("""{"inputs": [{"name": "input", "datatype": "INT32", "shape": [1], "data": ["x"]}]}"""), "not a valid value");
        await AssertErrorAsync(Encoding(new OipInferRequest(null, [good], [new OipRequestedOutput("nope", null)], false), binary: true), "unexpected inference output");
    }

    [Fact]
    public async Task Infer_on_an_unknown_model_is_404()
    {
        using var response = await Client.PostAsync("/v2/models/idm-vton/infer", OipRequests.Json("""{"inputs": []}"""));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((string?)(await response.ReadObjectAsync())["error"]);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        await using var small = new InferenceRoleFactory(new() { ["Drape:Inference:MaxRequestBytes"] = "4096" });
        using var response = await small.CreateClient().PostAsync("/v2/models/movenet-lightning/infer",
            Encoding(new OipInferRequest(null, [OipRequests.MoveNetInput()], null, false), binary: true));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("MaxRequestBytes", (string?)(await response.ReadObjectAsync())["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_routes_are_not_served_by_the_inference_role()
    {
        using var response = await Client.GetAsync("/api/v1/health");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task AssertErrorAsync(HttpContent content, string expected)
    {
        using var response = await Client.PostAsync("/v2/models/movenet-lightning/infer", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{response.StatusCode}: {body}");
        var error = (string?)JsonNode.Parse(body)!["error"];
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    private float[] LocalMoveNet(OipTensor input)
    {
        var outputs = host.Factory.Service<ModelManager>().Run("movenet-lightning", [input.ToOnnx()]);
        return OipTensor.From(outputs[0]).Data as float[] ?? throw new InvalidOperationException("not FP32");
    }

    private static HttpContent Encoding(OipInferRequest request, bool binary) => OipRequests.Body(request, binary);
}

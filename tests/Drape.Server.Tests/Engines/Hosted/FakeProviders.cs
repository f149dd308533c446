using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Drape.Imaging.Decoding;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using SkiaSharp;

namespace Drape.Server.Tests.Engines.Hosted;

/// <summary>
/// The documented HTTP contracts of fal's queue API, Replicate's predictions API and the FASHN API, served over real
/// HTTP on loopback. It checks what the real services would refuse (recorded in <see cref="Problems"/>), records every
/// call, and answers as scripted. Results are served from <c>localhost</c> while the APIs answer on
/// <c>127.0.0.1</c>, so a result download is a different host, as with the real CDNs.
/// </summary>
public sealed class FakeProviders : IAsyncDisposable
{
    public const string FalKey = "fal-key-id-0001:fal-secret-5f3c9a";
    public const string ReplicateToken = "r8_replicate-secret-7d21e4";
    public const string FashnKey = "fa-fashn-secret-b81c07";

    public const int ResultWidth = 48;
    public const int ResultHeight = 64;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _polls = new();
    private int _serial;

    private FakeProviders(WebApplication app)
    {
        _app = app;
        using var bitmap = new SKBitmap(new SKImageInfo(ResultWidth, ResultHeight, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        bitmap.Erase(new SKColor(200, 40, 90));
        ResultPng = ImageEncoding.EncodePng(bitmap);
    }

    public string BaseUrl => _app.Urls.Single();

    /// <summary>The same server by another name: where results are served from.</summary>
    public string FilesUrl => BaseUrl.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

    public byte[] ResultPng { get; }

    public ConcurrentQueue<string> Problems { get; } = new();

    public ConcurrentQueue<ProviderCall> Calls { get; } = new();

    /// <summary>Status answers that say queued / running before the job is done (at least one of each).</summary>
    public int PollsBeforeDone { get; set; } = 3;

    public bool NeverFinish { get; set; }

    /// <summary>Every submission answers this status.</summary>
    public int? FailSubmitWith { get; set; }

    /// <summary>Statuses for the next submissions, one each, before <see cref="FailSubmitWith"/> (or success) resumes.</summary>
    public ConcurrentQueue<int> NextSubmitFailures { get; } = new();

    /// <summary>Statuses for the next status polls, one each, before the normal answer resumes.</summary>
    public ConcurrentQueue<int> NextStatusFailures { get; } = new();

    /// <summary>When set, the job fails upstream with this message (and, for FASHN, <see cref="FashnErrorName"/>).</summary>
    public string? JobError { get; set; }

    public string FashnErrorName { get; set; } = "PipelineError";

    public TimeSpan SubmitDelay { get; set; }

    public IEnumerable<ProviderCall> Submits => Calls.Where(c => c.Kind == "submit");

    public IEnumerable<ProviderCall> Cancels => Calls.Where(c => c.Kind == "cancel");

    public static async Task<FakeProviders> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeProviders(app);

        app.MapGet("/files/{name}", fake.File);

        app.MapPost("/v1/predictions", fake.ReplicateSubmitAsync);
        app.MapGet("/v1/predictions/{id}", fake.ReplicateStatus);
        app.MapPost("/v1/predictions/{id}/cancel", fake.ReplicateCancel);

        app.MapPost("/v1/run", fake.FashnRunAsync);
        app.MapGet("/v1/status/{id}", fake.FashnStatus);

        app.MapPost("/{**model}", fake.FalSubmitAsync);
        app.MapGet("/{**path}", fake.FalGet);
        app.MapPut("/{**path}", fake.FalCancel);
        await app.StartAsync();
        return fake;
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    // ---- fal: POST {model} → request ids and URLs; status; result; PUT cancel ----

    private async Task<IResult> FalSubmitAsync(HttpRequest request, string model)
    {
        var body = await ReadBodyAsync(request);
        var call = Record("fal", "submit", request, body);
        if (!Authorized(request, "Key " + FalKey))
        {
            return Results.Json(new { detail = "Invalid Key Authorization header format" }, statusCode: 401);
        }

        if (await SubmitFailureAsync() is { } failure)
        {
            return new Failure(failure);
        }

        var leffa = model.Contains("leffa", StringComparison.Ordinal);
        ExpectDataUri(call, body?["human_image_url"]);
        ExpectDataUri(call, body?["garment_image_url"]);
        Expect(call, body?[leffa ? "garment_type" : "category"]?.ToString(), "upper_body", "lower_body", "dresses");
        if (!leffa && string.IsNullOrWhiteSpace(body?["description"]?.ToString()))
        {
            Problems.Enqueue("fal: idm-vton without a description");
        }

        var id = NewId();
        var app = string.Join('/', model.Split('/').Take(2));
        var root = $"{BaseUrl}/{app}/requests/{id}";
        return Results.Json(new { request_id = id, response_url = root, status_url = root + "/status", cancel_url = root + "/cancel" });
    }

    private IResult FalGet(HttpRequest request, string path)
    {
        var status = path.EndsWith("/status", StringComparison.Ordinal);
        Record("fal", status ? "status" : "result", request, null);
        if (!Authorized(request, "Key " + FalKey))
        {
            return Results.Json(new { detail = "Unauthorized" }, statusCode: 401);
        }

        var id = path.Split('/')[status ? ^2 : ^1];
        if (status)
        {
            if (NextStatusFailures.TryDequeue(out var failure))
            {
                return new Failure(failure);
            }

            return Progress(id) switch
            {
                0 => Results.Json(new { status = "IN_QUEUE", queue_position = 0, response_url = "" }),
                < 0 => Results.Json(new { status = "IN_PROGRESS", logs = Array.Empty<object>() }),
                _ => Results.Json(new { status = "COMPLETED", logs = Array.Empty<object>() }),
            };
        }

        if (JobError is not null)
        {
            return Results.Json(new { detail = new[] { new { loc = new[] { "body" }, msg = JobError, type = "inference_error" } } }, statusCode: 422);
        }

        return Results.Json(new { image = new { url = FilesUrl + "/files/result.png", width = ResultWidth, height = ResultHeight, content_type = "image/png" }, seed = 42 });
    }

    private IResult FalCancel(HttpRequest request, string path)
    {
        Record("fal", "cancel", request, null);
        return Authorized(request, "Key " + FalKey) ? Results.Json(new { status = "CANCELLATION_REQUESTED" }, statusCode: 202) : Results.StatusCode(401);
    }

    // ---- Replicate: POST /v1/predictions; GET /v1/predictions/{id}; POST …/cancel ----

    private async Task<IResult> ReplicateSubmitAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        var call = Record("replicate", "submit", request, body);
        if (!Authorized(request, "Bearer " + ReplicateToken))
        {
            return Results.Json(new { title = "Unauthenticated", detail = "You did not pass a valid authentication token", status = 401 }, statusCode: 401);
        }

        if (await SubmitFailureAsync() is { } failure)
        {
            return Results.Json(new { detail = "Internal server error" }, statusCode: failure);
        }

        if (body?["version"]?.ToString() is not { Length: 64 })
        {
            Problems.Enqueue("replicate: no 64-digit version");
        }

        var input = body?["input"];
        ExpectDataUri(call, input?["human_img"]);
        ExpectDataUri(call, input?["garm_img"]);
        Expect(call, input?["category"]?.ToString(), "upper_body", "lower_body", "dresses");
        if (input?["steps"] is null || input["seed"] is null || input["garment_des"] is null)
        {
            Problems.Enqueue("replicate: steps, seed or garment_des missing");
        }

        var id = NewId();
        return Results.Json(Prediction(id, "starting"), statusCode: 201);
    }

    private IResult ReplicateStatus(HttpRequest request, string id)
    {
        Record("replicate", "status", request, null);
        if (!Authorized(request, "Bearer " + ReplicateToken))
        {
            return Results.StatusCode(401);
        }

        if (NextStatusFailures.TryDequeue(out var failure))
        {
            return new Failure(failure);
        }

        return Progress(id) switch
        {
            0 => Results.Json(Prediction(id, "starting")),
            < 0 => Results.Json(Prediction(id, "processing")),
            _ when JobError is not null => Results.Json(Prediction(id, "failed", error: JobError)),
            _ => Results.Json(Prediction(id, "succeeded", output: FilesUrl + "/files/result.png")),
        };
    }

    private IResult ReplicateCancel(HttpRequest request, string id)
    {
        Record("replicate", "cancel", request, null);
        return Authorized(request, "Bearer " + ReplicateToken) ? Results.Json(Prediction(id, "canceled")) : Results.StatusCode(401);
    }

    private object Prediction(string id, string status, string? output = null, string? error = null) => new
    {
        id,
        model = "cuuupid/idm-vton",
        status,
        output,
        error,
        logs = "",
        urls = new { get = $"{BaseUrl}/v1/predictions/{id}", cancel = $"{BaseUrl}/v1/predictions/{id}/cancel" },
    };

    // ---- FASHN: POST /v1/run; GET /v1/status/{id} ----

    private async Task<IResult> FashnRunAsync(HttpRequest request)
    {
        var body = await ReadBodyAsync(request);
        var call = Record("fashn", "submit", request, body);
        if (!Authorized(request, "Bearer " + FashnKey))
        {
            return Results.Json(new { error = "UnauthorizedAccess", message = "Unauthorized: Invalid token" }, statusCode: 401);
        }

        if (await SubmitFailureAsync() is { } failure)
        {
            return Results.Json(new { error = "InternalServerError", message = "Internal server error" }, statusCode: failure);
        }

        if (body?["model_name"]?.ToString() != "tryon-v1.6")
        {
            Problems.Enqueue($"fashn: model_name was {body?["model_name"]}");
        }

        var inputs = body?["inputs"];
        ExpectDataUri(call, inputs?["model_image"]);
        ExpectDataUri(call, inputs?["garment_image"]);
        Expect(call, inputs?["category"]?.ToString(), "auto", "tops", "bottoms", "one-pieces");
        Expect(call, inputs?["mode"]?.ToString(), "performance", "balanced", "quality");
        return Results.Json(new { id = NewId(), error = (string?)null });
    }

    private IResult FashnStatus(HttpRequest request, string id)
    {
        Record("fashn", "status", request, null);
        if (!Authorized(request, "Bearer " + FashnKey))
        {
            return Results.StatusCode(401);
        }

        if (NextStatusFailures.TryDequeue(out var failure))
        {
            return new Failure(failure);
        }

        return Progress(id) switch
        {
            0 => Results.Json(new { id, status = "in_queue", output = (string[]?)null, error = (object?)null }),
            < 0 => Results.Json(new { id, status = "processing", output = (string[]?)null, error = (object?)null }),
            _ when JobError is not null => Results.Json(new { id, status = "failed", output = (string[]?)null, error = new { name = FashnErrorName, message = JobError } }),
            _ => Results.Json(new { id, status = "completed", output = new[] { FilesUrl + "/files/result.png" }, error = (object?)null }),
        };
    }

    // ---- shared ----

    private IResult File(HttpRequest request, string name)
    {
        Record("files", "download", request, null);
        return name == "result.png" ? Results.Bytes(ResultPng, "image/png") : Results.NotFound();
    }

    /// <summary>0 for the first poll of a job (queued), -1 while running, 1 once done.</summary>
    private int Progress(string id)
    {
        var polls = _polls.AddOrUpdate(id, 1, (_, n) => n + 1);
        return polls == 1 ? 0 : NeverFinish || polls < PollsBeforeDone ? -1 : 1;
    }

    private async Task<int?> SubmitFailureAsync()
    {
        if (SubmitDelay > TimeSpan.Zero)
        {
            await Task.Delay(SubmitDelay);
        }

        return NextSubmitFailures.TryDequeue(out var next) ? next : FailSubmitWith;
    }

    private string NewId() => $"req-{Interlocked.Increment(ref _serial):D4}-{Guid.NewGuid():N}";

    private ProviderCall Record(string provider, string kind, HttpRequest request, JsonNode? body)
    {
        var call = new ProviderCall(provider, kind, request.Method, request.Path.Value ?? "", request.Headers.Authorization.ToString(), body);
        Calls.Enqueue(call);
        return call;
    }

    private static bool Authorized(HttpRequest request, string expected) => request.Headers.Authorization.ToString() == expected;

    private void ExpectDataUri(ProviderCall call, JsonNode? value)
    {
        const string prefix = "data:image/jpeg;base64,";
        var text = value?.ToString() ?? "";
        if (!text.StartsWith(prefix, StringComparison.Ordinal))
        {
            Problems.Enqueue($"{call.Provider}: an image is not a JPEG data URI");
            return;
        }

        var bytes = Convert.FromBase64String(text[prefix.Length..]);
        if (ImageUploadDecoder.Sniff(bytes) != ImageFormatKind.Jpeg)
        {
            Problems.Enqueue($"{call.Provider}: a data URI's content is not a JPEG");
        }
    }

    private void Expect(ProviderCall call, string? value, params string[] allowed)
    {
        if (value is null || !allowed.Contains(value))
        {
            Problems.Enqueue($"{call.Provider}: '{value}' is not one of {string.Join('|', allowed)}");
        }
    }

    private static async Task<JsonNode?> ReadBodyAsync(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var text = await reader.ReadToEndAsync();
        return text.Length == 0 ? null : JsonNode.Parse(text);
    }

    /// <summary>A failure with <c>Retry-After: 0</c>, as a provider under load answers.</summary>
    private sealed class Failure(int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            httpContext.Response.Headers.RetryAfter = "0";
            return httpContext.Response.WriteAsJsonAsync(new { detail = "temporarily unavailable" });
        }
    }
}

/// <summary>One call as the fake received it.</summary>
public sealed record ProviderCall(string Provider, string Kind, string Method, string Path, string Authorization, JsonNode? Body);

using System.Globalization;
using System.Reflection;
using Drape.Errors;
using Drape.Server.Engines.Oip;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Drape.Server.Features.Inference;

public sealed record OipLive(bool Live);

public sealed record OipReady(bool Ready);

public sealed record OipModelReady(string Name, bool Ready);

/// <summary>The <c>/v2</c> handlers. Not ready answers 400 with <c>{"ready": false}</c>, as the protocol says (any 4xx is false).</summary>
internal static class InferenceHandlers
{
    private static readonly string Version = typeof(InferenceHandlers).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0.0";

    public static Ok<OipServerMetadata> ServerMetadata() => TypedResults.Ok(new OipServerMetadata("drape", Version, ["binary_tensor_data"]));

    public static Ok<OipLive> Live() => TypedResults.Ok(new OipLive(true));

    public static Results<Ok<OipReady>, JsonHttpResult<OipReady>> Ready(InferenceModels models)
    {
        var ready = models.All.All(m => m.IsReady());
        return ready ? TypedResults.Ok(new OipReady(true)) : TypedResults.Json(new OipReady(false), statusCode: 400);
    }

    public static Results<Ok<OipModelMetadata>, JsonHttpResult<OipError>> ModelMetadata(string name, string? version, InferenceModels models)
    {
        try
        {
            var (model, _) = models.Find(name, version);
            return TypedResults.Ok(new OipModelMetadata(model.Name, model.Versions, model.Platform, model.Inputs, model.Outputs));
        }
        catch (OipException e)
        {
            return Error(e.Status, e.Message);
        }
    }

    public static Results<Ok<OipModelReady>, JsonHttpResult<OipModelReady>, JsonHttpResult<OipError>> ModelReady(string name, string? version, InferenceModels models)
    {
        try
        {
            var (model, _) = models.Find(name, version);
            return model.IsReady() ? TypedResults.Ok(new OipModelReady(model.Name, true)) : TypedResults.Json(new OipModelReady(model.Name, false), statusCode: 400);
        }
        catch (OipException e)
        {
            return Error(e.Status, e.Message);
        }
    }

    public static async Task<Results<FileContentHttpResult, JsonHttpResult<OipError>>> Infer(
        string name, string? version, HttpContext context, InferenceModels models, IOptions<InferenceOptions> options, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        try
        {
            var (model, resolved) = models.Find(name, version);
            var body = await ReadBodyAsync(context, options.Value.MaxRequestBytes, cancellationToken);
            var request = OipWire.ReadRequest(body, HeaderLength(context.Request.Headers));
            InferenceModels.Validate(model, request.Inputs);
            var outputs = await model.InferAsync(resolved, request.Inputs, cancellationToken);
            var (selected, binary) = Select(model, outputs, request);
            var (bytes, headerLength) = OipWire.WriteResponse(new OipInferResponse(model.Name, resolved, request.Id, selected), binary);
            if (headerLength is { } length)
            {
                context.Response.Headers[OipWire.HeaderLength] = length.ToString(CultureInfo.InvariantCulture);
                return TypedResults.Bytes(bytes, "application/octet-stream");
            }

            return TypedResults.Bytes(bytes, "application/json");
        }
        catch (OipException e)
        {
            return Error(e.Status, e.Message);
        }
        catch (DrapeException e)
        {
            // Input the model refused is the caller's error (400); a model that failed or is missing here is ours.
            var status = e.ErrorCode is ErrorCodes.BadInput or ErrorCodes.InvalidInput or ErrorCodes.ContentMismatch ? 400 : e.Status >= 500 ? e.Status : 500;
            if (status >= 500)
            {
                logs.CreateLogger(typeof(InferenceHandlers)).LogError(e, "Inference of {Model} failed", name);
            }

            return Error(status, e.Message);
        }
    }

    /// <summary>The outputs asked for (all when none are named), and which of them go back as binary data.</summary>
    private static (List<OipTensor> Outputs, HashSet<string> Binary) Select(IServedModel model, IReadOnlyList<OipTensor> outputs, OipInferRequest request)
    {
        var selected = outputs.ToList();
        if (request.Outputs is { } requested)
        {
            var unknown = requested.FirstOrDefault(r => model.Outputs.All(o => o.Name != r.Name));
            if (unknown is not null)
            {
                throw new OipException(400, $"unexpected inference output '{unknown.Name}' for model '{model.Name}'");
            }

            selected = outputs.Where(o => requested.Any(r => r.Name == o.Name)).ToList();
        }

        var binary = selected.Where(o => request.Outputs?.FirstOrDefault(r => r.Name == o.Name)?.Binary ?? request.BinaryOutputs)
            .Select(o => o.Name).ToHashSet(StringComparer.Ordinal);
        return (selected, binary);
    }

    private static int? HeaderLength(IHeaderDictionary headers)
    {
        if (!headers.TryGetValue(OipWire.HeaderLength, out var value))
        {
            return null;
        }

        return int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var length)
            ? length
            : throw new OipException(400, $"{OipWire.HeaderLength} must be a non-negative integer");
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }

        if (context.Request.ContentLength > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream(context.Request.ContentLength is { } known ? (int)known : 64 * 1024);
        var chunk = new byte[81920];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                throw TooLarge(limit);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    private static OipException TooLarge(long limit) => new(413, $"the request body is larger than {limit} bytes (Drape:Inference:MaxRequestBytes)");

    private static JsonHttpResult<OipError> Error(int status, string message) => TypedResults.Json(new OipError(message), statusCode: status);
}

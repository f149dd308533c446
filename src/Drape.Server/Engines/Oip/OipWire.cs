using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Drape.Server.Engines.Oip;

/// <param name="Outputs">The outputs asked for (null: all), each with whether it should come back as binary data.</param>
/// <param name="BinaryOutputs">The request-level <c>binary_data_output</c> parameter: every output as binary data.</param>
public sealed record OipInferRequest(string? Id, IReadOnlyList<OipTensor> Inputs, IReadOnlyList<OipRequestedOutput>? Outputs, bool BinaryOutputs);

public sealed record OipRequestedOutput(string Name, bool? Binary);

public sealed record OipInferResponse(string ModelName, string? ModelVersion, string? Id, IReadOnlyList<OipTensor> Outputs);

/// <summary>
/// Inference requests and responses on the wire: JSON tensors (<c>data</c>, flat or nested, row-major) and the
/// binary tensor data extension (a JSON header of <c>Inference-Header-Content-Length</c> bytes, then each binary
/// tensor's bytes in order: little-endian elements, <c>BYTES</c> elements as a 4-byte length and the bytes).
/// Malformed input is an <see cref="OipException"/> with status 400.
/// </summary>
public static partial class OipWire
{
    public const string HeaderLength = "Inference-Header-Content-Length";
    public const string BinaryDataSize = "binary_data_size";

    public static OipInferRequest ReadRequest(ReadOnlyMemory<byte> body, int? headerLength)
    {
        var (json, binary) = Split(body, headerLength);
        using var document = Parse(json);
        var root = document.RootElement;
        var inputs = ReadTensors(root, "inputs", binary, required: true);
        List<OipRequestedOutput>? outputs = null;
        if (root.TryGetProperty("outputs", out var requested))
        {
            outputs = [];
            foreach (var output in Items(requested, "outputs"))
            {
                var name = String(output, "name") ?? throw Bad("each requested output needs a 'name'");
                outputs.Add(new OipRequestedOutput(name, Parameter(output, "binary_data") is { ValueKind: JsonValueKind.True or JsonValueKind.False } b ? b.GetBoolean() : null));
            }
        }

        var binaryOutputs = Parameter(root, "binary_data_output") is { ValueKind: JsonValueKind.True };
        return new OipInferRequest(Id(root), inputs, outputs, binaryOutputs);
    }

    public static OipInferResponse ReadResponse(ReadOnlyMemory<byte> body, int? headerLength)
    {
        var (json, binary) = Split(body, headerLength);
        using var document = Parse(json);
        var root = document.RootElement;
        return new OipInferResponse(String(root, "model_name") ?? "", String(root, "model_version"), Id(root), ReadTensors(root, "outputs", binary, required: true));
    }

    /// <summary>The request body and, when any input is binary, the JSON header's length for <see cref="HeaderLength"/>.</summary>
    public static (byte[] Body, int? HeaderLength) WriteRequest(OipInferRequest request, bool binaryInputs)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Write(binaryInputs ? request.Inputs.Select(t => t.Name).ToHashSet() : [], request.Inputs, "inputs", writer =>
        {
            if (request.Id is not null)
            {
                writer.WriteString("id", request.Id);
            }

            if (request.BinaryOutputs)
            {
                writer.WriteStartObject("parameters");
                writer.WriteBoolean("binary_data_output", true);
                writer.WriteEndObject();
            }

            if (request.Outputs is { } outputs)
            {
                writer.WriteStartArray("outputs");
                foreach (var output in outputs)
                {
                    writer.WriteStartObject();
                    writer.WriteString("name", output.Name);
                    if (output.Binary is { } b)
                    {
                        writer.WriteStartObject("parameters");
                        writer.WriteBoolean("binary_data", b);
                        writer.WriteEndObject();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
            }
        });
    }

    public static (byte[] Body, int? HeaderLength) WriteResponse(OipInferResponse response, ISet<string> binaryOutputs)
    {
        ArgumentNullException.ThrowIfNull(response);
        return Write(binaryOutputs, response.Outputs, "outputs", writer =>
        {
            writer.WriteString("model_name", response.ModelName);
            if (response.ModelVersion is not null)
            {
                writer.WriteString("model_version", response.ModelVersion);
            }

            if (response.Id is not null)
            {
                writer.WriteString("id", response.Id);
            }
        });
    }

    private static (byte[] Body, int? HeaderLength) Write(ISet<string> binary, IReadOnlyList<OipTensor> tensors, string key, Action<Utf8JsonWriter> head)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            head(writer);
            writer.WriteStartArray(key);
            foreach (var tensor in tensors)
            {
                writer.WriteStartObject();
                writer.WriteString("name", tensor.Name);
                writer.WriteString("datatype", tensor.Datatype);
                writer.WriteStartArray("shape");
                foreach (var d in tensor.Shape)
                {
                    writer.WriteNumberValue(d);
                }

                writer.WriteEndArray();
                if (binary.Contains(tensor.Name))
                {
                    writer.WriteStartObject("parameters");
                    writer.WriteNumber(BinaryDataSize, BinarySize(tensor));
                    writer.WriteEndObject();
                }
                else
                {
                    writer.WritePropertyName("data");
                    WriteData(writer, tensor.Data);
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        if (binary.Count == 0)
        {
            return (buffer.WrittenSpan.ToArray(), null);
        }

        var headerLength = buffer.WrittenCount;
        foreach (var tensor in tensors.Where(t => binary.Contains(t.Name)))
        {
            WriteBinary(buffer, tensor.Data);
        }

        return (buffer.WrittenSpan.ToArray(), headerLength);
    }

    private static (ReadOnlyMemory<byte> Json, ReadOnlyMemory<byte> Binary) Split(ReadOnlyMemory<byte> body, int? headerLength)
    {
        if (headerLength is not { } length)
        {
            return (body, ReadOnlyMemory<byte>.Empty);
        }

        if (length < 0 || length > body.Length)
        {
            throw Bad($"{HeaderLength} is {length}, but the body has {body.Length} bytes");
        }

        return (body[..length], body[length..]);
    }

    private static JsonDocument Parse(ReadOnlyMemory<byte> json)
    {
        try
        {
            var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw Bad("the body must be a JSON object");
            }

            return document;
        }
        catch (JsonException e)
        {
            throw Bad($"malformed JSON: {e.Message}");
        }
    }

    private static List<OipTensor> ReadTensors(JsonElement root, string key, ReadOnlyMemory<byte> binary, bool required)
    {
        if (!root.TryGetProperty(key, out var array))
        {
            return required ? throw Bad($"'{key}' is missing") : [];
        }

        var tensors = new List<OipTensor>();
        var offset = 0;
        foreach (var item in Items(array, key))
        {
            var name = String(item, "name") ?? throw Bad($"each of '{key}' needs a 'name'");
            var datatype = String(item, "datatype") ?? throw Bad($"'{name}' needs a 'datatype'");
            if (!item.TryGetProperty("shape", out var shapeElement) || shapeElement.ValueKind != JsonValueKind.Array)
            {
                throw Bad($"'{name}' needs a 'shape'");
            }

            var shape = shapeElement.EnumerateArray().Select(d => d.TryGetInt64(out var v) && v >= 0 ? v : throw Bad($"'{name}' has a bad shape")).ToArray();
            var count = Count(name, shape);
            var data = OipDatatypes.Allocate(datatype, count);
            if (Parameter(item, BinaryDataSize) is { } size)
            {
                if (!size.TryGetInt32(out var bytes) || bytes < 0 || offset + bytes > binary.Length)
                {
                    throw Bad($"'{name}': {BinaryDataSize} does not fit the binary data after the JSON header");
                }

                ReadBinary(name, binary.Span.Slice(offset, bytes), data);
                offset += bytes;
            }
            else if (item.TryGetProperty("data", out var json))
            {
                var filled = 0;
                ReadJson(name, json, data, ref filled);
                if (filled != count)
                {
                    throw Bad($"'{name}' has shape [{string.Join(',', shape)}], which needs {count} elements, but 'data' has {filled}");
                }
            }
            else
            {
                throw Bad($"'{name}' has neither 'data' nor a '{BinaryDataSize}' parameter");
            }

            tensors.Add(new OipTensor(name, datatype, shape, data));
        }

        if (offset != binary.Length)
        {
            throw Bad($"the binary data is {binary.Length} bytes, but the tensors' {BinaryDataSize} add up to {offset}");
        }

        return tensors;
    }

    private static JsonElement.ArrayEnumerator Items(JsonElement element, string what) =>
        element.ValueKind == JsonValueKind.Array ? element.EnumerateArray() : throw Bad($"'{what}' must be an array");

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind == JsonValueKind.String ? value.GetString() : throw Bad($"'{name}' must be a string") : null;

    private static string? Id(JsonElement root) => String(root, "id");

    private static JsonElement? Parameter(JsonElement element, string name) =>
        element.TryGetProperty("parameters", out var parameters) && parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out var value) ? value : null;

    private static OipException Bad(string message) => new(400, message);
}

using System.Runtime.InteropServices;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Drape.Server.Engines.Oip;

/// <summary>
/// One tensor of the Open Inference Protocol v2: name, datatype (<c>FP32</c>, <c>INT32</c>, <c>UINT8</c>, …), shape and
/// its elements in row-major order. <see cref="Data"/> is a <c>float[]</c>, <c>int[]</c>, <c>long[]</c>, <c>byte[]</c>,
/// <c>sbyte[]</c>, <c>double[]</c>, <c>bool[]</c>, or for <c>BYTES</c> a <c>byte[][]</c>.
/// </summary>
public sealed record OipTensor(string Name, string Datatype, long[] Shape, Array Data)
{
    public static OipTensor Of(string name, float[] data, params long[] shape) => new(name, OipDatatypes.Fp32, shape, data);

    public static OipTensor Of(string name, byte[] data, params long[] shape) => new(name, OipDatatypes.Uint8, shape, data);

    public static OipTensor Of(string name, long[] data, params long[] shape) => new(name, OipDatatypes.Int64, shape, data);

    public static OipTensor Text(string name, string value) => new(name, OipDatatypes.Bytes, [1], new[] { System.Text.Encoding.UTF8.GetBytes(value) });

    /// <summary>A managed tensor from ONNX Runtime's value (float, int, long, byte or bool tensors).</summary>
    public static OipTensor From(NamedOnnxValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Value switch
        {
            Tensor<float> t => new(value.Name, OipDatatypes.Fp32, Dims(t), Elements(t)),
            Tensor<int> t => new(value.Name, OipDatatypes.Int32, Dims(t), Elements(t)),
            Tensor<long> t => new(value.Name, OipDatatypes.Int64, Dims(t), Elements(t)),
            Tensor<byte> t => new(value.Name, OipDatatypes.Uint8, Dims(t), Elements(t)),
            Tensor<bool> t => new(value.Name, OipDatatypes.Bool, Dims(t), Elements(t)),
            _ => throw new NotSupportedException($"'{value.Name}' is not a float, int, long, byte or bool tensor."),
        };
    }

    public int Count => Data.Length;

    /// <summary>The tensor for ONNX Runtime (numeric datatypes only).</summary>
    public NamedOnnxValue ToOnnx()
    {
        var dims = Shape.Select(d => checked((int)d)).ToArray();
        return Data switch
        {
            float[] a => NamedOnnxValue.CreateFromTensor(Name, new DenseTensor<float>(a, dims)),
            int[] a => NamedOnnxValue.CreateFromTensor(Name, new DenseTensor<int>(a, dims)),
            long[] a => NamedOnnxValue.CreateFromTensor(Name, new DenseTensor<long>(a, dims)),
            byte[] a => NamedOnnxValue.CreateFromTensor(Name, new DenseTensor<byte>(a, dims)),
            bool[] a => NamedOnnxValue.CreateFromTensor(Name, new DenseTensor<bool>(a, dims)),
            double[] a => NamedOnnxValue.CreateFromTensor(Name, new DenseTensor<double>(a, dims)),
            sbyte[] a => NamedOnnxValue.CreateFromTensor(Name, new DenseTensor<sbyte>(a, dims)),
            _ => throw new NotSupportedException($"'{Name}' ({Datatype}) cannot be given to ONNX Runtime."),
        };
    }

    /// <summary>The single string of a <c>BYTES</c> tensor of one element, or null.</summary>
    public string? AsText() => Data is byte[][] { Length: 1 } items ? System.Text.Encoding.UTF8.GetString(items[0]) : null;

    private static long[] Dims<T>(Tensor<T> tensor) => tensor.Dimensions.ToArray().Select(d => (long)d).ToArray();

    private static T[] Elements<T>(Tensor<T> tensor) =>
        tensor is DenseTensor<T> dense && MemoryMarshal.TryGetArray<T>(dense.Buffer, out var segment)
            && segment.Offset == 0 && segment.Array!.Length == segment.Count
            ? segment.Array
            : tensor.ToArray();
}

/// <summary>The datatypes Drape reads and writes, with their element sizes in the binary-data extension.</summary>
public static class OipDatatypes
{
    public const string Bool = "BOOL";
    public const string Uint8 = "UINT8";
    public const string Int8 = "INT8";
    public const string Int32 = "INT32";
    public const string Int64 = "INT64";
    public const string Fp32 = "FP32";
    public const string Fp64 = "FP64";
    public const string Bytes = "BYTES";

    public static readonly IReadOnlyList<string> Supported = [Bool, Uint8, Int8, Int32, Int64, Fp32, Fp64, Bytes];

    /// <summary>The datatype of a manifest dtype (<c>float32</c>, <c>int32</c>, …).</summary>
    public static string FromManifest(string dtype) => dtype switch
    {
        "float32" => Fp32,
        "float64" => Fp64,
        "int32" => Int32,
        "int64" => Int64,
        "uint8" => Uint8,
        "int8" => Int8,
        "bool" => Bool,
        _ => throw new NotSupportedException($"No Open Inference Protocol datatype for '{dtype}'."),
    };

    /// <summary>Bytes per element, or 0 for <c>BYTES</c> (each element carries its own length).</summary>
    public static int SizeOf(string datatype) => datatype switch
    {
        Bool or Uint8 or Int8 => 1,
        Int32 or Fp32 => 4,
        Int64 or Fp64 => 8,
        _ => 0,
    };

    public static Array Allocate(string datatype, int count) => datatype switch
    {
        Bool => new bool[count],
        Uint8 => new byte[count],
        Int8 => new sbyte[count],
        Int32 => new int[count],
        Int64 => new long[count],
        Fp32 => new float[count],
        Fp64 => new double[count],
        Bytes => new byte[count][],
        _ => throw new OipException(400, $"unsupported datatype '{datatype}' (supported: {string.Join(", ", Supported)})"),
    };
}

/// <summary>An Open Inference Protocol error: the HTTP status and the <c>{"error": "…"}</c> message.</summary>
public sealed class OipException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

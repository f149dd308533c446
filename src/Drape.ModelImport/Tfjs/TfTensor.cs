namespace Drape.ModelImport.Tfjs;

public enum TfDType
{
    Float,
    Int32,
    Int64,
    Bool,
}

/// <summary>A constant tensor: float data or integer data (int32, int64 and bool all held as <see cref="long"/>).</summary>
public sealed record TfTensor(TfDType DType, long[] Shape, float[]? Floats, long[]? Ints)
{
    public static TfTensor Float(long[] shape, float[] values) => new(TfDType.Float, shape, values, null);

    public static TfTensor Int(long[] shape, int[] values) => new(TfDType.Int32, shape, null, values.Select(v => (long)v).ToArray());

    public static TfTensor Long(long[] shape, long[] values) => new(TfDType.Int64, shape, null, values);

    public int Count => Floats?.Length ?? Ints!.Length;

    /// <summary>The values as integers (for shapes, axes and paddings); float data is refused.</summary>
    public long[] AsLongs(string what) => Ints ?? throw new ModelImportException($"{what} must be an integer constant.");
}

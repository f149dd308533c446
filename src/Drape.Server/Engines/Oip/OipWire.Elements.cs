using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Drape.Server.Engines.Oip;

/// <summary>Tensor elements on the wire: counting them, reading them from JSON or binary data, writing them back.</summary>
public static partial class OipWire
{
    private static int Count(string name, long[] shape)
    {
        long count = 1;
        foreach (var d in shape)
        {
            count *= d;
            if (count > Array.MaxLength)
            {
                throw Bad($"'{name}' is too large");
            }
        }

        return (int)count;
    }

    private static void ReadJson(string name, JsonElement element, Array data, ref int index)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                ReadJson(name, item, data, ref index);
            }

            return;
        }

        if (index >= data.Length)
        {
            index++;
            return;
        }

        var ok = data switch
        {
            float[] a => element.ValueKind == JsonValueKind.Number && element.TryGetSingle(out a[index]),
            double[] a => element.ValueKind == JsonValueKind.Number && element.TryGetDouble(out a[index]),
            int[] a => element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out a[index]),
            long[] a => element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out a[index]),
            byte[] a => element.ValueKind == JsonValueKind.Number && element.TryGetByte(out a[index]),
            sbyte[] a => element.ValueKind == JsonValueKind.Number && element.TryGetSByte(out a[index]),
            bool[] a => element.ValueKind is JsonValueKind.True or JsonValueKind.False && Set(a, index, element.GetBoolean()),
            byte[][] a => element.ValueKind == JsonValueKind.String && Set(a, index, System.Text.Encoding.UTF8.GetBytes(element.GetString()!)),
            _ => false,
        };
        if (!ok)
        {
            throw Bad($"'{name}': element {index} ({element.GetRawText()}) is not a valid value of its datatype");
        }

        index++;
    }

    private static void ReadBinary(string name, ReadOnlySpan<byte> bytes, Array data)
    {
        if (data is byte[][] items)
        {
            for (var i = 0; i < items.Length; i++)
            {
                if (bytes.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(bytes) is var length && length > bytes.Length - 4)
                {
                    throw Bad($"'{name}': BYTES element {i} runs past its binary data");
                }

                items[i] = bytes.Slice(4, (int)length).ToArray();
                bytes = bytes[(4 + (int)length)..];
            }

            if (!bytes.IsEmpty)
            {
                throw Bad($"'{name}': binary data is longer than its elements");
            }

            return;
        }

        var target = Bytes(data);
        if (bytes.Length != target.Length)
        {
            throw Bad($"'{name}': {BinaryDataSize} is {bytes.Length}, but its shape and datatype need {target.Length} bytes");
        }

        bytes.CopyTo(target);
        if (data is bool[] flags)
        {
            for (var i = 0; i < flags.Length; i++)
            {
                flags[i] = bytes[i] != 0;
            }
        }
    }

    private static void WriteBinary(ArrayBufferWriter<byte> buffer, Array data)
    {
        if (data is byte[][] items)
        {
            foreach (var item in items)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(buffer.GetSpan(4), (uint)item.Length);
                buffer.Advance(4);
                buffer.Write(item);
            }

            return;
        }

        buffer.Write(Bytes(data));
    }

    private static long BinarySize(OipTensor tensor) =>
        tensor.Data is byte[][] items ? items.Sum(i => 4L + i.Length) : (long)tensor.Count * OipDatatypes.SizeOf(tensor.Datatype);

    /// <summary>The elements' bytes, little-endian (Drape runs on little-endian machines only).</summary>
    private static Span<byte> Bytes(Array data) => data switch
    {
        float[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        double[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        int[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        long[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        byte[] a => a,
        sbyte[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        bool[] a => MemoryMarshal.AsBytes(a.AsSpan()),
        _ => throw new NotSupportedException($"{data.GetType().Name} has no fixed-size elements."),
    };

    private static bool Set<T>(T[] array, int index, T value)
    {
        array[index] = value;
        return true;
    }

    private static void WriteData(Utf8JsonWriter writer, Array data)
    {
        writer.WriteStartArray();
        Action<int> write = data switch
        {
            float[] a => i => writer.WriteNumberValue(a[i]),
            double[] a => i => writer.WriteNumberValue(a[i]),
            int[] a => i => writer.WriteNumberValue(a[i]),
            long[] a => i => writer.WriteNumberValue(a[i]),
            byte[] a => i => writer.WriteNumberValue(a[i]),
            sbyte[] a => i => writer.WriteNumberValue(a[i]),
            bool[] a => i => writer.WriteBooleanValue(a[i]),
            byte[][] a => i => writer.WriteStringValue(System.Text.Encoding.UTF8.GetString(a[i])),
            _ => throw new NotSupportedException($"{data.GetType().Name} cannot be written as tensor data."),
        };
        for (var i = 0; i < data.Length; i++)
        {
            write(i);
        }

        writer.WriteEndArray();
    }
}

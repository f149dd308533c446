namespace Drape.Vision.Tests.Import;

/// <summary>
/// Naive reference implementations of TensorFlow ops, written from TF's documented NHWC semantics (and its kernels'
/// index formulas for resize), to check the converted ONNX graphs against.
/// </summary>
internal static class TfReference
{
    /// <summary>Output size and leading padding of a window op along one axis (TF's SAME pads the extra at the end).</summary>
    public static (int Out, int PadBefore) Window(string padding, int size, int kernel, int stride)
    {
        if (padding == "VALID")
        {
            return (((size - kernel) / stride) + 1, 0);
        }

        var output = (size + stride - 1) / stride;
        var total = Math.Max(((output - 1) * stride) + kernel - size, 0);
        return (output, total / 2);
    }

    public static Nd Conv2D(Nd x, Nd filter, int stride, string padding)
    {
        var (n, h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var (kh, kw, m) = (filter.Shape[0], filter.Shape[1], filter.Shape[3]);
        Assert.Equal(c, filter.Shape[2]);
        var (oh, top) = Window(padding, h, kh, stride);
        var (ow, left) = Window(padding, w, kw, stride);
        var y = new float[n * oh * ow * m];
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    for (var co = 0; co < m; co++)
                    {
                        var sum = 0.0;
                        for (var i = 0; i < kh; i++)
                        {
                            for (var j = 0; j < kw; j++)
                            {
                                var (iy, ix) = ((oy * stride) + i - top, (ox * stride) + j - left);
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                {
                                    continue;
                                }

                                for (var ci = 0; ci < c; ci++)
                                {
                                    sum += x[b, iy, ix, ci] * filter[i, j, ci, co];
                                }
                            }
                        }

                        y[(((((b * oh) + oy) * ow) + ox) * m) + co] = (float)sum;
                    }
                }
            }
        }

        return Nd.F(y, n, oh, ow, m);
    }

    /// <summary>Depthwise convolution: filter [H, W, C, M], output channel c·M + m.</summary>
    public static Nd DepthwiseConv2D(Nd x, Nd filter, int stride, string padding)
    {
        var (n, h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var (kh, kw, m) = (filter.Shape[0], filter.Shape[1], filter.Shape[3]);
        var (oh, top) = Window(padding, h, kh, stride);
        var (ow, left) = Window(padding, w, kw, stride);
        var y = new float[n * oh * ow * c * m];
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    for (var ci = 0; ci < c; ci++)
                    {
                        for (var mi = 0; mi < m; mi++)
                        {
                            var sum = 0.0;
                            for (var i = 0; i < kh; i++)
                            {
                                for (var j = 0; j < kw; j++)
                                {
                                    var (iy, ix) = ((oy * stride) + i - top, (ox * stride) + j - left);
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                    {
                                        sum += x[b, iy, ix, ci] * filter[i, j, ci, mi];
                                    }
                                }
                            }

                            y[(((((b * oh) + oy) * ow) + ox) * c * m) + (ci * m) + mi] = (float)sum;
                        }
                    }
                }
            }
        }

        return Nd.F(y, n, oh, ow, c * m);
    }

    /// <summary>
    /// The gradient of Conv2D with respect to its input (what <c>conv2d_transpose</c> computes): each dy value is
    /// scattered through the filter onto the input positions the forward convolution read it from.
    /// </summary>
    public static Nd Conv2DBackpropInput(int[] inputSizes, Nd filter, Nd dy, int stride, string padding)
    {
        var (n, h, w, c) = (inputSizes[0], inputSizes[1], inputSizes[2], inputSizes[3]);
        var (kh, kw, m) = (filter.Shape[0], filter.Shape[1], filter.Shape[3]);
        var (oh, top) = Window(padding, h, kh, stride);
        var (ow, left) = Window(padding, w, kw, stride);
        Assert.Equal([n, oh, ow, m], dy.Shape);
        var x = new double[n * h * w * c];
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    for (var co = 0; co < m; co++)
                    {
                        for (var i = 0; i < kh; i++)
                        {
                            for (var j = 0; j < kw; j++)
                            {
                                var (iy, ix) = ((oy * stride) + i - top, (ox * stride) + j - left);
                                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                                {
                                    continue;
                                }

                                for (var ci = 0; ci < c; ci++)
                                {
                                    x[(((((b * h) + iy) * w) + ix) * c) + ci] += dy[b, oy, ox, co] * filter[i, j, ci, co];
                                }
                            }
                        }
                    }
                }
            }
        }

        return Nd.F(x.Select(v => (float)v).ToArray(), n, h, w, c);
    }

    /// <summary>MaxPool (padding never wins: TF pads with −∞) or AvgPool (TF averages over the in-bounds values only).</summary>
    public static Nd Pool(Nd x, int kernel, int stride, string padding, bool max)
    {
        var (n, h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var (oh, top) = Window(padding, h, kernel, stride);
        var (ow, left) = Window(padding, w, kernel, stride);
        var y = new float[n * oh * ow * c];
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < oh; oy++)
            {
                for (var ox = 0; ox < ow; ox++)
                {
                    for (var ci = 0; ci < c; ci++)
                    {
                        var values = new List<float>();
                        for (var i = 0; i < kernel; i++)
                        {
                            for (var j = 0; j < kernel; j++)
                            {
                                var (iy, ix) = ((oy * stride) + i - top, (ox * stride) + j - left);
                                if (iy >= 0 && iy < h && ix >= 0 && ix < w)
                                {
                                    values.Add(x[b, iy, ix, ci]);
                                }
                            }
                        }

                        y[(((((b * oh) + oy) * ow) + ox) * c) + ci] = max ? values.Max() : values.Average();
                    }
                }
            }
        }

        return Nd.F(y, n, oh, ow, c);
    }

    private static float ResizeScale(int input, int output, bool alignCorners) =>
        alignCorners && output > 1 ? (input - 1) / (float)(output - 1) : input / (float)output;

    /// <summary>TF's resize_bilinear kernel (compute_interpolation_weights with its legacy or half-pixel scaler).</summary>
    public static Nd ResizeBilinear(Nd x, int outHeight, int outWidth, bool alignCorners, bool halfPixelCenters)
    {
        var (n, h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var ys = Weights(h, outHeight);
        var xs = Weights(w, outWidth);
        var y = new float[n * outHeight * outWidth * c];
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    for (var ci = 0; ci < c; ci++)
                    {
                        var (yl, yu, yLerp) = ys[oy];
                        var (xl, xu, xLerp) = xs[ox];
                        var topValue = x[b, yl, xl, ci] + ((x[b, yl, xu, ci] - x[b, yl, xl, ci]) * xLerp);
                        var bottomValue = x[b, yu, xl, ci] + ((x[b, yu, xu, ci] - x[b, yu, xl, ci]) * xLerp);
                        y[(((((b * outHeight) + oy) * outWidth) + ox) * c) + ci] = topValue + ((bottomValue - topValue) * yLerp);
                    }
                }
            }
        }

        return Nd.F(y, n, outHeight, outWidth, c);

        (int Lower, int Upper, float Lerp)[] Weights(int input, int output)
        {
            var scale = ResizeScale(input, output, alignCorners);
            return Enumerable.Range(0, output).Select(i =>
            {
                var source = halfPixelCenters ? ((i + 0.5f) * scale) - 0.5f : i * scale;
                var lower = (int)MathF.Floor(source);
                return (Math.Max(lower, 0), Math.Min((int)MathF.Ceiling(source), input - 1), source - lower);
            }).ToArray();
        }
    }

    /// <summary>TF's resize_nearest_neighbor kernel: floor (round with align_corners) of the scaled index, clamped.</summary>
    public static Nd ResizeNearest(Nd x, int outHeight, int outWidth, bool alignCorners, bool halfPixelCenters)
    {
        var (n, h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var ys = Sources(h, outHeight);
        var xs = Sources(w, outWidth);
        var y = new float[n * outHeight * outWidth * c];
        for (var b = 0; b < n; b++)
        {
            for (var oy = 0; oy < outHeight; oy++)
            {
                for (var ox = 0; ox < outWidth; ox++)
                {
                    for (var ci = 0; ci < c; ci++)
                    {
                        y[(((((b * outHeight) + oy) * outWidth) + ox) * c) + ci] = x[b, ys[oy], xs[ox], ci];
                    }
                }
            }
        }

        return Nd.F(y, n, outHeight, outWidth, c);

        int[] Sources(int input, int output)
        {
            var scale = ResizeScale(input, output, alignCorners);
            return Enumerable.Range(0, output).Select(i =>
            {
                var source = halfPixelCenters ? (i + 0.5f) * scale : i * scale;
                var index = alignCorners ? (int)MathF.Round(source, MidpointRounding.AwayFromZero) : (int)MathF.Floor(source);
                return Math.Max(0, Math.Min(index, input - 1));
            }).ToArray();
        }
    }

    public static Nd Map(Nd x, Func<float, float> f) => Nd.F(x.Data.Select(f).ToArray(), x.Shape);

    /// <summary>Element-wise with the second operand broadcast along the last axis (or a scalar / same shape).</summary>
    public static Nd Zip(Nd a, Nd b, Func<float, float, float> f) =>
        Nd.F(a.Data.Select((v, i) => f(v, b.Data[b.Count == a.Count ? i : i % b.Count])).ToArray(), a.Shape);

    public static Nd MatMul(Nd a, Nd b, bool transposeB)
    {
        var (rows, inner) = (a.Shape[0], a.Shape[1]);
        var columns = transposeB ? b.Shape[0] : b.Shape[1];
        Assert.Equal(inner, transposeB ? b.Shape[1] : b.Shape[0]);
        var y = new float[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            for (var col = 0; col < columns; col++)
            {
                var sum = 0.0;
                for (var k = 0; k < inner; k++)
                {
                    sum += a[r, k] * (transposeB ? b[col, k] : b[k, col]);
                }

                y[(r * columns) + col] = (float)sum;
            }
        }

        return Nd.F(y, rows, columns);
    }

    /// <summary>Pad with <paramref name="paddings"/> given as TF does: [rank, 2] (before, after) pairs.</summary>
    public static Nd Pad(Nd x, int[] paddings, float value)
    {
        var rank = x.Shape.Length;
        var shape = x.Shape.Select((d, i) => d + paddings[2 * i] + paddings[(2 * i) + 1]).ToArray();
        var count = shape.Aggregate(1, (p, d) => p * d);
        var y = new float[count];
        for (var o = 0; o < count; o++)
        {
            var index = Nd.Unravel(shape, o);
            var source = new int[rank];
            var inside = true;
            for (var axis = 0; axis < rank; axis++)
            {
                source[axis] = index[axis] - paddings[2 * axis];
                inside &= source[axis] >= 0 && source[axis] < x.Shape[axis];
            }

            y[o] = inside ? x[source] : value;
        }

        return Nd.F(y, shape);
    }

    public static Nd Reduce(Nd x, int[] axes, bool keepDims, Func<IEnumerable<float>, float> reduce)
    {
        var rank = x.Shape.Length;
        var reduced = axes.Select(a => a < 0 ? a + rank : a).ToHashSet();
        var kept = x.Shape.Select((d, i) => reduced.Contains(i) ? 1 : d).ToArray();
        var groups = new List<float>[kept.Aggregate(1, (p, d) => p * d)];
        for (var g = 0; g < groups.Length; g++)
        {
            groups[g] = [];
        }

        for (var i = 0; i < x.Count; i++)
        {
            var index = Nd.Unravel(x.Shape, i);
            var target = 0;
            for (var axis = 0; axis < rank; axis++)
            {
                target = (target * kept[axis]) + (reduced.Contains(axis) ? 0 : index[axis]);
            }

            groups[target].Add(x.Data[i]);
        }

        var shape = keepDims ? kept : x.Shape.Where((_, i) => !reduced.Contains(i)).ToArray();
        return Nd.F(groups.Select(reduce).ToArray(), shape);
    }

    public static Nd Softmax(Nd x)
    {
        var depth = x.Shape[^1];
        var y = new float[x.Count];
        for (var row = 0; row < x.Count / depth; row++)
        {
            var values = x.Data.Skip(row * depth).Take(depth).Select(v => (double)v).ToArray();
            var max = values.Max();
            var sum = values.Sum(v => Math.Exp(v - max));
            for (var i = 0; i < depth; i++)
            {
                y[(row * depth) + i] = (float)(Math.Exp(values[i] - max) / sum);
            }
        }

        return Nd.F(y, x.Shape);
    }

    /// <summary>Output axis i is input axis perm[i].</summary>
    public static Nd Transpose(Nd x, int[] perm)
    {
        var shape = perm.Select(p => x.Shape[p]).ToArray();
        var y = new float[x.Count];
        for (var o = 0; o < y.Length; o++)
        {
            var index = Nd.Unravel(shape, o);
            var source = new int[perm.Length];
            for (var axis = 0; axis < perm.Length; axis++)
            {
                source[perm[axis]] = index[axis];
            }

            y[o] = x[source];
        }

        return Nd.F(y, shape);
    }

    public static Nd Concat(int axis, params Nd[] parts)
    {
        var rank = parts[0].Shape.Length;
        axis = axis < 0 ? axis + rank : axis;
        var shape = parts[0].Shape.ToArray();
        shape[axis] = parts.Sum(p => p.Shape[axis]);
        var y = new float[shape.Aggregate(1, (p, d) => p * d)];
        for (var o = 0; o < y.Length; o++)
        {
            var index = Nd.Unravel(shape, o);
            var part = 0;
            while (index[axis] >= parts[part].Shape[axis])
            {
                index[axis] -= parts[part].Shape[axis];
                part++;
            }

            y[o] = parts[part][index];
        }

        return Nd.F(y, shape);
    }

    /// <summary>TF StridedSlice with begin, end and shrink-axis masks (no ellipsis or new axes).</summary>
    public static Nd StridedSlice(Nd x, int[] begin, int[] end, int[] strides, int beginMask, int endMask, int shrinkMask)
    {
        var rank = x.Shape.Length;
        var starts = new int[rank];
        var counts = new int[rank];
        var steps = new int[rank];
        for (var axis = 0; axis < rank; axis++)
        {
            var dim = x.Shape[axis];
            var bit = 1 << axis;
            if ((shrinkMask & bit) != 0)
            {
                starts[axis] = begin[axis] < 0 ? begin[axis] + dim : begin[axis];
                Assert.InRange(starts[axis], 0, dim - 1);
                counts[axis] = 1;
                steps[axis] = 1;
                continue;
            }

            var step = strides[axis];
            var (low, high) = step > 0 ? (0, dim) : (-1, dim - 1);
            int Resolve(int value) => Math.Clamp(value < 0 ? value + dim : value, low, high);
            var first = (beginMask & bit) != 0 ? (step > 0 ? low : high) : Resolve(begin[axis]);
            var last = (endMask & bit) != 0 ? (step > 0 ? high : low) : Resolve(end[axis]);
            starts[axis] = first;
            steps[axis] = step;
            counts[axis] = step > 0 ? Math.Max(0, (last - first + step - 1) / step) : Math.Max(0, (first - last - step - 1) / -step);
        }

        var values = new List<float>();
        var total = counts.Aggregate(1, (p, d) => p * d);
        for (var o = 0; o < total; o++)
        {
            var index = Nd.Unravel(counts, o);
            values.Add(x[index.Select((k, axis) => starts[axis] + (k * steps[axis])).ToArray()]);
        }

        var shape = counts.Where((_, axis) => (shrinkMask & (1 << axis)) == 0).ToArray();
        return Nd.F([.. values], shape);
    }

    /// <summary>TF DepthToSpace (NHWC): output[b, h·k + i, w·k + j, c] = input[b, h, w, (i·k + j)·C' + c].</summary>
    public static Nd DepthToSpace(Nd x, int block)
    {
        var (n, h, w, c) = (x.Shape[0], x.Shape[1], x.Shape[2], x.Shape[3]);
        var depth = c / (block * block);
        var shape = new[] { n, h * block, w * block, depth };
        var y = new float[x.Count];
        for (var o = 0; o < y.Length; o++)
        {
            var index = Nd.Unravel(shape, o);
            var (i, j) = (index[1] % block, index[2] % block);
            y[o] = x[index[0], index[1] / block, index[2] / block, (((i * block) + j) * depth) + index[3]];
        }

        return Nd.F(y, shape);
    }
}

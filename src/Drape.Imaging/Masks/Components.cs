namespace Drape.Imaging.Masks;

/// <summary>Connected components (8-connected, iterative flood fill).</summary>
public sealed partial class Mask
{
    /// <summary>Keeps only the largest 8-connected region of "in" pixels (≥ 128).</summary>
    public Mask LargestComponent()
    {
        var labels = new int[Data.Length];
        var queue = new int[Data.Length];
        int bestLabel = 0, bestSize = 0, label = 0;
        for (var start = 0; start < Data.Length; start++)
        {
            if (Data[start] < 128 || labels[start] != 0)
            {
                continue;
            }

            label++;
            var size = Flood(start, label, labels, queue, inside: true);
            if (size > bestSize)
            {
                (bestSize, bestLabel) = (size, label);
            }
        }

        for (var i = 0; i < Data.Length; i++)
        {
            if (labels[i] != bestLabel)
            {
                Data[i] = 0;
            }
        }

        return this;
    }

    /// <summary>Fills every "out" region that does not touch the border (holes inside the shape).</summary>
    public Mask FillHoles()
    {
        var reached = new int[Data.Length];
        var queue = new int[Data.Length];
        for (var x = 0; x < Width; x++)
        {
            Seed(x, 0);
            Seed(x, Height - 1);
        }

        for (var y = 0; y < Height; y++)
        {
            Seed(0, y);
            Seed(Width - 1, y);
        }

        for (var i = 0; i < Data.Length; i++)
        {
            if (reached[i] == 0)
            {
                Data[i] = 255;
            }
        }

        return this;

        void Seed(int x, int y)
        {
            var index = (y * Width) + x;
            if (Data[index] < 128 && reached[index] == 0)
            {
                Flood(index, 1, reached, queue, inside: false);
            }
        }
    }

    private int Flood(int start, int label, int[] labels, int[] queue, bool inside)
    {
        int head = 0, tail = 0;
        queue[tail++] = start;
        labels[start] = label;
        while (head < tail)
        {
            var index = queue[head++];
            int x = index % Width, y = index / Width;
            for (var dy = -1; dy <= 1; dy++)
            {
                for (var dx = -1; dx <= 1; dx++)
                {
                    int nx = x + dx, ny = y + dy;
                    if ((dx == 0 && dy == 0) || nx < 0 || ny < 0 || nx >= Width || ny >= Height)
                    {
                        continue;
                    }

                    var next = (ny * Width) + nx;
                    if (labels[next] == 0 && (Data[next] >= 128) == inside)
                    {
                        labels[next] = label;
                        queue[tail++] = next;
                    }
                }
            }
        }

        return tail;
    }
}

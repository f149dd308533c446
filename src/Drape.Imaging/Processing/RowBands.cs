namespace Drape.Imaging.Processing;

/// <summary>
/// Runs a per-row image loop in horizontal bands on all cores. Each band writes only its own rows, so the result
/// is the same whatever the core count or scheduling; small images run on the caller's thread.
/// </summary>
public static class RowBands
{
    /// <summary>Rows per band at least, so the hand-off costs little against the work.</summary>
    private const int MinRows = 32;

    /// <param name="body">Called with [from, to) row ranges that together cover [0, <paramref name="height"/>) once.</param>
    public static void Run(int height, Action<int, int> body)
    {
        var bands = Math.Min(Environment.ProcessorCount * 2, height / MinRows);
        if (bands <= 1)
        {
            body(0, height);
            return;
        }

        Parallel.For(0, bands, band => body(band * height / bands, (band + 1) * height / bands));
    }
}

using SkiaSharp;

namespace Drape.Vision.Faces;

/// <summary>
/// MediaPipe's WEIGHTED non-maximum suppression: the best detection absorbs every other one overlapping it by more
/// than the IoU threshold, and the kept box and landmarks are the score-weighted mean of that cluster.
/// </summary>
internal static class WeightedNms
{
    public static List<FaceDetection> Apply(IEnumerable<FaceDetection> detections, float iouThreshold = 0.3f)
    {
        var remaining = detections.OrderByDescending(d => d.Score).ToList();
        var kept = new List<FaceDetection>();
        while (remaining.Count > 0)
        {
            var best = remaining[0];
            var cluster = remaining.Where(d => Iou(best.Box, d.Box) > iouThreshold).ToList();
            remaining.RemoveAll(cluster.Contains);
            if (!cluster.Contains(best))
            {
                cluster.Add(best);
                remaining.Remove(best);
            }

            kept.Add(Merge(best, cluster));
        }

        return kept;
    }

    public static float Iou(SKRect a, SKRect b)
    {
        var intersection = SKRect.Intersect(a, b);
        if (intersection.IsEmpty)
        {
            return 0;
        }

        var inter = intersection.Width * intersection.Height;
        var union = (a.Width * a.Height) + (b.Width * b.Height) - inter;
        return union <= 0 ? 0 : inter / union;
    }

    private static FaceDetection Merge(FaceDetection best, List<FaceDetection> cluster)
    {
        if (cluster.Count == 1)
        {
            return best;
        }

        var total = cluster.Sum(d => d.Score);
        float Mean(Func<FaceDetection, float> value) => cluster.Sum(d => value(d) * d.Score) / total;
        var box = new SKRect(Mean(d => d.Box.Left), Mean(d => d.Box.Top), Mean(d => d.Box.Right), Mean(d => d.Box.Bottom));
        var landmarks = Enumerable.Range(0, best.Landmarks.Count)
            .Select(i => new SKPoint(Mean(d => d.Landmarks[i].X), Mean(d => d.Landmarks[i].Y)))
            .ToArray();
        return new FaceDetection(box, best.Score, landmarks);
    }
}

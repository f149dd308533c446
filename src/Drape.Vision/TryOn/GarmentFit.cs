using Drape.Imaging.Garments;
using SkiaSharp;
using static Drape.Vision.TryOn.BodyFrame;

namespace Drape.Vision.TryOn;

/// <summary>
/// Where each point of the garment cut-out goes on the body: a skinned mesh mapping (a piecewise-affine warp once
/// drawn). The garment's trunk follows an affine map fixed by three landmark pairs (upper and dress: the shoulder
/// points onto the body's shoulders, a little outside and above the joints, and the hem centre down the body axis at
/// the garment's own length, clamped to the category's range; lower: the waistband corners onto the waist and the
/// crotch or hem centre below), widened row by row where the body's outline is wider. Sleeves and trouser legs are
/// bone chains: a sleeve turns about its shoulder onto shoulder → elbow → wrist, a leg about the crotch onto hip →
/// knee → ankle, with a smooth blend at the armhole, the crotch and the elbow/knee.
/// </summary>
internal sealed class GarmentFit
{
    /// <summary>The most a garment row is widened to cover the body's outline (arms the pose misses count as body).</summary>
    private const float MaxWidening = 1.15f;

    /// <summary>A sleeve's width worn, as a share of its width laid flat.</summary>
    private const float WornSleeve = 0.7f;

    /// <summary>
    /// Where a garment's shoulder points sit on a body, as shares of the shoulder width: outside the joints by the
    /// first, above them by the second (the joints are inside the shoulder; a garment's shoulder points are its corners).
    /// </summary>
    public static readonly (float Outward, float Upward) ShoulderOffset = (0.09f, 0.05f);

    /// <summary>The most a garment's shoulder point rises above its joint towards the shoulder's outline, in shoulder widths.</summary>
    private const float MaxRise = 0.12f;

    /// <summary>The farthest a garment's shoulder point is put from its joint, as a share of the photo's height.</summary>
    private const float MaxShoulderOffset = 0.045f;

    private readonly Affine _trunk;
    private readonly SKPoint _trunkTop;
    private readonly float _trunkLength;
    private readonly SKPoint _bodyCentre;
    private readonly SKPoint _across;
    private readonly SKPoint _down;
    private readonly (float At, float Factor)[] _widening;
    private readonly Limb? _right;
    private readonly Limb? _left;

    private GarmentFit(Affine trunk, SKPoint trunkTop, float trunkLength, SKPoint bodyCentre, SKPoint across, (float, float)[] widening, Limb? right, Limb? left)
    {
        (_trunk, _trunkTop, _trunkLength, _bodyCentre, _across, _widening, _right, _left) = (trunk, trunkTop, trunkLength, bodyCentre, across, widening, right, left);
        _down = new SKPoint(-across.Y, across.X);
    }

    /// <summary>The body points the garment's own shoulder points (or waistband corners) were sent to.</summary>
    public required SKPoint RightAnchor { get; init; }

    public required SKPoint LeftAnchor { get; init; }

    /// <summary>The garment's scale on the body (body pixels per cut-out pixel).</summary>
    public required float Scale { get; init; }

    /// <summary>How far along the arm the sleeve reaches, as a share of shoulder → wrist (0 when sleeveless).</summary>
    public float SleeveReach { get; private init; }

    /// <summary>How far down the legs the garment reaches, as a share of hip → ankle.</summary>
    public float LegReach { get; private init; }

    /// <param name="g">The garment's landmarks.</param>
    /// <param name="body">The person.</param>
    /// <param name="bodyLength">A worn garment's length on its model (<see cref="WornGarment.BodyLength"/>): it reaches
    /// as far down the person; null = the garment's own length at the shoulders' scale.</param>
    public static GarmentFit For(GarmentLandmarks g, BodyFrame body, float? bodyLength = null)
    {
        var across = body.Across;
        var down = body.Down;
        var sw = body.ShoulderWidth;
        if (g.Category == GarmentCategory.Lower)
        {
            return ForLower(g, body, across, down);
        }

        var bodyRight = body.RightShoulder + ShoulderPoint(body, body.RightShoulder, -1);
        var bodyLeft = body.LeftShoulder + ShoulderPoint(body, body.LeftShoulder, 1);
        var scale = SKPoint.Distance(bodyRight, bodyLeft) / Math.Max(1f, SKPoint.Distance(g.RightShoulder, g.LeftShoulder));
        var garmentLength = g.HemCentre.Y - g.ShoulderCentre.Y;
        var top = Mid(bodyRight, bodyLeft);
        var (min, max) = g.Category == GarmentCategory.Dress
            ? (body.TorsoLength + (0.3f * body.LegLength), body.TorsoLength + (1.02f * body.LegLength))
            : (1.08f * body.TorsoLength, 1.45f * body.TorsoLength);
        var worn = bodyLength is { } t ? (t <= 1f ? t * body.TorsoLength : body.TorsoLength + ((t - 1f) * body.LegLength)) : (float?)null;
        var length = Math.Clamp(worn ?? (scale * garmentLength), min, Math.Max(min, max));
        var hem = top + BodyFrame.Scale(down, length);
        // The third pair is the point below the shoulder centre at the hem's height (not the hem centre itself), so the
        // garment's own vertical follows the body's axis even when a render's hem is off-centre or shown at an angle.
        var trunk = Affine.From((g.RightShoulder, bodyRight), (g.LeftShoulder, bodyLeft), (new SKPoint(g.ShoulderCentre.X, g.HemCentre.Y), hem));
        var widening = Widening(body, trunk, top, down, length, [(g.WaistCentre, g.LeftWaist.X - g.RightWaist.X), (g.HemCentre, g.LeftHem.X - g.RightHem.X)], g.ShoulderCentre, garmentLength);
        var right = g.RightSleeveEnd is { } rse ? new Limb(g.RightShoulder, rse, bodyRight, body.RightElbow, body.RightWrist, scale, g.RightArmpit, outward: -1, turn: Turn(trunk, g.RightShoulder, rse, body.RightElbow - bodyRight)) : null;
        var left = g.LeftSleeveEnd is { } lse ? new Limb(g.LeftShoulder, lse, bodyLeft, body.LeftElbow, body.LeftWrist, scale, g.LeftArmpit, outward: 1, turn: Turn(trunk, g.LeftShoulder, lse, body.LeftElbow - bodyLeft)) : null;
        var reach = new[] { right, left }.OfType<Limb>().Select(l => l.Reach).DefaultIfEmpty(0).Average();
        return new GarmentFit(trunk, top, length, top, across, widening, right, left)
        {
            RightAnchor = bodyRight,
            LeftAnchor = bodyLeft,
            Scale = scale,
            SleeveReach = reach,
            LegReach = g.Category == GarmentCategory.Dress ? Math.Clamp((length - body.TorsoLength) / Math.Max(1f, body.LegLength), 0, 1) : 0,
        };
    }

    /// <summary>
    /// Where a garment's shoulder point goes from its joint: <see cref="ShoulderOffset"/>'s share of the shoulder
    /// width outward (<paramref name="side"/>: -1 the wearer's right, 1 the left), and up to the shoulder's outline in
    /// the person mask (less 2% of the shoulder width; not found within 0.3 shoulder widths: hair or the head go on
    /// above), so the old garment's shoulder does not show above the new one's — at least the offset's upward share and
    /// at most <see cref="MaxRise"/>. The whole offset is shortened to <see cref="MaxShoulderOffset"/> of the photo's
    /// height where it would be longer (a close crop, whose shoulders span half the photo; issue 6's bar is 5%).
    /// </summary>
    private static SKPoint ShoulderPoint(BodyFrame body, SKPoint joint, int side)
    {
        var sw = body.ShoulderWidth;
        var least = ShoulderOffset.Upward * sw;
        var outline = body.OutlineAbove(joint, 0.3f * sw) is { } d ? d - (0.02f * sw) : least;
        var rise = Math.Clamp(outline, least, MaxRise * sw);
        var offset = BodyFrame.Scale(body.Across, side * ShoulderOffset.Outward * sw) - BodyFrame.Scale(body.Down, rise);
        var most = MaxShoulderOffset * body.PersonMask.Height;
        var length = offset.Length;
        return length > most ? BodyFrame.Scale(offset, most / length) : offset;
    }

    private static GarmentFit ForLower(GarmentLandmarks g, BodyFrame body, SKPoint across, SKPoint down)
    {
        var hipCentre = body.HipCentre;
        var waistCentre = hipCentre - BodyFrame.Scale(down, 0.16f * body.TorsoLength);
        var hipJoints = SKPoint.Distance(body.RightHip, body.LeftHip);
        var outline = body.OutlineAt(waistCentre.Y, waistCentre.X);
        var width = Math.Clamp(outline is { } o ? o.Right - o.Left : 1.7f * hipJoints, 1.4f * hipJoints, 2.1f * hipJoints) * 1.06f;
        var bodyRight = waistCentre - BodyFrame.Scale(across, width / 2f);
        var bodyLeft = waistCentre + BodyFrame.Scale(across, width / 2f);
        var scale = width / Math.Max(1f, SKPoint.Distance(g.RightWaist, g.LeftWaist));
        var legLength = body.LegLength;
        Affine trunk;
        float length;
        Limb? right = null, left = null;
        if (g.Crotch is { } crotch && g.RightLegOpening is { } rlo && g.LeftLegOpening is { } llo)
        {
            var rise = Math.Clamp(scale * (crotch.Y - g.WaistCentre.Y), 0.1f * legLength, 0.35f * legLength);
            var bodyCrotch = waistCentre + BodyFrame.Scale(down, rise);
            trunk = Affine.From((g.RightWaist, bodyRight), (g.LeftWaist, bodyLeft), (crotch, bodyCrotch));
            var rightTop = new SKPoint((g.RightWaist.X + crotch.X) / 2f, crotch.Y);
            var leftTop = new SKPoint((g.LeftWaist.X + crotch.X) / 2f, crotch.Y);
            right = new Limb(rightTop, rlo, trunk.Map(rightTop), body.RightKnee, body.RightAnkle, scale, null, -1, crotch.Y, crotch.X, Turn(trunk, rightTop, rlo, body.RightKnee - trunk.Map(rightTop)));
            left = new Limb(leftTop, llo, trunk.Map(leftTop), body.LeftKnee, body.LeftAnkle, scale, null, 1, crotch.Y, crotch.X, Turn(trunk, leftTop, llo, body.LeftKnee - trunk.Map(leftTop)));
            length = rise + (scale * ((rlo.Y + llo.Y) / 2f - crotch.Y));
        }
        else
        {
            var garmentLength = g.HemCentre.Y - g.WaistCentre.Y;
            length = Math.Clamp(scale * garmentLength, 0.3f * legLength, 1.1f * legLength);
            trunk = Affine.From((g.RightWaist, bodyRight), (g.LeftWaist, bodyLeft), (new SKPoint(g.WaistCentre.X, g.HemCentre.Y), waistCentre + BodyFrame.Scale(down, length)));
        }

        return new GarmentFit(trunk, waistCentre, length, waistCentre, across, [], right, left)
        {
            RightAnchor = bodyRight,
            LeftAnchor = bodyLeft,
            Scale = scale,
            LegReach = Math.Clamp(length / Math.Max(1f, legLength), 0, 1.1f),
        };
    }

    /// <summary>Where a cut-out point lands on the person.</summary>
    public SKPoint Map(SKPoint p)
    {
        var q = Trunk(p);
        if (_right is { } r && r.Weight(p) is var wr and > 0)
        {
            q = Lerp(q, r.Map(p), wr);
        }

        if (_left is { } l && l.Weight(p) is var wl and > 0)
        {
            q = Lerp(q, l.Map(p), wl);
        }

        return q;
    }

    /// <summary>Drawing order: sleeves (weight 1) over the trunk (0).</summary>
    public float Depth(SKPoint p) => Math.Max(_right?.Weight(p) ?? 0, _left?.Weight(p) ?? 0);

    private SKPoint Trunk(SKPoint p)
    {
        var q = _trunk.Map(p);
        if (_widening.Length == 0)
        {
            return q;
        }

        var v = Dot(q - _trunkTop, _down) / Math.Max(1f, _trunkLength);
        var factor = Interpolate(_widening, v);
        var offset = Dot(q - _bodyCentre, _across);
        return q + BodyFrame.Scale(_across, offset * (factor - 1f));
    }

    /// <summary>
    /// Per garment row (waist, hem): how much wider the body's outline is than the mapped garment there (1 = as
    /// is, at most 1.3), so a loose old garment does not show beside a slimmer new one.
    /// </summary>
    private static (float, float)[] Widening(BodyFrame body, Affine trunk, SKPoint top, SKPoint down, float length, (SKPoint Centre, float Width)[] rows, SKPoint garmentTop, float garmentLength)
    {
        var knots = new List<(float, float)> { (0f, 1f) };
        foreach (var (centre, width) in rows)
        {
            var at = Math.Clamp((centre.Y - garmentTop.Y) / Math.Max(1f, garmentLength), 0.05f, 1f);
            var onBody = trunk.Map(centre);
            var mapped = SKPoint.Distance(trunk.Map(centre - new SKPoint(width / 2f, 0)), trunk.Map(centre + new SKPoint(width / 2f, 0)));
            var outline = body.OutlineAt(onBody.Y, onBody.X);
            var factor = outline is { } o && mapped > 1 ? Math.Clamp((o.Right - o.Left) * 1.04f / mapped, 1f, MaxWidening) : 1f;
            knots.Add((at, factor));
        }

        _ = (top, down, length);
        knots.Sort((a, b) => a.Item1.CompareTo(b.Item1));
        return [.. knots];
    }

    private static float Interpolate((float At, float Factor)[] knots, float v)
    {
        if (v <= knots[0].At)
        {
            return knots[0].Factor;
        }

        for (var i = 1; i < knots.Length; i++)
        {
            if (v <= knots[i].At)
            {
                var t = (v - knots[i - 1].At) / Math.Max(1e-4f, knots[i].At - knots[i - 1].At);
                return knots[i - 1].Factor + (t * (knots[i].Factor - knots[i - 1].Factor));
            }
        }

        return knots[^1].Factor;
    }

    private static SKPoint Perp(SKPoint v) => new(-v.Y, v.X);

    /// <summary>How far (0 = not, 1 = a right angle or more) a sleeve or leg turns from where the trunk would put it onto its first bone.</summary>
    private static float Turn(Affine trunk, SKPoint root, SKPoint end, SKPoint firstBone)
    {
        var (a, b) = (Unit(trunk.Map(end) - trunk.Map(root)), Unit(firstBone));
        var angle = MathF.Acos(Math.Clamp(Dot(a, b), -1f, 1f));
        return Math.Clamp(angle / (MathF.PI / 2f), 0f, 1f);
    }

    private static float Smooth(float edge0, float edge1, float x)
    {
        var t = Math.Clamp((x - edge0) / Math.Max(1e-4f, edge1 - edge0), 0f, 1f);
        return t * t * (3 - (2 * t));
    }

    /// <summary>A 2-D affine map fixed by three point pairs.</summary>
    private readonly record struct Affine(float A, float B, float C, float D, float E, float F)
    {
        public SKPoint Map(SKPoint p) => new((A * p.X) + (B * p.Y) + C, (D * p.X) + (E * p.Y) + F);

        public static Affine From((SKPoint From, SKPoint To) p, (SKPoint From, SKPoint To) q, (SKPoint From, SKPoint To) r)
        {
            // Solve [x y 1] · (A B C)ᵀ = x' (and likewise y') for the three pairs (Cramer's rule).
            float x1 = p.From.X, y1 = p.From.Y, x2 = q.From.X, y2 = q.From.Y, x3 = r.From.X, y3 = r.From.Y;
            var det = (x1 * (y2 - y3)) - (y1 * (x2 - x3)) + ((x2 * y3) - (x3 * y2));
            if (MathF.Abs(det) < 1e-3f)
            {
                det = 1e-3f;
            }

            (float, float, float) Solve(float v1, float v2, float v3) => (
                ((v1 * (y2 - y3)) - (y1 * (v2 - v3)) + ((v2 * y3) - (v3 * y2))) / det,
                ((x1 * (v2 - v3)) - (v1 * (x2 - x3)) + ((x2 * v3) - (x3 * v2))) / det,
                ((x1 * ((y2 * v3) - (y3 * v2))) - (y1 * ((x2 * v3) - (x3 * v2))) + (v1 * ((x2 * y3) - (x3 * y2)))) / det);

            var (a, b, c) = Solve(p.To.X, q.To.X, r.To.X);
            var (d, e, f) = Solve(p.To.Y, q.To.Y, r.To.Y);
            return new Affine(a, b, c, d, e, f);
        }
    }

    /// <summary>
    /// A sleeve or a trouser leg: the garment's axis (from <c>root</c> to <c>end</c>) laid along a two-bone chain on the
    /// body (joint0 → joint1 → joint2), scaled by <c>scale</c> across and along (along: shortened so it never runs
    /// past the chain's end by more than 3%), blended from bone to bone around the middle joint.
    /// </summary>
    private sealed class Limb
    {
        private readonly SKPoint _root;
        private readonly SKPoint _axis;
        private readonly SKPoint _joint0;
        private readonly SKPoint _joint1;
        private readonly SKPoint _bone1;
        private readonly SKPoint _bone2;
        private readonly float _length1;
        private readonly float _along;
        private readonly float _across;
        private readonly SKPoint? _armpit;
        private readonly int _outward;
        private readonly float _startRow;
        private readonly float _splitX;
        private readonly float _band;
        private readonly float _garmentLength;
        private readonly float _turn;

        public Limb(SKPoint root, SKPoint end, SKPoint joint0, SKPoint joint1, SKPoint joint2, float scale, SKPoint? armpit, int outward, float startRow = 0, float splitX = 0, float turn = 0)
        {
            _turn = turn;
            _root = root;
            _axis = Unit(end - root);
            _joint0 = joint0;
            _joint1 = joint1;
            _bone1 = Unit(joint1 - joint0);
            _bone2 = Unit(joint2 - joint1);
            _length1 = SKPoint.Distance(joint0, joint1);
            var chain = _length1 + SKPoint.Distance(joint1, joint2);
            var garmentLength = SKPoint.Distance(root, end);
            _garmentLength = garmentLength;
            // A sleeve lies flat at half its circumference, wider than the arm it holds looks: worn, it is narrower.
            _across = armpit is null ? scale : WornSleeve * scale;
            _along = Math.Min(scale, chain * 1.03f / Math.Max(1f, garmentLength));
            Reach = Math.Clamp(_along * garmentLength / Math.Max(1f, chain), 0, 1.03f);
            _armpit = armpit;
            _outward = outward;
            _startRow = startRow;
            _splitX = splitX;
            // A leg turning from where the trunk would put it (a knee raised or spread) passes from the trunk's map
            // to its own over a wider band below the crotch, as a sleeve does across the armhole.
            _band = (0.06f + (0.2f * turn)) * garmentLength;
        }

        public float Reach { get; }

        public SKPoint Map(SKPoint p)
        {
            var d = p - _root;
            var t = Dot(d, _axis) * _along;
            var u = Dot(d, Perp(_axis)) * _across;
            var onFirst = _joint0 + BodyFrame.Scale(_bone1, t) + BodyFrame.Scale(Perp(_bone1), u);
            var onSecond = _joint1 + BodyFrame.Scale(_bone2, t - _length1) + BodyFrame.Scale(Perp(_bone2), u);
            var blend = Smooth(0.85f * _length1, 1.15f * _length1, t);
            return Lerp(onFirst, onSecond, blend);
        }

        /// <summary>Sleeves: beyond the armhole line (shoulder → armpit), outward. Legs: below the crotch, on their side.</summary>
        public float Weight(SKPoint p)
        {
            if (_armpit is { } armpit)
            {
                var line = Unit(armpit - _root);
                var normal = Perp(line);
                if (Dot(normal, new SKPoint(_outward, 0)) < 0)
                {
                    normal = new SKPoint(-normal.X, -normal.Y);
                }

                var distance = Dot(p - _root, normal);
                var span = SKPoint.Distance(armpit, _root);
                var along = Dot(p - _root, _axis);
                // The more the sleeve turns (an arm raised from a sleeve that hangs in the photo), the wider the band
                // over which the cloth passes from the trunk's map to the sleeve's, so the armhole bends, not tears.
                var (inner, outer) = ((0.06f + (0.25f * _turn)) * span, (0.1f + (0.35f * _turn)) * span);
                return Smooth(-inner, outer, distance) * (1f - Smooth(1.1f * _garmentLength, 1.3f * _garmentLength, along));
            }

            var onSide = _outward < 0 ? p.X < _splitX : p.X >= _splitX;
            return onSide ? Smooth(_startRow - _band, _startRow + _band, p.Y) : 0;
        }
    }
}

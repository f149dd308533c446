namespace Drape.Vision.Body;

/// <summary>
/// Approximate artistic body proportions (the 7½-heads figure), expressed against BlazeFace's face box, which covers
/// brows to chin and is about two-thirds of a head high. Checked on the fixtures (man-suit-studio: chin to feet ≈ 10 face-box heights, shoulders ≈ 2.1 face-box widths
/// and 0.35 face-box heights below the chin; woman-business likewise). These replace a pose model until the pose-guided engine arrives; they place a
/// garment plausibly on an upright, front-facing person and no better.
/// </summary>
internal static class BodyProportions
{
    // Vertical offsets below the chin, in face-box heights.
    public const float Shoulder = 0.35f;
    public const float Chest = 1.5f;
    public const float Waist = 2.85f;
    public const float Hip = 3.9f;
    public const float Knee = 6.9f;
    public const float Ankle = 9.6f;

    // Full widths, in face-box widths.
    public const float ShoulderWidth = 2.1f;
    public const float WaistWidth = 1.8f;
    public const float HipWidth = 2.0f;
    public const float KneeSpread = 1.0f;
    public const float AnkleSpread = 1.0f;

    // The head-and-hair ellipse kept on top of garments, relative to the face box.
    public const float HairAbove = 0.5f;
    public const float NeckBelow = 0.12f;
    public const float HeadWidth = 1.3f;

    /// <summary>Head tilt beyond this is treated as noise in the eye landmarks.</summary>
    public const float MaxRollDegrees = 30f;
}

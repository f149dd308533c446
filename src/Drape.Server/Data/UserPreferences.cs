namespace Drape.Server.Data;

/// <summary>A user's preferences (<c>user_preferences</c>, as the seed's table): palette, sizes and styles.</summary>
public sealed class UserPreferences
{
    public required string UserId { get; set; }

    /// <summary>One of the 12 skin-tone categories, when the user picked or measured one.</summary>
    public string? Palette { get; set; }

    /// <summary>Sizes by garment kind (top, bottom, dress, shoes), stored as JSON.</summary>
    public Dictionary<string, string> Sizes { get; set; } = [];

    public List<string> Styles { get; set; } = [];

    public DateTime UpdatedAt { get; set; }
}

namespace Drape.Server.Data;

/// <summary>A saved person photo of a user (<c>avatars</c>, seed bucket <c>avatars</c>), usable as <c>person_id</c> in try-on.</summary>
public sealed class Avatar
{
    public Guid Id { get; set; }

    public required string UserId { get; set; }

    public string? Name { get; set; }

    public required string ImageKey { get; set; }

    public required string ContentType { get; set; }

    public required string ThumbnailKey { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTime CreatedAt { get; set; }
}

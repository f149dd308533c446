namespace Drape.Server.Data;

/// <summary>A webhook to deliver for a job that reached a terminal state, and the record of its attempts.</summary>
public sealed class WebhookDelivery
{
    public Guid Id { get; set; }

    public Guid JobId { get; set; }

    public required string Url { get; set; }

    /// <summary>The exact JSON body that is signed and sent on every attempt.</summary>
    public required string Payload { get; set; }

    public int Attempts { get; set; }

    public WebhookDeliveryStatus Status { get; set; } = WebhookDeliveryStatus.Pending;

    public int? LastStatusCode { get; set; }

    public string? LastError { get; set; }

    public DateTime NextAttemptAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}

public enum WebhookDeliveryStatus
{
    Pending,
    Delivered,
    Failed,
}

using System.Text.Json;
using Drape.Server.Data;
using Drape.Server.Features.TryOn;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Webhooks;

/// <summary>Records a delivery for a job that reached a terminal state and asked for a webhook; the dispatcher sends it.</summary>
public sealed class WebhookOutbox(DrapeDbContext db, SessionViews views, TimeProvider time)
{
    public async Task EnqueueIfWantedAsync(Guid jobId, CancellationToken cancellationToken)
    {
        var job = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == jobId, cancellationToken);
        if (job?.WebhookUrl is null || !job.Status.IsTerminal())
        {
            return;
        }

        var now = time.GetUtcNow().UtcDateTime;
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = Guid.CreateVersion7(time.GetUtcNow()),
            JobId = job.Id,
            Url = job.WebhookUrl,
            Payload = JsonSerializer.Serialize(views.From(job, request: null), SessionViews.Json),
            NextAttemptAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

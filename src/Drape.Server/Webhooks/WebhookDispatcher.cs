using System.Text;
using Drape.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Drape.Server.Webhooks;

/// <summary>
/// Sends pending webhook deliveries: POST the session JSON, signed; a non-2xx answer or an error is retried with
/// exponential back-off (1, 2, 4, 8 … s) up to <c>MaxAttempts</c>, every attempt recorded on the row.
/// </summary>
public sealed class WebhookDispatcher(
    IServiceScopeFactory scopes,
    IHttpClientFactory clients,
    WebhookSigner signer,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string ClientName = "webhooks";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Webhook dispatch round failed");
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends every delivery that is due; returns how many were attempted.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
        var now = time.GetUtcNow().UtcDateTime;
        var due = await db.WebhookDeliveries
            .Where(d => d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt).Take(20).ToListAsync(cancellationToken);
        var attempted = 0;
        foreach (var delivery in due)
        {
            // Claimed first, so that with several nodes each attempt is made by one of them: the claim moves the next
            // attempt past this one's time limit (a node that dies mid-attempt only delays the retry).
            var until = now.AddSeconds(options.Value.TimeoutSeconds + 30);
            var claimed = await db.WebhookDeliveries
                .Where(d => d.Id == delivery.Id && d.Status == WebhookDeliveryStatus.Pending && d.NextAttemptAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.NextAttemptAt, until), cancellationToken);
            if (claimed == 0)
            {
                continue; // another node took it
            }

            await AttemptAsync(delivery, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            attempted++;
        }

        return attempted;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url)
        {
            Content = new StringContent(delivery.Payload, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Drape-Signature", signer.Sign(timestamp, delivery.Payload));
        request.Headers.Add("X-Drape-Timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("X-Drape-Delivery", delivery.Id.ToString());

        delivery.Attempts++;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(options.Value.TimeoutSeconds));
            using var response = await clients.CreateClient(ClientName).SendAsync(request, timeout.Token);
            delivery.LastStatusCode = (int)response.StatusCode;
            delivery.LastError = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            delivery.LastStatusCode = null;
            delivery.LastError = e is OperationCanceledException ? "timed out" : e.Message;
        }

        var now = time.GetUtcNow().UtcDateTime;
        delivery.UpdatedAt = now;
        if (delivery.LastError is null)
        {
            delivery.Status = WebhookDeliveryStatus.Delivered;
            logger.LogInformation("Webhook for job {JobId} delivered on attempt {Attempt}", delivery.JobId, delivery.Attempts);
        }
        else if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            delivery.Status = WebhookDeliveryStatus.Failed;
            logger.LogWarning("Webhook for job {JobId} failed after {Attempts} attempts: {Error}", delivery.JobId, delivery.Attempts, delivery.LastError);
        }
        else
        {
            delivery.NextAttemptAt = now.AddSeconds(Math.Pow(2, delivery.Attempts - 1));
            logger.LogInformation("Webhook for job {JobId} attempt {Attempt} failed ({Error}); next at {Next:o}", delivery.JobId, delivery.Attempts, delivery.LastError, delivery.NextAttemptAt);
        }
    }
}

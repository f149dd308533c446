using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Drape.Server.Data;
using Drape.Server.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Tests.Jobs;

/// <summary>Webhooks delivered over real HTTP to a real listener on loopback, signature checked, retried after a 500.</summary>
public sealed class WebhookTests
{
    private sealed record Received(string Body, string Signature, string Timestamp);

    [Fact]
    public async Task A_finished_session_is_posted_signed_and_retried_after_a_failure()
    {
        var received = new ConcurrentQueue<Received>();
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var listener = builder.Build();
        listener.MapPost("/hook", async (HttpRequest request) =>
        {
            using var reader = new StreamReader(request.Body);
            received.Enqueue(new Received(await reader.ReadToEndAsync(), request.Headers["X-Drape-Signature"].ToString(), request.Headers["X-Drape-Timestamp"].ToString()));
            return Interlocked.Increment(ref calls) == 1 ? Results.StatusCode(500) : Results.Ok();
        });
        await listener.StartAsync();
        var hookUrl = listener.Urls.Single() + "/hook";

        const string secret = "a-test-secret-that-is-long-enough-0123456789";
        await using var factory = new DrapeFactory(new() { ["Drape:Webhooks:Secret"] = secret });
        var client = factory.CreateClient();
        using var created = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm(fields: ("webhook_url", hookUrl)));
        var id = (string)(await created.ReadObjectAsync())["id"]!;
        Assert.Equal("completed", (string?)(await client.WaitForTerminalAsync(id))["status"]);

        var until = DateTime.UtcNow.AddSeconds(20);
        while (received.Count < 2 && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, received.Count);
        foreach (var delivery in received)
        {
            var key = SHA256.HashData(Encoding.UTF8.GetBytes(secret)); // a non-base64 secret is used through SHA-256
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{delivery.Timestamp}.{delivery.Body}")));
            Assert.Equal(expected, delivery.Signature);
            var session = JsonNode.Parse(delivery.Body)!;
            Assert.Equal(id, (string?)session["id"]);
            Assert.Equal("completed", (string?)session["status"]);
        }

        var record = await factory.DbAsync(db => db.WebhookDeliveries.SingleAsync());
        Assert.Equal((WebhookDeliveryStatus.Delivered, 2, 200), (record.Status, record.Attempts, record.LastStatusCode));
    }

    [Fact]
    public async Task With_two_nodes_on_one_database_a_webhook_is_posted_once()
    {
        var calls = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var listener = builder.Build();
        listener.MapPost("/hook", async () =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(2000); // a slow receiver: the other node's dispatcher looks in while this attempt is in flight
            return Results.Ok();
        });
        await listener.StartAsync();

        await using var first = new DrapeFactory();
        var shared = first.Settings.Where(s => s.Key.StartsWith("Drape:Database:", StringComparison.Ordinal)).ToDictionary(s => s.Key, s => s.Value);
        if (shared.Count == 0)
        {
            shared["Drape:Database:ConnectionString"] = $"Data Source={Path.Combine(first.DataDir, "drape.db")}";
        }

        await using var second = new DrapeFactory(new(shared));
        _ = second.CreateClient(); // its workers and webhook dispatcher run
        var client = first.CreateClient();
        using var created = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm(fields: ("webhook_url", listener.Urls.Single() + "/hook")));
        var id = (string)(await created.ReadObjectAsync())["id"]!;
        Assert.Equal("completed", (string?)(await client.WaitForTerminalAsync(id))["status"]);

        var until = DateTime.UtcNow.AddSeconds(20);
        while (await first.DbAsync(db => db.WebhookDeliveries.AnyAsync(d => d.Status != WebhookDeliveryStatus.Delivered)) && DateTime.UtcNow < until)
        {
            await Task.Delay(100);
        }

        await Task.Delay(1500); // time for a second post, were there one
        Assert.Equal(1, calls);
    }
}

using System.Net;
using Drape.Server.Data;
using Drape.Server.Jobs;
using Drape.Server.Tests.Support;
using Drape.Vision.TryOn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Drape.Server.Tests.Jobs;

public sealed class JobMachineryTests
{
    private static DrapeFactory WithEngine(ControlledEngine engine, Dictionary<string, string?>? settings = null, TimeProvider? time = null) =>
        new(settings, services =>
        {
            services.RemoveAll<ITryOnEngine>();
            services.AddKeyedSingleton<ITryOnEngine>(Drape.Server.Engines.TryOnEngines.Builtin, engine);
            if (time is not null)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(time);
            }
        });

    private static async Task<string> CreateAsync(HttpClient client)
    {
        using var response = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (string)(await response.ReadObjectAsync())["id"]!;
    }

    [Fact]
    public async Task A_waiting_session_is_canceled_at_once_and_cannot_be_canceled_twice()
    {
        await using var factory = WithEngine(new ControlledEngine(_ => Task.CompletedTask), new() { ["Drape:Workers:Count"] = "0" });
        var client = factory.CreateClient();
        var id = await CreateAsync(client);

        using var cancel = await client.DeleteAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("canceled", (string?)(await cancel.ReadObjectAsync())["status"]);

        using var again = await client.DeleteAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("RES_6002", (string?)(await again.ReadObjectAsync())["error_code"]);
    }

    [Fact]
    public async Task A_running_session_stops_at_its_next_checkpoint()
    {
        var engine = new ControlledEngine(ControlledEngine.Hang);
        await using var factory = WithEngine(engine);
        var client = factory.CreateClient();
        var id = await CreateAsync(client);
        await WaitUntil(async () => (string?)(await client.GetObjectAsync($"/api/v1/tryon/sessions/{id}"))["status"] == "processing");

        using var cancel = await client.DeleteAsync($"/api/v1/tryon/sessions/{id}");
        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        var done = await client.WaitForTerminalAsync(id, 20);
        Assert.Equal("canceled", (string?)done["status"]);
        Assert.Null(done["result"]);
    }

    [Fact]
    public async Task A_job_over_its_time_limit_fails_with_ML_4005()
    {
        await using var factory = WithEngine(new ControlledEngine(ControlledEngine.Hang), new() { ["Drape:Jobs:TimeoutSeconds"] = "1" });
        var client = factory.CreateClient();
        var done = await client.WaitForTerminalAsync(await CreateAsync(client), 20);
        Assert.Equal("failed", (string?)done["status"]);
        Assert.Equal("ML_4005", (string?)done["error"]!["error_code"]);
    }

    [Fact]
    public async Task An_inference_failure_is_retried_with_backoff_then_fails_with_ML_4002()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var engine = new ControlledEngine(_ => throw new InvalidOperationException("boom"));
        await using var factory = WithEngine(engine, new() { ["Drape:Workers:Count"] = "0" }, time);
        var client = factory.CreateClient();
        var id = await CreateAsync(client);
        var worker = factory.Service<JobWorker>();

        Assert.True(await worker.RunOneAsync("test:1", default));
        Assert.False(await worker.RunOneAsync("test:1", default)); // backing off
        time.Advance(TimeSpan.FromSeconds(3));
        Assert.True(await worker.RunOneAsync("test:1", default));
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.True(await worker.RunOneAsync("test:1", default));
        Assert.False(await worker.RunOneAsync("test:1", default));

        var job = await factory.DbAsync(db => db.Jobs.SingleAsync());
        Assert.Equal((JobStatus.Failed, 3, "ML_4002"), (job.Status, job.Attempts, job.ErrorCode));
        Assert.Equal(3, engine.Runs);
        Assert.Equal("failed", (string?)(await client.GetObjectAsync($"/api/v1/tryon/sessions/{id}"))["status"]);
    }

    [Fact]
    public async Task A_lapsed_lease_makes_the_job_claimable_again_and_the_old_owner_loses_it()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = WithEngine(new ControlledEngine(_ => Task.CompletedTask), new() { ["Drape:Workers:Count"] = "0" }, time);
        var client = factory.CreateClient();
        await CreateAsync(client);

        await using var scope = factory.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        var first = await queue.TryClaimAsync("worker-a", default);
        Assert.NotNull(first);
        Assert.Null(await queue.TryClaimAsync("worker-b", default)); // leased

        time.Advance(TimeSpan.FromSeconds(31)); // past the 30 s lease: worker-a was killed
        var second = await queue.TryClaimAsync("worker-b", default);
        Assert.Equal(first.Id, second?.Id);
        Assert.Equal(2, second!.Attempts);
        Assert.False(await queue.CompleteAsync(first, "worker-a", "{}", default)); // the old owner cannot finish it
        Assert.True((await queue.HeartbeatAsync(second.Id, "worker-b", 50, default)).Owned);
    }

    [Fact]
    public async Task A_lapsed_lease_on_the_last_attempt_fails_the_job()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = WithEngine(new ControlledEngine(_ => Task.CompletedTask), new() { ["Drape:Workers:Count"] = "0", ["Drape:Jobs:MaxAttempts"] = "1" }, time);
        await CreateAsync(factory.CreateClient());
        await using var scope = factory.Services.CreateAsyncScope();
        var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
        Assert.NotNull(await queue.TryClaimAsync("worker-a", default));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(await queue.TryClaimAsync("worker-b", default));
        var job = await factory.DbAsync(db => db.Jobs.SingleAsync());
        Assert.Equal(JobStatus.Failed, job.Status);
    }

    private static async Task WaitUntil(Func<Task<bool>> condition, int seconds = 20)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < until, "timed out waiting");
            await Task.Delay(50);
        }
    }
}

using Drape.Errors;
using Drape.Imaging.Garments;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Drape.Server.Tests.Engines.Hosted;

/// <summary>What is left of each way a hosted engine fails: EXT_5004 with the cause inside, ML_4004, cancellation.</summary>
public sealed class HostedFailureTests
{
    public static TheoryData<string> Engines => ["fal", "replicate", "fashn"];

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_job_that_fails_upstream_is_ext_5004_with_the_providers_reason(string engine)
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.JobError = "CUDA out of memory";
        await using var host = new HostedTestHost(fake);

        var error = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync(engine));

        Assert.Equal(ErrorCodes.UpstreamTimeout, error.ErrorCode);
        Assert.Equal(503, error.Status);
        Assert.Contains("CUDA out of memory", error.Message, StringComparison.Ordinal);
        Assert.Equal(engine, error.Details!["engine"]);
        Assert.Empty(fake.Cancels);
    }

    [Fact]
    public async Task A_fashn_pose_error_is_no_person()
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.JobError = "Unable to detect a body pose in the model image";
        fake.FashnErrorName = "PoseError";
        await using var host = new HostedTestHost(fake);

        var error = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync("fashn"));

        Assert.Equal(ErrorCodes.BadInput, error.ErrorCode);
        Assert.Equal(422, error.Status);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_persistent_5xx_on_status_is_ext_5004_after_the_retries(string engine)
    {
        await using var fake = await FakeProviders.StartAsync();
        for (var i = 0; i < 3; i++)
        {
            fake.NextStatusFailures.Enqueue(502);
        }

        await using var host = new HostedTestHost(fake);

        var error = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync(engine));

        Assert.Equal(ErrorCodes.UpstreamTimeout, error.ErrorCode);
        Assert.Equal(502, error.Details!["upstream_status"]);
        Assert.Equal(System.Net.HttpStatusCode.BadGateway, Assert.IsType<HttpRequestException>(error.InnerException).StatusCode);
        Assert.Equal(3, fake.Calls.Count(c => c.Kind == "status"));
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_refused_key_is_ext_5004_saying_so_without_the_key(string engine)
    {
        await using var fake = await FakeProviders.StartAsync();
        var section = engine switch { "fal" => "Fal:ApiKey", "replicate" => "Replicate:ApiToken", _ => "Fashn:ApiKey" };
        await using var host = new HostedTestHost(fake, new() { ["Drape:Engines:" + section] = "wrong-key-123" });

        var error = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync(engine));

        Assert.Equal(ErrorCodes.UpstreamTimeout, error.ErrorCode);
        Assert.Contains("refused the configured API key (401)", error.Message, StringComparison.Ordinal);
        Assert.Contains("Drape:Engines:" + section, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key-123", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Submits);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task A_job_past_its_deadline_is_ext_5004_and_is_cancelled_upstream(string engine)
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.NeverFinish = true;
        await using var host = new HostedTestHost(fake, new() { [$"Drape:Engines:{Section(engine)}:TimeoutSeconds"] = "1" });

        var error = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync(engine));

        Assert.Equal(ErrorCodes.UpstreamTimeout, error.ErrorCode);
        Assert.IsAssignableFrom<OperationCanceledException>(error.InnerException);
        Assert.Contains("within 1 s", error.Message, StringComparison.Ordinal);
        Assert.Equal(engine == "fashn" ? 0 : 1, fake.Cancels.Count());
    }

    [Fact]
    public async Task A_provider_that_does_not_answer_in_time_is_ext_5004_with_the_timeout_inside()
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.SubmitDelay = TimeSpan.FromSeconds(3);
        await using var host = new HostedTestHost(fake, new() { ["Drape:Engines:Fal:RequestTimeoutSeconds"] = "1" });

        var error = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync("fal"));

        Assert.Equal(ErrorCodes.UpstreamTimeout, error.ErrorCode);
        Assert.IsType<TimeoutRejectedException>(error.InnerException);
    }

    [Fact]
    public async Task An_unreachable_provider_is_ext_5004_with_the_connection_error_inside()
    {
        // Port 9 (discard) on loopback: nothing listens, the connection is refused.
        await using var host = new HostedTestHost(null);

        var error = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync("replicate"));

        Assert.Equal(ErrorCodes.UpstreamTimeout, error.ErrorCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task The_breaker_opens_after_five_failures_and_then_fails_fast_without_calling(string engine)
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.FailSubmitWith = 500;
        await using var host = new HostedTestHost(fake);

        // A 500 to a submission is not retried (the job may have been taken): one call, one failure each.
        for (var i = 0; i < 5; i++)
        {
            var failed = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync(engine));
            Assert.Equal(500, failed.Details!["upstream_status"]);
        }

        Assert.Equal(5, fake.Submits.Count());

        fake.FailSubmitWith = null;
        var open = await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync(engine));
        Assert.Equal(ErrorCodes.UpstreamTimeout, open.ErrorCode);
        Assert.IsAssignableFrom<BrokenCircuitException>(open.InnerException);
        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);
        Assert.Equal(5, fake.Submits.Count());
    }

    [Theory]
    [InlineData(503, 2)]
    [InlineData(429, 2)]
    [InlineData(502, 1)]
    public async Task A_submission_is_retried_only_when_the_provider_surely_did_not_take_it(int status, int submits)
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.NextSubmitFailures.Enqueue(status);
        await using var host = new HostedTestHost(fake);

        var run = host.RunAsync("fal");

        if (submits == 2)
        {
            (await run).Image.Dispose();
        }
        else
        {
            Assert.Equal(status, (await Assert.ThrowsAsync<DrapeException>(() => run)).Details!["upstream_status"]);
        }

        Assert.Equal(submits, fake.Submits.Count());
    }

    [Fact]
    public async Task Each_engine_has_its_own_breaker()
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.FailSubmitWith = 500;
        await using var host = new HostedTestHost(fake);
        for (var i = 0; i < 6; i++)
        {
            await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync("fal"));
        }

        fake.FailSubmitWith = null;
        var output = await host.RunAsync("fashn");

        output.Image.Dispose();
        Assert.Equal(GarmentCategory.Upper, output.Category);
    }

    [Theory]
    [MemberData(nameof(Engines))]
    public async Task Cancelling_stops_the_run_and_cancels_the_job_upstream(string engine)
    {
        await using var fake = await FakeProviders.StartAsync();
        fake.NeverFinish = true;
        await using var host = new HostedTestHost(fake);
        using var cancel = new CancellationTokenSource();
        var progress = new CancelOnRunning(cancel);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.RunAsync(engine, progress: progress, cancellationToken: cancel.Token));

        if (engine == "fashn")
        {
            // FASHN documents no cancel endpoint: the run just stops being polled.
            Assert.Empty(fake.Cancels);
            return;
        }

        var call = Assert.Single(fake.Cancels);
        Assert.Equal(engine == "fal" ? "PUT" : "POST", call.Method);
        Assert.Equal(HostedEngineTests.ExpectedAuthorization(engine), call.Authorization);
        Assert.Single(fake.Submits);
        Assert.StartsWith("req-", call.Path.Split('/')[^2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_key_appears_in_any_log_line_or_error()
    {
        await using var fake = await FakeProviders.StartAsync();
        await using var host = new HostedTestHost(fake);
        var messages = new List<string>();
        foreach (var engine in new[] { "fal", "replicate", "fashn" })
        {
            (await host.RunAsync(engine)).Image.Dispose();
            fake.JobError = "boom";
            messages.Add((await Assert.ThrowsAsync<DrapeException>(() => host.RunAsync(engine))).Message);
            fake.JobError = null;
        }

        var lines = host.Logs.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("submitted request req-", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Authorization", StringComparison.Ordinal)); // header names are logged, values redacted
        foreach (var secret in new[] { FakeProviders.FalKey, FakeProviders.ReplicateToken, FakeProviders.FashnKey, "secret" })
        {
            Assert.DoesNotContain(lines, l => l.Contains(secret, StringComparison.Ordinal));
            Assert.DoesNotContain(messages, m => m.Contains(secret, StringComparison.Ordinal));
        }
    }

    private static string Section(string engine) => engine switch { "fal" => "Fal", "replicate" => "Replicate", _ => "Fashn" };

    /// <summary>Cancels once the engine reports the job running (progress past queued).</summary>
    private sealed class CancelOnRunning(CancellationTokenSource cancel) : IProgress<int>
    {
        public void Report(int value)
        {
            if (value > 10)
            {
                cancel.Cancel();
            }
        }
    }
}

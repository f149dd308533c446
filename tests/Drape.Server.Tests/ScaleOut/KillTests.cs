using System.Net;
using System.Net.Http.Headers;
using Drape.Server.Data;
using Drape.Server.Storage;
using Drape.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Drape.Server.Tests.ScaleOut;

/// <summary>
/// The scale-out proof (issue 7): two API processes and three worker processes on PostgreSQL + Redis + S3. A hundred
/// sessions go in through both API nodes; a worker holding jobs is killed with SIGKILL, twice. Every session must end
/// completed exactly once — one result row, one result blob — with the extra attempts recorded, and one rate limit
/// must hold across both API nodes. Runs in the PostgreSQL pass of <c>scripts/test.sh</c>, which starts all three servers.
/// </summary>
public sealed class KillTests(ITestOutputHelper output)
{
    private const int Sessions = 100;
    private const int ReadLimit = 30;

    private static bool Configured =>
        TestDatabase.UsePostgres && TestS3.Endpoint is not null && Environment.GetEnvironmentVariable("DRAPE_TEST_REDIS") is not null;

    [Fact]
    public async Task Sessions_survive_killed_workers_exactly_once_and_limits_hold_across_nodes()
    {
        if (!Configured)
        {
            return;
        }

        var database = TestDatabase.CreatePostgresDatabase();
        var s3 = TestS3.Options();
        s3.TimeoutSeconds = 60; // one s3rver process serves every test running alongside; give it room
        var redis = $"{Environment.GetEnvironmentVariable("DRAPE_TEST_REDIS")},defaultDatabase=9";
        await using (var admin = await ConnectionMultiplexer.ConnectAsync($"{Environment.GetEnvironmentVariable("DRAPE_TEST_REDIS")},allowAdmin=true"))
        {
            await admin.GetServers()[0].FlushDatabaseAsync(9);
        }

        var dataDir = Directory.CreateTempSubdirectory("drape-kill-").FullName;
        string[] common =
        [
            $"--Drape:DataDir={dataDir}",
            $"--Drape:Models:Path={DrapeFactory.ModelsDir}",
            "--Drape:Database:Provider=postgres",
            $"--Drape:Database:ConnectionString={database}",
            $"--Drape:Redis:ConnectionString={redis}",
            .. TestS3.Settings(s3).Select(s => $"--{s.Key}={s.Value}"),
            $"--Drape:Auth:JwtSecret={Tokens.Secret}",
            "--Drape:Jobs:LeaseSeconds=4",
            "--Drape:Jobs:MaxAttempts=5",
            "--Drape:RateLimits:Ml:PermitsPerMinute=100000",
            "--Drape:RateLimits:Anonymous:PermitsPerMinute=100000",
            $"--Drape:RateLimits:Read:PermitsPerMinute={ReadLimit}",
            "--Drape:RateLimits:Read:Burst=1",
            "--Serilog:MinimumLevel:Default=Warning",
        ];

        var processes = new List<DrapeProcess>();
        try
        {
            using (var migrate = new DrapeProcess(["migrate", .. common]))
            {
                Assert.True(await migrate.WaitForExitAsync(120) == 0, migrate.Output);
            }

            var apis = new List<HttpClient>();
            for (var i = 0; i < 2; i++)
            {
                var url = $"http://127.0.0.1:{DrapeProcess.FreePort()}";
                processes.Add(new DrapeProcess(["serve", "--no-workers", "--urls", url, .. common]));
                apis.Add(new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) });
            }

            DrapeProcess Worker()
            {
                var worker = new DrapeProcess(["worker", "--Drape:Workers:Count=2", .. common]);
                processes.Add(worker);
                return worker;
            }

            var workers = new List<DrapeProcess> { Worker(), Worker(), Worker() };
            foreach (var api in apis)
            {
                await WaitUntilLiveAsync(api, processes);
            }

            // A hundred sessions, alternating between the two API nodes.
            var ids = new List<Guid>();
            for (var i = 0; i < Sessions; i++)
            {
                using var response = await apis[i % 2].PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm(fields: ("category", "upper")));
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"session {i}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                ids.Add(Guid.Parse((string)(await response.ReadObjectAsync())["id"]!));
            }

            // Twice: wait until a worker holds jobs, kill it without warning, start a fresh one in its place. The jobs
            // it held at its death are read after the kill (it may finish one between the look and the kill).
            await using var db = Context(database);
            var killedJobs = new HashSet<Guid>();
            for (var kills = 0; kills < 2;)
            {
                var victim = await HolderAsync(db, workers, TimeSpan.FromMinutes(3));
                victim.KillHard();
                workers.Remove(victim);
                workers.Add(Worker());
                var held = await HeldByAsync(db, victim);
                output.WriteLine($"killed worker {victim.Pid} holding {string.Join(", ", held)}");
                if (held.Count > 0)
                {
                    killedJobs.UnionWith(held);
                    kills++;
                }
            }

            // Every session ends completed.
            var deadline = DateTime.UtcNow.AddMinutes(6);
            List<Job> jobs;
            while (true)
            {
                jobs = await db.Jobs.AsNoTracking().Where(j => ids.Contains(j.Id)).ToListAsync();
                if (jobs.All(j => j.Status is JobStatus.Completed or JobStatus.Failed or JobStatus.Canceled) || DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(500);
            }

            Assert.Equal(Sessions, jobs.Count);
            var notCompleted = jobs.Where(j => j.Status != JobStatus.Completed).Select(j => $"{j.Id}: {j.Status} {j.ErrorCode} {j.ErrorMessage}").ToList();
            Assert.True(notCompleted.Count == 0, string.Join("\n", notCompleted) + "\n" + string.Join("\n", processes.Select(p => p.Output)));

            // Exactly once: one result row and one result blob per session, and the row is the one the session shows.
            var rows = await db.TryOnResults.AsNoTracking().Where(r => r.JobId != null && ids.Contains(r.JobId.Value)).ToListAsync();
            Assert.Equal(Sessions, rows.Count);
            Assert.All(rows.GroupBy(r => r.JobId), g => Assert.Single(g));
            using var store = new S3BlobStore(s3, new FakeTimeProvider(DateTimeOffset.UtcNow));
            var results = await store.ListAsync(BlobKeys.JobsPrefix, default).Where(b => b.Key.EndsWith("/result.png", StringComparison.Ordinal)).ToListAsync();
            Assert.Equal(ids.Select(id => BlobKeys.JobFile(id, "result.png")).Order(StringComparer.Ordinal), results.Select(b => b.Key).Order(StringComparer.Ordinal));
            foreach (var job in jobs)
            {
                var shown = System.Text.Json.JsonSerializer.Deserialize<Features.TryOn.TryOnJobOutput>(job.Output!, Features.TryOn.SessionViews.Json)!;
                Assert.Equal(rows.Single(r => r.JobId == job.Id).Id, shown.ResultId);
            }

            // The attempts are on record: a job a killed worker held ran again.
            Assert.NotEmpty(killedJobs);
            Assert.All(jobs.Where(j => killedJobs.Contains(j.Id)), j => Assert.True(j.Attempts >= 2, $"job {j.Id} has {j.Attempts} attempt(s)"));

            // One read limit of 30 a minute for this user, whichever node the requests reach.
            var token = Tokens.Create("kill-test-reader");
            var admitted = 0;
            for (var i = 0; i < ReadLimit * 2 + 10; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/tryon/sessions/{ids[0]}");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await apis[i % 2].SendAsync(request);
                admitted += response.StatusCode == HttpStatusCode.TooManyRequests ? 0 : 1;
            }

            Assert.InRange(admitted, ReadLimit, ReadLimit + 1); // at most one token refilled while the loop ran
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Dispose();
            }

            TestDatabase.DropPostgresDatabase(database);
        }
    }

    /// <summary>A live worker that holds at least one job's lease right now.</summary>
    private static async Task<DrapeProcess> HolderAsync(DrapeDbContext db, List<DrapeProcess> workers, TimeSpan patience)
    {
        var deadline = DateTime.UtcNow + patience;
        while (DateTime.UtcNow < deadline)
        {
            foreach (var worker in workers.Where(w => !w.HasExited))
            {
                if ((await HeldByAsync(db, worker)).Count > 0)
                {
                    return worker;
                }
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("no worker took a job:\n" + string.Join("\n", workers.Select(w => w.Output)));
    }

    /// <summary>The jobs whose lease a worker process holds (worker ids are <c>machine:pid:loop</c>).</summary>
    private static Task<List<Guid>> HeldByAsync(DrapeDbContext db, DrapeProcess worker)
    {
        var owner = $"{Environment.MachineName}:{worker.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)}:";
        return db.Jobs.AsNoTracking().Where(j => j.Status == JobStatus.Processing && j.LeaseOwner!.StartsWith(owner)).Select(j => j.Id).ToListAsync();
    }

    private static async Task WaitUntilLiveAsync(HttpClient api, List<DrapeProcess> processes)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var live = await api.GetAsync("/health/live");
                if (live.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("an API node did not start:\n" + string.Join("\n", processes.Select(p => p.Output)));
            }

            await Task.Delay(200);
        }
    }

    private static DrapeDbContext Context(string connectionString) =>
        new PostgresDrapeDbContext(new DbContextOptionsBuilder<PostgresDrapeDbContext>().UseNpgsql(connectionString).Options);
}

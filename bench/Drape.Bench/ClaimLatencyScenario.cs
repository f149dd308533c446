using System.Collections.Concurrent;
using System.Diagnostics;
using Drape.Server.Data;
using Drape.Server.Hosting;
using Drape.Server.Jobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Drape.Bench;

/// <summary>
/// Job claim latency under contention: M queued jobs, N claimers racing for them (each claim followed at once by a
/// completion, so the queue drains as fast as the database lets it). Prints claim latency p50/p95/p99/max and claims/s,
/// and checks that no job was claimed twice. SQLite by default; PostgreSQL (SKIP LOCKED) with <c>--postgres SERVER</c>
/// (a server connection string; a fresh database is made and dropped).
/// <c>dotnet run -c Release --project bench/Drape.Bench -- claims --claimers 8 --jobs 400 [--postgres "Host=…;Username=…;Password=…"]</c>
/// </summary>
internal static class ClaimLatencyScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var claimers = BenchArgs.Int(args, "--claimers", 8);
        var count = BenchArgs.Int(args, "--jobs", 400);
        var server = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
        var dataDir = Directory.CreateTempSubdirectory("drape-claims-").FullName;
        var database = server is null ? null : $"drape_bench_{Guid.NewGuid():N}";
        var settings = new List<string> { $"--Drape:DataDir={dataDir}", "--Drape:Workers:Count=0", "--Serilog:MinimumLevel:Default=Warning" };
        if (server is not null)
        {
            await ExecuteAsync(server, $"CREATE DATABASE {database}");
            settings.Add("--Drape:Database:Provider=postgres");
            settings.Add($"--Drape:Database:ConnectionString={new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = database }}");
        }

        try
        {
            using var host = DrapeApp.BuildWorker([.. settings]);
            await DataRegistration.MigrateAsync(host.Services, CancellationToken.None);
            await using (var scope = host.Services.CreateAsyncScope())
            {
                var jobs = Enumerable.Range(0, count).Select(_ => new Job { Id = Guid.CreateVersion7(), Kind = JobKinds.TryOn, Input = "{}" });
                await scope.ServiceProvider.GetRequiredService<JobQueue>().EnqueueAsync(jobs, CancellationToken.None);
            }

            var latencies = new ConcurrentBag<double>();
            var claimed = new ConcurrentBag<Guid>();
            var total = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, claimers).Select(i => Task.Run(async () =>
            {
                var worker = $"bench:{i}";
                while (true)
                {
                    await using var scope = host.Services.CreateAsyncScope();
                    var queue = scope.ServiceProvider.GetRequiredService<JobQueue>();
                    var started = Stopwatch.GetTimestamp();
                    var job = await queue.TryClaimAsync(worker, CancellationToken.None);
                    if (job is null)
                    {
                        return;
                    }

                    latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    claimed.Add(job.Id);
                    await queue.CompleteAsync(job, worker, "{}", CancellationToken.None);
                }
            })));
            total.Stop();

            var sorted = latencies.Order().ToArray();
            double P(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
            var duplicates = claimed.Count - claimed.Distinct().Count();
            Console.WriteLine($"claims: {(server is null ? "sqlite" : "postgres")}, {claimers} claimers, {count} jobs: " +
                $"claim p50 {P(0.50):F2} ms, p95 {P(0.95):F2} ms, p99 {P(0.99):F2} ms, max {sorted[^1]:F2} ms; " +
                $"{claimed.Count / total.Elapsed.TotalSeconds:F0} claims+completions/s; {duplicates} claimed twice");
            return duplicates == 0 && claimed.Count == count ? 0 : 1;
        }
        finally
        {
            if (server is not null)
            {
                Npgsql.NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(server, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            }
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var admin = new Npgsql.NpgsqlConnection(new Npgsql.NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString);
        await admin.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, admin);
        await command.ExecuteNonQueryAsync();
    }
}

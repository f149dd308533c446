using System.Diagnostics;
using System.Text.Json.Nodes;
using Drape.Testing;

namespace Drape.Bench;

/// <summary>
/// Session throughput with N worker processes: one API node (<c>serve --no-workers</c>) and N <c>drape worker</c>
/// processes (one loop each) on SQLite, or on PostgreSQL with <c>--postgres "Host=…;Database=…;…"</c> (an empty
/// database). Submits M sessions, waits until every one is completed, prints sessions/s and the time to first claim.
/// <c>dotnet run -c Release --project bench/Drape.Bench -- throughput --workers 2 --sessions 40 [--postgres CONN]</c>
/// </summary>
internal static class WorkerThroughputScenario
{
    public static async Task<int> RunAsync(string[] args)
    {
        var workers = BenchArgs.Int(args, "--workers", 1);
        var sessions = BenchArgs.Int(args, "--sessions", 40);
        var postgres = args.SkipWhile(a => a != "--postgres").Skip(1).FirstOrDefault();
        var database = postgres is null ? [] : new[] { "--Drape:Database:Provider=postgres", $"--Drape:Database:ConnectionString={postgres}" };
        var dataDir = Directory.CreateTempSubdirectory("drape-throughput-").FullName;
        var processes = new List<Process>();
        try
        {
            processes.Add(LoadScenario.StartServer(18090, dataDir, false, database));
            using var client = new HttpClient { BaseAddress = new Uri("http://127.0.0.1:18090"), Timeout = TimeSpan.FromMinutes(2) };
            await LoadScenario.WaitUntilLiveAsync(client);
            for (var i = 0; i < workers; i++)
            {
                processes.Add(LoadScenario.StartDrape(["worker", "--Drape:Workers:Count=1", .. database], dataDir));
            }

            await Task.Delay(TimeSpan.FromSeconds(5)); // the workers start and load their models
            var person = TestAssets.FixtureBytes("person/full/man-suit-studio.jpg");
            var garment = TestAssets.FixtureBytes("garment/upper/tee-white.png");
            var started = Stopwatch.StartNew();
            var ids = new List<string>();
            for (var i = 0; i < sessions; i++)
            {
                using var form = new MultipartFormDataContent
                {
                    { LoadScenario.Image(person, "image/jpeg"), "person_image", "p.jpg" },
                    { LoadScenario.Image(garment, "image/png"), "garment_image", "g.png" },
                    { new StringContent("upper"), "category" },
                };
                using var response = await client.PostAsync("/api/v1/tryon/sessions", form);
                ids.Add((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!);
            }

            var pending = new HashSet<string>(ids);
            var failed = 0;
            while (pending.Count > 0 && started.Elapsed < TimeSpan.FromMinutes(10))
            {
                foreach (var id in pending.ToList())
                {
                    var status = (string?)JsonNode.Parse(await client.GetStringAsync($"/api/v1/tryon/sessions/{id}"))!["status"];
                    if (status is "completed" or "failed" or "canceled")
                    {
                        failed += status == "completed" ? 0 : 1;
                        pending.Remove(id);
                    }
                }

                await Task.Delay(200);
            }

            var seconds = started.Elapsed.TotalSeconds;
            Console.WriteLine($"{(postgres is null ? "sqlite" : "postgres")}, {workers} worker process(es): {sessions} sessions in {seconds:0.0} s = {sessions / seconds:0.00} sessions/s, {failed} not completed, {pending.Count} unfinished");
            return pending.Count == 0 && failed == 0 ? 0 : 1;
        }
        finally
        {
            foreach (var process in processes)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                process.Dispose();
            }

            Directory.Delete(dataDir, recursive: true);
        }
    }
}

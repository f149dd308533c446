using Drape.Server.Data;
using Drape.Server.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Tests.Platform;

/// <summary>The executable's roles, run as real processes.</summary>
public sealed class ProcessTests
{
    [Fact]
    public async Task A_second_worker_process_finishes_a_job_whose_worker_was_killed()
    {
        await using var factory = new DrapeFactory(new() { ["Drape:Workers:Count"] = "0" });
        var client = factory.CreateClient();
        using var created = await client.PostAsync("/api/v1/tryon/sessions", Fixtures.TryOnForm());
        var id = Guid.Parse((string)(await created.ReadObjectAsync())["id"]!);

        // As if a worker had claimed it and died: processing, attempt 1, its lease already lapsed.
        await factory.DbAsync(db => db.Jobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Processing)
            .SetProperty(j => j.LeaseOwner, "killed-host:4242:0")
            .SetProperty(j => j.LeaseUntil, DateTime.UtcNow.AddSeconds(-5))
            .SetProperty(j => j.Attempts, 1)));

        using var worker = new DrapeProcess(["worker", $"--Drape:DataDir={factory.DataDir}", $"--Drape:Models:Path={DrapeFactory.ModelsDir}", "--Drape:Workers:Count=1", .. factory.DatabaseArguments()]);
        var session = await client.WaitForTerminalAsync(id.ToString(), 90);
        Assert.True((string?)session["status"] == "completed", $"status {session["status"]}; worker output:\n{worker.Output}");
        var job = await factory.DbAsync(db => db.Jobs.AsNoTracking().SingleAsync(j => j.Id == id));
        Assert.Equal(2, job.Attempts);
    }

    [Fact]
    public async Task A_bad_setting_stops_the_server_with_one_line_naming_the_key()
    {
        var dataDir = Directory.CreateTempSubdirectory("drape-badconfig-").FullName;
        using var serve = new DrapeProcess("serve", "--urls", "http://127.0.0.1:0", $"--Drape:DataDir={dataDir}", "--Drape:Jobs:MaxAttempts=0");
        Assert.Equal(2, await serve.WaitForExitAsync());
        var line = Assert.Single(serve.ErrorLines);
        Assert.Contains("Drape:Jobs:MaxAttempts", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", serve.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_creates_the_database_and_exits()
    {
        var dataDir = Directory.CreateTempSubdirectory("drape-migrate-").FullName;
        using var migrate = new DrapeProcess("migrate", $"--Drape:DataDir={dataDir}");
        Assert.Equal(0, await migrate.WaitForExitAsync());
        Assert.True(File.Exists(Path.Combine(dataDir, "drape.db")));
        Assert.Contains("up to date", migrate.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_command_prints_the_usage()
    {
        using var unknown = new DrapeProcess("frobnicate");
        Assert.Equal(64, await unknown.WaitForExitAsync());
        Assert.Contains("Usage: drape", unknown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tryon_writes_the_result_a_side_by_side_and_what_the_engine_saw()
    {
        var folder = Directory.CreateTempSubdirectory("drape-tryon-").FullName;
        var (result, sheet, debug) = (Path.Combine(folder, "r.png"), Path.Combine(folder, "s.png"), Path.Combine(folder, "d.png"));
        using var tryon = new DrapeProcess("tryon", "--person", Drape.Testing.TestAssets.FixturePath("person/upper/woman-business.png"),
            "--garment", Drape.Testing.TestAssets.FixturePath("garment/upper/tee-blue.png"), "--out", result, "--side-by-side", sheet,
            "--debug", debug, $"--Drape:Models:Path={DrapeFactory.ModelsDir}");
        Assert.Equal(0, await tryon.WaitForExitAsync(120));
        Assert.Contains("(upper, flat_lay)", tryon.Output, StringComparison.Ordinal);
        foreach (var path in new[] { result, sheet, debug })
        {
            using var image = SkiaSharp.SKBitmap.Decode(path);
            Assert.NotNull(image);
        }

        using var person = SkiaSharp.SKBitmap.Decode(result);
        using var three = SkiaSharp.SKBitmap.Decode(debug);
        Assert.True(three.Width > 2 * three.Height * person.Width / person.Height, "debug sheet: person | garment | result");
    }
}

using Drape.Server.Data;
using Drape.Server.Hosting;

namespace Drape.Server.Storage;

/// <summary><c>drape storage check [--repair]</c>: reports (and with <c>--repair</c> fixes) rows without blobs and blobs without rows.</summary>
internal static class StorageCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["check", ..])
        {
            await Console.Error.WriteLineAsync("Usage: drape storage check [--repair]");
            return 64;
        }

        var repair = args.Contains("--repair");
        using var host = DrapeApp.BuildDataTool(args[1..].Where(a => a != "--repair").ToArray());
        await DataRegistration.MigrateAsync(host.Services, CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<StorageCheck>().RunAsync(repair, CancellationToken.None);
        foreach (var problem in report.Problems)
        {
            Console.WriteLine($"drape storage: {problem.Kind}: {problem.Subject} ({problem.Detail})");
        }

        Console.WriteLine($"drape storage: {report.RowsChecked} rows and {report.BlobsChecked} blobs checked, {report.Problems.Count} problems, {report.Repaired} repaired");
        return report.Problems.Count == 0 || (repair && report.Repaired == report.Problems.Count) ? 0 : 1;
    }
}

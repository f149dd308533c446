using Drape.Server.Data;
using Drape.Server.Hosting;

namespace Drape.Server.Features.Recommendations.Products.Catalog;

/// <summary>
/// <c>drape catalog import FILE.csv|FILE.jsonl</c> — import or update products, reporting bad rows by line;
/// <c>drape catalog sample DIR [--count N]</c> — write the labelled sample catalogue (then import it).
/// </summary>
internal static class CatalogCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        switch (args)
        {
            case ["import", var file, .. var rest]:
                return await ImportAsync(file, rest);
            case ["sample", var folder, .. var rest]:
                var count = rest.SkipWhile(a => a != "--count").Skip(1).Select(int.Parse).FirstOrDefault(300);
                var path = SampleCatalog.Write(folder, Math.Clamp(count, 1, 10_000));
                Console.WriteLine($"drape catalog: wrote {count} SAMPLE products to {path}");
                return 0;
            default:
                await Console.Error.WriteLineAsync("Usage: drape catalog import FILE.csv|FILE.jsonl | drape catalog sample DIR [--count N]");
                return 64;
        }
    }

    private static async Task<int> ImportAsync(string file, string[] rest)
    {
        if (!File.Exists(file))
        {
            await Console.Error.WriteLineAsync($"drape catalog: {file} does not exist");
            return 1;
        }

        using var host = DrapeApp.BuildDataTool(rest.Where(a => a.StartsWith("--", StringComparison.Ordinal)).ToArray());
        await DataRegistration.MigrateAsync(host.Services, CancellationToken.None);
        await using var scope = host.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<CatalogImporter>();
        try
        {
            var report = await importer.ImportAsync(file, CancellationToken.None);
            foreach (var problem in report.Problems)
            {
                await Console.Error.WriteLineAsync($"drape catalog: line {problem.Line}: {problem.Message}");
            }

            Console.WriteLine($"drape catalog: {report.Added} added, {report.Updated} updated, {report.Problems.Count} rejected");
            return report.Problems.Count == 0 ? 0 : 3;
        }
        catch (InvalidDataException e)
        {
            await Console.Error.WriteLineAsync($"drape catalog: {e.Message}");
            return 1;
        }
    }
}

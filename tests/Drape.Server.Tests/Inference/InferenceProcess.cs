using System.Net;
using Drape.Server.Tests.Support;

namespace Drape.Server.Tests.Inference;

/// <summary>A real <c>drape serve --role inference</c> process on a free local port, ready when constructed.</summary>
public sealed class InferenceProcess : IAsyncLifetime
{
    private DrapeProcess? _process;

    public string BaseUrl { get; } = $"http://127.0.0.1:{DrapeProcess.FreePort()}";

    public string Output => _process?.Output ?? "";

    public async Task InitializeAsync()
    {
        _process = new DrapeProcess("serve", "--role", "inference", "--urls", BaseUrl, $"--Drape:Models:Path={DrapeFactory.ModelsDir}");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            try
            {
                using var ready = await http.GetAsync($"{BaseUrl}/v2/health/ready");
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            if (DateTime.UtcNow > until)
            {
                throw new InvalidOperationException($"the inference process did not become ready:\n{Output}");
            }

            await Task.Delay(200);
        }
    }

    public Task DisposeAsync()
    {
        _process?.Dispose();
        return Task.CompletedTask;
    }
}

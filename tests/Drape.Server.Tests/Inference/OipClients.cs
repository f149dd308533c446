using Drape.Server.Configuration;
using Drape.Server.Engines.Oip;
using Drape.Server.Features.TryOn;
using Drape.Server.Hosting;
using Drape.Server.Tests.Support;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Drape.Server.Tests.Inference;

/// <summary>The client side as an API node composes it: models, the OIP registration, and nothing else.</summary>
internal static class OipClients
{
    public static ServiceProvider Build(string baseUrl, Dictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Drape:Models:Path"] = DrapeFactory.ModelsDir,
            ["Drape:Engines:Oip:BaseUrl"] = baseUrl,
            ["Drape:Engines:Oip:Models:TryOn"] = "tryon-builtin",
            ["Drape:Engines:Oip:RetryBaseDelayMs"] = "0",
        };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddMetrics();
        services.AddSingleton(TimeProvider.System);
        services.AddDrapeOptions<TryOnOptions>(TryOnOptions.Section);
        services.AddVisionModels();
        services.AddOipEngines(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    public static ITryOnEngine Engine(this IServiceProvider services) => services.GetRequiredKeyedService<ITryOnEngine>(OipTryOnEngine.EngineName);

    public static TryOnInput Input(string person = Fixtures.Person, string garment = Fixtures.Garment) =>
        new(Drape.Testing.TestAssets.LoadFixture(person), Drape.Testing.TestAssets.LoadFixture(garment), null, 7);

    public static IEnumerable<Exception> Chain(this Exception e)
    {
        for (var x = (Exception?)e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }
}

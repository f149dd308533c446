using Drape.Server.Engines.Hosted;
using Drape.Vision.TryOn;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Drape.Server.Tests.Engines.Hosted;

/// <summary>Which engines exist for which configuration, and what a bad section says.</summary>
public sealed class HostedRegistrationTests
{
    [Fact]
    public void Without_keys_no_hosted_engine_is_registered()
    {
        using var services = Build([]);

        foreach (var name in new[] { "fal", "replicate", "fashn" })
        {
            Assert.Null(services.GetKeyedService<ITryOnEngine>(name));
        }
    }

    [Fact]
    public void Only_the_engines_with_a_key_are_registered_under_their_names()
    {
        using var services = Build(new() { ["Drape:Engines:Replicate:ApiToken"] = "r8_x", ["Drape:Engines:Fal:ApiKey"] = "  " });

        Assert.Null(services.GetKeyedService<ITryOnEngine>("fal"));
        Assert.Null(services.GetKeyedService<ITryOnEngine>("fashn"));
        var replicate = services.GetRequiredKeyedService<ITryOnEngine>("replicate");
        Assert.Equal("replicate", replicate.Name);
        Assert.IsType<ReplicateTryOnEngine>(replicate);
        Assert.Same(replicate, services.GetRequiredKeyedService<ITryOnEngine>("replicate"));
    }

    [Fact]
    public void The_defaults_are_the_documented_ones()
    {
        using var services = Build(new() { ["Drape:Engines:Fal:ApiKey"] = "k", ["Drape:Engines:Replicate:ApiToken"] = "t", ["Drape:Engines:Fashn:ApiKey"] = "f" });

        var fal = services.GetRequiredService<IOptions<FalOptions>>().Value;
        var replicate = services.GetRequiredService<IOptions<ReplicateOptions>>().Value;
        var fashn = services.GetRequiredService<IOptions<FashnOptions>>().Value;
        Assert.Equal(("https://queue.fal.run", "fal-ai/idm-vton"), (fal.BaseUrl, fal.Model));
        Assert.Equal(("https://api.replicate.com", ReplicateOptions.IdmVtonVersion), (replicate.BaseUrl, replicate.Version));
        Assert.Equal(("https://api.fashn.ai", "balanced", "tryon-v1.6"), (fashn.BaseUrl, fashn.Mode, fashn.ModelName));
        Assert.Equal((1000, 120, 5), (fal.PollIntervalMs, fal.TimeoutSeconds, fal.BreakerFailures));
        Assert.Equal("fal-ai/idm-vton", services.GetRequiredKeyedService<ITryOnEngine>("fal").Model());
    }

    [Theory]
    [InlineData("Drape:Engines:Fashn:Mode", "fastest", "Drape:Engines:Fashn:Mode: must be performance, balanced or quality")]
    [InlineData("Drape:Engines:Replicate:Version", "latest", "Drape:Engines:Replicate:Version: must be a Replicate model version id")]
    [InlineData("Drape:Engines:Fal:Model", "not a model", "Drape:Engines:Fal:Model: must be a fal model id")]
    [InlineData("Drape:Engines:Fal:PollIntervalMs", "0", "Drape:Engines:Fal:PollIntervalMs")]
    public void A_bad_setting_fails_with_its_full_key(string key, string value, string expected)
    {
        using var services = Build(new()
        {
            ["Drape:Engines:Fal:ApiKey"] = "k",
            ["Drape:Engines:Replicate:ApiToken"] = "t",
            ["Drape:Engines:Fashn:ApiKey"] = "f",
            [key] = value,
        });
        var engine = key.Split(':')[2].ToLowerInvariant();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredKeyedService<ITryOnEngine>(engine));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Registering_twice_adds_each_engine_once()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Drape:Engines:Fal:ApiKey"] = "k" }).Build();
        var services = new ServiceCollection();
        services.AddHostedTryOnEngines(configuration);
        services.AddHostedTryOnEngines(configuration);

        Assert.Single(services, d => d.IsKeyedService && Equals(d.ServiceKey, "fal") && d.ServiceType == typeof(ITryOnEngine));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddHostedTryOnEngines(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}

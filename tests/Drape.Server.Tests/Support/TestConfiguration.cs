using Microsoft.Extensions.Configuration;

namespace Drape.Server.Tests.Support;

/// <summary>Configuration for a bare test container: defaults, then a test's settings over them.</summary>
internal static class TestConfiguration
{
    /// <summary>A null setting is a missing key (in-memory configuration would otherwise bind the null).</summary>
    public static IConfigurationRoot Build(Dictionary<string, string?> defaults, Dictionary<string, string?>? settings)
    {
        foreach (var (key, value) in settings ?? [])
        {
            if (value is null)
            {
                defaults.Remove(key);
            }
            else
            {
                defaults[key] = value;
            }
        }

        return new ConfigurationBuilder().AddInMemoryCollection(defaults).Build();
    }
}

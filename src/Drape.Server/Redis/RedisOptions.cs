namespace Drape.Server.Redis;

/// <summary>
/// <c>Drape:Redis</c>: when set, rate-limit buckets are shared by every node (atomic Lua) and HybridCache uses Redis as
/// its second level. Without it each node keeps its own (the embedded default).
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Drape:Redis";

    /// <summary>StackExchange.Redis configuration, e.g. <c>redis:6379,password=…</c>.</summary>
    public string? ConnectionString { get; set; }

    public bool IsEnabled => !string.IsNullOrWhiteSpace(ConnectionString);
}

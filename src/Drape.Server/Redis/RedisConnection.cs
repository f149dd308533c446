using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Drape.Server.Redis;

/// <summary>
/// One multiplexer per process, connecting in the background: a Redis that is down at start does not stop Drape
/// (<c>AbortOnConnectFail=false</c>), callers see <see cref="RedisConnectionException"/> and fall back.
/// </summary>
public sealed class RedisConnection(IOptions<RedisOptions> options) : IDisposable
{
    private readonly Lazy<ConnectionMultiplexer> _multiplexer = new(() =>
    {
        var configuration = ConfigurationOptions.Parse(options.Value.ConnectionString!);
        configuration.AbortOnConnectFail = false;
        configuration.ConnectTimeout = 2000;
        configuration.SyncTimeout = 2000;
        configuration.AsyncTimeout = 2000;
        return ConnectionMultiplexer.Connect(configuration);
    });

    public bool IsEnabled => options.Value.IsEnabled;

    public IConnectionMultiplexer Multiplexer => _multiplexer.Value;

    public IDatabase Database => Multiplexer.GetDatabase();

    public void Dispose()
    {
        if (_multiplexer.IsValueCreated)
        {
            _multiplexer.Value.Dispose();
        }
    }
}

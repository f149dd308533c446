using System.Threading.Channels;
using Drape.Server.Data;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Drape.Server.Jobs;

/// <summary>
/// On PostgreSQL, job signals cross processes and machines: local signals go out as <c>NOTIFY drape_jobs</c> and
/// other nodes' notifications wake local workers and event streams at once (instead of at their next poll). Each
/// payload carries the sending node's id, so a node ignores its own. A lost connection is re-opened after a second;
/// polling covers the gap. Does nothing on SQLite.
/// </summary>
public sealed class PostgresJobNotifications(IOptions<DatabaseOptions> database, JobSignals signals, ILogger<PostgresJobNotifications> logger) : BackgroundService
{
    public const string Channel = "drape_jobs";

    private readonly string _node = Guid.NewGuid().ToString("N");
    private readonly Channel<string> _outbox = System.Threading.Channels.Channel.CreateBounded<string>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!database.Value.IsPostgres)
        {
            return;
        }

        signals.Published += Publish;
        try
        {
            await Task.WhenAll(ListenAsync(stoppingToken), SendAsync(stoppingToken));
        }
        finally
        {
            signals.Published -= Publish;
        }
    }

    private void Publish(string kind) => _outbox.Writer.TryWrite(kind);

    private async Task ListenAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(database.Value.ConnectionString);
                await connection.OpenAsync(stoppingToken);
                connection.Notification += (_, e) =>
                {
                    var parts = e.Payload.Split(':', 2);
                    if (parts.Length == 2 && parts[0] != _node)
                    {
                        signals.FromPeer(parts[1]);
                    }
                };
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or InvalidOperationException or IOException)
            {
                logger.LogWarning(e, "Listening for job notifications failed; retrying in a second (polling covers the gap)");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private async Task SendAsync(CancellationToken stoppingToken)
    {
        await using var source = NpgsqlDataSource.Create(database.Value.ConnectionString!);
        await foreach (var kind in _outbox.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await using var command = source.CreateCommand("SELECT pg_notify($1, $2)");
                command.Parameters.AddWithValue(Channel);
                command.Parameters.AddWithValue($"{_node}:{kind}");
                await command.ExecuteNonQueryAsync(stoppingToken);
            }
            catch (NpgsqlException e)
            {
                logger.LogDebug(e, "A job notification could not be sent; other nodes will poll");
            }
        }
    }
}

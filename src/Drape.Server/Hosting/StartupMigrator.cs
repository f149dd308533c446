using Drape.Server.Data;
using Microsoft.Extensions.Options;

namespace Drape.Server.Hosting;

/// <summary>With <c>Drape:Database:AutoMigrate</c> (default on), the schema is brought up to date before anything else starts.</summary>
internal sealed class StartupMigrator(IServiceProvider services, IOptions<DatabaseOptions> options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.AutoMigrate ? DataRegistration.MigrateAsync(services, cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

using Drape.Server.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Drape.Server.Data;

public static class DataRegistration
{
    public static IServiceCollection AddDrapeData(this IServiceCollection services)
    {
        services.AddDrapeOptions<DatabaseOptions>(DatabaseOptions.Section);
        services.AddSingleton<SqlitePragmas>();
        services.AddDbContext<DrapeDbContext>((sp, db) =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var drape = sp.GetRequiredService<IOptions<DrapeOptions>>().Value;
            db.UseSqlite(ConnectionString(options, drape), sqlite => sqlite.MigrationsAssembly(typeof(DrapeDbContext).Assembly.FullName));
            db.AddInterceptors(sp.GetRequiredService<SqlitePragmas>());
        });
        services.AddDbContext<PostgresDrapeDbContext>((sp, db) =>
            db.UseNpgsql(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString));

        // Everything asks for DrapeDbContext; the provider decides which one it gets.
        services.Replace(ServiceDescriptor.Scoped<DrapeDbContext>(sp => sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.IsPostgres
            ? sp.GetRequiredService<PostgresDrapeDbContext>()
            : ActivatorUtilities.CreateInstance<DrapeDbContext>(sp, sp.GetRequiredService<DbContextOptions<DrapeDbContext>>())));
        return services;
    }

    public static string ConnectionString(DatabaseOptions options, DrapeOptions drape)
    {
        if (!string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            return options.ConnectionString;
        }

        Directory.CreateDirectory(drape.DataDirFullPath);
        return $"Data Source={Path.Combine(drape.DataDirFullPath, "drape.db")};Default Timeout=30";
    }

    /// <summary>Creates or upgrades the schema (<c>drape migrate</c>, and at start when AutoMigrate is on).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DrapeDbContext>();
        await db.Database.MigrateAsync(cancellationToken);
    }
}

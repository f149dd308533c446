using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Drape.Server.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build the context without starting the server.</summary>
internal sealed class DesignTimeFactory : IDesignTimeDbContextFactory<DrapeDbContext>
{
    public DrapeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<DrapeDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>The PostgreSQL context for <c>dotnet ef migrations add … --context PostgresDrapeDbContext</c> (no connection is opened).</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresDrapeDbContext>
{
    public PostgresDrapeDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresDrapeDbContext>().UseNpgsql("Host=localhost;Database=drape_design").Options);
}

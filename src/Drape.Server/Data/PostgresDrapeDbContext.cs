using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Data;

/// <summary>The same model on PostgreSQL (<c>Drape:Database:Provider=postgres</c>), with its own migrations.</summary>
public sealed class PostgresDrapeDbContext(DbContextOptions<PostgresDrapeDbContext> options) : DrapeDbContext(options);

using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Data;

/// <summary>Provider-neutral reading of database errors.</summary>
public static class DbErrors
{
    /// <summary>A unique index refused the row (SQLite constraint error 19, PostgreSQL 23505).</summary>
    public static bool IsUniqueViolation(DbUpdateException error) => error.InnerException switch
    {
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteErrorCode == 19,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };
}

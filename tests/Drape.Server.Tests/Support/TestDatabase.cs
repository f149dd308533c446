using Npgsql;

namespace Drape.Server.Tests.Support;

/// <summary>
/// Which database the integration tests run on. By default SQLite (a file per factory); with
/// <c>DRAPE_TEST_DATABASE=postgres</c> and <c>DRAPE_TEST_POSTGRES</c> (a server connection string, e.g.
/// <c>Host=127.0.0.1;Username=drape;Password=drape</c>) every factory gets its own fresh PostgreSQL database.
/// <c>scripts/test.sh</c> runs the server tests both ways.
/// </summary>
internal static class TestDatabase
{
    public static bool UsePostgres => Environment.GetEnvironmentVariable("DRAPE_TEST_DATABASE") == "postgres";

    private static string Server => Environment.GetEnvironmentVariable("DRAPE_TEST_POSTGRES")
        ?? throw new InvalidOperationException("DRAPE_TEST_DATABASE=postgres needs DRAPE_TEST_POSTGRES (a server connection string).");

    public static string CreatePostgresDatabase()
    {
        var name = $"drape_test_{Guid.NewGuid():N}";
        using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString))
        {
            connection.Open();
            using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(Server) { Database = name }.ConnectionString;
    }

    public static void DropPostgresDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server) { Database = "postgres" }.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
            command.ExecuteNonQuery();
        }
        catch (NpgsqlException)
        {
            // Left behind on a shared server; harmless (each name is unique).
        }
    }
}

using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Data;

/// <summary><c>Drape:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Drape:Database";

    /// <summary><c>sqlite</c> (default). <c>postgres</c> arrives with the scale-out work.</summary>
    [Required]
    [RegularExpression("^(sqlite)$", ErrorMessage = "must be 'sqlite' (PostgreSQL support is not built yet)")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Defaults to <c>Data Source=&lt;DataDir&gt;/drape.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when <c>drape serve</c> or <c>drape worker</c> starts.</summary>
    public bool AutoMigrate { get; set; } = true;
}

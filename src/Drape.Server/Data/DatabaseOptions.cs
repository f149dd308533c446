using System.ComponentModel.DataAnnotations;

namespace Drape.Server.Data;

/// <summary><c>Drape:Database</c>.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Drape:Database";

    /// <summary><c>sqlite</c> (default, one machine) or <c>postgres</c> (several machines; needs <see cref="ConnectionString"/>).</summary>
    [Required]
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "must be 'sqlite' or 'postgres'")]
    public string Provider { get; set; } = "sqlite";

    public bool IsPostgres => Provider == "postgres";

    /// <summary>Defaults to <c>Data Source=&lt;DataDir&gt;/drape.db</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations when <c>drape serve</c> or <c>drape worker</c> starts.</summary>
    public bool AutoMigrate { get; set; } = true;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsPostgres && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult("is required with Provider=postgres (e.g. Host=db;Database=drape;Username=drape;Password=…)", [nameof(ConnectionString)]);
        }
    }
}

using Microsoft.EntityFrameworkCore;

namespace Drape.Server.Data;

/// <summary>
/// The database. On SQLite it is this class; on PostgreSQL, <see cref="PostgresDrapeDbContext"/> (same model, its own
/// migrations in <c>Data/Migrations/Postgres</c>).
/// </summary>
public class DrapeDbContext : DbContext
{
    public DrapeDbContext(DbContextOptions<DrapeDbContext> options)
        : base(options)
    {
    }

    protected DrapeDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Job> Jobs => Set<Job>();

    public DbSet<TryOnResult> TryOnResults => Set<TryOnResult>();

    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    public DbSet<CatalogProduct> CatalogProducts => Set<CatalogProduct>();

    public DbSet<Garment> Garments => Set<Garment>();

    public DbSet<Avatar> Avatars => Set<Avatar>();

    public DbSet<UserPreferences> UserPreferences => Set<UserPreferences>();

    /// <summary>Every timestamp is UTC; SQLite keeps no kind, so it is restored on read.</summary>
    protected sealed override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        value => value.Kind == DateTimeKind.Utc ? value : value.ToUniversalTime(),
        value => DateTime.SpecifyKind(value, DateTimeKind.Utc));

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Job>(job =>
        {
            job.ToTable("jobs");
            job.Property(j => j.Kind).HasMaxLength(32);
            job.Property(j => j.Status).HasConversion(s => s.ToWire(), s => Enum.Parse<JobStatus>(s, true)).HasMaxLength(16);
            job.Property(j => j.UserId).HasMaxLength(128);
            job.Property(j => j.IdempotencyKey).HasMaxLength(400);
            job.Property(j => j.RequestHash).HasMaxLength(64);
            job.Property(j => j.WebhookUrl).HasMaxLength(2048);
            job.Property(j => j.LeaseOwner).HasMaxLength(128);
            job.HasIndex(j => new { j.Status, j.NotBefore, j.CreatedAt });
            job.HasIndex(j => j.ExpiresAt);
            job.HasIndex(j => j.BatchId);
            job.HasIndex(j => j.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        });

        modelBuilder.Entity<TryOnResult>(result =>
        {
            result.ToTable("tryon_results");
            result.Property(r => r.Category).HasMaxLength(16);
            result.Property(r => r.Engine).HasMaxLength(32);
            result.Property(r => r.DegradedReason).HasMaxLength(500);
            result.Property(r => r.UserId).HasMaxLength(128);
            result.HasIndex(r => r.JobId);
            result.HasIndex(r => r.ExpiresAt);
            result.HasIndex(r => new { r.UserId, r.CreatedAt });
        });

        modelBuilder.Entity<WebhookDelivery>(delivery =>
        {
            delivery.ToTable("webhook_deliveries");
            delivery.Property(d => d.Url).HasMaxLength(2048);
            delivery.Property(d => d.Status).HasConversion(s => s.ToString().ToLowerInvariant(), s => Enum.Parse<WebhookDeliveryStatus>(s, true)).HasMaxLength(16);
            delivery.HasIndex(d => new { d.Status, d.NextAttemptAt });
            delivery.HasIndex(d => d.JobId);
        });

        modelBuilder.Entity<CatalogProduct>(product =>
        {
            product.ToTable("catalog_products");
            product.Property(p => p.Sku).HasMaxLength(128);
            product.Property(p => p.Title).HasMaxLength(300);
            product.Property(p => p.Description).HasMaxLength(4000);
            product.Property(p => p.Currency).HasMaxLength(3);
            product.Property(p => p.Category).HasMaxLength(16);
            product.Property(p => p.Colour).HasMaxLength(64);
            product.Property(p => p.ColourHex).HasMaxLength(7);
            product.Property(p => p.ImageUrl).HasMaxLength(2048);
            product.Property(p => p.ImageKey).HasMaxLength(256);
            product.Property(p => p.ProductUrl).HasMaxLength(2048);
            product.HasIndex(p => p.Sku).IsUnique();
            product.HasIndex(p => new { p.Category, p.Price });
        });

        modelBuilder.Entity<Garment>(garment =>
        {
            garment.ToTable("garments");
            garment.Property(g => g.UserId).HasMaxLength(128);
            garment.Property(g => g.Category).HasMaxLength(16);
            garment.Property(g => g.Name).HasMaxLength(120);
            garment.Property(g => g.Brand).HasMaxLength(80);
            garment.Property(g => g.Notes).HasMaxLength(1000);
            garment.Property(g => g.PrimaryColour).HasMaxLength(40);
            garment.Property(g => g.Tags).HasConversion(JsonColumn<List<string>>.Converter, JsonColumn<List<string>>.Comparer).HasMaxLength(2000);
            garment.Property(g => g.Colours).HasConversion(JsonColumn<List<GarmentColour>>.Converter, JsonColumn<List<GarmentColour>>.Comparer).HasMaxLength(2000);
            garment.HasIndex(g => new { g.UserId, g.CreatedAt, g.Id });
        });

        modelBuilder.Entity<Avatar>(avatar =>
        {
            avatar.ToTable("avatars");
            avatar.Property(a => a.UserId).HasMaxLength(128);
            avatar.Property(a => a.Name).HasMaxLength(120);
            avatar.Property(a => a.ContentType).HasMaxLength(32);
            avatar.HasIndex(a => new { a.UserId, a.CreatedAt });
        });

        modelBuilder.Entity<UserPreferences>(preferences =>
        {
            preferences.ToTable("user_preferences");
            preferences.HasKey(p => p.UserId);
            preferences.Property(p => p.UserId).HasMaxLength(128);
            preferences.Property(p => p.Palette).HasMaxLength(16);
            preferences.Property(p => p.Sizes).HasConversion(JsonColumn<Dictionary<string, string>>.Converter, JsonColumn<Dictionary<string, string>>.Comparer).HasMaxLength(2000);
            preferences.Property(p => p.Styles).HasConversion(JsonColumn<List<string>>.Converter, JsonColumn<List<string>>.Comparer).HasMaxLength(2000);
        });

        SnakeCaseNames.Apply(modelBuilder);
    }
}
